#pragma once
/// \file linear_model.hpp
/// Linear models with scikit-learn's exact prediction semantics, and their native
/// constructors (for building a model in C++ and saving it so that Python's
/// `skops.io.load` reads it back into a working scikit-learn estimator).
///
/// Covered scikit-learn classes:
/// - regressors `X @ coef_.T + intercept_` (LinearRegressor): LinearRegression, Ridge, Lasso,
///   ElasticNet, SGDRegressor, HuberRegressor, QuantileRegressor, BayesianRidge, LinearSVR,
///   the cross-validated ElasticNetCV, LassoCV, RidgeCV, the least-angle Lars, LarsCV,
///   LassoLars, LassoLarsCV, LassoLarsIC, OrthogonalMatchingPursuit(CV), the multi-task
///   MultiTaskElasticNet(CV), MultiTaskLasso(CV) (2-d coef_), PassiveAggressiveRegressor,
///   TheilSenRegressor, ARDRegression (predict without return_std), and the GLMs
///   PoissonRegressor, GammaRegressor, TweedieRegressor (predict = the inverse of the file's
///   _base_loss.link — exp for LogLink, identity for IdentityLink — of X @ coef_ + intercept_);
/// - linear classifiers (LinearClassifier): LogisticRegression, LogisticRegressionCV,
///   RidgeClassifier, RidgeClassifierCV, SGDClassifier, Perceptron,
///   PassiveAggressiveClassifier, LinearSVC;
/// (LinearDiscriminantAnalysis is in discriminant_analysis.hpp, the dummies in dummy.hpp.)
///
/// Arrays given to the native constructors keep their dtype when saved (float64 or float32
/// coefficients; int64, float64 or unicode class labels). All constructors validate what
/// they are given and throw ValidationError on inconsistent shapes or non-real dtypes.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"

namespace skops::estimators {

namespace detail::linear_model {
struct Access;  // the builders and writers (src/estimators/linear_model)
}  // namespace detail::linear_model

/// The coefficient arrays of a linear model, as read or given, plus a float64 copy.
struct LinearCoefficients {
  NdArray coef;       ///< as stored: (n_features,) or (n_outputs, n_features), float64/32
  NdArray intercept;  ///< as stored: 0-d or (n_outputs,), float64/32
  bool intercept_is_python_float = false;  ///< `intercept_ = 0.0` (fit_intercept=False)
  Matrix w;                                ///< n_outputs × n_features, float64
  Eigen::VectorXd b;                       ///< n_outputs, float64
  bool float32 = false;  ///< coef_ (and intercept_) are float32: float32 arithmetic on float32 X
};

enum class LinearRegressorKind {
  LinearRegression,
  Ridge,
  Lasso,
  ElasticNet,
  SGDRegressor,
  HuberRegressor,
  QuantileRegressor,
  BayesianRidge,
  LinearSVR,
  ElasticNetCV,
  LassoCV,
  Lars,
  LarsCV,
  LassoLars,
  LassoLarsCV,
  LassoLarsIC,
  OrthogonalMatchingPursuit,
  OrthogonalMatchingPursuitCV,
  RidgeCV,
  MultiTaskElasticNet,
  MultiTaskElasticNetCV,
  MultiTaskLasso,
  MultiTaskLassoCV,
  PassiveAggressiveRegressor,
  TheilSenRegressor,
  ARDRegression,
  PoissonRegressor,  ///< the GLMs: read from files only (see from_arrays)
  GammaRegressor,
  TweedieRegressor,
};

/// `predict(X) = X @ coef_.T + intercept_`; 1-d output when coef_ is 1-d (or for
/// SGDRegressor and PassiveAggressiveRegressor, which ravel), else (n_samples, n_targets).
/// The cross-validation side state of the CV classes (alphas_, mse_path_, cv_values_, ...)
/// is kept as read and written back; natively built CV models have none.
class LinearRegressor final : public Estimator {
 public:
  /// A native model. `coef`: float64 or float32, shape (n_features,) or (n_targets,
  /// n_features). `intercept`: same float dtype, 0-d (numpy scalar) or (n_targets,)
  /// (SGDRegressor, PassiveAggressiveRegressor and LinearSVR: shape (1,)). Throws
  /// ValidationError; UnsupportedError for the GLM kinds (their _base_loss, an object of
  /// scikit-learn's private _loss module, is not written natively).
  static std::unique_ptr<LinearRegressor> from_arrays(LinearRegressorKind kind, NdArray coef,
                                                      NdArray intercept);

