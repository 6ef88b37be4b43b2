// Unit tests of sklearn.feature_selection: univariate selectors, VarianceThreshold (src/estimators/feature_selection/).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/feature_selection.hpp"
#include "skops/estimators/neural_network.hpp"
#include "skops/estimators/svm.hpp"
#include "test_support.hpp"
#include "zoo_wrappers.hpp"

namespace skops {
namespace {

using estimators::FeatureSelector;
using estimators::SelectorKind;
using estimators::SelectorParams;
using testing_support::f64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

TEST(FeatureSelectionTest, KBestIsStableWithNaNLowest) {
  SelectorParams p;
  p.scores = f64({1, 3, 3, 2, std::nan("")});
  p.k = 1;
  auto one = FeatureSelector::from_arrays(p);
  EXPECT_EQ(one->support(), (std::vector<bool>{false, false, true, false, false}));
  p.k = 2;
  auto two = FeatureSelector::from_arrays(p);
  EXPECT_EQ(two->support(), (std::vector<bool>{false, true, true, false, false}));
  const Matrix X = mat({{10, 11, 12, 13, 14}});
  EXPECT_EQ(values(two->transform(X)), (std::vector<double>{11, 12}));
  ts::expect_round_trip(*two, X, {Method::Transform});
  p.k_all = true;
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(), std::vector<bool>(5, true));
}

TEST(FeatureSelectionTest, PercentileAndPvalueFilters) {
  SelectorParams p;
  p.kind = SelectorKind::Percentile;
  p.scores = f64({1, 2, 3, 4});
  p.pvalues = f64({0.5, 0.04, 0.01, 0.001});
  p.percentile = 50;
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(),
            (std::vector<bool>{false, false, true, true}));
  p.scores = f64({5, 5, 5, 5});  // all tie: int(4 * 50 / 100) = 2 kept, the first ones
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(),
            (std::vector<bool>{true, true, false, false}));
  p.kind = SelectorKind::Fpr;
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(),
            (std::vector<bool>{false, true, true, true}));
  p.kind = SelectorKind::Fwe;  // p < 0.05 / 4
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(),
            (std::vector<bool>{false, false, true, true}));
  p.kind = SelectorKind::Fdr;  // sorted p <= 0.0125 * rank: 0.001, 0.01 (0.04 > 0.0375)
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(),
            (std::vector<bool>{false, false, true, true}));
  p.kind = SelectorKind::Generic;
  p.mode = "fpr";
  EXPECT_EQ(FeatureSelector::from_arrays(p)->support(),
            (std::vector<bool>{false, true, true, true}));
  p.pvalues = NdArray();
  EXPECT_THROW(FeatureSelector::from_arrays(p), ValidationError);
  p.mode = "k_best";
  p.k = 0;
  auto none = FeatureSelector::from_arrays(p);
  EXPECT_EQ(none->transform(mat({{1, 2, 3, 4}})).shape(), (std::vector<std::int64_t>{1, 0}));
}

TEST(FeatureSelectionTest, VarianceThresholdAcceptsNaN) {
  SelectorParams p;
  p.kind = SelectorKind::VarianceThreshold;
  p.variances = f64({0, 0.5, 2});
  p.threshold = 0.5;
  auto est = FeatureSelector::from_arrays(p);
  const Matrix X = mat({{1, 2, std::nan("")}});
  EXPECT_TRUE(std::isnan(values(est->transform(X))[0]));
  ts::expect_round_trip(*est, mat({{1, 2, 3}}), {Method::Transform});
  p.variances = f64({0, 1}, {1, 2});
  EXPECT_THROW(FeatureSelector::from_arrays(p), ValidationError);
}


// The zoo's SelectFromModel pipeline (both versions), also after a re-save.
TEST(SelectFromModelZoo, PipelineMatchesScikitLearnAlsoAfterResave) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"})
    zoo_wrappers::check_zoo_model(v, "wrap_selectfrommodel_logreg", "sklearn.pipeline.Pipeline");
}

}  // namespace
}  // namespace skops
