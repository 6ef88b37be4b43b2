#pragma once
// Numerics shared by linear models, written to follow numpy/scipy's evaluation order where
// it can change the last bits (sums, softmax, expit).

#include <cstdint>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/linear_model.hpp"

namespace skops::estimators::linear {

/// scores = X @ w.T + b (n × k), sums accumulated in double in feature order.
Matrix decision_scores(const MatrixView& X, const Matrix& w, const Eigen::VectorXd& b);

/// The same in float32 arithmetic (each product and partial sum rounded to float32), which
/// is what numpy's float32 matrix-vector product gives for float32 X and coef_.
std::vector<float> decision_scores_f32(const MatrixView& X, const LinearCoefficients& c);

/// numpy's add.reduce of a contiguous float64 run (pairwise summation, 8-way unrolled).
double numpy_sum(const double* p, std::int64_t n);

/// scipy.special.expit: 1 / (1 + exp(-x)).
double expit(double x);

/// sklearn.utils.extmath.softmax, row-wise, in place.
void softmax_rows(Matrix& s);

/// LinearClassifierMixin._predict_proba_lr: expit, then rows normalised; one column of
/// scores (binary) gives [1 - p, p].
Matrix ovr_proba(const Matrix& scores);

/// Elementwise natural log.
Matrix log_of(const Matrix& p);

/// Index of the first maximum of each row (numpy argmax: NaN counts as the maximum).
std::vector<std::int64_t> argmax_rows(const Matrix& s);

/// labels[idx[i]] for each i, same dtype as labels (1-d result).
NdArray take_labels(const NdArray& labels, const std::vector<std::int64_t>& idx);

/// A (n,) float64 array from column 0 of a one-column matrix, or the (n, k) matrix.
NdArray scores_to_ndarray(const Matrix& s, bool ravel);

}  // namespace skops::estimators::linear
