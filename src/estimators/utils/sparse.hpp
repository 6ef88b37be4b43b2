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

}  // namespace skops::estimators::detail
