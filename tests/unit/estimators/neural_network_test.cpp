// Unit tests of sklearn.neural_network: MLPs (src/estimators/neural_network/).

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

using estimators::MLP;
using estimators::MLPParams;
using testing_support::f64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

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
  ts::expect_round_trip(*est, X, {Method::Predict});
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
  ts::expect_round_trip(*est, X, {Method::Predict, Method::PredictProba});

  MLPParams m = tiny_network();
  m.coefs[1] = f64({1, -2, 0, 0, 1, 1}, {2, 3});
  m.intercepts[1] = f64({0, 0, 0});
  m.out_activation = "softmax";
  m.classes = NdArray::from_vector(std::vector<std::int64_t>{1, 2, 3});
  m.y_type = "multiclass";
  auto mc = MLP::from_arrays(m, true);
  const auto mp = values(mc->predict_proba(X));
  EXPECT_NEAR(mp[0] + mp[1] + mp[2], 1.0, 1e-15);
  ts::expect_round_trip(*mc, X, {Method::Predict, Method::PredictProba, Method::PredictLogProba});

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
