#pragma once
/// \file isotonic.hpp
/// sklearn.isotonic: IsotonicRegression (predict, transform).

#include <Eigen/Core>
#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// sklearn.isotonic.IsotonicRegression, fitted: scipy's linear interp1d over
/// (X_thresholds_, y_thresholds_) (rebuilt from them, as __setstate__ does: skops does not
/// store `f_`). predict and transform take one feature, (n_samples, 1), and return
/// (n_samples,) float64. out_of_bounds: "clip" clips T to [X_min_, X_max_] first, "nan"
/// gives NaN outside [X_thresholds_[0], X_thresholds_[-1]], "raise" refuses such input
/// (InputError). A single threshold gives its y everywhere. NaN or infinite input is refused
/// (check_array). Only float64 thresholds are supported.
class IsotonicRegression final : public Estimator {
 public:
  enum class OutOfBounds { Nan, Clip, Raise };
  IsotonicRegression(std::vector<double> x_thresholds, std::vector<double> y_thresholds,
                     double x_min, double x_max, OutOfBounds out_of_bounds);
  const std::vector<double>& x_thresholds() const noexcept { return x_; }
  const std::vector<double>& y_thresholds() const noexcept { return y_; }
  OutOfBounds out_of_bounds() const noexcept { return oob_; }
  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// The interpolation of each value of `t` (IsotonicRegression._transform on a 1-d array).
  Eigen::VectorXd interpolate(const Eigen::VectorXd& t) const;

 private:
  std::vector<double> x_, y_;
  double x_min_, x_max_;
  OutOfBounds oob_;
};

}  // namespace skops::estimators
