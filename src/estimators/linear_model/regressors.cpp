// Linear regressors: predict = X @ coef_.T + intercept_ (sklearn/linear_model/_base.py,
// LinearModel._decision_function), for every class whose predict is exactly that, and for
// the GLMs (sklearn/linear_model/_glm/glm.py) the inverse link of it.

#include <cmath>

#include "estimators/linear_model/coefficients.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/linear_model/linear_math.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/linear_model/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace detail::linear_model {
const char* type_name(LinearRegressorKind kind) noexcept {
  switch (kind) {
    case LinearRegressorKind::LinearRegression:
      return "sklearn.linear_model._base.LinearRegression";
    case LinearRegressorKind::Ridge:
      return "sklearn.linear_model._ridge.Ridge";
    case LinearRegressorKind::Lasso:
      return "sklearn.linear_model._coordinate_descent.Lasso";
    case LinearRegressorKind::ElasticNet:
      return "sklearn.linear_model._coordinate_descent.ElasticNet";
    case LinearRegressorKind::SGDRegressor:
      return "sklearn.linear_model._stochastic_gradient.SGDRegressor";
    case LinearRegressorKind::HuberRegressor:
      return "sklearn.linear_model._huber.HuberRegressor";
    case LinearRegressorKind::QuantileRegressor:
      return "sklearn.linear_model._quantile.QuantileRegressor";
    case LinearRegressorKind::BayesianRidge:
      return "sklearn.linear_model._bayes.BayesianRidge";
    case LinearRegressorKind::LinearSVR:
      return "sklearn.svm._classes.LinearSVR";
    case LinearRegressorKind::ElasticNetCV:
      return "sklearn.linear_model._coordinate_descent.ElasticNetCV";
    case LinearRegressorKind::LassoCV:
      return "sklearn.linear_model._coordinate_descent.LassoCV";
    case LinearRegressorKind::Lars:
      return "sklearn.linear_model._least_angle.Lars";
    case LinearRegressorKind::LarsCV:
      return "sklearn.linear_model._least_angle.LarsCV";
    case LinearRegressorKind::LassoLars:
      return "sklearn.linear_model._least_angle.LassoLars";
    case LinearRegressorKind::LassoLarsCV:
      return "sklearn.linear_model._least_angle.LassoLarsCV";
    case LinearRegressorKind::LassoLarsIC:
      return "sklearn.linear_model._least_angle.LassoLarsIC";
    case LinearRegressorKind::OrthogonalMatchingPursuit:
      return "sklearn.linear_model._omp.OrthogonalMatchingPursuit";
    case LinearRegressorKind::OrthogonalMatchingPursuitCV:
      return "sklearn.linear_model._omp.OrthogonalMatchingPursuitCV";
    case LinearRegressorKind::RidgeCV:
      return "sklearn.linear_model._ridge.RidgeCV";
    case LinearRegressorKind::MultiTaskElasticNet:
      return "sklearn.linear_model._coordinate_descent.MultiTaskElasticNet";
    case LinearRegressorKind::MultiTaskElasticNetCV:
      return "sklearn.linear_model._coordinate_descent.MultiTaskElasticNetCV";
    case LinearRegressorKind::MultiTaskLasso:
      return "sklearn.linear_model._coordinate_descent.MultiTaskLasso";
    case LinearRegressorKind::MultiTaskLassoCV:
      return "sklearn.linear_model._coordinate_descent.MultiTaskLassoCV";
    case LinearRegressorKind::PassiveAggressiveRegressor:
      return "sklearn.linear_model._passive_aggressive.PassiveAggressiveRegressor";
    case LinearRegressorKind::TheilSenRegressor:
      return "sklearn.linear_model._theil_sen.TheilSenRegressor";
    case LinearRegressorKind::ARDRegression:
      return "sklearn.linear_model._bayes.ARDRegression";
    case LinearRegressorKind::PoissonRegressor:
      return "sklearn.linear_model._glm.glm.PoissonRegressor";
    case LinearRegressorKind::GammaRegressor:
      return "sklearn.linear_model._glm.glm.GammaRegressor";
    case LinearRegressorKind::TweedieRegressor:
      return "sklearn.linear_model._glm.glm.TweedieRegressor";
  }
  return "";
}
}  // namespace detail::linear_model

