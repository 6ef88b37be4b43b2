// numpy.linalg.slogdet as the reference environments compute it: LAPACK's dgetrf from
// Debian's reference liblapack, which for matrices up to its block size (64) is the recursive
// dgetrf2 (split the columns in halves; pivot column scaled by the reciprocal of the pivot;
// triangular solve and update in reference-BLAS loop order), then numpy's sequential sum of
// log|u_ii|. PCA.score_samples adds this log-determinant of a badly conditioned precision
// matrix: another LU order moves it by ~1e-11.
// https://github.com/Reference-LAPACK/lapack/blob/v3.11.0/SRC/dgetrf2.f
// https://github.com/numpy/numpy/blob/v1.24.2/numpy/linalg/umath_linalg.cpp (slogdet_single_element)

#include <cmath>
#include <limits>
#include <vector>

#include "estimators/decomposition/internal.hpp"

namespace skops::estimators::detail::decomposition {

namespace {

// dgetrf2 on the block of `a` at (r0, c0) of m × n; ipiv holds absolute row indices.
void getrf2(Matrix& a, Eigen::Index r0, Eigen::Index c0, Eigen::Index m, Eigen::Index n,
            std::vector<Eigen::Index>& ipiv) {
  if (m == 1 || n == 1) {
    if (n != 1) {
      ipiv[static_cast<std::size_t>(r0)] = r0;
      return;
    }
    // idamax: the first entry of largest magnitude.
    Eigen::Index best = 0;
    double best_abs = -1.0;
    for (Eigen::Index i = 0; i < m; ++i) {
      const double v = std::abs(a(r0 + i, c0));
      if (v > best_abs) {
        best_abs = v;
        best = i;
      }
    }
    ipiv[static_cast<std::size_t>(r0)] = r0 + best;
    if (a(r0 + best, c0) != 0.0) {
      if (best != 0) std::swap(a(r0, c0), a(r0 + best, c0));
      const double pivot = a(r0, c0);
      if (std::abs(pivot) >= std::numeric_limits<double>::min()) {
        const double rec = 1.0 / pivot;
        for (Eigen::Index i = 1; i < m; ++i) a(r0 + i, c0) = a(r0 + i, c0) * rec;
      } else {
        for (Eigen::Index i = 1; i < m; ++i) a(r0 + i, c0) = a(r0 + i, c0) / pivot;
      }
    }
    return;
  }
  const Eigen::Index n1 = std::min(m, n) / 2;
  const Eigen::Index n2 = n - n1;
  getrf2(a, r0, c0, m, n1, ipiv);
  // dlaswp on the right columns.
  for (Eigen::Index i = r0; i < r0 + n1; ++i) {
    const Eigen::Index p = ipiv[static_cast<std::size_t>(i)];
    if (p != i) {
      for (Eigen::Index j = c0 + n1; j < c0 + n; ++j) std::swap(a(i, j), a(p, j));
    }
  }
  // dtrsm (left, lower, unit diagonal): A12 = L11^-1 A12.
  for (Eigen::Index j = c0 + n1; j < c0 + n; ++j) {
    for (Eigen::Index k = 0; k < n1; ++k) {
      const double bkj = a(r0 + k, j);
      if (bkj == 0.0) continue;
      for (Eigen::Index i = k + 1; i < n1; ++i) a(r0 + i, j) = a(r0 + i, j) - bkj * a(r0 + i, c0 + k);
    }
  }
  // dgemm: A22 = A22 - A21 A12, column by column, one rank-1 update per inner index.
  for (Eigen::Index j = c0 + n1; j < c0 + n; ++j) {
    for (Eigen::Index l = 0; l < n1; ++l) {
      if (a(r0 + l, j) == 0.0) continue;
      const double temp = -1.0 * a(r0 + l, j);
      for (Eigen::Index i = r0 + n1; i < r0 + m; ++i) a(i, j) = a(i, j) + temp * a(i, c0 + l);
    }
  }
  getrf2(a, r0 + n1, c0 + n1, m - n1, n2, ipiv);
  // dlaswp of the lower block's pivots on the left columns.
  for (Eigen::Index i = r0 + n1; i < r0 + std::min(m, n); ++i) {
    const Eigen::Index p = ipiv[static_cast<std::size_t>(i)];
    if (p != i) {
      for (Eigen::Index j = c0; j < c0 + n1; ++j) std::swap(a(i, j), a(p, j));
    }
  }
}

// getrf2 of the whole matrix; false when a pivot is exactly zero (LAPACK's info > 0).
bool getrf(Matrix& a, std::vector<Eigen::Index>& ipiv) {
  const Eigen::Index n = a.rows();
  ipiv.assign(static_cast<std::size_t>(n), 0);
  if (n > 0) getrf2(a, 0, 0, n, n, ipiv);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (a(i, i) == 0.0) return false;
  }
  return true;
}

}  // namespace

