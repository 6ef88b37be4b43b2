// Builds estimators natively in C++ (no file read), saves them, and records their C++
// outputs next to them: NAME.skops, NAME.X.npy, NAME.<method>.npy, NAME.expected.json.
// ctest runs it and reloads every file in C++ (native_models_reload); the Python cross-check
// `scripts/python_roundtrip.py --native DIR` loads the same files with skops.io.load and
// checks that scikit-learn predicts what C++ predicted, and that the file needs no trusted
// type beyond the model's `untrusted_types` (those its Python counterpart also needs).
//
// usage: native_models OUT_DIR [--sklearn-version 1.2.1] [--check]

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "skops/estimators/cluster.hpp"
#include "skops/estimators/compose.hpp"
#include "skops/estimators/discriminant_analysis.hpp"
#include "skops/estimators/ensemble.hpp"
#include "skops/estimators/ensemble.hpp"
#include "skops/estimators/feature_selection.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/neighbors.hpp"
#include "skops/estimators/neural_network.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/estimators/svm.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/skops.hpp"

namespace {

using namespace skops;
namespace fs = std::filesystem;

NdArray matrix(std::vector<double> v, std::int64_t rows, std::int64_t cols) {
  return NdArray::from_vector(v, {rows, cols});
}

Matrix input() {
  Matrix X(6, 4);
  X << 5.1, 3.5, 1.4, 0.2,  //
      4.9, 3.0, 1.4, 0.2,   //
      6.4, 3.2, 4.5, 1.5,   //
      5.5, 2.3, 4.0, 1.3,   //
      6.3, 3.3, 6.0, 2.5,   //
      7.7, 2.6, 6.9, 2.3;
  return X;
}

// One model to write: its estimator, the input its methods run on (empty: input()), and
// the types Python skops does not trust by default that its file may hold.
struct Model {
  std::string name;
  EstimatorPtr est;
  Matrix X;
  std::vector<std::string> untrusted;
  /// Methods supported but not reproducible in C++ (they draw random numbers).
  std::vector<Method> skip = {};
};

struct Models {
  std::vector<Model> all;
  void emplace_back(std::string name, EstimatorPtr est, std::vector<std::string> untrusted = {},
                    Matrix X = {}) {
    all.push_back({std::move(name), std::move(est), std::move(X), std::move(untrusted), {}});
  }
};

NdArray vec(std::vector<double> v) { return NdArray::from_vector(v); }
NdArray i32(std::vector<std::int32_t> v) { return NdArray::from_vector(v); }

// Row-wise logs of `rows` normalised to sum to one.
NdArray log_rows(const std::vector<std::vector<double>>& rows) {
  std::vector<double> v;
  for (const auto& r : rows) {
    double sum = 0;
    for (double x : r) sum += x;
    for (double x : r) v.push_back(std::log(x / sum));
  }
  return matrix(v, static_cast<std::int64_t>(rows.size()),
                static_cast<std::int64_t>(rows[0].size()));
}

bool at_least(const std::string& version, int major, int minor) {
  const auto dot = version.find('.');
  const int ma = std::stoi(version.substr(0, dot));
  const int mi = std::stoi(version.substr(dot + 1));
  return ma > major || (ma == major && mi >= minor);
}

std::vector<Model> models(const std::string& version) {
  using estimators::LinearClassifier;
  using estimators::LinearClassifierKind;
  Models out;
  const NdArray coef3 =
      matrix({0.4, 1.4, -2.2, -1.0, 0.5, -1.6, 0.5, -1.3, -0.9, 0.2, 1.7, 2.3}, 3, 4);
  const NdArray int_classes = NdArray::from_vector(std::vector<std::int64_t>{0, 1, 2});
  out.emplace_back("LogisticRegression_multinomial",
                   LinearClassifier::from_arrays(
                       LinearClassifierKind::LogisticRegression, coef3,
                       NdArray::from_vector(std::vector<double>{9.0, 2.1, -11.1}), int_classes));
  out.emplace_back("LogisticRegression_binary_strings",
                   LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                 matrix({0.3, -0.8, 1.1, 0.7}, 1, 4),
                                                 NdArray::from_vector(std::vector<double>{-3.0}),
                                                 NdArray::from_strings({"no", "yes"}, {2})));
  out.emplace_back("LinearRegression",
                   estimators::LinearRegressor::from_arrays(
                       estimators::LinearRegressorKind::LinearRegression,
                       NdArray::from_vector(std::vector<double>{0.5, -1.25, 2.0, 0.125}),
                       NdArray::from_vector(std::vector<double>{3.5}, {})));
  auto scaler = std::make_shared<preprocessing::StandardScaler>(
      std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{0.8, 0.4, 1.8, 0.8});
  out.emplace_back("StandardScaler", scaler);
  out.emplace_back(
      "Pipeline_StandardScaler_LogisticRegression",
      compose::Pipeline::from_estimators(
          {{"scale", scaler},
           {"clf", LinearClassifier::from_arrays(
                       LinearClassifierKind::LogisticRegression, coef3,
                       NdArray::from_vector(std::vector<double>{0.3, 1.2, -1.5}), int_classes)}}));
  out.emplace_back("KMeans",
                   estimators::KMeans::from_arrays(
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.7, 4.4, 1.4, 6.9, 3.1, 5.8, 2.1}, 3, 4)));
  estimators::GaussianNBParams nb;
  nb.classes = int_classes;
  nb.theta = matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.6, 3.0, 5.6, 2.0}, 3, 4);
  nb.var = matrix({0.12, 0.14, 0.03, 0.01, 0.26, 0.10, 0.22, 0.04, 0.40, 0.10, 0.30, 0.07}, 3, 4);
  nb.class_prior = NdArray::from_vector(std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3});
  nb.class_count = NdArray::from_vector(std::vector<double>{50, 50, 50});
  out.emplace_back("GaussianNB", estimators::GaussianNB::from_arrays(nb));
  TreeArrays t;
  t.n_features = 4;
  t.n_classes = {3};
  t.left_child = {1, -1, 3, -1, -1};
  t.right_child = {2, -1, 4, -1, -1};
  t.feature = {2, -2, 3, -2, -2};
  t.threshold = {2.45, -2, 1.75, -2, -2};
  t.values = {50, 50, 50, 50, 0, 0, 0, 50, 50, 0, 49, 5, 0, 1, 45};
  t.n_node_samples = {150, 50, 100, 54, 46};
  t.weighted_n_node_samples = {150, 50, 100, 54, 46};
  t.impurity = {0.667, 0.0, 0.5, 0.168, 0.043};
  out.emplace_back("DecisionTreeClassifier", DecisionTreeClassifier::from_arrays(t, {int_classes}));
  out.emplace_back("ExtraTreeClassifier",
                   DecisionTreeClassifier::from_arrays(t, {int_classes}, /*extra=*/true));

  // A second classifier tree, numbered breadth-first (renumbered for traversal in C++).
  TreeArrays t2;
  t2.n_features = 4;
  t2.n_classes = {3};
  t2.left_child = {1, 3, -1, -1, -1};
  t2.right_child = {2, 4, -1, -1, -1};
  t2.feature = {3, 2, -2, -2, -2};
  t2.threshold = {1.65, 4.95, -2, -2, -2};
  t2.values = {50, 50, 50, 50, 47, 1, 0, 3, 49, 50, 45, 0, 0, 2, 1};
  t2.n_node_samples = {150, 98, 52, 95, 3};
  t2.weighted_n_node_samples = {150, 98, 52, 95, 3};
  t2.impurity = {0.667, 0.51, 0.11, 0.47, 0.44};
  auto tree_a = std::shared_ptr<const DecisionTreeClassifier>(
      DecisionTreeClassifier::from_arrays(t, {int_classes}));
  auto tree_b = std::shared_ptr<const DecisionTreeClassifier>(
      DecisionTreeClassifier::from_arrays(t2, {int_classes}));
  out.emplace_back("RandomForestClassifier",
                   ForestClassifier::from_trees({tree_a, tree_b}, {int_classes}));
  out.emplace_back("ExtraTreesClassifier",
                   ForestClassifier::from_trees({tree_b, tree_a}, {int_classes}, /*extra=*/true));

  // Regression trees: leaf means.
  TreeArrays r1 = t;
  r1.n_classes = {1};
  r1.values = {1.0, 0.0, 1.5, 1.1, 1.9};
  TreeArrays r2 = t2;
  r2.n_classes = {1};
  r2.values = {1.0, 0.6, 1.8, 0.5, 2.25};
  out.emplace_back("DecisionTreeRegressor", DecisionTreeRegressor::from_arrays(r1));
  auto reg_a = std::shared_ptr<const DecisionTreeRegressor>(DecisionTreeRegressor::from_arrays(r1));
  auto reg_b = std::shared_ptr<const DecisionTreeRegressor>(DecisionTreeRegressor::from_arrays(r2));
  out.emplace_back("RandomForestRegressor", ForestRegressor::from_trees({reg_a, reg_b}));
  out.emplace_back("ExtraTreesRegressor",
                   ForestRegressor::from_trees({reg_b, reg_a}, /*extra=*/true));

  // IsolationForest over two features per tree (max_features 2 of 4, so X is subset).
  TreeArrays i1;
  i1.n_features = 2;
  i1.left_child = {1, -1, 3, -1, -1};
  i1.right_child = {2, -1, 4, -1, -1};
  i1.feature = {0, -2, 1, -2, -2};
  i1.threshold = {4.5, -2, 1.0, -2, -2};
  i1.values = {0.5, 0.2, 0.6, 0.4, 0.7};
  i1.n_node_samples = {6, 2, 4, 1, 3};
  i1.weighted_n_node_samples = {6, 2, 4, 1, 3};
  TreeArrays i2 = i1;
  i2.left_child = {1, 2, -1, -1, -1};
  i2.right_child = {4, 3, -1, -1, -1};
  i2.feature = {1, 0, -2, -2, -2};
  i2.threshold = {6.0, 5.0, -2, -2, -2};
  i2.n_node_samples = {6, 5, 1, 4, 1};
  i2.weighted_n_node_samples = {6, 5, 1, 4, 1};
  out.emplace_back("IsolationForest",
                   IsolationForest::from_trees({i1, i2}, {{2, 3}, {0, 2}}, 4, 2, 6, -0.5));

  // --- Linear models of every other kind -----------------------------------------------
  const NdArray coef_bin = matrix({0.3, -0.8, 1.1, 0.7}, 1, 4);
  const NdArray int_binary = NdArray::from_vector(std::vector<std::int64_t>{0, 1});
  const NdArray intercept3 = vec({0.3, 1.2, -1.5});
  const auto linear_classifier = [&](LinearClassifierKind kind, NdArray coef, NdArray intercept,
                                     NdArray classes, estimators::LinearClassifierOptions o = {}) {
    return EstimatorPtr(LinearClassifier::from_arrays(kind, std::move(coef), std::move(intercept),
                                                      std::move(classes), o));
  };
  estimators::LinearClassifierOptions ovr;
  ovr.multi_class = "ovr";
  ovr.solver = "liblinear";
  out.emplace_back("LogisticRegression_ovr_liblinear",
                   linear_classifier(LinearClassifierKind::LogisticRegression, coef3, intercept3,
                                     int_classes, ovr));
  out.emplace_back("RidgeClassifier", linear_classifier(LinearClassifierKind::RidgeClassifier,
                                                        coef3, intercept3, int_classes));
  out.emplace_back("RidgeClassifier_binary_strings",
                   linear_classifier(LinearClassifierKind::RidgeClassifier, coef_bin, vec({-3.0}),
                                     NdArray::from_strings({"no", "yes"}, {2})));
  for (const std::string loss : {"hinge", "log_loss", "modified_huber"}) {
    estimators::LinearClassifierOptions o;
    o.loss = loss;
    out.emplace_back("SGDClassifier_" + loss, linear_classifier(LinearClassifierKind::SGDClassifier,
                                                                coef3, intercept3, int_classes, o));
  }
  estimators::LinearClassifierOptions log_loss;
  log_loss.loss = "log_loss";
  out.emplace_back("SGDClassifier_log_loss_binary",
                   linear_classifier(LinearClassifierKind::SGDClassifier, coef_bin, vec({-3.0}),
                                     int_binary, log_loss));
  out.emplace_back("Perceptron", linear_classifier(LinearClassifierKind::Perceptron, coef3,
                                                   intercept3, int_classes));
  out.emplace_back("PassiveAggressiveClassifier_binary",
                   linear_classifier(LinearClassifierKind::PassiveAggressiveClassifier, coef_bin,
                                     vec({-3.0}), int_binary));
  out.emplace_back("LinearSVC", linear_classifier(LinearClassifierKind::LinearSVC, coef3,
                                                  intercept3, int_classes));

  using estimators::LinearRegressor;
  using estimators::LinearRegressorKind;
  const NdArray coef4 = vec({0.5, -1.25, 2.0, 0.125});
  const NdArray scalar_intercept = NdArray::from_vector(std::vector<double>{3.5}, {});
  const std::vector<std::pair<std::string, LinearRegressorKind>> scalar_kinds = {
      {"Lasso", LinearRegressorKind::Lasso},
      {"ElasticNet", LinearRegressorKind::ElasticNet},
      {"HuberRegressor", LinearRegressorKind::HuberRegressor},
      {"QuantileRegressor", LinearRegressorKind::QuantileRegressor},
      {"BayesianRidge", LinearRegressorKind::BayesianRidge}};
  for (const auto& [name, kind] : scalar_kinds)
    out.emplace_back(name, LinearRegressor::from_arrays(kind, coef4, scalar_intercept));
  out.emplace_back(
      "Ridge_two_targets",
      LinearRegressor::from_arrays(LinearRegressorKind::Ridge,
                                   matrix({0.5, -1.25, 2.0, 0.125, -0.3, 0.2, 0.1, 1.5}, 2, 4),
                                   vec({3.5, -1.0})));
  out.emplace_back("SGDRegressor", LinearRegressor::from_arrays(LinearRegressorKind::SGDRegressor,
                                                                coef4, vec({3.5})));
  out.emplace_back("LinearSVR",
                   LinearRegressor::from_arrays(LinearRegressorKind::LinearSVR, coef4, vec({3.5})));

  out.emplace_back("LinearDiscriminantAnalysis",
                   estimators::LinearDiscriminantAnalysis::from_arrays(
                       int_classes, coef3, vec({9.0, 2.1, -11.1}),
                       matrix({0.8, 0.1, 1.5, -0.9, -2.2, 0.4, -2.6, 2.7}, 4, 2),
                       vec({5.8, 3.0, 3.8, 1.2}), 2, "svd", vec({0.3, 0.3, 0.4}),
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.6, 3.0, 5.6, 2.0}, 3, 4)));
  out.emplace_back(
      "LinearDiscriminantAnalysis_lsqr_binary",
      estimators::LinearDiscriminantAnalysis::from_arrays(
          NdArray::from_strings({"no", "yes"}, {2}), coef_bin, vec({-3.0}), {}, {}, -1, "lsqr"));

  using estimators::DummyClassifier;
  out.emplace_back("DummyClassifier_prior",
                   DummyClassifier::from_prior(int_classes, {0.5, 0.3, 0.2}, "prior"));
  out.emplace_back("DummyClassifier_most_frequent",
                   DummyClassifier::from_prior(int_classes, {0.2, 0.3, 0.5}, "most_frequent"));
  out.emplace_back(
      "DummyClassifier_constant_strings",
      DummyClassifier::from_prior(NdArray::from_strings({"a", "b", "c"}, {3}), {0.2, 0.3, 0.5},
                                  "constant", NdArray::from_strings({"b"}, {1})));
  out.emplace_back("DummyClassifier_uniform",
                   DummyClassifier::from_prior(int_classes, {0.2, 0.3, 0.5}, "uniform"));
  out.all.back().skip = {Method::Predict};
  out.emplace_back("DummyRegressor_mean", estimators::DummyRegressor::from_constant({1.5}));
  out.emplace_back("DummyRegressor_quantile_two_outputs",
                   estimators::DummyRegressor::from_constant({1.5, -2.0}, "quantile"));

  // --- SVM (libsvm layout: SVs grouped by class, dual_coef_ (n_classes - 1, n_SV)) ----------
  using estimators::SvmKernel;
  estimators::SVCParams svc;
  svc.model.kernel = SvmKernel::Rbf;
  svc.model.gamma = 0.25;
  svc.model.support_vectors = matrix({5.0, 3.4, 1.5, 0.2, 4.6, 3.1, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3,
                                      6.1, 3.0, 4.6, 1.4, 6.5, 3.0, 5.5, 1.8, 6.0, 2.7, 5.1, 1.6},
                                     6, 4);
  svc.model.support = i32({3, 10, 55, 63, 110, 120});
  svc.model.n_support = i32({2, 2, 2});
  // Row 0: 0v1 for classes 0 and 1, 0v2 for class 2; row 1: 0v2 for class 0, 1v2 for 1 and 2.
  // Each pair's coefficients sum to zero.
  svc.model.dual_coef =
      matrix({0.8, 0.5, -0.9, -0.4, -0.3, -0.2, 0.3, 0.2, 0.7, 0.6, -0.8, -0.5}, 2, 6);
  svc.model.intercept = vec({0.1, -0.2, 0.3});
  svc.classes = int_classes;
  out.emplace_back("SVC_rbf", estimators::SVC::from_arrays(svc));
  estimators::SVCParams svc_proba = svc;
  svc_proba.probability = true;
  svc_proba.model.prob_a = vec({-2.1, -1.8, -2.5});
  svc_proba.model.prob_b = vec({0.05, -0.1, 0.02});
  out.emplace_back("SVC_rbf_probability", estimators::SVC::from_arrays(svc_proba));
  estimators::SVCParams svc_poly = svc;
  svc_poly.model.kernel = SvmKernel::Poly;
  svc_poly.model.gamma = 0.1;
  svc_poly.model.coef0 = 1.0;
  svc_poly.model.degree = 2;
  svc_poly.decision_function_shape = "ovo";
  svc_poly.classes = NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3});
  out.emplace_back("SVC_poly_ovo_strings", estimators::SVC::from_arrays(svc_poly));
  estimators::SVCParams svc_sig = svc;
  svc_sig.model.kernel = SvmKernel::Sigmoid;
  svc_sig.model.gamma = 0.02;
  svc_sig.model.coef0 = -0.5;
  svc_sig.break_ties = true;
  out.emplace_back("SVC_sigmoid_break_ties", estimators::SVC::from_arrays(svc_sig));
  estimators::SVCParams nusvc;
  nusvc.nu = true;
  nusvc.nu_value = 0.4;
  nusvc.model.kernel = SvmKernel::Linear;
  nusvc.model.support_vectors =
      matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.0, 2.7, 5.1, 1.6}, 3, 4);
  nusvc.model.support = i32({3, 55, 120});
  nusvc.model.n_support = i32({1, 2});
  nusvc.model.dual_coef = matrix({0.5, -0.3, -0.2}, 1, 3);
  nusvc.model.intercept = vec({-1.2});
  nusvc.classes = NdArray::from_strings({"no", "yes"}, {2});
  out.emplace_back("NuSVC_linear_binary", estimators::SVC::from_arrays(nusvc));

  estimators::LibsvmModel reg_model;
  reg_model.kernel = SvmKernel::Rbf;
  reg_model.gamma = 0.2;
  reg_model.support_vectors =
      matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.0, 2.7, 5.1, 1.6}, 3, 4);
  reg_model.support = i32({3, 55, 120});
  reg_model.n_support = i32({3, 3});
  reg_model.dual_coef = matrix({0.7, -0.4, -0.3}, 1, 3);
  reg_model.intercept = vec({1.5});
  estimators::SVRParams svr;
  svr.model = reg_model;
  out.emplace_back("SVR_rbf", estimators::SVR::from_arrays(svr));
  estimators::SVRParams nusvr = svr;
  nusvr.nu = true;
  nusvr.model.kernel = SvmKernel::Linear;
  out.emplace_back("NuSVR_linear", estimators::SVR::from_arrays(nusvr));
  estimators::OneClassSVMParams ocsvm;
  ocsvm.model = reg_model;
  ocsvm.model.dual_coef = matrix({0.5, 0.3, 0.2}, 1, 3);
  ocsvm.model.intercept = vec({-0.4});
  ocsvm.nu = 0.3;
  out.emplace_back("OneClassSVM", estimators::OneClassSVM::from_arrays(ocsvm));

  // --- MLP ----------------------------------------------------------------------------------
  estimators::MLPParams mlp;
  mlp.coefs = {matrix({0.2, -0.5, 0.1, 0.4, 0.3, -0.2, -0.6, 0.8, 0.5, -0.1, 0.9, 0.3}, 4, 3),
               matrix({1.1, -0.4, -0.7, -0.9, 0.6, 0.2, 0.3, -1.2, 0.8}, 3, 3)};
  mlp.intercepts = {vec({0.1, -0.3, 0.2}), vec({0.5, 0.0, -0.5})};
  mlp.activation = "relu";
  mlp.out_activation = "softmax";
  mlp.classes = int_classes;
  mlp.y_type = "multiclass";
  out.emplace_back("MLPClassifier_multiclass", estimators::MLP::from_arrays(mlp, true));
  estimators::MLPParams mlp_bin;
  mlp_bin.coefs = {matrix({0.2, -0.5, 0.1, 0.4, 0.3, -0.2, -0.6, 0.8}, 4, 2),
                   matrix({1.1, -0.9}, 2, 1)};
  mlp_bin.intercepts = {vec({0.1, -0.3}), vec({0.2})};
  mlp_bin.activation = "tanh";
  mlp_bin.out_activation = "logistic";
  mlp_bin.classes = NdArray::from_strings({"no", "yes"}, {2});
  mlp_bin.y_type = "binary";
  out.emplace_back("MLPClassifier_binary_strings", estimators::MLP::from_arrays(mlp_bin, true));
  estimators::MLPParams mlp_reg;
  mlp_reg.coefs = {mlp.coefs[0], matrix({1.1, -0.4, 0.7}, 3, 1)};
  mlp_reg.intercepts = {vec({0.1, -0.3, 0.2}), vec({0.5})};
  mlp_reg.activation = "logistic";
  mlp_reg.out_activation = "identity";
  out.emplace_back("MLPRegressor", estimators::MLP::from_arrays(mlp_reg, false));

  // --- QDA ----------------------------------------------------------------------------------
  estimators::QDAParams qda;
  qda.classes = int_classes;
  qda.means = nb.theta;
  qda.priors = vec({0.3, 0.3, 0.4});
  qda.scalings = {vec({0.2, 0.1, 0.05, 0.02}), vec({0.4, 0.2, 0.1, 0.05}),
                  vec({0.5, 0.3, 0.15, 0.08})};
  const NdArray identity4 =
      matrix({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 4, 4);  // orthonormal bases
  const NdArray givens = matrix({0.6, -0.8, 0, 0, 0.8, 0.6, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 4, 4);
  const NdArray swap = matrix({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1}, 4, 4);
  qda.rotations = {identity4, givens, swap};
  out.emplace_back("QuadraticDiscriminantAnalysis",
                   estimators::QuadraticDiscriminantAnalysis::from_arrays(qda));

  // --- Neighbours (training rows differ from the input: no zero distances) ------------------
  const NdArray fit_X = matrix({5.0, 3.6, 1.4, 0.2, 4.8, 3.1, 1.6, 0.2, 6.7, 3.1, 4.4, 1.4,
                                5.7, 2.8, 4.1, 1.3, 6.4, 2.8, 5.6, 2.1, 7.2, 3.0, 5.8, 1.6},
                               6, 4);
  estimators::NeighborsParams knn;
  knn.fit_X = fit_X;
  knn.n_neighbors = 3;
  out.emplace_back("KNeighborsClassifier", estimators::KNeighborsClassifier::from_arrays(
                                               knn, int_classes, {0, 0, 1, 1, 2, 2}));
  estimators::NeighborsParams knn_l1 = knn;
  knn_l1.n_neighbors = 2;
  knn_l1.distance_weights = true;
  knn_l1.metric = estimators::NeighborsMetric::Manhattan;
  knn_l1.euclidean_reduction = false;
  out.emplace_back("KNeighborsClassifier_manhattan_distance",
                   estimators::KNeighborsClassifier::from_arrays(
                       knn_l1, NdArray::from_strings({"a", "b", "c"}, {3}), {0, 1, 1, 2, 2, 0}));
  out.emplace_back("KNeighborsRegressor", estimators::KNeighborsRegressor::from_arrays(
                                              knn, vec({0.2, 0.25, 1.4, 1.3, 2.1, 1.6})));
  estimators::NeighborsParams knn_p3 = knn;
  knn_p3.n_neighbors = 2;
  knn_p3.distance_weights = true;
  knn_p3.metric = estimators::NeighborsMetric::Minkowski;
  knn_p3.p = 3;
  knn_p3.euclidean_reduction = false;
  out.emplace_back(
      "KNeighborsRegressor_minkowski3_two_outputs",
      estimators::KNeighborsRegressor::from_arrays(
          knn_p3, matrix({0.2, 1.0, 0.25, 1.1, 1.4, 2.0, 1.3, 2.2, 2.1, 3.0, 1.6, 3.5}, 6, 2)));
  out.emplace_back(
      "NearestCentroid",
      estimators::NearestCentroid::from_arrays(
          nb.theta, NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3})));
  out.emplace_back("NearestCentroid_manhattan",
                   estimators::NearestCentroid::from_arrays(nb.theta, int_classes, "manhattan"));

  // --- Naive Bayes --------------------------------------------------------------------------
  const std::vector<std::vector<double>> word_probs = {
      {0.5, 0.34, 0.14, 0.02}, {0.4, 0.19, 0.3, 0.11}, {0.37, 0.17, 0.31, 0.15}};
  const NdArray uniform_log_prior = vec({std::log(1.0 / 3), std::log(1.0 / 3), std::log(1.0 / 3)});
  estimators::DiscreteNBParams mnb;
  mnb.kind = estimators::DiscreteNBKind::Multinomial;
  mnb.classes = int_classes;
  mnb.feature_log_prob = log_rows(word_probs);
  mnb.class_log_prior = uniform_log_prior;
  mnb.class_count = vec({50, 50, 50});
  mnb.feature_count = matrix({249, 169, 69, 9, 295, 138, 212, 65, 328, 147, 276, 100}, 3, 4);
  out.emplace_back("MultinomialNB", estimators::DiscreteNB::from_arrays(mnb));
  estimators::DiscreteNBParams cnb = mnb;
  cnb.kind = estimators::DiscreteNBKind::Complement;
  cnb.feature_log_prob =
      log_rows({{0.38, 0.18, 0.3, 0.14}, {0.43, 0.26, 0.22, 0.09}, {0.45, 0.27, 0.2, 0.08}});
  cnb.class_log_prior = vec({std::log(0.5), std::log(0.3), std::log(0.2)});
  cnb.feature_all = vec({872, 454, 557, 174});
  out.emplace_back("ComplementNB", estimators::DiscreteNB::from_arrays(cnb));
  estimators::DiscreteNBParams bnb;
  bnb.kind = estimators::DiscreteNBKind::Bernoulli;
  bnb.classes = NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3});
  std::vector<double> bern;
  for (double p : {0.98, 0.6, 0.02, 0.02, 0.98, 0.1, 0.7, 0.02, 0.98, 0.3, 0.96, 0.02})
    bern.push_back(std::log(p));
  bnb.feature_log_prob = matrix(bern, 3, 4);
  bnb.class_log_prior = uniform_log_prior;
  bnb.binarize = 3.0;
  out.emplace_back("BernoulliNB", estimators::DiscreteNB::from_arrays(bnb));

  // CategoricalNB: the input truncated to int has categories < 8, 4, 7, 3 per column.
  estimators::CategoricalNBParams cat;
  cat.classes = int_classes;
  cat.class_log_prior = uniform_log_prior;
  cat.class_count = vec({20, 20, 20});
  const std::vector<int> n_categories = {8, 4, 7, 3};
  for (int j = 0; j < 4; ++j) {
    std::vector<std::vector<double>> counts(3);
    for (int c = 0; c < 3; ++c)
      for (int v = 0; v < n_categories[j]; ++v) counts[c].push_back(1 + (c * 7 + v * 3 + j) % 5);
    cat.feature_log_prob.push_back(log_rows(counts));
  }
  out.emplace_back("CategoricalNB", estimators::CategoricalNB::from_arrays(cat));

  // --- Feature selection --------------------------------------------------------------------
  const std::vector<std::string> f_classif = {
      "sklearn.feature_selection._univariate_selection.f_classif"};
  const auto selector = [&](estimators::SelectorKind kind) {
    estimators::SelectorParams p;
    p.kind = kind;
    p.scores = vec({3.1, 0.5, 9.8, 7.2});
    p.pvalues = vec({0.04, 0.6, 0.0001, 0.002});
    return p;
  };
  using estimators::FeatureSelector;
  using estimators::SelectorKind;
  auto kbest = selector(SelectorKind::KBest);
  kbest.k = 2;
  out.emplace_back("SelectKBest", FeatureSelector::from_arrays(kbest), f_classif);
  auto percentile = selector(SelectorKind::Percentile);
  percentile.percentile = 50;
  out.emplace_back("SelectPercentile", FeatureSelector::from_arrays(percentile), f_classif);
  out.emplace_back("SelectFpr", FeatureSelector::from_arrays(selector(SelectorKind::Fpr)),
                   f_classif);
  auto fdr = selector(SelectorKind::Fdr);
  fdr.alpha = 0.01;
  out.emplace_back("SelectFdr", FeatureSelector::from_arrays(fdr), f_classif);
  auto fwe = selector(SelectorKind::Fwe);
  fwe.alpha = 0.01;
  out.emplace_back("SelectFwe", FeatureSelector::from_arrays(fwe), f_classif);
  auto generic = selector(SelectorKind::Generic);
  generic.mode = "k_best";
  generic.k = 3;
  out.emplace_back("GenericUnivariateSelect", FeatureSelector::from_arrays(generic), f_classif);
  estimators::SelectorParams variance;
  variance.kind = SelectorKind::VarianceThreshold;
  variance.variances = vec({0.9, 0.2, 4.1, 0.7});
  variance.threshold = 0.5;
  out.emplace_back("VarianceThreshold", FeatureSelector::from_arrays(variance));

  out.emplace_back("MiniBatchKMeans",
                   estimators::KMeans::from_arrays(
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.7, 4.4, 1.4, 6.9, 3.1, 5.8, 2.1}, 3, 4),
                       /*mini_batch=*/true));

  // --- Preprocessing and decomposition ------------------------------------------------------
  namespace pp = preprocessing;
  const std::vector<double> data_min = {4.3, 2.0, 1.0, 0.1}, data_max = {7.9, 4.4, 6.9, 2.5};
  std::vector<double> mm_scale, mm_min;
  for (int j = 0; j < 4; ++j) {
    mm_scale.push_back(1.0 / (data_max[j] - data_min[j]));
    mm_min.push_back(-data_min[j] * mm_scale[j]);
  }
  auto minmax = std::make_shared<pp::MinMaxScaler>(mm_scale, mm_min, 0.0, 1.0, false, data_min,
                                                   data_max, 150);
  out.emplace_back("MinMaxScaler", minmax);
  std::vector<double> clip_scale, clip_min;
  for (int j = 0; j < 4; ++j) {
    clip_scale.push_back(2.0 / (data_max[j] - data_min[j]));
    clip_min.push_back(-1.0 - data_min[j] * clip_scale[j]);
  }
  out.emplace_back("MinMaxScaler_clip_range",
                   std::make_shared<pp::MinMaxScaler>(clip_scale, clip_min, -1.0, 1.0, true,
                                                      data_min, data_max, 150));
  out.emplace_back("MaxAbsScaler", std::make_shared<pp::MaxAbsScaler>(data_max, 150));
  out.emplace_back("RobustScaler",
                   std::make_shared<pp::RobustScaler>(std::vector<double>{5.8, 3.0, 4.35, 1.3},
                                                      std::vector<double>{1.3, 0.5, 3.5, 1.5}));
  out.emplace_back(
      "RobustScaler_no_centering",
      std::make_shared<pp::RobustScaler>(
          std::vector<double>{}, std::vector<double>{1.3, 0.5, 3.5, 1.5}, 4, 10.0, 90.0, true));
  out.emplace_back("Normalizer_l1", std::make_shared<pp::Normalizer>("l1", 4));
  out.emplace_back("Normalizer_max", std::make_shared<pp::Normalizer>("max", 4));
  out.emplace_back("Binarizer", std::make_shared<pp::Binarizer>(3.0, 4));
  out.emplace_back("PolynomialFeatures", std::make_shared<pp::PolynomialFeatures>(4, 2));
  out.emplace_back("PolynomialFeatures_interaction_only",
                   std::make_shared<pp::PolynomialFeatures>(4, 3, 2, true, false));
  const std::vector<pp::CategoryList> some_categories = {
      pp::CategoryList::numeric({4.9, 5.1, 6.4}), pp::CategoryList::numeric({2.3, 3.0, 3.5}),
      pp::CategoryList::numeric({1.4, 4.0}), pp::CategoryList::numeric({0.2, 1.5, 2.5})};
  out.emplace_back("OneHotEncoder_ignore",
                   std::make_shared<pp::OneHotEncoder>(some_categories, "ignore"));
  const std::vector<pp::CategoryList> all_categories = {
      pp::CategoryList::numeric({4.9, 5.1, 5.5, 6.3, 6.4, 7.7}),
      pp::CategoryList::numeric({2.3, 2.6, 3.0, 3.2, 3.3, 3.5}),
      pp::CategoryList::numeric({1.4, 4.0, 4.5, 6.0, 6.9}),
      pp::CategoryList::numeric({0.2, 1.3, 1.5, 2.3, 2.5})};
  out.emplace_back("OneHotEncoder_drop_first",
                   std::make_shared<pp::OneHotEncoder>(all_categories, "error",
                                                       std::vector<std::int64_t>{0, 0, 0, 0}));
  out.emplace_back("OrdinalEncoder", std::make_shared<pp::OrdinalEncoder>(all_categories));
  out.emplace_back("OrdinalEncoder_unknown_value", std::make_shared<pp::OrdinalEncoder>(
                                                       some_categories, "use_encoded_value", -1.0));
  // LabelEncoder transforms one column of labels.
  Matrix labels = input().col(3);
  out.emplace_back("LabelEncoder",
                   std::make_shared<pp::LabelEncoder>(std::vector<double>{0.2, 1.3, 1.5, 2.3, 2.5}),
                   {}, labels);
  Matrix with_nan = input();
  with_nan(1, 2) = std::nan("");
  with_nan(4, 0) = std::nan("");
  // _fit_dtype is a numpy.dtype, which skops does not trust by default (as in Python's files).
  out.emplace_back("SimpleImputer",
                   std::make_shared<pp::SimpleImputer>(std::vector<double>{5.8, 3.0, 4.35, 1.3}),
                   {"numpy.dtype"}, with_nan);
  auto imputer_ind =
      std::make_shared<pp::SimpleImputer>(std::vector<double>{5.8, 3.0, 4.35, 1.3}, "median");
  imputer_ind->set_indicator_features({0, 2});
  out.emplace_back("SimpleImputer_add_indicator", imputer_ind, {"numpy.dtype"}, with_nan);
  out.emplace_back("FunctionTransformer_log1p",
                   std::make_shared<pp::FunctionTransformer>("log1p", "expm1"));
  out.emplace_back("FunctionTransformer_identity", std::make_shared<pp::FunctionTransformer>());
  Matrix components(2, 4);
  components << 0.5, 0.5, 0.5, 0.5,  //
      0.5, -0.5, 0.5, -0.5;
  auto pca = std::make_shared<decomposition::PCA>(
      components, std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{4.2, 0.25});
  out.emplace_back("PCA", pca);
  auto pca_whiten = std::make_shared<decomposition::PCA>(
      components, std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{4.2, 0.25}, true);
  pca_whiten->set_noise_variance(0.05);
  out.emplace_back("PCA_whiten_noise_variance", pca_whiten);
  auto svd = std::make_shared<decomposition::TruncatedSVD>(components);
  out.emplace_back("TruncatedSVD", svd);

  // --- Compose ------------------------------------------------------------------------------
  using Part = compose::ColumnTransformer::Part;
  // An unweighted part over `cols`.
  auto part = [](std::string name, EstimatorPtr est, std::vector<std::int64_t> cols) {
    return Part{
        {std::move(name), std::move(est), "estimator"}, std::move(cols), 1.0, false, nullptr};
  };
  std::vector<Part> parts;
  parts.push_back(part("scale",
                       std::make_shared<pp::StandardScaler>(std::vector<double>{5.8, 3.0},
                                                            std::vector<double>{0.8, 0.4}),
                       {0, 1}));
  parts.push_back(
      part("minmax",
           std::make_shared<pp::MinMaxScaler>(std::vector<double>{mm_scale[3], mm_scale[2]},
                                              std::vector<double>{mm_min[3], mm_min[2]}, 0.0, 1.0,
                                              false, std::vector<double>{data_min[3], data_min[2]},
                                              std::vector<double>{data_max[3], data_max[2]}, 150),
           {3, 2}));
  out.emplace_back("ColumnTransformer",
                   std::make_shared<compose::ColumnTransformer>(std::move(parts), 4));
  std::vector<Part> parts2;
  parts2.push_back(part("robust",
                        std::make_shared<pp::RobustScaler>(std::vector<double>{4.35, 1.3},
                                                           std::vector<double>{3.5, 1.5}),
                        {2, 3}));
  parts2.push_back(Part{{"gone", nullptr, "drop"}, {1}, 1.0, false, nullptr});
  parts2.push_back(Part{{"keep", nullptr, "passthrough"}, {3}, 1.0, false, nullptr});
  parts2.push_back(Part{{"remainder", nullptr, "passthrough"}, {0}, 2.0, true, nullptr});
  out.emplace_back("ColumnTransformer_drop_passthrough_remainder",
                   std::make_shared<compose::ColumnTransformer>(std::move(parts2), 4));
  out.emplace_back("FeatureUnion", std::make_shared<compose::FeatureUnion>(
                                       std::vector<compose::Step>{{"pca", pca, "estimator"},
                                                                  {"svd", svd, "estimator"}},
                                       std::map<std::string, double>{{"svd", 2.0}}));
  out.emplace_back("Pipeline_passthrough_PCA_KNeighbors",
                   compose::Pipeline::from_estimators(
                       {{"nothing", nullptr},
                        {"pca", pca},
                        {"knn", estimators::KNeighborsRegressor::from_arrays(
                                    [&] {
                                      estimators::NeighborsParams p = knn;
                                      p.fit_X = matrix({0.1, 0.2, -0.4, 0.3, 1.5, -0.2, 2.2, 0.1,
                                                        -1.0, 0.05, 0.7, -0.35},
                                                       6, 2);
                                      return p;
                                    }(),
                                    vec({0.2, 0.25, 1.4, 1.3, 2.1, 1.6}))}}));

  // --- Ensembles of other estimators --------------------------------------------------------
  using Algorithm = AdaBoostClassifier::Algorithm;
  // scikit-learn >= 1.3 scores a wrong SAMME vote -w/(K-1): a native model follows the
  // version it is written for.
  const bool symmetric = at_least(version, 1, 3);
  out.emplace_back("AdaBoostClassifier_SAMME",
                   std::make_shared<AdaBoostClassifier>(std::vector<EstimatorPtr>{tree_a, tree_b},
                                                        std::vector<double>{1.2, 0.8}, int_classes,
                                                        Algorithm::Samme, symmetric));
  out.emplace_back("AdaBoostClassifier_SAMME_R",
                   std::make_shared<AdaBoostClassifier>(std::vector<EstimatorPtr>{tree_b, tree_a},
                                                        std::vector<double>{1.0, 1.0}, int_classes,
                                                        Algorithm::SammeR, symmetric));
  out.emplace_back("AdaBoostRegressor", std::make_shared<AdaBoostRegressor>(
                                            std::vector<EstimatorPtr>{reg_a, reg_b, reg_a},
                                            std::vector<double>{0.6, 0.4, 0.3}));
  BaggingMembers bag;
  bag.estimators = {tree_a, tree_b};
  bag.features = {{0, 1, 2, 3}, {3, 2, 1, 0}};
  bag.n_features = 4;
  out.emplace_back(
      "BaggingClassifier",
      std::make_shared<BaggingClassifier>(
          bag, int_classes, std::vector<std::vector<std::int64_t>>{{0, 1, 2}, {0, 1, 2}}));
  BaggingMembers bag_reg;
  bag_reg.estimators = {reg_a, reg_b};
  bag_reg.features = {{0, 1, 2, 3}, {2, 3, 0, 1}};
  bag_reg.n_features = 4;
  out.emplace_back("BaggingRegressor", std::make_shared<BaggingRegressor>(bag_reg));
  const EstimatorPtr lr3 = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                         coef3, intercept3, int_classes);
  const EstimatorPtr gnb = estimators::GaussianNB::from_arrays(nb);
  const std::vector<std::string> bunch = {"sklearn.utils._bunch.Bunch"};
  out.emplace_back("VotingClassifier_soft",
                   std::make_shared<VotingClassifier>(
                       std::vector<EstimatorPtr>{lr3, gnb}, std::vector<std::string>{"lr", "nb"},
                       int_classes, true, std::vector<double>{2.0, 1.0}),
                   bunch);
  out.emplace_back(
      "VotingClassifier_hard_strings",
      std::make_shared<VotingClassifier>(
          std::vector<EstimatorPtr>{lr3, gnb, tree_b}, std::vector<std::string>{"lr", "nb", "tree"},
          NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3}), false,
          std::vector<double>{}),
      bunch);
  const EstimatorPtr linreg =
      LinearRegressor::from_arrays(LinearRegressorKind::LinearRegression, coef4, scalar_intercept);
  out.emplace_back("VotingRegressor",
                   std::make_shared<VotingRegressor>(std::vector<EstimatorPtr>{linreg, reg_a},
                                                     std::vector<std::string>{"lin", "tree"},
                                                     std::vector<double>{1.0, 3.0}),
                   bunch);
  const EstimatorPtr final_lr =
      LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                    matrix({1.5, -0.5, -1.0, 0.8, -0.2, -0.6, -1.0, 1.2, -0.2, -0.4,
                                            0.1, 0.3, -1.1, -0.7, 1.8, -0.4, 0.1, 0.3},
                                           3, 6),
                                    vec({0.1, 0.2, -0.3}), int_classes);
  out.emplace_back("StackingClassifier",
                   std::make_shared<Stacking>(
                       std::vector<EstimatorPtr>{lr3, gnb}, std::vector<std::string>{"lr", "nb"},
                       std::vector<Method>{Method::PredictProba, Method::PredictProba}, final_lr,
                       false, NdArray::from_strings({"a", "b", "c"}, {3})),
                   bunch);
  const EstimatorPtr final_lin = LinearRegressor::from_arrays(
      LinearRegressorKind::Ridge, vec({0.6, 0.3, 0.01, -0.02, 0.03, 0.05}),
      NdArray::from_vector(std::vector<double>{0.1}, {}));
  out.emplace_back("StackingRegressor_passthrough",
                   std::make_shared<Stacking>(std::vector<EstimatorPtr>{linreg, reg_b},
                                              std::vector<std::string>{"lin", "tree"},
                                              std::vector<Method>{Method::Predict, Method::Predict},
                                              final_lin, true, NdArray{}),
                   bunch);
  return out.all;
}

