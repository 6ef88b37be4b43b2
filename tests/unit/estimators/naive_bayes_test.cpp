// Unit tests of sklearn.naive_bayes (src/estimators/naive_bayes/).

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

// --- naive_bayes ------------------------------------------------------------------------

GaussianNBParams gaussian_params() {
  GaussianNBParams p;
  p.classes = i64({3, 7});
  p.theta = f64({0.0, 0.0, 2.0, 1.0}, {2, 2});
  p.var = f64({1.0, 4.0, 1.0, 4.0}, {2, 2});
  p.class_prior = f64({0.25, 0.75});
  return p;
}

TEST(GaussianNB, JointLogLikelihoodAndProba) {
  auto est = GaussianNB::from_arrays(gaussian_params());
  const Matrix X = mat({{0.0, 0.0}, {2.0, 1.0}});
  const Matrix jll = est->joint_log_likelihood(X);
  const double c = -0.5 * (std::log(2.0 * M_PI * 1.0) + std::log(2.0 * M_PI * 4.0));
  EXPECT_NEAR(jll(0, 0), std::log(0.25) + c, 1e-14);
  EXPECT_NEAR(jll(0, 1), std::log(0.75) + c - 0.5 * (4.0 + 0.25), 1e-14);
  const auto pred = est->predict(X);
  EXPECT_EQ(pred.dtype(), DType::int64());
  EXPECT_EQ(pred.to_vector<std::int64_t>(), (std::vector<std::int64_t>{3, 7}));
  const auto proba = values(est->predict_proba(X));
  const double e = std::exp(jll(0, 1) - jll(0, 0));
  EXPECT_NEAR(proba[0], 1.0 / (1.0 + e), 1e-14);
  EXPECT_NEAR(proba[0] + proba[1], 1.0, 1e-15);
  const auto logp = values(est->predict_log_proba(X));
  EXPECT_NEAR(logp[0], std::log(proba[0]), 1e-14);
  EXPECT_FALSE(est->supports(Method::DecisionFunction));
  EXPECT_THROW(est->decision_function(X), UnsupportedError);
  ts::expect_round_trip(*est, X);
}

TEST(GaussianNB, RejectsBadShapesAndInput) {
  auto p = gaussian_params();
  p.var = f64({1.0, 4.0, 1.0}, {3});
  EXPECT_THROW(GaussianNB::from_arrays(p), ValidationError);
  p = gaussian_params();
  p.class_prior = f64({1.0});
  EXPECT_THROW(GaussianNB::from_arrays(p), ValidationError);
  p = gaussian_params();
  p.theta = NdArray::from_strings({"a", "b", "c", "d"}, {2, 2});
  EXPECT_THROW(GaussianNB::from_arrays(p), ValidationError);
  auto est = GaussianNB::from_arrays(gaussian_params());
  EXPECT_THROW(est->predict(mat({{1.0, 2.0, 3.0}})), InputError);
  EXPECT_THROW(est->predict(mat({{NAN, 2.0}})), InputError);
  EXPECT_THROW(est->predict(Matrix(0, 2)), InputError);
}

TEST(GaussianNB, StringLabelsAndFloat32Arrays) {
  auto p = gaussian_params();
  p.classes = NdArray::from_strings({"no", "yes"}, {2});
  p.theta = NdArray::from_vector(std::vector<float>{0.f, 0.f, 2.f, 1.f}, {2, 2});
  auto est = GaussianNB::from_arrays(p);
  const auto pred = est->predict(mat({{2.0, 1.0}}));
  EXPECT_EQ(pred.dtype().kind(), DTypeKind::Unicode);
  EXPECT_EQ(pred.string_at(0), "yes");
  ts::expect_round_trip(*est, mat({{2.0, 1.0}, {0.0, 0.0}}));
}

TEST(DiscreteNB, MultinomialComplementBernoulli) {
  DiscreteNBParams p;
  p.classes = i64({0, 1});
  p.feature_log_prob = f64({std::log(0.5), std::log(0.5), std::log(0.25), std::log(0.75)}, {2, 2});
  p.class_log_prior = f64({std::log(0.5), std::log(0.5)});
  const Matrix X = mat({{1.0, 0.0}, {0.0, 3.0}});
  auto mnb = DiscreteNB::from_arrays(p);
  EXPECT_EQ(mnb->type_name(), "sklearn.naive_bayes.MultinomialNB");
  auto proba = values(mnb->predict_proba(X));
  EXPECT_NEAR(proba[0], 2.0 / 3.0, 1e-15);
  EXPECT_EQ(mnb->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{0, 1}));
  ts::expect_round_trip(*mnb, X);

  p.kind = DiscreteNBKind::Complement;
  p.class_log_prior = f64({std::log(0.9), std::log(0.1)});  // ignored with two classes
  auto cnb = DiscreteNB::from_arrays(p);
  EXPECT_NEAR(values(cnb->predict_proba(X))[0], 2.0 / 3.0, 1e-15);
  ts::expect_round_trip(*cnb, X);

  p.kind = DiscreteNBKind::Bernoulli;
  p.class_log_prior = f64({std::log(0.5), std::log(0.5)});
  p.binarize = 0.5;
  auto bnb = DiscreteNB::from_arrays(p);
  // x = [1, 0] → binarized [1, 0]: P(x|0) = 0.5 * 0.5, P(x|1) = 0.25 * 0.25.
  proba = values(bnb->predict_proba(mat({{0.7, 0.2}})));
  EXPECT_NEAR(proba[0], 0.25 / (0.25 + 0.0625), 1e-14);
  ts::expect_round_trip(*bnb, X);

  p.feature_log_prob = f64({0.0, 0.0, 0.0}, {1, 3});
  EXPECT_THROW(DiscreteNB::from_arrays(p), ValidationError);
}

TEST(CategoricalNB, IndexesCategories) {
  CategoricalNBParams p;
  p.classes = i64({0, 1});
  p.feature_log_prob = {f64({std::log(0.5), std::log(0.5), std::log(0.1), std::log(0.9)}, {2, 2})};
  p.class_log_prior = f64({std::log(0.5), std::log(0.5)});
  EXPECT_THROW(CategoricalNB::from_arrays(p), ValidationError);  // class_count_ missing
  p.class_count = f64({10.0, 10.0});
  auto est = CategoricalNB::from_arrays(p);
  const Matrix X = mat({{0.0}, {1.7}});
  const auto proba = values(est->predict_proba(X));
  EXPECT_NEAR(proba[0], 0.5 / 0.6, 1e-14);
  EXPECT_NEAR(proba[2], 0.5 / 1.4, 1e-14);  // 1.7 truncates to category 1
  EXPECT_THROW(est->predict(mat({{2.0}})), InputError);
  EXPECT_THROW(est->predict(mat({{-1.0}})), InputError);
  ts::expect_round_trip(*est, X);
}

// --- files -------------------------------------------------------------------------------

TEST(NaiveBayesFiles, CorpusModelsLoadAndResave) {
  ts::expect_corpus_models_resave({"GaussianNB", "MultinomialNB"});
}

}  // namespace
}  // namespace skops
