// Unit tests of the svm_kernel, neural_network and feature_selection families: natively
// built estimators against hand-computed values, validation failures, and save → load
// round trips.

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

using estimators::FeatureSelector;
using estimators::LibsvmModel;
using estimators::MLP;
using estimators::MLPParams;
using estimators::OneClassSVM;
using estimators::SelectorKind;
using estimators::SelectorParams;
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

// Round trip: dumps → loads gives the same outputs for every method. SKOPS_NATIVE_OUT=dir
// keeps the files for a manual Python cross-check.
void expect_round_trip(const Estimator& est, const Matrix& X, std::vector<Method> methods,
                       const std::string& name) {
  const auto bytes = dumps(est);
  ts::keep_output("SKOPS_NATIVE_OUT", name + ".skops", bytes);
  const auto back = loads(bytes);
  ASSERT_EQ(back->type_name(), est.type_name());
  for (Method m : methods) EXPECT_EQ(back->run(m, X), est.run(m, X)) << to_string(m);
}

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
  expect_round_trip(*est, X, {Method::Predict, Method::DecisionFunction}, "svc_binary");
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
  expect_round_trip(*ovr, X, {Method::Predict, Method::DecisionFunction}, "svc_rbf3");
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
  expect_round_trip(*est, X, {Method::PredictProba}, "svc_proba");
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
  expect_round_trip(*svr, mat({{1, 1}, {0, 3}}), {Method::Predict}, "svr_poly");

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
  expect_round_trip(*oc, X, {Method::Predict, Method::DecisionFunction, Method::ScoreSamples},
                    "ocsvm");
}

MLPParams tiny_network() {
  MLPParams p;
  p.coefs = {f64({1, -1, 2, 0.5}, {2, 2}), f64({1, -2}, {2, 1})};
  p.intercepts = {f64({0.5, -0.5}), f64({0.25})};
  p.activation = "relu";
  return p;
}

TEST(MlpTest, RegressorForwardPass) {
  auto est = MLP::from_arrays(tiny_network(), false);
  // h = relu([x0 + 2 x1 + 0.5, -x0 + 0.5 x1 - 0.5]); y = h0 - 2 h1 + 0.25.
  const Matrix X = mat({{1, 1}, {-3, 1}});
  EXPECT_EQ(values(est->predict(X)), (std::vector<double>{3.5 + 0.25, 0.25 - 2 * 3.0}));
  expect_round_trip(*est, X, {Method::Predict}, "mlp_reg");
}

TEST(MlpTest, BinaryAndMulticlassClassifier) {
  MLPParams p = tiny_network();
  p.out_activation = "logistic";
  p.classes = NdArray::from_strings({"a", "b"}, {2});
  p.y_type = "binary";
  auto est = MLP::from_arrays(p, true);
  const Matrix X = mat({{1, 1}, {-3, 1}});
  const double z = 1 / (1 + std::exp(-3.75));
  const auto pr = values(est->predict_proba(X));
  EXPECT_DOUBLE_EQ(pr[1], z);
  EXPECT_DOUBLE_EQ(pr[0], 1 - z);
  EXPECT_EQ(est->predict(X).to_strings(), (std::vector<std::string>{"b", "a"}));
  expect_round_trip(*est, X, {Method::Predict, Method::PredictProba}, "mlp_bin");

  MLPParams m = tiny_network();
  m.coefs[1] = f64({1, -2, 0, 0, 1, 1}, {2, 3});
  m.intercepts[1] = f64({0, 0, 0});
  m.out_activation = "softmax";
  m.classes = NdArray::from_vector(std::vector<std::int64_t>{1, 2, 3});
  m.y_type = "multiclass";
  auto mc = MLP::from_arrays(m, true);
  const auto mp = values(mc->predict_proba(X));
  EXPECT_NEAR(mp[0] + mp[1] + mp[2], 1.0, 1e-15);
  expect_round_trip(*mc, X, {Method::Predict, Method::PredictProba, Method::PredictLogProba},
                    "mlp_multi");

  m.y_type = "binary";  // 3 outputs cannot be binary
  EXPECT_THROW(MLP::from_arrays(m, true), ValidationError);
}

TEST(MlpTest, LayerShapesMustChain) {
  MLPParams p = tiny_network();
  p.coefs[1] = f64({1, -2, 3}, {3, 1});
  EXPECT_THROW(MLP::from_arrays(p, false), ValidationError);
  p = tiny_network();
  p.intercepts[0] = f64({0.5});
  EXPECT_THROW(MLP::from_arrays(p, false), ValidationError);
  p = tiny_network();
  p.activation = "softplus";
  EXPECT_THROW(MLP::from_arrays(p, false), ValidationError);
  auto est = MLP::from_arrays(tiny_network(), false);
  EXPECT_THROW(est->predict(mat({{1, 2, 3}})), InputError);
}

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
  expect_round_trip(*two, X, {Method::Transform}, "kbest");
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
  expect_round_trip(*est, mat({{1, 2, 3}}), {Method::Transform}, "variance");
  p.variances = f64({0, 1}, {1, 2});
  EXPECT_THROW(FeatureSelector::from_arrays(p), ValidationError);
}

}  // namespace
}  // namespace skops

namespace skops {
namespace {

TEST(MlpTest, Float32FittedNetworkKeepsFloat32Input) {
  // Fitted on float32 data: float32 weights. scikit-learn returns float64 for float64 X (the
  // corpus checks that exactly) and float32 for float32 X.
  const auto est =
      load(testing_support::corpus_path("sklearn-1.2.1", "MLPClassifier_fit_float32.skops"));
  const NdArray x64 = testing_support::read_npy_file(
      testing_support::corpus_path("sklearn-1.2.1", "MLPClassifier_fit_float32.X.npy"));
  const NdArray want = testing_support::read_npy_file(
      testing_support::corpus_path("sklearn-1.2.1", "MLPClassifier_fit_float32.predict_proba.npy"));
  // The test rows came from float32 data, so narrowing them is exact.
  const std::vector<double> xv = x64.to_vector<double>();
  const NdArray x32 = NdArray::from_vector(std::vector<float>(xv.begin(), xv.end()), x64.shape());
  const NdArray got = est->run_array(Method::PredictProba, x32);
  ASSERT_EQ(got.dtype(), DType::float32());
  ASSERT_EQ(got.shape(), want.shape());
  const std::vector<double> g = got.to_vector<double>(), w = want.to_vector<double>();
  for (std::size_t i = 0; i < g.size(); ++i) {
    EXPECT_EQ(g[i], static_cast<double>(static_cast<float>(w[i]))) << i;  // one rounding
  }
  EXPECT_EQ(est->run_array(Method::Predict, x32).to_vector<std::int64_t>(),
            est->run_array(Method::Predict, x64).to_vector<std::int64_t>());
  // A float64 network still answers float64 to float32 input (numpy upcasts).
  const auto f64_net = load(testing_support::corpus_path("sklearn-1.2.1", "MLPClassifier.skops"));
  EXPECT_EQ(f64_net->run_array(Method::PredictProba, x32).dtype(), DType::float64());
}

}  // namespace
}  // namespace skops
