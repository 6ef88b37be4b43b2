// The documents / sparse path shared by Pipeline, FeatureUnion and ColumnTransformer: a
// vectorizer's CSR result goes on to the next step as CSR (estimators with a sparse path use
// it, the others densify, capped), as scikit-learn passes scipy matrices between steps.

#include "estimators/pipeline/steps.hpp"
#include "estimators/utils/nodes.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::pipeline {

SparseFlow as_flow(SparseTransform t, const Estimator& who, std::size_t rows, DType* dtype) {
  if (auto* csr = std::get_if<CsrMatrix>(&t)) {
    if (csr->rows != static_cast<std::int64_t>(rows))
      throw InputError(who.type_name() + " changed the number of rows");
    if (dtype) *dtype = DType::float64();
    return std::move(*csr);
  }
  const NdArray& a = std::get<NdArray>(t);
  if (a.ndim() != 2 || !a.is_numeric())
    throw UnsupportedError(who.type_name() + " produced a " + std::to_string(a.ndim()) + "-d " +
                           a.dtype().name() + " array where a numeric 2-d array is needed");
  if (a.dim(0) != static_cast<std::int64_t>(rows))
    throw InputError(who.type_name() + " changed the number of rows");
  if (dtype) *dtype = a.dtype();
  return to_matrix(a);
}

SparseFlow transform_sparse_flow(const Estimator& est, const SparseFlow& X, DType* dtype) {
  if (const auto* csr = std::get_if<CsrMatrix>(&X))
    return as_flow(est.transform_sparse(*csr), est, static_cast<std::size_t>(csr->rows), dtype);
  return transform_matrix(est, std::get<Matrix>(X), dtype);
}

NdArray run_flow(const Estimator& est, Method m, const SparseFlow& X) {
  if (const auto* csr = std::get_if<CsrMatrix>(&X)) return est.run_sparse(m, *csr);
  return est.run(m, std::get<Matrix>(X));
}

NdArray flow_array(const SparseFlow& X, const DType& dtype) {
  if (const auto* m = std::get_if<Matrix>(&X)) return matrix_as(*m, dtype);
  return matrix_as(to_matrix(std::get<CsrMatrix>(X)), dtype);
}

Matrix flow_matrix(SparseFlow X) {
  if (auto* m = std::get_if<Matrix>(&X)) return std::move(*m);
  return to_matrix(std::get<CsrMatrix>(X));
}

CsrMatrix hstack_csr(const std::vector<SparseFlow>& blocks, std::int64_t rows) {
  // scipy.sparse.hstack(blocks).tocsr(): a dense block becomes its nonzero entries.
  CsrMatrix out;
  out.rows = rows;
  out.cols = 0;
  std::vector<std::int64_t> offsets;
  for (const SparseFlow& b : blocks) {
    offsets.push_back(out.cols);
    out.cols += std::visit([](const auto& x) -> std::int64_t {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, Matrix>) return x.cols();
      else return x.cols;
    }, b);
  }
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (const auto* m = std::get_if<Matrix>(&blocks[k])) {
        for (Eigen::Index j = 0; j < m->cols(); ++j) {
          if ((*m)(r, j) == 0.0) continue;
          out.indices.push_back(offsets[k] + j);
          out.data.push_back((*m)(r, j));
        }
      } else {
        const CsrMatrix& c = std::get<CsrMatrix>(blocks[k]);
        for (std::int64_t i = c.indptr[static_cast<std::size_t>(r)];
             i < c.indptr[static_cast<std::size_t>(r) + 1]; ++i) {
          out.indices.push_back(offsets[k] + c.indices[static_cast<std::size_t>(i)]);
          out.data.push_back(c.data[static_cast<std::size_t>(i)]);
        }
      }
    }
    out.indptr.push_back(static_cast<std::int64_t>(out.data.size()));
  }
  return out;
}

std::vector<std::string_view> column_documents(const Table& X, const std::string& who) {
  if (X.n_cols() != 1)
    throw InputError(who + " takes one text column, got " + std::to_string(X.n_cols()));
  const Column& c = X.column(0);
  if (c.type() != ColumnType::String)
    throw InputError(who + ": column " + c.name() + " is " + to_string(c.type()) +
                     ", not text (documents must be str)");
  std::vector<std::string_view> docs(X.n_rows());
  for (std::size_t i = 0; i < X.n_rows(); ++i) {
    if (c.is_missing(i))
      throw InputError(who + ": row " + std::to_string(i) + " of column " + c.name() +
                       " is missing (np.nan is an invalid document, expected byte or unicode "
                       "string)");
    docs[i] = c.string_at(i);
  }
  return docs;
}

}  // namespace skops::estimators::detail::pipeline
