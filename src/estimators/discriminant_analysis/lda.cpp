// sklearn.discriminant_analysis.LinearDiscriminantAnalysis: decision_function and predict
// from LinearClassifierMixin; predict_proba = expit (binary) or softmax of the scores;
// predict_log_proba = log(proba) with exact zeros bumped to the smallest normal float;
// transform = (X - xbar_) @ scalings_ (svd) or X @ scalings_ (eigen), first
// _max_components columns (sklearn/discriminant_analysis.py, 1.2.1 and 1.4.2 alike).

#include <cmath>
#include <limits>

#include "estimators/linear_model/coefficients.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/linear_model/linear_math.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/discriminant_analysis/internal.hpp"
#include "estimators/linear_model/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

Matrix matrix_of(const NdArray& a) {
  Matrix m(a.ndim() == 2 ? a.dim(0) : 0, a.ndim() == 2 ? a.dim(1) : 0);
  const auto v = a.to_vector<double>();
  std::copy(v.begin(), v.end(), m.data());
  return m;
}

// Validates scalings_/xbar_/_max_components against n_features; `fail` throws.
template <class Fail>
void setup_transform(const NdArray& scalings, const NdArray& xbar, std::int64_t max_components,
                     const std::string& solver, std::int64_t n_features, Matrix& sm,
                     Eigen::VectorXd& xv, std::int64_t& out_cols, Fail fail) {
  if (scalings.ndim() == 0 && scalings.size() == 0) return;
  if (scalings.ndim() != 2 || scalings.dim(0) != n_features) {
    fail("scalings_ must have shape (n_features, n_components) with n_features = " +
         std::to_string(n_features));
  }
  sm = matrix_of(scalings);
  if (solver == "svd") {
    if (xbar.ndim() != 1 || xbar.dim(0) != n_features) fail("xbar_ must have n_features entries");
    const auto v = xbar.to_vector<double>();
    xv = Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  }
  if (max_components < 0) fail("_max_components must not be negative");
  // X_new[:, :_max_components] keeps at most the columns that exist.
  out_cols = std::min<std::int64_t>(max_components, sm.cols());
}

}  // namespace

std::unique_ptr<LinearDiscriminantAnalysis> LinearDiscriminantAnalysis::from_arrays(
    NdArray classes, NdArray coef, NdArray intercept, NdArray scalings, NdArray xbar,
    std::int64_t max_components, std::string solver, NdArray priors, NdArray means) {
  const std::string who = detail::linear_model::kLdaType;
  auto fail = [&](const std::string& m) -> void { throw ValidationError(who + ": " + m); };
  auto est = std::make_unique<LinearDiscriminantAnalysis>();
  est->c_ = detail::linear_model::make_coefficients(std::move(coef), std::move(intercept), who);
  detail::check_classes(classes, detail::native_fail(who));
  est->classes_ = std::move(classes);
  const auto k = static_cast<std::int64_t>(est->classes_.size());
  if (est->c_.coef.ndim() != 2 || k < 2 ||
      !(est->c_.w.rows() == k || (est->c_.w.rows() == 1 && k == 2))) {
    fail("classes and coef_ rows disagree");
  }
  if (solver != "svd" && solver != "lsqr" && solver != "eigen") fail("unknown solver " + solver);
  est->solver_ = solver;
  const std::int64_t nf = est->c_.w.cols();
  if (max_components < 0 && scalings.ndim() == 2) max_components = scalings.dim(1);
  setup_transform(scalings, xbar, max_components, solver, nf, est->scalings_m_, est->xbar_v_,
                  est->max_components_, fail);
  est->scalings_ = std::move(scalings);
  est->xbar_ = std::move(xbar);
  est->priors_ = std::move(priors);
  est->means_ = std::move(means);
  est->set_type_name(who);
  est->set_n_features_in(nf);
  return est;
}

bool LinearDiscriminantAnalysis::supports(Method m) const noexcept {
  switch (m) {
    case Method::Predict:
    case Method::PredictProba:
    case Method::PredictLogProba:
    case Method::DecisionFunction:
      return true;
    case Method::Transform:
      return scalings_m_.size() > 0 && solver_ != "lsqr";
    default:
      return false;
  }
}

