#pragma once
// sklearn.feature_extraction internals shared by its files: the builders and writers
// registered in register.cpp (io.cpp), and CSR helpers.

#include <memory>

#include "estimators/utils/sparse.hpp"
#include "skops/estimators/feature_extraction.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::feature_extraction {

/// normalize(X, norm, copy=False) of the vectorizers' norm parameter.
inline void normalize_rows(CsrMatrix& X, TfidfTransformer::Norm norm) {
  detail::normalize_rows(X, norm == TfidfTransformer::Norm::L1   ? detail::RowNorm::L1
                            : norm == TfidfTransformer::Norm::L2 ? detail::RowNorm::L2
                                                                 : detail::RowNorm::None);
}
using detail::dense_array;

/// Appends `row` ((column, value) in input order) to X as scipy's sum_duplicates leaves it:
/// csr_sort_indices' std::sort on the column alone — with libstdc++, which scipy is built
/// with, so equal columns end in the same order — then equal columns summed in that order
/// (which decides the last bit of a sum of three or more non-integers).
void append_summed_row(std::vector<std::pair<std::int64_t, double>>& row, CsrMatrix& X);

std::unique_ptr<TfidfTransformer> build_tfidf_transformer(const ObjectView& obj);
void save_tfidf_transformer(const TfidfTransformer& est, ObjectWriter& w);
std::unique_ptr<CountVectorizer> build_count_vectorizer(const ObjectView& obj);
void save_count_vectorizer(const CountVectorizer& est, ObjectWriter& w);
std::unique_ptr<HashingVectorizer> build_hashing_vectorizer(const ObjectView& obj);
void save_hashing_vectorizer(const HashingVectorizer& est, ObjectWriter& w);
std::unique_ptr<DictVectorizer> build_dict_vectorizer(const ObjectView& obj);
void save_dict_vectorizer(const DictVectorizer& est, ObjectWriter& w);
std::unique_ptr<FeatureHasher> build_feature_hasher(const ObjectView& obj);
void save_feature_hasher(const FeatureHasher& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::feature_extraction
