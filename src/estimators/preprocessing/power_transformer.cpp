// PowerTransformer: Yeo-Johnson or Box-Cox per feature with the fitted lambdas_, then the
// stored StandardScaler `_scaler` (standardize=True); inverse_transform the other way round.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_data.py
// (PowerTransformer; unchanged in 1.4.2). Box-Cox goes through scipy.special.boxcox:
// log(x) when |lambda| < 1e-19, else expm1(lambda * log(x)) / lambda.
// The lambda branches are scikit-learn's: Yeo-Johnson's log1p/exp forms when |lambda| <
// np.spacing(1.0) (x >= 0) or |lambda - 2| <= np.spacing(1.0) (x < 0), Box-Cox's inverse
// exp(x) only when lambda == 0 exactly. NaN falls in the x < 0 branch and stays NaN.

#include <cmath>
#include <limits>

#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {

const double kSpacing1 = std::numeric_limits<double>::epsilon();  // np.spacing(1.0)

double yeo_johnson(double x, double lmbda) {
  if (x >= 0) {
    if (std::fabs(lmbda) < kSpacing1) return std::log1p(x);
    return (std::pow(x + 1, lmbda) - 1) / lmbda;
  }
  if (std::fabs(lmbda - 2) > kSpacing1) return -(std::pow(-x + 1, 2 - lmbda) - 1) / (2 - lmbda);
  return -std::log1p(-x);
}

double yeo_johnson_inverse(double x, double lmbda) {
  if (x >= 0) {
    if (std::fabs(lmbda) < kSpacing1) return std::exp(x) - 1;
    return std::pow(x * lmbda + 1, 1 / lmbda) - 1;
  }
  if (std::fabs(lmbda - 2) > kSpacing1) return 1 - std::pow(-(2 - lmbda) * x + 1, 1 / (2 - lmbda));
  return 1 - std::exp(-x);
}

double box_cox(double x, double lmbda) {
  if (std::fabs(lmbda) < 1e-19) return std::log(x);
  return std::expm1(lmbda * std::log(x)) / lmbda;
}

double box_cox_inverse(double x, double lmbda) {
  if (lmbda == 0) return std::exp(x);
  return std::pow(x * lmbda + 1, 1 / lmbda);
}

}  // namespace

PowerTransformer::PowerTransformer(std::vector<double> lambdas, std::string method,
                                   std::shared_ptr<const StandardScaler> scaler)
    : lambdas_(std::move(lambdas)), method_(std::move(method)), scaler_(std::move(scaler)) {
  const auto fail = [](const std::string& what) { throw ValidationError("PowerTransformer: " + what); };
  if (method_ != "yeo-johnson" && method_ != "box-cox") {
    fail("method must be 'yeo-johnson' or 'box-cox', got '" + method_ + "'");
  }
  box_cox_ = method_ == "box-cox";
  if (lambdas_.empty()) fail("lambdas_ is empty");
  for (double l : lambdas_) {
    if (!std::isfinite(l)) fail("lambdas_ must be finite");
  }
  const auto n = static_cast<std::int64_t>(lambdas_.size());
  if (scaler_ && scaler_->n_features_in() != n) {
    fail("_scaler has " + std::to_string(scaler_->n_features_in()) + " features, lambdas_ " +
         std::to_string(n));
  }
  set_type_name("sklearn.preprocessing._data.PowerTransformer");
  set_n_features_in(n);
}

NdArray PowerTransformer::do_transform(const MatrixView& X) const {
  detail::check_allow_nan(*this, X);
  if (box_cox_) {
    // np.nanmin(X) <= 0 (an all-NaN X passes).
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        if (X(i, j) <= 0) {
          throw InputError("The Box-Cox transformation can only be applied to strictly "
                           "positive data");
        }
      }
    }
  }
  Matrix out(X.rows(), X.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      const double l = lambdas_[static_cast<std::size_t>(j)];
      out(i, j) = box_cox_ ? box_cox(X(i, j), l) : yeo_johnson(X(i, j), l);
    }
  }
  if (!scaler_) return to_ndarray(out);
  return scaler_->run(Method::Transform, out);
}

NdArray PowerTransformer::inverse_transform(const MatrixView& X) const {
  detail::check_allow_nan(*this, X);
  Matrix out = scaler_ ? to_matrix(scaler_->inverse_transform(X)) : Matrix(X);
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    for (Eigen::Index j = 0; j < out.cols(); ++j) {
      const double l = lambdas_[static_cast<std::size_t>(j)];
      out(i, j) = box_cox_ ? box_cox_inverse(out(i, j), l) : yeo_johnson_inverse(out(i, j), l);
    }
  }
  return to_ndarray(out);
}

NdArray PowerTransformer::on_sparse(Method, const CsrMatrix&) const {
  // _check_input validates with check_array's default accept_sparse=False.
  throw InputError(type_name() + ": a sparse matrix was passed, but dense data is required");
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

void save_power(const PowerTransformer& e, ObjectWriter& w) {
  w.set("method", make::str(e.method()));
  w.set("standardize", make::boolean(e.standardize()));
  w.set_default("copy", make::boolean(true));
  w.set_int("n_features_in_", e.n_features_in());
  w.set("lambdas_", detail::float_array_node(e.lambdas()));
  if (e.scaler()) w.set_estimator("_scaler", *e.scaler());
}

std::unique_ptr<PowerTransformer> build_power(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const std::string method = obj.str("method");
  const bool standardize = obj.boolean("standardize");
  auto lambdas = detail::float_vector(obj, "lambdas_", n);
  std::shared_ptr<const StandardScaler> scaler;
  if (standardize) {
    const auto sub = obj.estimator("_scaler");
    scaler = std::dynamic_pointer_cast<const StandardScaler>(sub);
    if (!scaler) obj.at("_scaler").fail("_scaler must be a StandardScaler");
  } else if (auto s = obj.find("_scaler"); s && !s->is_none()) {
    s->fail("standardize=False but a _scaler is present");
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<PowerTransformer>(lambdas, method, scaler);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
