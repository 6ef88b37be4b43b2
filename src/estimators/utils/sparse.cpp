// CSR helpers (sparse.hpp).

#include "estimators/utils/sparse.hpp"

#include <cmath>

#include "estimators/utils/nodes.hpp"

namespace skops::estimators::detail {

void normalize_rows(CsrMatrix& X, RowNorm norm) {
  if (norm == RowNorm::None) return;
  for (std::int64_t r = 0; r < X.rows; ++r) {
    const auto b = static_cast<std::size_t>(X.indptr[static_cast<std::size_t>(r)]);
    const auto e = static_cast<std::size_t>(X.indptr[static_cast<std::size_t>(r) + 1]);
    double s = 0.0;
    for (std::size_t k = b; k < e; ++k) {
      const double v = X.data[k];
      if (norm == RowNorm::L2) s += v * v;
      else if (norm == RowNorm::L1) s += std::fabs(v);
      else s = std::fmax(s, std::fabs(v));
    }
    if (s == 0.0) continue;
    if (norm == RowNorm::L2) s = std::sqrt(s);
    for (std::size_t k = b; k < e; ++k) X.data[k] /= s;
  }
}

CsrMatrix csr_from_dense(const MatrixView& X) {
  CsrMatrix out;
  out.rows = X.rows();
  out.cols = X.cols();
  out.indptr.assign(1, 0);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (X(i, j) != 0.0) {
        out.indices.push_back(j);
        out.data.push_back(X(i, j));
      }
    }
    out.indptr.push_back(static_cast<std::int64_t>(out.data.size()));
  }
  return out;
}

NdArray dense_array(const CsrMatrix& X, const DType& dtype) { return matrix_as(to_matrix(X), dtype); }

}  // namespace skops::estimators::detail
