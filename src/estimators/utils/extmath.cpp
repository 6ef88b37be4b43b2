#include "estimators/utils/extmath.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace skops::estimators::detail {

double numpy_sum(const double* p, std::int64_t n) {
  // numpy/core/src/umath/loops_utils.h.src: pairwise_sum (PW_BLOCKSIZE 128).
  if (n < 8) {
    double res = 0.0;
    for (std::int64_t i = 0; i < n; ++i) res += p[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = p[j];
    std::int64_t i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (int j = 0; j < 8; ++j) r[j] += p[i + j];
    }
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += p[i];
    return res;
  }
  std::int64_t n2 = n / 2;
  n2 -= n2 % 8;
  return numpy_sum(p, n2) + numpy_sum(p + n2, n - n2);
}

double expit(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void softmax_rows(Matrix& s) {
  // sklearn/utils/extmath.py softmax: subtract the row max, exp, divide by the row sum.
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    double mx = s(i, 0);
    for (Eigen::Index j = 1; j < s.cols() && !std::isnan(mx); ++j) {
      if (std::isnan(s(i, j)) || s(i, j) > mx) mx = s(i, j);  // np.max propagates NaN
    }
    for (Eigen::Index j = 0; j < s.cols(); ++j) s(i, j) = std::exp(s(i, j) - mx);
    const double sum = numpy_sum(s.row(i).data(), s.cols());
    for (Eigen::Index j = 0; j < s.cols(); ++j) s(i, j) /= sum;
  }
}

Matrix log_of(const Matrix& p) {
  Matrix out(p.rows(), p.cols());
  for (Eigen::Index i = 0; i < p.size(); ++i) out.data()[i] = std::log(p.data()[i]);
  return out;
}

std::vector<std::int64_t> argmax_rows(const Matrix& s) {
  std::vector<std::int64_t> idx(static_cast<std::size_t>(s.rows()));
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    idx[static_cast<std::size_t>(i)] = argmax(s.row(i).data(), s.cols());
  }
  return idx;
}

double einsum_sq_norm(const double* p, std::int64_t n) {
  // numpy/core/src/multiarray/einsum_sumprod.c.src,
  // @name@_sum_of_products_contig_contig_outstride0_two with npyv (2 float64 lanes, muladd
  // = multiply then add without FMA on the baseline).
  double acc[2] = {0.0, 0.0};
  std::int64_t i = 0;
  for (; n - i >= 8; i += 8) {
    for (int q = 3; q >= 0; --q) {
      for (int l = 0; l < 2; ++l) {
        const double a = p[i + 2 * q + l];
        acc[l] = a * a + acc[l];
      }
    }
  }
  for (; i < n; i += 2) {
    for (int l = 0; l < 2 && i + l < n; ++l) acc[l] = p[i + l] * p[i + l] + acc[l];
  }
  return acc[0] + acc[1];
}

Eigen::VectorXd logsumexp_rows(const Matrix& a) {
  // scipy/special/_logsumexp.py (scipy 1.10): a_max[~isfinite(a_max)] = 0;
  // out = log(sum(exp(a - a_max))) + a_max.
  Eigen::VectorXd out(a.rows());
  std::vector<double> tmp(static_cast<std::size_t>(a.cols()));
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    double mx = -std::numeric_limits<double>::infinity();
    bool nan = false;
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      if (std::isnan(a(i, j))) nan = true;
      mx = std::max(mx, a(i, j));
    }
    if (nan || !std::isfinite(mx)) mx = 0.0;
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      tmp[static_cast<std::size_t>(j)] = std::exp(a(i, j) - mx);
    }
    out(i) = std::log(numpy_sum(tmp.data(), a.cols())) + mx;
  }
  return out;
}

namespace {

// Up to R rows of a against C rows of b at once (R·C independent running sums keep the FP
// units busy: one sum alone is a chain of dependent adds). b rows past the end of a partial
// tile repeat the last one (computed, not stored).
template <int R, int C>
void product_tile(const MatrixView& a, Eigen::Index i0, const Matrix& b, Eigen::Index c0,
                  Eigen::Index nc, Matrix& out) {
  const Eigen::Index f = b.cols();
  const double* x[R];
  const double* w[C];
  for (int r = 0; r < R; ++r) x[r] = a.row(i0 + r).data();
  for (int c = 0; c < C; ++c) w[c] = b.row(c0 + std::min<Eigen::Index>(c, nc - 1)).data();
  double acc[R][C] = {};
  for (Eigen::Index j = 0; j < f; ++j) {
    for (int r = 0; r < R; ++r) {
      const double xj = x[r][j];
      for (int c = 0; c < C; ++c) acc[r][c] += xj * w[c][j];
    }
  }
  for (int r = 0; r < R; ++r)
    for (Eigen::Index c = 0; c < nc; ++c) out(i0 + r, c0 + c) = acc[r][c];
}

}  // namespace

Matrix reference_product_nt(const MatrixView& a, const Matrix& b) {
  const Eigen::Index n = a.rows(), k = b.rows();
  Matrix out(n, k);
  if (k == 0) return out;
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4)
    for (Eigen::Index c0 = 0; c0 < k; c0 += 2)
      product_tile<4, 2>(a, i, b, c0, std::min<Eigen::Index>(2, k - c0), out);
  for (; i < n; ++i)
    for (Eigen::Index c0 = 0; c0 < k; c0 += 4)
      product_tile<1, 4>(a, i, b, c0, std::min<Eigen::Index>(4, k - c0), out);
  return out;
}

}  // namespace skops::estimators::detail
