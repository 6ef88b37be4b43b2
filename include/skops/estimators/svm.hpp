#pragma once
/// \file svm.hpp
/// scikit-learn's libsvm-based estimators (`sklearn.svm`): SVC, NuSVC, SVR, NuSVR and
/// OneClassSVM with the linear, poly, rbf and sigmoid kernels, loaded from `.skops` files or
/// built natively. (LinearSVC/LinearSVR are liblinear models: see linear_model.hpp.)
///
/// Inference follows libsvm's `svm_predict_values` as scikit-learn 1.2–1.4 build it
/// (sklearn/svm/src/libsvm/svm.cpp, dense representation): kernel values with sums in
/// feature order, one-vs-one decision values `sum(coef * K) - rho` with `rho = -intercept`,
/// and one-vs-one voting (ties to the lowest class index). Sparse-fitted models and
/// precomputed/callable kernels are refused (UnsupportedError).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

namespace detail {
/// The evaluator built from a LibsvmModel (src/estimators/svm_kernel/libsvm.hpp).
class LibsvmEval;
}  // namespace detail

enum class SvmKernel { Linear, Poly, Rbf, Sigmoid };

/// The fitted libsvm model, with scikit-learn's attribute names. The coefficients are the
/// *libsvm-convention* private ones (`_dual_coef_`, `_intercept_`): for a binary SVC/NuSVC
/// scikit-learn's public `dual_coef_`/`intercept_` are their negation.
struct LibsvmModel {
  SvmKernel kernel = SvmKernel::Rbf;
  std::int64_t degree = 3;
  double gamma = 1.0;  ///< `_gamma` (the resolved value, not "scale"/"auto")
  double coef0 = 0.0;
  NdArray support_vectors;  ///< support_vectors_ (n_SV, n_features) float64
  NdArray support;          ///< support_ (n_SV,) int32 (indices into the training set)
  /// _n_support: (n_classes,) int32 for classifiers; (2,) for SVR/OneClassSVM where only
  /// element 0 (= n_SV) is meaningful.
  NdArray n_support;
  NdArray dual_coef;  ///< _dual_coef_ (n_classes - 1, n_SV) (1 row for SVR/OneClassSVM)
  NdArray intercept;  ///< _intercept_ (n_classes * (n_classes - 1) / 2,) or (1,)
  NdArray prob_a;     ///< _probA (empty unless probability=True)
  NdArray prob_b;     ///< _probB
};

/// SVC (`nu` false) or NuSVC (`nu` true).
struct SVCParams {
  LibsvmModel model;
  NdArray classes;  ///< classes_ (k ≥ 2,)
  std::string decision_function_shape = "ovr";
  bool break_ties = false;
  bool probability = false;
  bool nu = false;
  double C = 1.0;         ///< SVC only (written on native save)
  double nu_value = 0.5;  ///< NuSVC only
};

class SVC final : public Estimator {
 public:
  /// Validates (shapes against n_support, dtypes, kernel parameters) and builds.
  /// Throws ValidationError.
  static std::unique_ptr<SVC> from_arrays(SVCParams p);

  Role role() const noexcept override { return Role::Classifier; }
  /// predict, decision_function; predict_proba/predict_log_proba only when
  /// probability=True and probA_/probB_ are non-empty (scikit-learn's `_check_proba`).
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const SVCParams& params() const noexcept { return p_; }
  /// Internal: nodes as read from a file (kept so a re-save writes them back verbatim,
  /// shared ids included). Null for natively built estimators.
  std::vector<std::pair<std::string, NodePtr>> nodes_;

 private:
  SVCParams p_;
  std::shared_ptr<const detail::LibsvmEval> eval_;
};

/// SVR (`nu` false) or NuSVR (`nu` true).
struct SVRParams {
  LibsvmModel model;
  bool nu = false;
  double C = 1.0;
  double epsilon = 0.1;
  double nu_value = 0.5;
};

class SVR final : public Estimator {
 public:
  /// Throws ValidationError.
  static std::unique_ptr<SVR> from_arrays(SVRParams p);
  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

  const SVRParams& params() const noexcept { return p_; }
  std::vector<std::pair<std::string, NodePtr>> nodes_;

 private:
  SVRParams p_;
  std::shared_ptr<const detail::LibsvmEval> eval_;
};

struct OneClassSVMParams {
  LibsvmModel model;
  double nu = 0.5;
};

class OneClassSVM final : public Estimator {
 public:
  /// Throws ValidationError.
  static std::unique_ptr<OneClassSVM> from_arrays(OneClassSVMParams p);
  Role role() const noexcept override { return Role::OutlierDetector; }
  /// predict (int64 ±1), decision_function, score_samples (= decision_function + offset_,
  /// offset_ = -_intercept_).
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const OneClassSVMParams& params() const noexcept { return p_; }
  std::vector<std::pair<std::string, NodePtr>> nodes_;

 private:
  OneClassSVMParams p_;
  std::shared_ptr<const detail::LibsvmEval> eval_;
};

}  // namespace skops::estimators
