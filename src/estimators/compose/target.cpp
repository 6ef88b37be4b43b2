// TransformedTargetRegressor: the regressor's prediction through the transformer's
// inverse_transform.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/compose/_target.py
// (TransformedTargetRegressor.predict; unchanged in 1.4.2):
//   pred = regressor_.predict(X)
//   pred_trans = transformer_.inverse_transform(pred.reshape(-1, 1) if pred.ndim == 1 else pred)
//   if _training_dim == 1 and pred_trans.ndim == 2 and pred_trans.shape[1] == 1: squeeze(axis=1)

#include "estimators/compose/internal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

TransformedTargetRegressor::TransformedTargetRegressor(EstimatorPtr regressor,
                                                       EstimatorPtr transformer,
                                                       std::int64_t training_dim)
    : regressor_(std::move(regressor)),
      transformer_(std::move(transformer)),
      training_dim_(training_dim) {
  if (!regressor_ || !regressor_->supports(Method::Predict))
    throw ValidationError("TransformedTargetRegressor: regressor_ cannot predict");
  if (!transformer_ || !transformer_->supports(Method::InverseTransform))
    throw ValidationError("TransformedTargetRegressor: transformer_ has no inverse_transform");
  if (training_dim_ != 1 && training_dim_ != 2)
    throw ValidationError("TransformedTargetRegressor: _training_dim must be 1 or 2");
  set_type_name("sklearn.compose._target.TransformedTargetRegressor");
  set_n_features_in(regressor_->n_features_in());
  if (!regressor_->feature_names_in().empty()) set_feature_names_in(regressor_->feature_names_in());
}

NdArray TransformedTargetRegressor::inverse(const NdArray& pred) const {
  if (pred.ndim() != 1 && pred.ndim() != 2)
    throw UnsupportedError(regressor_->type_name() + " predicted a " +
                           std::to_string(pred.ndim()) + "-d array");
  if (!pred.is_numeric())
    throw UnsupportedError(regressor_->type_name() + " predicted non-numeric values");
  Matrix p = to_matrix(pred.ndim() == 1 ? NdArray(pred.dtype(), {pred.dim(0), 1}, pred.view())
                                        : pred);
  NdArray out = transformer_->run(Method::InverseTransform, p);
  if (training_dim_ == 1 && out.ndim() == 2 && out.dim(1) == 1)
    out = NdArray(out.dtype(), {out.dim(0)}, out.view());
  return out;
}

NdArray TransformedTargetRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict)
    throw UnsupportedError("TransformedTargetRegressor has no method " + std::string(to_string(m)));
  return inverse(regressor_->run(Method::Predict, X));
}

NdArray TransformedTargetRegressor::on_table(Method m, const Table& X) const {
  if (m != Method::Predict)
    throw UnsupportedError("TransformedTargetRegressor has no method " + std::string(to_string(m)));
  return inverse(regressor_->run_table(Method::Predict, X));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::compose {

std::unique_ptr<TransformedTargetRegressor> build_transformed_target(const ObjectView& obj) {
  const ValueView reg = obj.at("regressor_");
  const ValueView tr = obj.at("transformer_");
  if (reg.node().kind != NodeKind::Object) reg.fail("regressor_ must be an estimator");
  if (tr.node().kind != NodeKind::Object) tr.fail("transformer_ must be an estimator");
  const ValueView dim = obj.at("_training_dim");
  const std::int64_t d = dim.as_int();
  if (d != 1 && d != 2) dim.fail("_training_dim must be 1 or 2");
  EstimatorPtr r = reg.estimator();
  EstimatorPtr t = tr.estimator();
  if (!r->supports(Method::Predict)) reg.fail(r->type_name() + " cannot predict");
  if (!t->supports(Method::InverseTransform))
    tr.fail(t->type_name() + " has no inverse_transform");
  auto est = detail::located(
      obj, [&] { return std::make_unique<TransformedTargetRegressor>(r, t, d); });
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_transformed_target(const TransformedTargetRegressor& est, ObjectWriter& w) {
  w.set_estimator("regressor_", *est.regressor());
  w.set_estimator("transformer_", *est.transformer());
  w.set_int("_training_dim", est.training_dim());
  w.set_default("regressor", make::none());
  w.set_default("transformer", make::none());
  w.set_default("func", make::none());
  w.set_default("inverse_func", make::none());
  w.set_default("check_inverse", make::boolean(true));
  // n_features_in_ is a property (regressor_'s) in scikit-learn: not written.
}

}  // namespace skops::estimators::detail::compose
