// Unit tests of sklearn.neighbors: k-nearest neighbours, NearestCentroid (src/estimators/neighbors/).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/cluster.hpp"
#include "skops/estimators/discriminant_analysis.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/neighbors.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

using namespace estimators;  // NOLINT
using testing_support::f64;
using testing_support::i64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

// --- neighbors ---------------------------------------------------------------------------

NeighborsParams line_params(std::int64_t k, bool distance) {
  NeighborsParams p;
  p.fit_X = f64({0.0, 1.0, 2.0, 10.0}, {4, 1});
  p.n_neighbors = k;
  p.distance_weights = distance;
  return p;
}

TEST(KNeighborsClassifier, UniformAndDistanceVotes) {
  auto est = KNeighborsClassifier::from_arrays(line_params(3, false), i64({5, 6}), {0, 0, 1, 1});
  const Matrix X = mat({{0.9}, {9.0}});
  EXPECT_EQ(values(est->predict_proba(X)),
            (std::vector<double>{2.0 / 3, 1.0 / 3, 1.0 / 3, 2.0 / 3}));
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{5, 6}));
  ts::expect_round_trip(*est, X);

  auto dw = KNeighborsClassifier::from_arrays(line_params(3, true), i64({5, 6}), {0, 0, 1, 1});
  // x = 1.9: neighbours 2 (0.1, class 6), 1 (0.9), 0 (1.9) → 10 vs 1/0.9 + 1/1.9.
  const auto proba = values(dw->predict_proba(mat({{1.9}})));
  const double w0 = 1 / 0.9 + 1 / 1.9, w1 = 1 / (2.0 - 1.9);
  EXPECT_NEAR(proba[1], w1 / (w0 + w1), 1e-14);
  EXPECT_EQ(dw->predict(mat({{1.9}})).to_vector<std::int64_t>(), (std::vector<std::int64_t>{6}));
  // An exact match takes all the weight.
  EXPECT_EQ(values(dw->predict_proba(mat({{1.0}}))), (std::vector<double>{1.0, 0.0}));
  ts::expect_round_trip(*dw, X);
}

TEST(KNeighborsClassifier, TiesGoToLowerIndexAndSmallerClass) {
  NeighborsParams p;
  p.fit_X = f64({1.0, -1.0}, {2, 1});
  p.n_neighbors = 1;
  auto est = KNeighborsClassifier::from_arrays(p, i64({0, 1}), {1, 0});
  // Both at distance 1: training sample 0 (class 1) wins.
  EXPECT_EQ(est->predict(mat({{0.0}})).to_vector<std::int64_t>(), (std::vector<std::int64_t>{1}));
  p.n_neighbors = 2;
  auto two = KNeighborsClassifier::from_arrays(p, i64({0, 1}), {1, 0});
  // One vote each: the smaller class index wins (scipy.stats.mode).
  EXPECT_EQ(two->predict(mat({{0.0}})).to_vector<std::int64_t>(), (std::vector<std::int64_t>{0}));
}

TEST(KNeighborsClassifier, MetricsAndValidation) {
  NeighborsParams p;
  p.fit_X = f64({0.0, 0.0, 3.0, 3.0, 4.0, 0.0}, {3, 2});
  p.n_neighbors = 1;
  const Matrix X = mat({{3.2, 0.9}});
  // euclidean: (3,3) is 2.11 away, (4,0) 1.20; manhattan: 2.3 vs 1.7; chebyshev: 2.1 vs 0.9.
  for (auto metric : {NeighborsMetric::Euclidean, NeighborsMetric::Manhattan,
                      NeighborsMetric::Chebyshev, NeighborsMetric::Minkowski}) {
    p.metric = metric;
    p.p = 3;
    auto est = KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 2});
    EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{2}));
    ts::expect_round_trip(*est, X);
  }
  p.n_neighbors = 4;
  EXPECT_THROW(KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 2}), ValidationError);
  p.n_neighbors = 1;
  EXPECT_THROW(KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1}), ValidationError);
  EXPECT_THROW(KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 3}), ValidationError);
  auto est = KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 2});
  EXPECT_THROW(est->predict(mat({{1.0}})), InputError);
  EXPECT_THROW(est->predict(mat({{NAN, 1.0}})), InputError);
}

TEST(KNeighborsRegressor, MeanAndDistanceWeighted) {
  auto est = KNeighborsRegressor::from_arrays(line_params(2, false), f64({1.0, 2.0, 4.0, 8.0}));
  EXPECT_EQ(values(est->predict(mat({{1.4}}))), (std::vector<double>{3.0}));  // samples 1 and 2
  auto dw = KNeighborsRegressor::from_arrays(line_params(2, true), f64({1.0, 2.0, 4.0, 8.0}));
  const auto v = values(dw->predict(mat({{1.25}, {2.0}})));
  EXPECT_NEAR(v[0], (2.0 / 0.25 + 4.0 / 0.75) / (1 / 0.25 + 1 / 0.75), 1e-14);
  EXPECT_EQ(v[1], 4.0);
  ts::expect_round_trip(*dw, mat({{1.25}, {2.0}}));
  auto multi = KNeighborsRegressor::from_arrays(
      line_params(2, false), f64({1.0, 10.0, 2.0, 20.0, 4.0, 40.0, 8.0, 80.0}, {4, 2}));
  const auto m = multi->predict(mat({{1.4}}));
  EXPECT_EQ(m.shape(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(values(m), (std::vector<double>{3.0, 30.0}));
  ts::expect_round_trip(*multi, mat({{1.4}}));
  EXPECT_THROW(KNeighborsRegressor::from_arrays(line_params(2, false), f64({1.0})),
               ValidationError);
}

TEST(NearestCentroid, ArgminWithFirstOnTies) {
  auto est = NearestCentroid::from_arrays(f64({0.0, 0.0, 2.0, 0.0}, {2, 2}), i64({4, 9}));
  EXPECT_EQ(est->predict(mat({{0.4, 1.0}, {1.0, 0.0}, {1.6, -1.0}})).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{4, 4, 9}));
  ts::expect_round_trip(*est, mat({{0.4, 1.0}}));
  auto l1 =
      NearestCentroid::from_arrays(f64({0.0, 0.0, 2.0, 0.0}, {2, 2}), i64({4, 9}), "manhattan");
  EXPECT_EQ(l1->predict(mat({{1.2, 5.0}})).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{9}));
  EXPECT_THROW(NearestCentroid::from_arrays(f64({0.0, 0.0}, {1, 2}), i64({4, 9})), ValidationError);
  EXPECT_THROW(NearestCentroid::from_arrays(f64({0.0, 0.0}, {1, 2}), i64({4}), "cosine"),
               UnsupportedError);
}

// --- files -------------------------------------------------------------------------------

TEST(NeighborsFiles, CorpusModelsLoadAndResave) {
  // KDTree/metric helpers are trusted by default.
  ts::expect_corpus_models_resave({"KNeighborsClassifier", "KNeighborsRegressor", "NearestCentroid"});
}

}  // namespace
}  // namespace skops
