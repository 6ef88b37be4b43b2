// sklearn.feature_extraction: the text vectorizers, TfidfTransformer, DictVectorizer and
// FeatureHasher.

#include "estimators/builtins.hpp"
#include "estimators/feature_extraction/internal.hpp"

namespace skops::estimators {

void register_feature_extraction(TypeRegistry& reg) {
  using namespace detail::feature_extraction;
  reg.add<TfidfTransformer>("sklearn.feature_extraction.text.TfidfTransformer",
                            build_tfidf_transformer, save_tfidf_transformer);
  reg.add<CountVectorizer>("sklearn.feature_extraction.text.CountVectorizer",
                           build_count_vectorizer, save_count_vectorizer);
  reg.add<CountVectorizer>("sklearn.feature_extraction.text.TfidfVectorizer",
                           build_count_vectorizer, save_count_vectorizer);
  reg.add<HashingVectorizer>("sklearn.feature_extraction.text.HashingVectorizer",
                             build_hashing_vectorizer, save_hashing_vectorizer);
  reg.add<DictVectorizer>("sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
                          build_dict_vectorizer, save_dict_vectorizer);
  reg.add<FeatureHasher>("sklearn.feature_extraction._hash.FeatureHasher", build_feature_hasher,
                         save_feature_hasher);
}

}  // namespace skops::estimators
