// IsotonicRegression, fitted: predict and transform.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/isotonic.py
// (_build_f, transform, predict, __setstate__; 1.4.2's _transform is the same) and
// scipy.interpolate.interp1d(kind="linear") (_call_linear, _check_bounds, fill_value=nan).

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "estimators/isotonic/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

IsotonicRegression::IsotonicRegression(std::vector<double> x_thresholds,
                                       std::vector<double> y_thresholds, double x_min,
                                       double x_max, OutOfBounds out_of_bounds)
    : x_(std::move(x_thresholds)), y_(std::move(y_thresholds)), x_min_(x_min), x_max_(x_max),
      oob_(out_of_bounds) {
  if (x_.empty() || x_.size() != y_.size())
    throw ValidationError("IsotonicRegression: X_thresholds_ and y_thresholds_ must have the same, non-zero length");
  for (std::size_t i = 0; i < x_.size(); ++i) {
    if (!std::isfinite(x_[i]) || std::isnan(y_[i]))
      throw ValidationError("IsotonicRegression: X_thresholds_ must be finite and y_thresholds_ not NaN");
    if (i > 0 && !(x_[i - 1] < x_[i]))
      throw ValidationError("IsotonicRegression: X_thresholds_ must be strictly increasing");
  }
  if (oob_ == OutOfBounds::Clip && (std::isnan(x_min_) || std::isnan(x_max_)))
    throw ValidationError("IsotonicRegression: X_min_ and X_max_ must be numbers");
  set_type_name("sklearn.isotonic.IsotonicRegression");
  set_n_features_in(1);
}

bool IsotonicRegression::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::Transform;
}

Eigen::VectorXd IsotonicRegression::interpolate(const Eigen::VectorXd& t) const {
  const Eigen::Index n = t.size();
  if (n < 1) throw InputError("IsotonicRegression: found array with 0 sample(s)");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(t(i)))
      throw InputError("IsotonicRegression: input contains NaN or infinity");
  Eigen::VectorXd out(n);
  const std::size_t m = x_.size();
  for (Eigen::Index i = 0; i < n; ++i) {
    double v = t(i);
    if (oob_ == OutOfBounds::Clip) v = std::min(std::max(v, x_min_), x_max_);  // np.clip
    if (m == 1) {  // f_ = lambda x: y.repeat(x.shape)
      out(i) = y_[0];
      continue;
    }
    if (v < x_.front() || v > x_.back()) {
      if (oob_ == OutOfBounds::Raise) {
        std::ostringstream s;
        s.precision(17);
        s << "IsotonicRegression: a value (" << v << ") in x_new is "
          << (v < x_.front() ? "below the interpolation range's minimum value (" : "above the interpolation range's maximum value (")
          << (v < x_.front() ? x_.front() : x_.back()) << ")";
        throw InputError(s.str());
      }
      out(i) = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    // searchsorted(x, v, side='left').clip(1, m - 1)
    std::size_t hi = static_cast<std::size_t>(std::lower_bound(x_.begin(), x_.end(), v) - x_.begin());
    hi = std::min(std::max<std::size_t>(hi, 1), m - 1);
    const std::size_t lo = hi - 1;
    const double slope = (y_[hi] - y_[lo]) / (x_[hi] - x_[lo]);
    out(i) = slope * (v - x_[lo]) + y_[lo];
  }
  return out;
}

NdArray IsotonicRegression::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(std::string("IsotonicRegression has no method ") + to_string(m));
  if (X.cols() != 1)
    throw InputError("IsotonicRegression: isotonic regression input X should be a 1d array or 2d array with 1 feature");
  return to_ndarray(interpolate(X.col(0)));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::isotonic {

std::unique_ptr<IsotonicRegression> build_isotonic_regression(const ObjectView& obj) {
  using OOB = IsotonicRegression::OutOfBounds;
  const ValueView ov = obj.at("out_of_bounds");
  const std::string o = ov.as_str();
  OOB oob;
  if (o == "nan") oob = OOB::Nan;
  else if (o == "clip") oob = OOB::Clip;
  else if (o == "raise") oob = OOB::Raise;
  else ov.fail("out_of_bounds must be 'nan', 'clip' or 'raise', not '" + o + "'");
  for (const char* key : {"X_thresholds_", "y_thresholds_"}) {
    const ValueView v = obj.at(key);
    if (numpy_array(v, key).dtype() != DType::float64())
      throw UnsupportedError(std::string("IsotonicRegression: only float64 ") + key + " is supported", {},
                             v.pointer());
  }
  std::vector<double> x = float_vector(obj, "X_thresholds_", -1);
  std::vector<double> y = float_vector(obj, "y_thresholds_", static_cast<std::int64_t>(x.size()));
  double x_min = std::numeric_limits<double>::quiet_NaN(), x_max = x_min;
  if (oob == OOB::Clip || obj.has("X_min_")) x_min = obj.real("X_min_");
  if (oob == OOB::Clip || obj.has("X_max_")) x_max = obj.real("X_max_");
  if (auto inc = obj.find("increasing_")) (void)inc->as_bool();
  auto est = located(obj, [&] {
    return std::make_unique<IsotonicRegression>(std::move(x), std::move(y), x_min, x_max, oob);
  });
  est->set_original_state(obj.state());
  return est;
}

void save_isotonic_regression(const IsotonicRegression& est, ObjectWriter&) {
  // Built only from files: everything is kept as read.
  if (!est.original_state())
    throw UnsupportedError("IsotonicRegression is written only as loaded from a file");
}

}  // namespace skops::estimators::detail::isotonic
