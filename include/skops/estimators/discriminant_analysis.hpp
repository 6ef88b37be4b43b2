#pragma once
/// \file discriminant_analysis.hpp
/// sklearn.discriminant_analysis: LinearDiscriminantAnalysis (a linear classifier over
/// linear_model's coefficients) and QuadraticDiscriminantAnalysis, loaded from `.skops` files
/// or built natively.
///
/// QDA
///
/// decision scores (sklearn 1.2.1/1.4.2 `_decision_function`): for class i,
/// X2 = (X - means_[i]) @ (rotations_[i] * scalings_[i] ** -0.5), norm2 = sum(X2 ** 2),
/// d_i = -0.5 * (norm2 + sum(log(scalings_[i]))) + log(priors_[i]).
/// decision_function = d ((n,) d_1 - d_0 for two classes), predict = classes_[argmax d],
/// predict_proba = exp(d - max d) / sum, predict_log_proba = log(predict_proba).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

namespace detail::discriminant_analysis {
struct Access;  // the builders and writers (src/estimators/discriminant_analysis)
}  // namespace detail::discriminant_analysis

/// sklearn.discriminant_analysis.LinearDiscriminantAnalysis (solvers svd, lsqr, eigen).
class LinearDiscriminantAnalysis final : public Estimator {
 public:
  /// A native model: `classes` (n_classes,), `coef` (n_classes, n_features) or (1, n_features)
  /// for two classes, `intercept` matching; for transform, `scalings` (n_features, r) and (svd
  /// solver) `xbar` (n_features,), keeping the first `max_components` columns (-1: all).
  /// `priors`/`means` are optional (saved when given). Throws ValidationError.
  static std::unique_ptr<LinearDiscriminantAnalysis> from_arrays(
      NdArray classes, NdArray coef, NdArray intercept, NdArray scalings = {}, NdArray xbar = {},
      std::int64_t max_components = -1, std::string solver = "svd", NdArray priors = {},
      NdArray means = {});

  const NdArray& classes() const noexcept { return classes_; }
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

 private:
  friend struct detail::discriminant_analysis::Access;
  LinearCoefficients c_;
  NdArray classes_;
  NodePtr classes_node_;
  std::string solver_ = "svd";
  NdArray scalings_, xbar_, priors_, means_;
  Matrix scalings_m_;
  Eigen::VectorXd xbar_v_;
  std::int64_t max_components_ = -1;  ///< output columns of transform (≤ scalings_ columns)
};


struct QDAParams {
  NdArray classes;                 ///< (k,), k >= 2
  NdArray means;                   ///< means_ (k, f)
  NdArray priors;                  ///< priors_ (k,)
  std::vector<NdArray> scalings;   ///< scalings_[i] (r_i,)
  std::vector<NdArray> rotations;  ///< rotations_[i] (f, r_i)
  double reg_param = 0.0;
  double tol = 1e-4;
};

class QuadraticDiscriminantAnalysis final : public Estimator {
 public:
  /// Throws ValidationError (shapes, dtypes, class count).
  static std::unique_ptr<QuadraticDiscriminantAnalysis> from_arrays(QDAParams p);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// The (n, k) scores of `_decision_function`.
  Matrix decision_scores(const MatrixView& X) const;

  const QDAParams& params() const noexcept { return p_; }
  NodePtr classes_node_;  ///< internal: classes_ as read

 private:
  QDAParams p_;
  Matrix means_;
  std::vector<Matrix> m_;  // rotations_[i] * scalings_[i] ** -0.5, (f, r_i)
  Eigen::VectorXd u_, log_prior_;
};

}  // namespace skops::estimators
