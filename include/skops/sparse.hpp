#pragma once
/// \file sparse.hpp
/// Compressed sparse row matrices: what scipy.sparse.csr_matrix is to scikit-learn. Text
/// vectorizers produce them, and sparse-aware estimators (linear models, naive Bayes,
/// TruncatedSVD, Normalizer, MaxAbsScaler, TfidfTransformer, the univariate selectors) take
/// them without densifying. Also the payload of a SparseMatrixNode (a `.npz` member).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace skops {

/// Row `r` holds the entries `indices[indptr[r] .. indptr[r+1])` with values `data[...]`.
/// A valid matrix (validate()) has indptr of rows+1 non-decreasing entries from 0 to
/// nnz, column indices in [0, cols) and strictly increasing within each row (scipy's
/// canonical format: sorted, no duplicates). Explicit zeros may be stored, as scipy keeps
/// them.
struct CsrMatrix {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<std::int64_t> indptr{0};
  std::vector<std::int64_t> indices;
  std::vector<double> data;

  std::int64_t nnz() const noexcept { return static_cast<std::int64_t>(data.size()); }
  /// Throws InputError naming the first broken invariant (what = `what`, e.g. "X").
  void validate(const char* what = "sparse matrix") const;
  /// Whether the indices are canonical (sorted, no duplicates); validate() requires it.
  bool has_canonical_format() const noexcept;
  /// A row-major dense copy (rows*cols doubles). Throws LimitError when that is more than
  /// `max_bytes` bytes.
  std::vector<double> to_dense(std::size_t max_bytes) const;
};

/// Dense copies of sparse input are capped at this many bytes unless the caller says
/// otherwise (an estimator without a sparse path densifies, as scikit-learn's toarray()).
constexpr std::size_t kDefaultDensifyBytes = std::size_t{1} << 30;

}  // namespace skops
