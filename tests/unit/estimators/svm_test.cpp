// Unit tests of sklearn.svm: SVC, NuSVC, SVR, NuSVR, OneClassSVM (src/estimators/svm/).

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

namespace skops {
namespace {

using estimators::LibsvmModel;
using estimators::OneClassSVM;
using estimators::SVC;
using estimators::SVCParams;
using estimators::SvmKernel;
using estimators::SVR;
using estimators::SVRParams;
using testing_support::f64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

NdArray i32(const std::vector<std::int32_t>& v) { return NdArray::from_vector(v); }

// Two classes, one support vector each, linear kernel: libsvm's value is
// x0 - x1 - rho with rho = -_intercept_ = -0.5; scikit-learn negates it for binary.
SVCParams binary_linear_svc() {
  SVCParams p;
  p.model.kernel = SvmKernel::Linear;
  p.model.support_vectors = f64({1, 0, 0, 1}, {2, 2});
  p.model.support = i32({0, 1});
  p.model.n_support = i32({1, 1});
  p.model.dual_coef = f64({1, -1}, {1, 2});
  p.model.intercept = f64({0.5});
  p.classes = NdArray::from_strings({"no", "yes"}, {2});
  return p;
}

LibsvmModel three_class_rbf() {
  LibsvmModel m;
  m.kernel = SvmKernel::Rbf;
  m.gamma = 0.5;
  m.support_vectors = f64({0, 0, 0, 1, 3, 0, 3, 1, 0, 4}, {5, 2});
  m.support = i32({0, 1, 2, 3, 4});
  m.n_support = i32({2, 2, 1});
  m.dual_coef = f64({1, 0.5, -1, -0.5, -0.2, 0.7, 0.3, 0.4, 0.6, -1}, {2, 5});
  m.intercept = f64({0.1, -0.2, 0.3});
  return m;
}

TEST(SvmTest, BinarySvcFollowsLibsvmSignConvention) {
  auto est = SVC::from_arrays(binary_linear_svc());
  const Matrix X = mat({{2, 0}, {0, 2}});
  EXPECT_EQ(values(est->decision_function(X)), (std::vector<double>{-2.5, 1.5}));
  EXPECT_EQ(est->predict(X).to_strings(), (std::vector<std::string>{"no", "yes"}));
  EXPECT_FALSE(est->supports(Method::PredictProba));
  EXPECT_THROW(est->predict_proba(X), UnsupportedError);
  ts::expect_round_trip(*est, X, {Method::Predict, Method::DecisionFunction});
}

TEST(SvmTest, MulticlassShapesAndBreakTies) {
  SVCParams p;
  p.model = three_class_rbf();
  p.classes = NdArray::from_vector(std::vector<std::int64_t>{3, 5, 7});
  auto ovr = SVC::from_arrays(p);
  const Matrix X = mat({{0.2, 0.3}, {2.9, 0.8}, {0.1, 3.5}, {1.5, 1.5}});
  const NdArray d = ovr->decision_function(X);
  EXPECT_EQ(d.shape(), (std::vector<std::int64_t>{4, 3}));
  p.decision_function_shape = "ovo";
  auto ovo = SVC::from_arrays(p);
  const auto raw = values(ovo->decision_function(X));
  // The ovr value of class c is its votes plus the transformed confidence sum.
  const auto v = values(d);
  for (int r = 0; r < 4; ++r) {
    const double d01 = raw[r * 3 + 0], d02 = raw[r * 3 + 1], d12 = raw[r * 3 + 2];
    const double votes0 = (d01 >= 0) + (d02 >= 0);
    const double s0 = d01 + d02;
    EXPECT_DOUBLE_EQ(v[r * 3 + 0], votes0 + s0 / (3 * (std::fabs(s0) + 1)));
    (void)d12;
  }
  EXPECT_THROW(
      {
        p.break_ties = true;
        SVC::from_arrays(p)->predict(X);
      },
      UnsupportedError);
  p.decision_function_shape = "ovr";
  auto bt = SVC::from_arrays(p);
  const auto labels = bt->predict(X).to_vector<std::int64_t>();
  for (int r = 0; r < 4; ++r) {
    int best = 0;
    for (int c = 1; c < 3; ++c) best = v[r * 3 + c] > v[r * 3 + best] ? c : best;
    EXPECT_EQ(labels[static_cast<std::size_t>(r)], (std::vector<std::int64_t>{3, 5, 7})[best]);
  }
  ts::expect_round_trip(*ovr, X, {Method::Predict, Method::DecisionFunction});
}

TEST(SvmTest, ProbabilitiesSumToOne) {
  SVCParams p;
  p.model = three_class_rbf();
  p.model.prob_a = f64({-1.5, -2.0, -1.0});
  p.model.prob_b = f64({0.1, -0.1, 0.0});
  p.probability = true;
  p.classes = NdArray::from_vector(std::vector<std::int64_t>{0, 1, 2});
  auto est = SVC::from_arrays(p);
  const Matrix X = mat({{0.2, 0.3}, {2.9, 0.8}});
  const auto pr = values(est->predict_proba(X));
  EXPECT_NEAR(pr[0] + pr[1] + pr[2], 1.0, 1e-9);
  const auto lp = values(est->predict_log_proba(X));
  EXPECT_DOUBLE_EQ(lp[4], std::log(pr[4]));
  ts::expect_round_trip(*est, X, {Method::PredictProba});
}

TEST(SvmTest, ValidationFailures) {
  auto p = binary_linear_svc();
  p.model.n_support = i32({1, 2});  // sums to 3, two support vectors
  EXPECT_THROW(SVC::from_arrays(p), ValidationError);
  p = binary_linear_svc();
  p.model.dual_coef = f64({1, -1, 0}, {1, 3});
  EXPECT_THROW(SVC::from_arrays(p), ValidationError);
  p = binary_linear_svc();
  p.model.intercept = f64({0.5, 1});
  EXPECT_THROW(SVC::from_arrays(p), ValidationError);
  p = binary_linear_svc();
  p.model.support_vectors = NdArray::from_vector(std::vector<std::int64_t>{1, 0, 0, 1}, {2, 2});
  EXPECT_THROW(SVC::from_arrays(p), ValidationError);
  auto est = SVC::from_arrays(binary_linear_svc());
  EXPECT_THROW(est->predict(mat({{1, 2, 3}})), InputError);
  EXPECT_THROW(est->predict(mat({{std::nan(""), 2}})), InputError);
  EXPECT_THROW(est->predict(Matrix(0, 2)), InputError);
}

TEST(SvmTest, RegressionAndOneClass) {
  SVRParams p;
  p.model.kernel = SvmKernel::Poly;
  p.model.degree = 2;
  p.model.gamma = 0.5;
  p.model.coef0 = 1;
  p.model.support_vectors = f64({1, 2}, {1, 2});
  p.model.support = i32({0});
  p.model.n_support = i32({1, 1});
  p.model.dual_coef = f64({2}, {1, 1});
  p.model.intercept = f64({-1});
  auto svr = SVR::from_arrays(p);
  // 2 * (0.5 * (x . sv) + 1)^2 - 1 for x = (1, 1): 2 * 2.5^2 - 1.
  EXPECT_EQ(values(svr->predict(mat({{1, 1}}))), (std::vector<double>{11.5}));
  ts::expect_round_trip(*svr, mat({{1, 1}, {0, 3}}), {Method::Predict});

  estimators::OneClassSVMParams o;
  o.model = p.model;
  o.model.kernel = SvmKernel::Sigmoid;
  auto oc = OneClassSVM::from_arrays(o);
  const Matrix X = mat({{1, 1}, {-5, -5}});
  const auto dec = values(oc->decision_function(X));
  EXPECT_DOUBLE_EQ(dec[0], 2 * std::tanh(0.5 * 3 + 1) - 1);
  EXPECT_EQ(oc->predict(X).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{dec[0] > 0 ? 1 : -1, dec[1] > 0 ? 1 : -1}));
  EXPECT_DOUBLE_EQ(values(oc->score_samples(X))[0], dec[0] + 1);
  ts::expect_round_trip(*oc, X, {Method::Predict, Method::DecisionFunction, Method::ScoreSamples});
}

}  // namespace
}  // namespace skops
