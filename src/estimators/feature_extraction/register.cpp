// sklearn.feature_extraction: the text vectorizers and TfidfTransformer.

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
}

}  // namespace skops::estimators
