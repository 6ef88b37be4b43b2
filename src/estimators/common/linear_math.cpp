#include "estimators/common/linear_math.hpp"

#include <cmath>
#include <cstring>

namespace skops::estimators::linear {

Matrix decision_scores(const MatrixView& X, const Matrix& w, const Eigen::VectorXd& b) {
  const Eigen::Index n = X.rows(), k = w.rows(), f = w.cols();
  Matrix s(n, k);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* x = X.row(i).data();
    for (Eigen::Index c = 0; c < k; ++c) {
      const double* wr = w.row(c).data();
      double acc = 0.0;
      for (Eigen::Index j = 0; j < f; ++j) acc += x[j] * wr[j];
      // numpy adds intercept_ to the finished product (X @ coef_.T + intercept_).
      s(i, c) = acc + b(c);
    }
  }
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

Matrix log_of(const Matrix& p) {
  Matrix out(p.rows(), p.cols());
  for (Eigen::Index i = 0; i < p.size(); ++i) out.data()[i] = std::log(p.data()[i]);
  return out;
}

std::vector<std::int64_t> argmax_rows(const Matrix& s) {
  std::vector<std::int64_t> idx(static_cast<std::size_t>(s.rows()));
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    Eigen::Index best = 0;
    double mx = s(i, 0);
    if (!std::isnan(mx)) {
      for (Eigen::Index j = 1; j < s.cols(); ++j) {
        const double v = s(i, j);
        if (std::isnan(v)) {  // numpy's argmax returns the first NaN
          best = j;
          break;
        }
        if (v > mx) {
          mx = v;
          best = j;
        }
      }
    }
    idx[static_cast<std::size_t>(i)] = best;
  }
  return idx;
}

NdArray take_labels(const NdArray& labels, const std::vector<std::int64_t>& idx) {
  const std::size_t item = labels.dtype().itemsize();
  std::vector<std::uint8_t> bytes(idx.size() * item);
  for (std::size_t i = 0; i < idx.size(); ++i) {
    std::memcpy(bytes.data() + i * item, labels.bytes() + static_cast<std::size_t>(idx[i]) * item,
                item);
  }
  return NdArray(labels.dtype(), {static_cast<std::int64_t>(idx.size())},
                 ByteView::adopt(std::move(bytes)));
}

NdArray scores_to_ndarray(const Matrix& s, bool ravel) {
  if (ravel && s.cols() == 1) {
    std::vector<double> v(s.data(), s.data() + s.rows());
    return NdArray::from_vector(v);
  }
  return to_ndarray(s);
}

}  // namespace skops::estimators::linear
