#pragma once
// Numerics that several modules share, each written to follow the numpy / scipy /
// sklearn.utils.extmath function it names where the evaluation order can change the last bits.

#include <cstdint>
#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators::detail {

/// numpy's add.reduce of a contiguous float64 run (pairwise summation, 8-way unrolled).
double numpy_sum(const double* p, std::int64_t n);

/// scipy.special.expit: 1 / (1 + exp(-x)).
double expit(double x);

/// sklearn.utils.extmath.softmax, row-wise, in place: subtract the row max (NaN propagates as
/// np.max does), exp, divide by numpy's sum of the row.
void softmax_rows(Matrix& s);

/// np.log, element-wise (libm's log, which numpy uses on this baseline).
Matrix log_of(const Matrix& p);

/// Index of the first maximum of p[0..k) (np.argmax: the first NaN counts as the maximum).
template <class Values>  // const double*, or a FlatTree node's ValueRow
std::int64_t argmax(const Values& p, std::int64_t k) noexcept {
  std::int64_t best = 0;
  for (std::int64_t j = 0; j < k; ++j) {
    if (p[j] != p[j]) return j;  // NaN
    if (p[j] > p[best]) best = j;
  }
  return best;
}

/// np.argmax(s, axis=1).
std::vector<std::int64_t> argmax_rows(const Matrix& s);

/// np.einsum("ij,ij->i", X, X) for one contiguous row (sklearn.utils.extmath.row_norms,
/// squared): numpy's two-lane SIMD accumulation of the baseline x86-64 build (blocks of 8
/// accumulated last pair first, then pairs, then the two lanes added), which differs from a
/// sequential sum in the last bits.
double einsum_sq_norm(const double* p, std::int64_t n);

/// a @ b.T (a: n × f rows, b: k × f rows), each entry one running sum over f from 0: the
/// order of the reference BLAS that Debian's numpy uses for every dgemm / dgemv, so results
/// are bit-equal to numpy's there, and a row gives the same result alone as in a batch.
/// Tiles of rows × b-rows are summed at once so that independent sums overlap.
Matrix reference_product_nt(const MatrixView& a, const Matrix& b);

/// scipy.special.logsumexp(a, axis=1) as scipy 1.10 computes it: the finite row maximum
/// m, then log(sum(exp(a - m))) + m.
Eigen::VectorXd logsumexp_rows(const Matrix& a);

}  // namespace skops::estimators::detail
