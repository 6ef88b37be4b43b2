// RANSACRegressor: the estimator refitted on the consensus set, delegated to.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/linear_model/_ransac.py
// (RANSACRegressor.predict: _validate_data(force_all_finite=False, accept_sparse=True,
// reset=False) then estimator_.predict(X); the same in 1.4.2).

#include "estimators/linear_model/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

RANSACRegressor::RANSACRegressor(EstimatorPtr estimator, std::vector<bool> inlier_mask)
    : estimator_(std::move(estimator)), inlier_mask_(std::move(inlier_mask)) {
  if (!estimator_ || !estimator_->supports(Method::Predict))
    throw ValidationError("RANSACRegressor: estimator_ must be an estimator that predicts");
  set_type_name("sklearn.linear_model._ransac.RANSACRegressor");
  set_n_features_in(estimator_->n_features_in());
  if (!estimator_->feature_names_in().empty()) set_feature_names_in(estimator_->feature_names_in());
}

NdArray RANSACRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  return estimator_->run(m, X);
}

NdArray RANSACRegressor::run_float32(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  return estimator_->run_float32(m, X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::linear_model {

std::unique_ptr<RANSACRegressor> build_ransac(const ObjectView& obj) {
  const ValueView ev = obj.at("estimator_");
  if (ev.node().kind != NodeKind::Object) ev.fail("estimator_ must be an estimator");
  std::vector<bool> mask;
  if (auto mv = obj.find("inlier_mask_"); mv && !mv->is_none()) {
    const NdArray m = detail::numpy_array(*mv, "inlier_mask_");
    if (m.ndim() != 1 || m.dtype().kind() != DTypeKind::Bool)
      mv->fail("inlier_mask_ must be a 1-d bool array");
    for (const auto v : m.to_vector<std::int64_t>()) mask.push_back(v != 0);
  }
  EstimatorPtr inner = ev.estimator();
  const std::int64_t n = detail::optional_n_features(obj);
  auto est = detail::located(
      obj, [&] { return std::make_unique<RANSACRegressor>(std::move(inner), std::move(mask)); });
  if (n >= 0 && est->n_features_in() >= 0 && n != est->n_features_in())
    obj.at("n_features_in_").fail("n_features_in_ differs from estimator_'s");
  if (est->n_features_in() < 0 && n >= 0) est->set_n_features_in(n);
  est->set_original_state(obj.state());
  return est;
}

void save_ransac(const RANSACRegressor& est, ObjectWriter& w) {
  // n_trials_, n_skips_* and the parameters exist only in a file.
  if (!est.original_state())
    throw UnsupportedError("RANSACRegressor is written only as loaded from a file");
  w.set_estimator("estimator_", *est.estimator());
}

}  // namespace skops::estimators::detail::linear_model
