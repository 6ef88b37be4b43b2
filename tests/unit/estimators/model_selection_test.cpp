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

TEST(SearchCV, MaskedArraysOfCvResultsStayUntrustedByDefault) {
  namespace ts = skops::testing_support;
  skops::LoadOptions o;
  o.trusted = {"sklearn.metrics._scorer._passthrough_scorer"};
  try {
    skops::load(ts::data_path("zoo/sklearn-1.2.1/wrap_gridsearch_pipeline_svc.skops"), o);
    ADD_FAILURE() << "loaded without trusting numpy.ma.core.MaskedArray";
  } catch (const skops::UntrustedTypeError& e) {
    const auto types = e.types();
    EXPECT_NE(std::find(types.begin(), types.end(), "numpy.ma.core.MaskedArray"), types.end());
  }
}

}  // namespace