namespace {
// The SGD-based regressors' _decision_function returns scores.ravel().
bool ravels(LinearRegressorKind kind) {
  return kind == LinearRegressorKind::SGDRegressor ||
         kind == LinearRegressorKind::PassiveAggressiveRegressor;
}

bool is_glm(LinearRegressorKind kind) {
  return kind == LinearRegressorKind::PoissonRegressor ||
         kind == LinearRegressorKind::GammaRegressor ||
         kind == LinearRegressorKind::TweedieRegressor;
}

// _GeneralizedLinearRegressor.predict applies self._base_loss.link.inverse: the link object
// decides (Tweedie's depends on power and link), so it is read rather than re-derived.
// Returns true for LogLink (np.exp), false for IdentityLink.
bool glm_log_link(const ObjectView& obj) {
  const ValueView lossv = obj.at("_base_loss");
  if (lossv.node().kind != NodeKind::Object || lossv.node().module != "sklearn._loss.loss") {
    lossv.fail("_base_loss must be a loss object of sklearn._loss.loss");
  }
  const ObjectView loss(lossv.ptr(), obj.ctx());
  const ValueView linkv = loss.at("link");
  const Node& link = linkv.node();
  if (link.kind == NodeKind::Object && link.type_name() == "sklearn._loss.link.LogLink") return true;
  if (link.kind == NodeKind::Object && link.type_name() == "sklearn._loss.link.IdentityLink") {
    return false;
  }
  throw UnsupportedError("GLM link " + link.type_name() + " is not supported (LogLink, IdentityLink)",
                         {}, linkv.pointer());
}

// numpy's exp of each score (the inverse of LogLink).
Matrix exp_of(Matrix s) {
  for (Eigen::Index j = 0; j < s.cols(); ++j)
    for (Eigen::Index i = 0; i < s.rows(); ++i) s(i, j) = std::exp(s(i, j));
  return s;
}
}  // namespace

std::unique_ptr<LinearRegressor> LinearRegressor::from_arrays(LinearRegressorKind kind,
                                                              NdArray coef, NdArray intercept) {
  if (is_glm(kind)) {
    throw UnsupportedError(std::string(detail::linear_model::type_name(kind)) +
                           " cannot be built natively (its _base_loss object is not written)");
  }
  auto est = std::make_unique<LinearRegressor>();
  est->kind_ = kind;
  est->c_ =
      detail::linear_model::make_coefficients(std::move(coef), std::move(intercept), detail::linear_model::type_name(kind));
  est->ravel_ = ravels(kind);
  est->set_type_name(detail::linear_model::type_name(kind));
  est->set_n_features_in(est->c_.w.cols());
  return est;
}

NdArray LinearRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_finite_input(X);
  Matrix s = detail::linear_model::decision_scores(X, c_.w, c_.b);
  if (exp_link_) s = exp_of(std::move(s));
  return detail::linear_model::scores_to_ndarray(s, c_.coef.ndim() == 1 || ravel_);
}

NdArray LinearRegressor::on_sparse(Method m, const CsrMatrix& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  detail::check_finite_sparse(*this, X);
  Matrix s = detail::linear_model::decision_scores(X, c_.w, c_.b);
  if (exp_link_) s = exp_of(std::move(s));
  return detail::linear_model::scores_to_ndarray(s, c_.coef.ndim() == 1 || ravel_);
}

NdArray LinearRegressor::run_float32(Method m, const MatrixView& X) const {
  if (!c_.float32) return run(m, X);
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_finite_input(X);
  // float32 X with float32 coef_: numpy computes (and returns) float32.
  std::vector<float> s = detail::linear_model::decision_scores_f32(X, c_);
  if (c_.coef.ndim() == 1 || ravel_) return NdArray::from_vector(s);
  return NdArray::from_vector(s, {X.rows(), c_.w.rows()});
}

std::unique_ptr<LinearRegressor> detail::linear_model::Access::build_regressor(LinearRegressorKind kind,
                                                               const ObjectView& obj) {
  auto est = std::make_unique<LinearRegressor>();
  est->kind_ = kind;
  est->c_ = detail::linear_model::read_coefficients(obj);
  est->ravel_ = ravels(kind);
  if (is_glm(kind)) {
    est->exp_link_ = glm_log_link(obj);
    // The float32 path below has no link; scikit-learn's GLM solvers fit float64 coef_.
    if (est->c_.float32) obj.fail("float32 coef_ of a GLM is not supported");
  }
  est->set_type_name(obj.type_name());
  est->set_n_features_in(detail::read_n_features(obj, est->c_.w.cols()));
  est->set_original_state(obj.state());
  return est;
}

void detail::linear_model::Access::save_regressor(const LinearRegressor& est, ObjectWriter& w) {
  const bool native = !est.original_state();
  if (native) detail::linear_model::write_default_params(est.type_name(), w);
  w.set_int("n_features_in_", est.n_features_in());
  detail::linear_model::write_coefficients(est.c_, w);
}

}  // namespace skops::estimators
