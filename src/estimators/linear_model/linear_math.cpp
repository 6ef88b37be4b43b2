#include "estimators/linear_model/linear_math.hpp"

#include <algorithm>
#include <cmath>

#include "estimators/utils/extmath.hpp"
#include "estimators/utils/sparse.hpp"

namespace skops::estimators::detail::linear_model {

namespace {

// Each score is one running sum in feature order, from 0: the order of the reference BLAS
// that Debian's numpy uses, so scores are bit-equal to scikit-learn's there (lane-split sums
// moved wide scores by up to 5e-13 relative). A running sum is a chain of dependent adds, so
// a tile of R rows × C classes is summed at once: R·C independent chains keep the FP units
// busy, and a one-row call of a 10 000-feature, 3-class model costs about a plain product.
// Classes past the end of a partial tile repeat the last one (computed, not stored).
template <int R, int C>
void tile_sums(const MatrixView& X, Eigen::Index i0, const Matrix& w, Eigen::Index c0,
               Eigen::Index nc, const Eigen::VectorXd& b, Matrix& s) {
  const Eigen::Index f = w.cols();
  const double* x[R];
  const double* wr[C];
  for (int r = 0; r < R; ++r) x[r] = X.row(i0 + r).data();
  for (int c = 0; c < C; ++c) wr[c] = w.row(c0 + std::min<Eigen::Index>(c, nc - 1)).data();
  double acc[R][C] = {};
  for (Eigen::Index j = 0; j < f; ++j) {
    for (int r = 0; r < R; ++r) {
      const double xj = x[r][j];
      for (int c = 0; c < C; ++c) acc[r][c] += xj * wr[c][j];
    }
  }
  // numpy adds intercept_ to the finished product (X @ coef_.T + intercept_).
  for (int r = 0; r < R; ++r)
    for (Eigen::Index c = 0; c < nc; ++c) s(i0 + r, c0 + c) = acc[r][c] + b(c0 + c);
}

}  // namespace

Matrix decision_scores(const MatrixView& X, const Matrix& w, const Eigen::VectorXd& b) {
  const Eigen::Index n = X.rows(), k = w.rows();
  Matrix s(n, k);
  if (k == 0) return s;
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4)
    for (Eigen::Index c0 = 0; c0 < k; c0 += 2)
      tile_sums<4, 2>(X, i, w, c0, std::min<Eigen::Index>(2, k - c0), b, s);
  for (; i < n; ++i)
    for (Eigen::Index c0 = 0; c0 < k; c0 += 4)
      tile_sums<1, 4>(X, i, w, c0, std::min<Eigen::Index>(4, k - c0), b, s);
  return s;
}

Matrix decision_scores(const CsrMatrix& X, const Matrix& w, const Eigen::VectorXd& b) {
  Matrix s = detail::csr_times_transpose(X, w);
  s.rowwise() += b.transpose();
  return s;
}

std::vector<float> decision_scores_f32(const MatrixView& X, const LinearCoefficients& c) {
  const Eigen::Index n = X.rows(), k = c.w.rows(), f = c.w.cols();
  std::vector<float> out(static_cast<std::size_t>(n * k));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index r = 0; r < k; ++r) {
      float acc = 0.0f;
      for (Eigen::Index j = 0; j < f; ++j) {
        // Round the product before adding: float32 BLAS (sgemv) does, and gcc must not fuse
        // these into an FMA (plain x86-64 has none; -ffp-contract is irrelevant there).
        const float prod = static_cast<float>(X(i, j)) * static_cast<float>(c.w(r, j));
        acc = acc + prod;
      }
      out[static_cast<std::size_t>(i * k + r)] = acc + static_cast<float>(c.b(r));
    }
  }
  return out;
}

Matrix ovr_proba(const Matrix& scores) {
  const Eigen::Index n = scores.rows();
  if (scores.cols() == 1) {
    // np.vstack([1 - prob, prob]).T
    Matrix p(n, 2);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double e = expit(scores(i, 0));
      p(i, 0) = 1.0 - e;
      p(i, 1) = e;
    }
    return p;
  }
  Matrix p(n, scores.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < scores.cols(); ++j) p(i, j) = expit(scores(i, j));
    const double sum = numpy_sum(p.row(i).data(), p.cols());
    for (Eigen::Index j = 0; j < scores.cols(); ++j) p(i, j) /= sum;
  }
  return p;
}

NdArray scores_to_ndarray(const Matrix& s, bool ravel) {
  if (ravel && s.cols() == 1) {
    std::vector<double> v(s.data(), s.data() + s.rows());
    return NdArray::from_vector(v);
  }
  return to_ndarray(s);
}

}  // namespace skops::estimators::detail::linear_model
