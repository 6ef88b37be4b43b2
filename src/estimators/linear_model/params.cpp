// Default hyper-parameters of natively built estimators, per scikit-learn version: the
// `vars(Cls())` of scikit-learn 1.2.1, with the changes of 1.3/1.4 applied.

#include "estimators/linear_model/coefficients.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/linear_model/internal.hpp"

namespace skops::estimators::detail::linear_model {

namespace {

using param_nodes::b;
using param_nodes::f;
using param_nodes::i;
using param_nodes::none;
using param_nodes::s;

Params sgd_params(const char* loss, NodePtr penalty, const char* learning_rate, double eta0,
                  double power_t, NodePtr random_state, bool classifier) {
  Params p = {{"loss", s(loss)},
              {"penalty", std::move(penalty)},
              {"learning_rate", s(learning_rate)},
              {"epsilon", f(0.1)},
              {"alpha", f(0.0001)},
              {"C", f(1.0)},
              {"l1_ratio", f(0.15)},
              {"fit_intercept", b(true)},
              {"shuffle", b(true)},
              {"random_state", std::move(random_state)},
              {"verbose", i(0)},
              {"eta0", f(eta0)},
              {"power_t", f(power_t)},
              {"early_stopping", b(false)},
              {"validation_fraction", f(0.1)},
              {"n_iter_no_change", i(5)},
              {"warm_start", b(false)},
              {"average", b(false)},
              {"max_iter", i(1000)},
              {"tol", f(0.001)}};
  if (classifier) {
    p.emplace_back("class_weight", none());
    p.emplace_back("n_jobs", none());
  }
  return p;
}

Params coordinate_descent(double l1_ratio) {
  return {{"alpha", f(1.0)},        {"l1_ratio", f(l1_ratio)}, {"fit_intercept", b(true)},
          {"precompute", b(false)}, {"max_iter", i(1000)},     {"copy_X", b(true)},
          {"tol", f(0.0001)},       {"warm_start", b(false)},  {"positive", b(false)},
          {"random_state", none()}, {"selection", s("cyclic")}};
}

Params ridge(bool classifier) {
  Params p = {{"alpha", f(1.0)},      {"fit_intercept", b(true)}, {"copy_X", b(true)},
              {"max_iter", none()},   {"tol", f(0.0001)},         {"solver", s("auto")},
              {"positive", b(false)}, {"random_state", none()}};
  if (classifier) p.emplace_back("class_weight", none());
  return p;
}

}  // namespace

Params default_params(const std::string& type, const SklearnVersion& version) {
  const bool v13 = version.at_least(1, 3);
  const bool v14 = version.at_least(1, 4);
  const std::string cls = type.substr(type.rfind('.') + 1);
  if (cls == "LinearRegression") {
    return {{"fit_intercept", b(true)},
            {"copy_X", b(true)},
            {"n_jobs", none()},
            {"positive", b(false)}};
  }
  if (cls == "Ridge") return ridge(false);
  if (cls == "RidgeClassifier") return ridge(true);
  if (cls == "Lasso") return coordinate_descent(1.0);
  if (cls == "ElasticNet") return coordinate_descent(0.5);
  if (cls == "SGDRegressor")
    return sgd_params("squared_error", s("l2"), "invscaling", 0.01, 0.25, none(), false);
  if (cls == "SGDClassifier")
    return sgd_params("hinge", s("l2"), "optimal", 0.0, 0.5, none(), true);
  if (cls == "Perceptron")
    return sgd_params("perceptron", none(), "constant", 1.0, 0.5, i(0), true);
  if (cls == "PassiveAggressiveClassifier") {
    return sgd_params("hinge", none(), "optimal", 1.0, 0.5, none(), true);
  }
  if (cls == "HuberRegressor") {
    return {{"epsilon", f(1.35)},     {"max_iter", i(100)},       {"alpha", f(0.0001)},
            {"warm_start", b(false)}, {"fit_intercept", b(true)}, {"tol", f(1e-05)}};
  }
  if (cls == "QuantileRegressor") {
    // 1.4 changed the default solver from "interior-point" (announced by "warn") to "highs".
    return {{"quantile", f(0.5)},
            {"alpha", f(1.0)},
            {"fit_intercept", b(true)},
            {"solver", s(v14 ? "highs" : "warn")},
            {"solver_options", none()}};
  }
  if (cls == "BayesianRidge") {
    Params p;
    if (v13)
      p.emplace_back("max_iter", none());  // 1.3 renamed n_iter to max_iter
    else
      p.emplace_back("n_iter", i(300));
    Params rest = {{"tol", f(0.001)},       {"alpha_1", f(1e-06)},       {"alpha_2", f(1e-06)},
                   {"lambda_1", f(1e-06)},  {"lambda_2", f(1e-06)},      {"alpha_init", none()},
                   {"lambda_init", none()}, {"compute_score", b(false)}, {"fit_intercept", b(true)},
                   {"copy_X", b(true)},     {"verbose", b(false)}};
    p.insert(p.end(), rest.begin(), rest.end());
    if (v13) p.emplace_back("n_iter", s("deprecated"));
    return p;
  }
  if (cls == "LinearSVR") {
    // 1.3 made dual's default "warn" (becoming "auto" in 1.5).
    return {{"tol", f(0.0001)},
            {"C", f(1.0)},
            {"epsilon", f(0.0)},
            {"fit_intercept", b(true)},
            {"intercept_scaling", f(1.0)},
            {"verbose", i(0)},
            {"random_state", none()},
            {"max_iter", i(1000)},
            {"dual", v13 ? s("warn") : b(true)},
            {"loss", s("epsilon_insensitive")}};
  }
  if (cls == "LinearSVC") {
    return {{"dual", v13 ? s("warn") : b(true)},
            {"tol", f(0.0001)},
            {"C", f(1.0)},
            {"multi_class", s("ovr")},
            {"fit_intercept", b(true)},
            {"intercept_scaling", i(1)},
            {"class_weight", none()},
            {"verbose", i(0)},
            {"random_state", none()},
            {"max_iter", i(1000)},
            {"penalty", s("l2")},
            {"loss", s("squared_hinge")}};
  }
  if (cls == "LogisticRegression") {
    return {{"penalty", s("l2")},       {"dual", b(false)},
            {"tol", f(0.0001)},         {"C", f(1.0)},
            {"fit_intercept", b(true)}, {"intercept_scaling", i(1)},
            {"class_weight", none()},   {"random_state", none()},
            {"solver", s("lbfgs")},     {"max_iter", i(100)},
            {"multi_class", s("auto")}, {"verbose", i(0)},
            {"warm_start", b(false)},   {"n_jobs", none()},
            {"l1_ratio", none()}};
  }
  if (cls == "LinearDiscriminantAnalysis") {
    return {{"solver", s("svd")},
            {"shrinkage", none()},
            {"priors", none()},
            {"n_components", none()},
            {"store_covariance", b(false)},
            {"tol", f(0.0001)},
            {"covariance_estimator", none()}};
  }
  if (cls == "DummyClassifier")
    return {{"strategy", s("prior")}, {"random_state", none()}, {"constant", none()}};
  if (cls == "DummyRegressor")
    return {{"strategy", s("mean")}, {"constant", none()}, {"quantile", none()}};
  return more_default_params(cls, version);
}

void write_default_params(const std::string& type, ObjectWriter& w) {
  for (auto& [key, value] : default_params(type, w.ctx().target()))
    w.set_default(key, value);
}

}  // namespace skops::estimators::detail::linear_model