void write_file(const fs::path& p, const std::vector<std::uint8_t>& bytes) {
  std::ofstream o(p, std::ios::binary);
  o.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: native_models OUT_DIR [--sklearn-version V] [--check]\n";
    return 64;
  }
  const fs::path dir = argv[1];
  std::string version = "1.2.1";
  bool check = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--sklearn-version" && i + 1 < argc) version = argv[++i];
    if (a == "--check") check = true;
  }
  fs::create_directories(dir);
  int failures = 0;
  const std::vector<Model> all = models(version);
  for (const auto& [name, est, own_X, untrusted, skip] : all) {
    const Matrix X = own_X.size() == 0 ? input() : own_X;
    try {
      DumpOptions d;
      d.sklearn_version = version;
      const fs::path base = dir / name;
      dump(*est, base.string() + ".skops", d);
      write_file(base.string() + ".X.npy", write_npy(to_ndarray(X)));
      nlohmann::json meta;
      meta["class"] = est->type_name();
      meta["untrusted_types"] = untrusted;
      meta["methods"] = nlohmann::json::object();
      LoadOptions lo;
      lo.trusted = untrusted;
      auto reloaded = load(base.string() + ".skops", lo);
      for (Method m :
           {Method::Predict, Method::PredictProba, Method::PredictLogProba,
            Method::DecisionFunction, Method::Transform, Method::ScoreSamples, Method::Apply}) {
        if (!est->supports(m) || std::find(skip.begin(), skip.end(), m) != skip.end()) continue;
        const NdArray want = est->run(m, X);
        const std::string file = name + "." + to_string(m) + ".npy";
        write_file(dir / file, write_npy(want));
        meta["methods"][to_string(m)] = file;
        // The file must load back in C++ and give the same outputs.
        if (check && !(reloaded->supports(m) && reloaded->run(m, X) == want)) {
          std::cerr << name << ": " << to_string(m) << " differs after dump/load\n";
          ++failures;
        }
      }
      std::ofstream(base.string() + ".expected.json") << meta.dump(2) << "\n";
      std::cout << "wrote " << base.string() << ".skops (" << est->type_name() << ")\n";
    } catch (const std::exception& e) {
      std::cerr << name << ": " << e.what() << "\n";
      ++failures;
    }
  }
  if (check) std::cout << failures << " failed, " << all.size() << " models checked\n";
  return failures == 0 ? 0 : 1;
}