NdArray LinearDiscriminantAnalysis::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(type_name() + ": " + to_string(m) +
                           (m == Method::Transform ? " is not implemented for the 'lsqr' solver"
                                                   : " is not available"));
  }
  if (m == Method::Transform) {
    // transform does not validate X for NaN in 1.2.1 (no _validate_data call).
    check_input(X);
    Matrix out(X.rows(), max_components_);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      for (Eigen::Index c = 0; c < max_components_; ++c) {
        double acc = 0.0;
        for (Eigen::Index j = 0; j < X.cols(); ++j) {
          const double x = solver_ == "svd" ? X(i, j) - xbar_v_(j) : X(i, j);
          acc += x * scalings_m_(j, c);
        }
        out(i, c) = acc;
      }
    }
    return to_ndarray(out);
  }
  check_finite_input(X);
  const Matrix s = detail::linear_model::decision_scores(X, c_.w, c_.b);
  if (m == Method::DecisionFunction) return detail::linear_model::scores_to_ndarray(s, true);
  if (m == Method::Predict) {
    std::vector<std::int64_t> idx;
    if (s.cols() == 1) {
      for (Eigen::Index i = 0; i < s.rows(); ++i) idx.push_back(s(i, 0) > 0 ? 1 : 0);
    } else {
      idx = detail::argmax_rows(s);
    }
    return detail::take_labels(classes_, idx);
  }
  Matrix p;
  if (classes_.size() == 2 && s.cols() == 1) {
    p.resize(s.rows(), 2);
    for (Eigen::Index i = 0; i < s.rows(); ++i) {
      const double e = detail::expit(s(i, 0));
      p(i, 0) = 1.0 - e;
      p(i, 1) = e;
    }
  } else {
    p = s;
    detail::softmax_rows(p);
  }
  if (m == Method::PredictLogProba) {
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      double& v = p.data()[i];
      if (v == 0.0) v += std::numeric_limits<double>::min();
      v = std::log(v);
    }
  }
  return to_ndarray(p);
}

std::unique_ptr<LinearDiscriminantAnalysis> detail::discriminant_analysis::Access::build_lda(const ObjectView& obj) {
  auto est = std::make_unique<LinearDiscriminantAnalysis>();
  est->c_ = detail::linear_model::read_coefficients(obj);
  const ValueView cv = obj.at("classes_");
  est->classes_ = detail::read_classes(cv);
  est->classes_node_ = cv.ptr();
  const auto k = static_cast<std::int64_t>(est->classes_.size());
  if (est->c_.coef.ndim() != 2 || k < 2 ||
      !(est->c_.w.rows() == k || (est->c_.w.rows() == 1 && k == 2))) {
    obj.fail("classes_ has " + std::to_string(k) + " labels but coef_ has " +
             std::to_string(est->c_.w.rows()) + " rows");
  }
  est->solver_ = obj.find("solver") ? obj.str("solver") : "svd";
  const std::int64_t nf = detail::read_n_features(obj, est->c_.w.cols());
  if (est->solver_ != "lsqr" && obj.has("scalings_")) {
    est->scalings_ = detail::real_array(obj.at("scalings_"), "scalings_");
    if (est->solver_ == "svd") est->xbar_ = detail::real_array(obj.at("xbar_"), "xbar_");
    std::int64_t maxc = obj.has("_max_components")
                            ? obj.integer("_max_components")
                            : (est->scalings_.ndim() == 2 ? est->scalings_.dim(1) : 0);
    setup_transform(est->scalings_, est->xbar_, maxc, est->solver_, nf, est->scalings_m_,
                    est->xbar_v_, est->max_components_, [&](const std::string& m) { obj.fail(m); });
  }
  est->set_type_name(obj.type_name());
  est->set_n_features_in(nf);
  est->set_original_state(obj.state());
  return est;
}

void detail::discriminant_analysis::Access::save_lda(const LinearDiscriminantAnalysis& est, ObjectWriter& w) {
  const bool native = !est.original_state();
  if (native) {
    detail::linear_model::write_default_params(est.type_name(), w);
    w.set_str("solver", est.solver_);
  }
  w.set_int("n_features_in_", est.n_features_in());
  w.set("classes_", detail::labels_node(est.classes_, est.classes_node_));
  if (est.priors_.size() > 0 && est.priors_.ndim() == 1) w.set_array("priors_", est.priors_);
  if (native && est.scalings_m_.size() > 0) w.set_int("_max_components", est.max_components_);
  if (est.means_.ndim() == 2) w.set_array("means_", est.means_);
  if (est.xbar_.ndim() == 1) w.set_array("xbar_", est.xbar_);
  if (est.scalings_.ndim() == 2) w.set_array("scalings_", est.scalings_);
  detail::linear_model::write_coefficients(est.c_, w);
  if (native && est.scalings_m_.size() > 0) w.set_int("_n_features_out", est.max_components_);
}

}  // namespace skops::estimators