  LinearRegressorKind kind() const noexcept { return kind_; }
  const LinearCoefficients& coefficients() const noexcept { return c_; }

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;
  /// float32 X with a float32 coef_: float32 arithmetic and result, as scikit-learn.
  NdArray run_float32(Method m, const MatrixView& X) const override;
  /// CSR input: X @ coef_.T summed over the stored entries (scipy's csr_matvecs order).
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  friend struct detail::linear_model::Access;
  LinearRegressorKind kind_ = LinearRegressorKind::LinearRegression;
  LinearCoefficients c_;
  bool ravel_ = false;  ///< output 1-d although coef_ is 2-d (SGD/PassiveAggressiveRegressor)
  bool exp_link_ = false;  ///< a GLM whose _base_loss.link is LogLink: predict = exp(scores)
};

enum class LinearClassifierKind {
  LogisticRegression,
  RidgeClassifier,
  SGDClassifier,
  Perceptron,
  PassiveAggressiveClassifier,
  LinearSVC,
  RidgeClassifierCV,
  LogisticRegressionCV,
};

/// How a linear classifier turns decision scores into probabilities.
enum class ProbaMode {
  None,           ///< no predict_proba (hinge losses, RidgeClassifier, LinearSVC, ...)
  OvrSigmoid,     ///< expit, then rows normalised (binary: [1-p, p]); LogisticRegression ovr, SGD
                  ///< log_loss
  Softmax,        ///< softmax of the scores (binary: of [-s, s]); LogisticRegression multinomial
  ModifiedHuber,  ///< (clip(s, -1, 1) + 1) / 2, normalised; SGD modified_huber
};

/// Options of the native LinearClassifier constructor.
struct LinearClassifierOptions {
  /// LogisticRegression: "auto", "ovr" or "multinomial"; with `solver` it decides OvR vs softmax
  /// as scikit-learn's predict_proba does.
  std::string multi_class = "auto";
  std::string solver = "lbfgs";
  /// SGDClassifier: "hinge", "log_loss", "modified_huber", ... (others: their fixed loss).
  std::string loss = "hinge";
};

/// decision_function = X @ coef_.T + intercept_ (1-d for binary problems); predict =
/// classes_[scores > 0] (binary) or classes_[argmax] (first maximum); probabilities per
/// ProbaMode.
class LinearClassifier final : public Estimator {
 public:
  /// A native model. `coef`: float64/float32 (n_classes, n_features), or (1, n_features) for
  /// two classes; `intercept`: (n_classes,) or (1,); `classes`: 1-d int64, float64 or
  /// unicode labels in scikit-learn's (sorted) order. Throws ValidationError.
  static std::unique_ptr<LinearClassifier> from_arrays(LinearClassifierKind kind, NdArray coef,
                                                       NdArray intercept, NdArray classes,
                                                       const LinearClassifierOptions& options = {});

  LinearClassifierKind kind() const noexcept { return kind_; }
  ProbaMode proba_mode() const noexcept { return proba_; }
  const LinearCoefficients& coefficients() const noexcept { return c_; }
  const NdArray& classes() const noexcept { return classes_; }

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// CSR input: X @ coef_.T summed over the stored entries (scipy's csr_matvecs order).
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  NdArray from_scores(Method m, const Matrix& s) const;
  friend struct detail::linear_model::Access;
  LinearClassifierKind kind_ = LinearClassifierKind::LogisticRegression;
  LinearCoefficients c_;
  NdArray classes_;       ///< labels ('<U' when the file stored an object array)
  NodePtr classes_node_;  ///< the node read (kept for saving), null when native
  ProbaMode proba_ = ProbaMode::None;
  LinearClassifierOptions options_;
};

/// sklearn.linear_model.SGDOneClassSVM: decision_function = X @ coef_ - offset_,
/// score_samples = decision_function + offset_ (in that order), predict = 1 where
/// decision_function >= 0 else -1 (int32). float64 arithmetic; CSR input accepted.
class SGDOneClassSVM final : public Estimator {
 public:
  /// Throws ValidationError unless coef is non-empty and everything is finite.
  SGDOneClassSVM(std::vector<double> coef, double offset);
  const std::vector<double>& coef() const noexcept { return coef_; }
  double offset() const noexcept { return offset_; }

  Role role() const noexcept override { return Role::OutlierDetector; }
  bool supports(Method m) const noexcept override {
    return m == Method::Predict || m == Method::DecisionFunction || m == Method::ScoreSamples;
  }
  NdArray run(Method m, const MatrixView& X) const override;
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  NdArray finish(Method m, const Matrix& decision) const;
  std::vector<double> coef_;
  double offset_;
};

/// sklearn.linear_model.RANSACRegressor: predict is estimator_'s (any estimator that
/// predicts, fitted on the inliers) after the column count is checked (NaN passes:
/// force_all_finite=False); float32 input reaches it as float32. inlier_mask_ (the fit's
/// inliers, bool) is kept; the rest of the fit's record (n_trials_, n_skips_*) is written back
/// as read. A natively built one cannot be written (it has no fit record).
class RANSACRegressor final : public Estimator {
 public:
  /// `inlier_mask` may be empty (unknown). Throws ValidationError.
  RANSACRegressor(EstimatorPtr estimator, std::vector<bool> inlier_mask = {});
  const EstimatorPtr& estimator() const noexcept { return estimator_; }
  const std::vector<bool>& inlier_mask() const noexcept { return inlier_mask_; }
  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;
  NdArray run_float32(Method m, const MatrixView& X) const override;

 private:
  EstimatorPtr estimator_;
  std::vector<bool> inlier_mask_;
};

}  // namespace skops::estimators

// Before 0.2 this header also declared LinearDiscriminantAnalysis and the dummies; kept for
// one release (docs/versioning.md).
#include "skops/estimators/discriminant_analysis.hpp"  // IWYU pragma: export
#include "skops/estimators/dummy.hpp"                  // IWYU pragma: export
