#pragma once
// CSR helpers the sparse paths share: scikit-learn's in-place row normalization and the
// conversions between CSR and dense arrays.

#include "skops/estimator.hpp"
#include "skops/sparse.hpp"

namespace skops::estimators::detail {

enum class RowNorm { None, L1, L2, Max };

/// sklearn.preprocessing.normalize(X, norm, axis=1, copy=False) on CSR: l1/l2 sum the stored
/// values of a row in order (inplace_csr_row_normalize_l1/l2) and leave a row summing to 0
/// as it is; max divides by the largest |value| stored (min_max_axis), zero rows kept.
void normalize_rows(CsrMatrix& X, RowNorm norm);
/// scipy.sparse.csr_matrix(dense): the nonzero entries, row by row.
CsrMatrix csr_from_dense(const MatrixView& X);
/// toarray() as `dtype` (capped at kDefaultDensifyBytes: LimitError).
NdArray dense_array(const CsrMatrix& X, const DType& dtype);

/// X @ W.T as scipy's csr_matvecs computes it: per row of X and row c of W, the stored
/// entries' value(x) * W(c, column) summed in index order from 0 (the callers add any
/// intercept afterwards, as numpy does). `value` maps a stored value first (BernoulliNB's
/// binarize); X is validated and has W.cols() columns.
template <class Value>
Matrix csr_times_transpose(const CsrMatrix& X, const Matrix& W, Value value) {
  Matrix out(static_cast<Eigen::Index>(X.rows), W.rows());
  for (std::int64_t r = 0; r < X.rows; ++r) {
    const auto b = static_cast<std::size_t>(X.indptr[static_cast<std::size_t>(r)]);
    const auto e = static_cast<std::size_t>(X.indptr[static_cast<std::size_t>(r) + 1]);
    for (Eigen::Index c = 0; c < W.rows(); ++c) {
      double acc = 0.0;
      for (std::size_t p = b; p < e; ++p) acc += value(X.data[p]) * W(c, X.indices[p]);
      out(static_cast<Eigen::Index>(r), c) = acc;
    }
  }
  return out;
}
inline Matrix csr_times_transpose(const CsrMatrix& X, const Matrix& W) {
  return csr_times_transpose(X, W, [](double x) { return x; });
}

}  // namespace skops::estimators::detail
