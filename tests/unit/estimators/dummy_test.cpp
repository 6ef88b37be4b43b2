// Unit tests of sklearn.dummy: DummyClassifier, DummyRegressor (src/estimators/dummy/).

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <limits>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

using estimators::DummyClassifier;
using estimators::DummyRegressor;
using testing_support::i64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

// ---------------------------------------------------------------------------------------
// Dummy estimators

TEST(DummyClassifier, Strategies) {
  const Matrix X = mat({{1, 2, 3}, {4, 5, std::numeric_limits<double>::quiet_NaN()}});
  auto prior = DummyClassifier::from_prior(i64({5, 6, 7}), {0.25, 0.5, 0.25});
  EXPECT_EQ(prior->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{6, 6}));
  EXPECT_EQ(values(prior->predict_proba(X)),
            (std::vector<double>{0.25, 0.5, 0.25, 0.25, 0.5, 0.25}));
  ts::expect_round_trip(*prior, X);

  auto mf = DummyClassifier::from_prior(i64({5, 6, 7}), {0.4, 0.2, 0.4}, "most_frequent");
  EXPECT_EQ(mf->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{5, 5}));
  EXPECT_EQ(values(mf->predict_proba(X)), (std::vector<double>{1, 0, 0, 1, 0, 0}));
  ts::expect_round_trip(*mf, X);

  auto uni = DummyClassifier::from_prior(i64({5, 6, 7}), {0.4, 0.2, 0.4}, "uniform");
  EXPECT_THROW(uni->predict(X), UnsupportedError);
  EXPECT_DOUBLE_EQ(values(uni->predict_proba(X))[0], 1.0 / 3);
  ts::expect_round_trip(*uni, X);

  auto strat = DummyClassifier::from_prior(i64({5, 6, 7}), {0.4, 0.2, 0.4}, "stratified");
  EXPECT_THROW(strat->predict(X), UnsupportedError);
  EXPECT_THROW(strat->predict_proba(X), UnsupportedError);
  ts::expect_round_trip(*strat, X);

  auto cst = DummyClassifier::from_prior(NdArray::from_strings({"a", "bb"}, {2}), {0.9, 0.1},
                                         "constant", NdArray::from_strings({"bb"}, {}));
  EXPECT_EQ(cst->predict(X).to_strings(), (std::vector<std::string>{"bb", "bb"}));
  EXPECT_EQ(values(cst->predict_proba(X)), (std::vector<double>{0, 1, 0, 1}));
  ts::expect_round_trip(*cst, X);
  EXPECT_THROW(DummyClassifier::from_prior(i64({1, 2}), {0.5}), ValidationError);
  EXPECT_THROW(DummyClassifier::from_prior(i64({1, 2}), {0.5, 0.5}, "constant", i64({3})),
               ValidationError);
}

TEST(DummyRegressor, PredictsConstant) {
  auto est = DummyRegressor::from_constant({2.5});
  const NdArray y = est->predict(mat({{1, 2}, {3, 4}, {5, 6}}));
  EXPECT_EQ(y.shape(), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(values(y), (std::vector<double>{2.5, 2.5, 2.5}));
  ts::expect_round_trip(*est, mat({{1, 2}}));
  auto two = DummyRegressor::from_constant({1.0, -1.0}, "median");
  EXPECT_EQ(two->predict(mat({{0}})).shape(), (std::vector<std::int64_t>{1, 2}));
  ts::expect_round_trip(*two, mat({{0}}));
}

}  // namespace
}  // namespace skops
