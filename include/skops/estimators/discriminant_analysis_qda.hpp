#pragma once
/// \file discriminant_analysis_qda.hpp
/// sklearn.discriminant_analysis.QuadraticDiscriminantAnalysis, loaded from `.skops` files
/// or built natively from its per-class SVD factors.
///
/// decision scores (sklearn 1.2.1/1.4.2 `_decision_function`): for class i,
/// X2 = (X - means_[i]) @ (rotations_[i] * scalings_[i] ** -0.5), norm2 = sum(X2 ** 2),
/// d_i = -0.5 * (norm2 + sum(log(scalings_[i]))) + log(priors_[i]).
/// decision_function = d ((n,) d_1 - d_0 for two classes), predict = classes_[argmax d],
/// predict_proba = exp(d - max d) / sum, predict_log_proba = log(predict_proba).

#include <memory>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

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
