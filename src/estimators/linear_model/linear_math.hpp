#pragma once
// The decision function of linear models (LinearModel._decision_function) and the
// probability forms of LinearClassifierMixin, in numpy's evaluation order.

#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/linear_model.hpp"

namespace skops::estimators::detail::linear_model {

/// scores = X @ w.T + b (n × k), each a running sum in double in feature order (reference
/// BLAS's order), several rows and classes at once.
Matrix decision_scores(const MatrixView& X, const Matrix& w, const Eigen::VectorXd& b);
/// The same for CSR X (validated, X.cols == w.cols()): each row's stored entries in index
/// order, as scipy's csr_matvecs computes X @ coef_.T.
Matrix decision_scores(const CsrMatrix& X, const Matrix& w, const Eigen::VectorXd& b);

/// The same in float32 arithmetic (each product and partial sum rounded to float32), which
/// is what numpy's float32 matrix-vector product gives for float32 X and coef_.
std::vector<float> decision_scores_f32(const MatrixView& X, const LinearCoefficients& c);

/// LinearClassifierMixin._predict_proba_lr: expit, then rows normalised; one column of
/// scores (binary) gives [1 - p, p].
Matrix ovr_proba(const Matrix& scores);

/// A (n,) float64 array from column 0 of a one-column matrix, or the (n, k) matrix.
NdArray scores_to_ndarray(const Matrix& s, bool ravel);

}  // namespace skops::estimators::detail::linear_model