// scipy.linalg.inv: dgetrf, then dgetri, unblocked below LAPACK's block size: inv(U) by dtrti2
// (column by column: the reciprocal diagonal, dtrmv with the columns to its left, dscal by
// -1/u_jj), then inv(A) L = inv(U) solved from the last column (dgemv), then the column swaps.
// https://github.com/Reference-LAPACK/lapack/blob/v3.11.0/SRC/dgetri.f
// https://github.com/Reference-LAPACK/lapack/blob/v3.11.0/SRC/dtrti2.f
bool reference_inverse(const Matrix& m, Matrix& out) {
  Matrix a = m;
  const Eigen::Index n = a.rows();
  std::vector<Eigen::Index> ipiv;
  if (!getrf(a, ipiv)) return false;
  // dtrti2 (upper, non-unit).
  for (Eigen::Index j = 0; j < n; ++j) {
    a(j, j) = 1.0 / a(j, j);
    const double ajj = -a(j, j);
    // dtrmv: x := U[0:j, 0:j] x with x = a[0:j, j].
    for (Eigen::Index jj = 0; jj < j; ++jj) {
      if (a(jj, j) == 0.0) continue;
      const double temp = a(jj, j);
      for (Eigen::Index i = 0; i < jj; ++i) a(i, j) = a(i, j) + temp * a(i, jj);
      a(jj, j) = a(jj, j) * a(jj, jj);
    }
    for (Eigen::Index i = 0; i < j; ++i) a(i, j) = ajj * a(i, j);
  }
  // dgetri's unblocked solve.
  std::vector<double> work(static_cast<std::size_t>(n), 0.0);
  for (Eigen::Index j = n - 1; j >= 0; --j) {
    for (Eigen::Index i = j + 1; i < n; ++i) {
      work[static_cast<std::size_t>(i)] = a(i, j);
      a(i, j) = 0.0;
    }
    // dgemv: a[:, j] += -1 * a[:, j+1:] work[j+1:], one column at a time.
    for (Eigen::Index l = j + 1; l < n; ++l) {
      const double temp = -1.0 * work[static_cast<std::size_t>(l)];
      for (Eigen::Index i = 0; i < n; ++i) a(i, j) = a(i, j) + temp * a(i, l);
    }
  }
  for (Eigen::Index j = n - 2; j >= 0; --j) {
    const Eigen::Index jp = ipiv[static_cast<std::size_t>(j)];
    if (jp != j) a.col(j).swap(a.col(jp));
  }
  out = std::move(a);
  return true;
}

double reference_logdet(const Matrix& m, int& sign) {
  Matrix a = m;
  const Eigen::Index n = a.rows();
  std::vector<Eigen::Index> ipiv(static_cast<std::size_t>(n), 0);
  if (n > 0) getrf2(a, 0, 0, n, n, ipiv);
  sign = 1;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (ipiv[static_cast<std::size_t>(i)] != i) sign = -sign;
  }
  double logdet = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double d = a(i, i);
    if (d < 0) sign = -sign;
    if (d == 0) sign = 0;
    logdet += std::log(std::abs(d));
  }
  return logdet;
}

}  // namespace skops::estimators::detail::decomposition
