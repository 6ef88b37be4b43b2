#include "estimators/linear_model/linear_math.hpp"

#include <cmath>

#include "estimators/utils/extmath.hpp"
#include "estimators/utils/sparse.hpp"

namespace skops::estimators::detail::linear_model {

Matrix decision_scores(const MatrixView& X, const Matrix& w, const Eigen::VectorXd& b) {
  Matrix s = reference_product_nt(X, w);
  // numpy adds intercept_ to the finished product (X @ coef_.T + intercept_).
  s.rowwise() += b.transpose();
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
