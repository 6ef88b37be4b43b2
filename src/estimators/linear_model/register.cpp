// sklearn.linear_model: the regressors X @ coef_.T + intercept_ (regressors.cpp) and the
// linear classifiers (classifiers.cpp), SGDOneClassSVM (sgd_one_class.cpp), RANSACRegressor (ransac.cpp). LinearSVC and LinearSVR share these classes and are
// registered by svm/register.cpp. The CV classes' side state (alphas_, mse_path_, cv_values_,
// coefs_paths_, ...) is not read: it is kept as loaded and written back.

#include "estimators/builtins.hpp"
#include "estimators/linear_model/internal.hpp"

namespace skops::estimators {

void register_linear_model(TypeRegistry& reg) {
  using detail::linear_model::Access;
  using detail::linear_model::type_name;
  using K = LinearRegressorKind;
  for (K kind : {K::LinearRegression, K::Ridge, K::Lasso, K::ElasticNet, K::SGDRegressor,
                 K::HuberRegressor, K::QuantileRegressor, K::BayesianRidge, K::ElasticNetCV,
                 K::LassoCV, K::Lars, K::LarsCV, K::LassoLars, K::LassoLarsCV, K::LassoLarsIC,
                 K::OrthogonalMatchingPursuit, K::OrthogonalMatchingPursuitCV, K::RidgeCV,
                 K::MultiTaskElasticNet, K::MultiTaskElasticNetCV, K::MultiTaskLasso,
                 K::MultiTaskLassoCV, K::PassiveAggressiveRegressor, K::TheilSenRegressor,
                 K::ARDRegression, K::PoissonRegressor, K::GammaRegressor, K::TweedieRegressor}) {
    reg.add<LinearRegressor>(
        type_name(kind), [kind](const ObjectView& obj) { return Access::build_regressor(kind, obj); },
        Access::save_regressor);
  }
  using C = LinearClassifierKind;
  for (C kind : {C::LogisticRegression, C::RidgeClassifier, C::SGDClassifier, C::Perceptron,
                 C::PassiveAggressiveClassifier, C::RidgeClassifierCV, C::LogisticRegressionCV}) {
    reg.add<LinearClassifier>(
        type_name(kind), [kind](const ObjectView& obj) { return Access::build_classifier(kind, obj); },
        Access::save_classifier);
  }

  reg.add<SGDOneClassSVM>("sklearn.linear_model._stochastic_gradient.SGDOneClassSVM",
                          detail::linear_model::build_sgd_one_class,
                          detail::linear_model::save_sgd_one_class);
  reg.add<RANSACRegressor>("sklearn.linear_model._ransac.RANSACRegressor",
                           detail::linear_model::build_ransac, detail::linear_model::save_ransac);

  // Helper objects read directly by the builders above: SGD loss objects (LossNode, not used
  // for prediction) and RidgeClassifier's _label_binarizer. The GLMs' _base_loss objects
  // (sklearn._loss.loss / link / _loss types: plain attributes, only the link's type name is
  // read) are registered with the gradient boosting ones (ensemble/register.cpp).
  reg.add_helper_types({
      "sklearn.linear_model._sgd_fast.Hinge",
      "sklearn.linear_model._sgd_fast.SquaredHinge",
      "sklearn.linear_model._sgd_fast.ModifiedHuber",
      "sklearn.linear_model._sgd_fast.Log",
      "sklearn.linear_model._sgd_fast.SquaredLoss",
      "sklearn.linear_model._sgd_fast.Huber",
      "sklearn.linear_model._sgd_fast.EpsilonInsensitive",
      "sklearn.linear_model._sgd_fast.SquaredEpsilonInsensitive",
      "sklearn.preprocessing._label.LabelBinarizer",
  });
}

}  // namespace skops::estimators
