// Unit tests of sklearn.discriminant_analysis: LDA and QDA (src/estimators/discriminant_analysis/).

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/cluster.hpp"
#include "skops/estimators/discriminant_analysis.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/neighbors.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace skops {
namespace linear_cases {
namespace {

using estimators::LinearDiscriminantAnalysis;
using testing_support::f64;
using testing_support::i64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

// ---------------------------------------------------------------------------------------
// LinearDiscriminantAnalysis

TEST(LinearDiscriminantAnalysis, FormulasAndTransform) {
  auto est = LinearDiscriminantAnalysis::from_arrays(
      i64({0, 1, 2}), f64({1, 0, 0, 1, -1, -1}, {3, 2}), f64({0, 0, 0}), f64({1, 2, 3, 4}, {2, 2}),
      f64({0.5, 0.5}), 1);
  const Matrix X = mat({{1, 2}, {-3, 0}});
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{1, 2}));
  const NdArray t = est->transform(X);
  ASSERT_EQ(t.shape(), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(values(t), (std::vector<double>{0.5 * 1 + 1.5 * 3, -3.5 * 1 + -0.5 * 3}));
  const auto p = values(est->predict_proba(X));
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15);
  const auto lp = values(est->predict_log_proba(X));
  EXPECT_DOUBLE_EQ(lp[1], std::log(p[1]));
  ts::expect_round_trip(*est, X);
}

TEST(LinearDiscriminantAnalysis, BinaryUsesExpitAndRejectsBadScalings) {
  auto est = LinearDiscriminantAnalysis::from_arrays(i64({4, 9}), f64({2, 0}, {1, 2}), f64({-1}));
  EXPECT_FALSE(est->supports(Method::Transform));
  const auto p = values(est->predict_proba(mat({{1, 5}})));
  const double e = 1.0 / (1.0 + std::exp(-1.0));
  EXPECT_EQ(p[1], e);
  EXPECT_EQ(p[0], 1.0 - e);
  // a probability of exactly 0 becomes log(smallest normal), not -inf.
  const auto lp = values(est->predict_log_proba(mat({{-1000, 0}})));
  EXPECT_EQ(lp[1], std::log(std::numeric_limits<double>::min()));
  ts::expect_round_trip(*est, mat({{1, 5}}));
  EXPECT_THROW(LinearDiscriminantAnalysis::from_arrays(i64({4, 9}), f64({2, 0}, {1, 2}), f64({-1}),
                                                       f64({1, 2, 3}, {3, 1}), f64({0, 0})),
               ValidationError);
}

}  // namespace
}  // namespace linear_cases
}  // namespace skops

namespace skops {
namespace more_cases {
namespace {

using namespace estimators;  // NOLINT
using testing_support::f64;
using testing_support::i64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

// --- QDA ---------------------------------------------------------------------------------

QDAParams qda_params() {
  QDAParams p;
  p.classes = i64({0, 1, 2});
  p.means = f64({0.0, 0.0, 2.0, 0.0, 0.0, 2.0}, {3, 2});
  p.priors = f64({0.2, 0.3, 0.5});
  for (int i = 0; i < 3; ++i) {
    p.scalings.push_back(f64({1.0, 4.0}));
    p.rotations.push_back(f64({1.0, 0.0, 0.0, 1.0}, {2, 2}));
  }
  return p;
}

TEST(QuadraticDiscriminantAnalysis, Formulas) {
  auto est = QuadraticDiscriminantAnalysis::from_arrays(qda_params());
  const Matrix X = mat({{1.0, 1.0}});
  const auto d = values(est->decision_function(X));
  // class 0: x - mu = (1, 1) → 1/1 + 1/4; u = log 4.
  EXPECT_NEAR(d[0], -0.5 * (1.25 + std::log(4.0)) + std::log(0.2), 1e-14);
  EXPECT_NEAR(d[1], -0.5 * (1.25 + std::log(4.0)) + std::log(0.3), 1e-14);
  EXPECT_NEAR(d[2], -0.5 * (1.0 + 0.25 + std::log(4.0)) + std::log(0.5), 1e-14);
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{2}));
  const auto p = values(est->predict_proba(X));
  EXPECT_NEAR(p[0], 0.2, 1e-15);
  EXPECT_NEAR(values(est->predict_log_proba(X))[2], std::log(0.5), 1e-15);
  ts::expect_round_trip(*est, X);
}

TEST(QuadraticDiscriminantAnalysis, BinaryDecisionIsDifferenceAndShapesChecked) {
  auto p = qda_params();
  p.classes = i64({0, 1});
  p.means = f64({0.0, 0.0, 2.0, 0.0}, {2, 2});
  p.priors = f64({0.5, 0.5});
  p.scalings.pop_back();
  p.rotations.pop_back();
  auto est = QuadraticDiscriminantAnalysis::from_arrays(p);
  const auto d = est->decision_function(mat({{1.5, 0.0}}));
  EXPECT_EQ(d.shape(), (std::vector<std::int64_t>{1}));
  EXPECT_NEAR(values(d)[0], -0.5 * 0.25 + 0.5 * 2.25, 1e-14);
  ts::expect_round_trip(*est, mat({{1.5, 0.0}}));
  p.rotations[1] = f64({1.0, 0.0, 0.0}, {3, 1});
  EXPECT_THROW(QuadraticDiscriminantAnalysis::from_arrays(p), ValidationError);
}

// --- files -------------------------------------------------------------------------------

TEST(DiscriminantAnalysisFiles, CorpusModelsLoadAndResave) {
  ts::expect_corpus_models_resave({"QuadraticDiscriminantAnalysis"});
}

}  // namespace
}  // namespace more_cases
}  // namespace skops
