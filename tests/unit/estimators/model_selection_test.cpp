// Unit tests of sklearn.model_selection: GridSearchCV and RandomizedSearchCV
// (src/estimators/model_selection/), on the zoo's wrapper models of both versions.

#include "zoo_wrappers.hpp"

#include <algorithm>

#include "skops/error.hpp"
#include "skops/estimators/model_selection.hpp"

namespace {

const char* const kVersions[] = {"sklearn-1.2.1", "sklearn-1.4.2"};

TEST(SearchCV, GridSearchPipelineSvcMatchesScikitLearn) {
  for (const char* v : kVersions)
    zoo_wrappers::check_zoo_model(v, "wrap_gridsearch_pipeline_svc",
                                  "sklearn.model_selection._search.GridSearchCV");
}

TEST(SearchCV, RandomizedSearchHgbMatchesScikitLearn) {
  for (const char* v : kVersions)
    zoo_wrappers::check_zoo_model(v, "wrap_randomized_hgb",
                                  "sklearn.model_selection._search.RandomizedSearchCV");
}

// cv_results_ holds numpy masked arrays, which Python skops trusts by default: so does
// skops-cpp (their data and mask are audited as nodes of their own). The scorer stays
// untrusted as in Python.
TEST(SearchCV, MaskedArraysAreTrustedAsInPythonTheScorerIsNot) {
  namespace ts = skops::testing_support;
  for (const char* v : kVersions) {
    const std::string path = ts::data_path(std::string("zoo/") + v + "/wrap_gridsearch_pipeline_svc.skops");
    const auto report = skops::audit_file(path);
    // Exactly what Python skops asks to trust: the scorer (its name moved in 1.4).
    const std::string scorer = std::string(v) == "sklearn-1.2.1"
                                   ? "sklearn.metrics._scorer._passthrough_scorer"
                                   : "sklearn.metrics._scorer._PassthroughScorer";
    EXPECT_EQ(report.untrusted, std::vector<std::string>{scorer}) << v;
  }
}

}  // namespace
