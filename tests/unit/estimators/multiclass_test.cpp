// Unit tests of sklearn.multiclass: OneVsRestClassifier (src/estimators/multiclass/), on the
// zoo's wrapper models of both versions.

#include "zoo_wrappers.hpp"

#include "skops/estimators/multiclass.hpp"

namespace {

TEST(OneVsRest, LogisticRegressionPerClassMatchesScikitLearn) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"})
    zoo_wrappers::check_zoo_model(v, "wrap_ovr_ovo", "sklearn.multiclass.OneVsRestClassifier");
}

}  // namespace
