// Registrations of the linear_model family: linear_model, svm (LinearSVC/LinearSVR),
// discriminant_analysis (LDA) and dummy.

#include "estimators/families.hpp"
#include "estimators/linear_model/internal.hpp"

namespace skops::estimators {

void register_linear_models(TypeRegistry& reg) {
  using K = LinearRegressorKind;
  for (K kind : {K::LinearRegression, K::Ridge, K::Lasso, K::ElasticNet, K::SGDRegressor,
                 K::HuberRegressor, K::QuantileRegressor, K::BayesianRidge, K::LinearSVR}) {
    reg.add<LinearRegressor>(
        linear::type_name(kind),
        [kind](const ObjectView& obj) { return LinearAccess::build_regressor(kind, obj); },
        [](const LinearRegressor& est, ObjectWriter& w) { LinearAccess::save_regressor(est, w); });
  }
  using C = LinearClassifierKind;
  for (C kind : {C::LogisticRegression, C::RidgeClassifier, C::SGDClassifier, C::Perceptron,
                 C::PassiveAggressiveClassifier, C::LinearSVC}) {
    reg.add<LinearClassifier>(
        linear::type_name(kind),
        [kind](const ObjectView& obj) { return LinearAccess::build_classifier(kind, obj); },
        [](const LinearClassifier& est, ObjectWriter& w) {
          LinearAccess::save_classifier(est, w);
        });
  }
  reg.add<LinearDiscriminantAnalysis>(
      linear::kLdaType, [](const ObjectView& obj) { return LinearAccess::build_lda(obj); },
      [](const LinearDiscriminantAnalysis& est, ObjectWriter& w) {
        LinearAccess::save_lda(est, w);
      });
  reg.add<DummyClassifier>(
      linear::kDummyClassifierType,
      [](const ObjectView& obj) { return LinearAccess::build_dummy_classifier(obj); },
      [](const DummyClassifier& est, ObjectWriter& w) {
        LinearAccess::save_dummy_classifier(est, w);
      });
  reg.add<DummyRegressor>(
      linear::kDummyRegressorType,
      [](const ObjectView& obj) { return LinearAccess::build_dummy_regressor(obj); },
      [](const DummyRegressor& est, ObjectWriter& w) {
        LinearAccess::save_dummy_regressor(est, w);
      });

  // Helper objects read directly by the builders above: SGD loss objects (LossNode, not used
  // for prediction) and RidgeClassifier's _label_binarizer.
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
