// SelfTrainingClassifier: the estimator fitted on the self-labelled data, delegated to.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/semi_supervised/_self_training.py
// (predict, predict_proba, decision_function, predict_log_proba: _validate_data(
// accept_sparse=True, force_all_finite=False, reset=False) then base_estimator_'s method;
// the same in 1.4.2; the attribute is estimator_ from 1.6).

#include "estimators/semi_supervised/internal.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {
constexpr const char* kType = "sklearn.semi_supervised._self_training.SelfTrainingClassifier";
}

SelfTrainingClassifier::SelfTrainingClassifier(EstimatorPtr estimator, NdArray classes)
    : estimator_(std::move(estimator)), classes_(std::move(classes)) {
  if (!estimator_) throw ValidationError("SelfTrainingClassifier: missing estimator");
  detail::check_classes(classes_, detail::native_fail("SelfTrainingClassifier"));
  if (!estimator_->supports(Method::Predict))
    throw ValidationError("SelfTrainingClassifier: " + estimator_->type_name() + " cannot predict");
  set_type_name(kType);
  set_n_features_in(estimator_->n_features_in());
  if (!estimator_->feature_names_in().empty()) set_feature_names_in(estimator_->feature_names_in());
}

bool SelfTrainingClassifier::supports(Method m) const noexcept {
  switch (m) {
    case Method::Predict:
    case Method::PredictProba:
    case Method::PredictLogProba:
    case Method::DecisionFunction:
      return estimator_->supports(m);  // available_if
    default:
      return false;
  }
}

NdArray SelfTrainingClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  return estimator_->run(m, X);
}

NdArray SelfTrainingClassifier::run_float32(Method m, const MatrixView& X) const {
  // _validate_data keeps float32: the estimator sees what it would see alone.
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  return estimator_->run_float32(m, X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::semi_supervised {

namespace {
// The fitted estimator's attribute: base_estimator_ up to 1.5, estimator_ from 1.6.
const char* estimator_key(const ObjectView& obj) {
  return obj.has("estimator_") ? "estimator_" : "base_estimator_";
}
}  // namespace

std::unique_ptr<SelfTrainingClassifier> build_self_training(const ObjectView& obj) {
  const ValueView ev = obj.at(estimator_key(obj));
  if (ev.node().kind != NodeKind::Object) ev.fail("the fitted estimator must be an estimator");
  NdArray classes = detail::read_classes(obj.at("classes_"));
  EstimatorPtr inner = ev.estimator();
  auto est = detail::located(
      obj, [&] { return std::make_unique<SelfTrainingClassifier>(std::move(inner), classes); });
  if (auto n = obj.find("n_features_in_")) {
    if (est->n_features_in() >= 0 && n->as_int() != est->n_features_in())
      n->fail("n_features_in_ differs from the estimator's");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_self_training(const SelfTrainingClassifier& est, ObjectWriter& w) {
  // The fit's record (transduction_, labeled_iter_, ...) exists only in a file.
  if (!est.original_state())
    throw UnsupportedError("SelfTrainingClassifier is written only as loaded from a file");
  bool new_name = false;
  for (const auto& e : est.original_state()->entries) new_name = new_name || e.key == "estimator_";
  w.set(new_name ? "estimator_" : "base_estimator_", w.ctx().save(*est.estimator()));
}

}  // namespace skops::estimators::detail::semi_supervised
