#pragma once
/// \file neural_network.hpp
/// scikit-learn's multi-layer perceptrons (`sklearn.neural_network`): MLPClassifier and
/// MLPRegressor, loaded from `.skops` files or built natively.
///
/// The forward pass is `BaseMultilayerPerceptron._forward_pass_fast`: for each layer
/// `a = a @ coefs_[i] + intercepts_[i]` (sums in input order, as the reference BLAS), the
/// hidden activation (identity, logistic, tanh, relu) on every layer but the last, and
/// `out_activation_` (identity, logistic, softmax) on the last.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

/// The fitted network.
struct MLPParams {
  std::vector<NdArray> coefs;       ///< coefs_[i] (n_in_i, n_out_i) float64
  std::vector<NdArray> intercepts;  ///< intercepts_[i] (n_out_i,) float64
  std::string activation = "relu";  ///< identity, logistic, tanh, relu
  /// identity (regressor); logistic (binary or multilabel classifier); softmax (multiclass).
  std::string out_activation = "identity";
  /// Classifier only: the LabelBinarizer's classes_ and y_type_ ("binary", "multiclass",
  /// "multilabel-indicator"), and its pos_label/neg_label (threshold = their mean).
  NdArray classes;
  std::string y_type;
  double pos_label = 1.0;
  double neg_label = 0.0;
};

class MLP final : public Estimator {
 public:
  /// An MLPClassifier (`classifier` true) or MLPRegressor. Validates that the layer shapes
  /// chain, intercept lengths, activations, and for a classifier the output width against
  /// y_type and classes. Throws ValidationError.
  static std::unique_ptr<MLP> from_arrays(MLPParams p, bool classifier);

  Role role() const noexcept override { return classifier_ ? Role::Classifier : Role::Regressor; }
  /// Regressor: predict. Classifier: predict, predict_proba, predict_log_proba.
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// A network fitted on float32 data (float32 coefs_) returns float32 for float32 X, as
  /// scikit-learn does; the values are computed in float64 and rounded once.
  NdArray run_float32(Method m, const MatrixView& X) const override;
  /// The output layer's activation (n, n_outputs_).
  Matrix forward(const MatrixView& X) const;

  const MLPParams& params() const noexcept { return p_; }
  bool classifier() const noexcept { return classifier_; }
  /// Internal: nodes as read from a file (written back verbatim on re-save, shared ids
  /// included). Empty for natively built estimators.
  std::vector<std::pair<std::string, NodePtr>> nodes_;

 private:
  MLPParams p_;
  bool classifier_ = false;
  std::vector<Matrix> w_;
  std::vector<Eigen::VectorXd> b_;
};

}  // namespace skops::estimators
