// Default hyper-parameters of the cross-validated, least-angle, OMP, multi-task, Theil-Sen,
// ARD and passive-aggressive models (issue 14): `vars(Cls())` of scikit-learn 1.2.1, with
// 1.3/1.4's changes (normalize removed from the least-angle and OMP classes in 1.4, ARD's
// n_iter renamed max_iter in 1.3).

#include <cfloat>

#include "estimators/linear_model/internal.hpp"

namespace skops::estimators::detail::linear_model {

namespace {

using param_nodes::b;
using param_nodes::f;
using param_nodes::i;
using param_nodes::none;
using param_nodes::s;
// np.finfo(float).eps, stored as a numpy float64 scalar.
NodePtr machine_eps() {
  return make::numpy_scalar(NdArray::from_vector(std::vector<double>{DBL_EPSILON}, {}));
}

// ElasticNetCV / LassoCV / MultiTask*CV share the path parameters: l1_ratio only for the
// ElasticNet classes; MultiTaskElasticNetCV has no precompute nor positive.
Params cd_cv(bool has_l1_ratio, bool multi_task, bool verbose_int) {
  Params p;
  if (has_l1_ratio) p.emplace_back("l1_ratio", f(0.5));
  Params rest = {{"eps", f(0.001)},        {"n_alphas", i(100)},      {"alphas", none()},
                 {"fit_intercept", b(true)}};
  p.insert(p.end(), rest.begin(), rest.end());
  if (!multi_task || !has_l1_ratio) p.emplace_back("precompute", s("auto"));
  p.emplace_back("max_iter", i(1000));
  p.emplace_back("tol", f(0.0001));
  if (has_l1_ratio) {  // the ElasticNet classes set cv before copy_X
    p.emplace_back("cv", none());
    p.emplace_back("copy_X", b(true));
  } else {
    p.emplace_back("copy_X", b(true));
    p.emplace_back("cv", none());
  }
  p.emplace_back("verbose", verbose_int ? i(0) : b(false));
  p.emplace_back("n_jobs", none());
  if (!(multi_task && has_l1_ratio)) p.emplace_back("positive", b(false));
  p.emplace_back("random_state", none());
  p.emplace_back("selection", s("cyclic"));
  return p;
}

Params multi_task(double l1_ratio) {
  return {{"l1_ratio", f(l1_ratio)}, {"alpha", f(1.0)},       {"fit_intercept", b(true)},
          {"max_iter", i(1000)},     {"copy_X", b(true)},     {"tol", f(0.0001)},
          {"warm_start", b(false)},  {"random_state", none()}, {"selection", s("cyclic")}};
}

// Lars / LassoLars / LassoLarsCV / LassoLarsIC / LarsCV: the keys in `vars` order, normalize
// ("deprecated") only before 1.4.
Params lars(const std::string& cls, bool v14) {
  auto norm = [&](Params& p) {
    if (!v14) p.emplace_back("normalize", s("deprecated"));
  };
  Params p;
  if (cls == "Lars" || cls == "LarsCV") {
    if (cls == "LarsCV") {
      p = {{"max_iter", i(500)}, {"cv", none()}, {"max_n_alphas", i(1000)}, {"n_jobs", none()}};
    }
    p.emplace_back("fit_intercept", b(true));
    p.emplace_back("verbose", b(false));
    norm(p);
    Params rest = {{"precompute", s("auto")}, {"n_nonzero_coefs", i(500)}, {"eps", machine_eps()},
                   {"copy_X", b(true)},       {"fit_path", b(true)},       {"jitter", none()},
                   {"random_state", none()}};
    p.insert(p.end(), rest.begin(), rest.end());
  } else if (cls == "LassoLars") {
    p = {{"alpha", f(1.0)}, {"fit_intercept", b(true)}, {"max_iter", i(500)}, {"verbose", b(false)}};
    norm(p);
    Params rest = {{"positive", b(false)}, {"precompute", s("auto")}, {"copy_X", b(true)},
                   {"eps", machine_eps()}, {"fit_path", b(true)},     {"jitter", none()},
                   {"random_state", none()}};
    p.insert(p.end(), rest.begin(), rest.end());
  } else if (cls == "LassoLarsCV") {
    p = {{"fit_intercept", b(true)}, {"verbose", b(false)}, {"max_iter", i(500)}};
    norm(p);
    Params rest = {{"precompute", s("auto")}, {"cv", none()},         {"max_n_alphas", i(1000)},
                   {"n_jobs", none()},        {"eps", machine_eps()}, {"copy_X", b(true)},
                   {"positive", b(false)}};
    p.insert(p.end(), rest.begin(), rest.end());
  } else {  // LassoLarsIC
    p = {{"criterion", s("aic")},
         {"fit_intercept", b(true)},
         {"positive", b(false)},
         {"max_iter", i(500)},
         {"verbose", b(false)}};
    norm(p);
    Params rest = {{"copy_X", b(true)},    {"precompute", s("auto")}, {"eps", machine_eps()},
                   {"fit_path", b(true)},  {"noise_variance", none()}};
    p.insert(p.end(), rest.begin(), rest.end());
  }
  return p;
}

Params ridge_cv(bool classifier) {
  Params p = {{"alphas", make::tuple({f(0.1), f(1.0), f(10.0)})},
              {"fit_intercept", b(true)},
              {"scoring", none()},
              {"cv", none()},
              {"gcv_mode", none()},
              {"store_cv_values", b(false)},
              {"alpha_per_target", b(false)}};
  if (classifier) p.emplace_back("class_weight", none());
  return p;
}

}  // namespace

Params more_default_params(const std::string& cls, const SklearnVersion& version) {
  const bool v13 = version.at_least(1, 3);
  const bool v14 = version.at_least(1, 4);
  if (cls == "ElasticNetCV") return cd_cv(true, false, true);
  if (cls == "LassoCV") return cd_cv(false, false, false);
  if (cls == "MultiTaskElasticNetCV") return cd_cv(true, true, true);
  if (cls == "MultiTaskLassoCV") return cd_cv(false, true, false);
  if (cls == "MultiTaskElasticNet") return multi_task(0.5);
  if (cls == "MultiTaskLasso") {
    Params p = multi_task(1.0);
    // MultiTaskLasso.__init__ sets l1_ratio = 1.0 after warm_start.
    Params out;
    for (auto& kv : p) {
      if (kv.first != "l1_ratio") out.push_back(kv);
      if (kv.first == "warm_start") out.emplace_back("l1_ratio", f(1.0));
    }
    return out;
  }
  if (cls == "Lars" || cls == "LarsCV" || cls == "LassoLars" || cls == "LassoLarsCV" ||
      cls == "LassoLarsIC") {
    return lars(cls, v14);
  }
  if (cls == "OrthogonalMatchingPursuit") {
    Params p = {{"n_nonzero_coefs", none()}, {"tol", none()}, {"fit_intercept", b(true)}};
    if (!v14) p.emplace_back("normalize", s("deprecated"));
    p.emplace_back("precompute", s("auto"));
    return p;
  }
  if (cls == "OrthogonalMatchingPursuitCV") {
    Params p = {{"copy", b(true)}, {"fit_intercept", b(true)}};
    if (!v14) p.emplace_back("normalize", s("deprecated"));
    Params rest = {{"max_iter", none()}, {"cv", none()}, {"n_jobs", none()}, {"verbose", b(false)}};
    p.insert(p.end(), rest.begin(), rest.end());
    return p;
  }
  if (cls == "RidgeCV") return ridge_cv(false);
  if (cls == "RidgeClassifierCV") return ridge_cv(true);
  if (cls == "PassiveAggressiveRegressor") {
    return {{"loss", s("epsilon_insensitive")},
            {"penalty", none()},
            {"learning_rate", s("invscaling")},
            {"epsilon", f(0.1)},
            {"alpha", f(0.0001)},
            {"C", f(1.0)},
            {"l1_ratio", i(0)},
            {"fit_intercept", b(true)},
            {"shuffle", b(true)},
            {"random_state", none()},
            {"verbose", i(0)},
            {"eta0", f(1.0)},
            {"power_t", f(0.25)},
            {"early_stopping", b(false)},
            {"validation_fraction", f(0.1)},
            {"n_iter_no_change", i(5)},
            {"warm_start", b(false)},
            {"average", b(false)},
            {"max_iter", i(1000)},
            {"tol", f(0.001)}};
  }
  if (cls == "TheilSenRegressor") {
    return {{"fit_intercept", b(true)},   {"copy_X", b(true)},      {"max_subpopulation", f(10000.0)},
            {"n_subsamples", none()},     {"max_iter", i(300)},     {"tol", f(0.001)},
            {"random_state", none()},     {"n_jobs", none()},       {"verbose", b(false)}};
  }
  if (cls == "ARDRegression") {
    Params p;
    if (v13)
      p.emplace_back("max_iter", none());  // 1.3 renamed n_iter to max_iter
    else
      p.emplace_back("n_iter", i(300));
    Params rest = {{"tol", f(0.001)},          {"fit_intercept", b(true)},
                   {"alpha_1", f(1e-06)},      {"alpha_2", f(1e-06)},
                   {"lambda_1", f(1e-06)},     {"lambda_2", f(1e-06)},
                   {"compute_score", b(false)}, {"threshold_lambda", f(10000.0)},
                   {"copy_X", b(true)},        {"verbose", b(false)}};
    p.insert(p.end(), rest.begin(), rest.end());
    if (v13) p.emplace_back("n_iter", s("deprecated"));
    return p;
  }
  if (cls == "LogisticRegressionCV") {
    return {{"Cs", i(10)},           {"fit_intercept", b(true)},   {"cv", none()},
            {"dual", b(false)},      {"penalty", s("l2")},         {"scoring", none()},
            {"tol", f(0.0001)},      {"max_iter", i(100)},         {"class_weight", none()},
            {"n_jobs", none()},      {"verbose", i(0)},            {"solver", s("lbfgs")},
            {"refit", b(true)},      {"intercept_scaling", f(1.0)}, {"multi_class", s("auto")},
            {"random_state", none()}, {"l1_ratios", none()}};
  }
  return {};
}

}  // namespace skops::estimators::detail::linear_model
