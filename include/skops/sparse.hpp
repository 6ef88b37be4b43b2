#pragma once
/// \file sparse.hpp
/// Compressed sparse row matrices: what scipy.sparse.csr_matrix is to scikit-learn. Text
/// vectorizers produce them, and sparse-aware estimators (linear models, naive Bayes,
/// TruncatedSVD, Normalizer, MaxAbsScaler, TfidfTransformer, the univariate selectors) take
/// them without densifying. Also the payload of a SparseMatrixNode (a `.npz` member).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "skops/limits.hpp"
#include "skops/ndarray.hpp"

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
  /// Same shape, indptr, indices and data, the values bit for bit (NaN equals NaN, -0.0
  /// differs from 0.0): the matrix survived a write and a read unchanged.
  bool identical(const CsrMatrix& other) const noexcept;
  /// A row-major dense copy (rows*cols doubles). Throws LimitError when that is more than
  /// `max_bytes` bytes.
  std::vector<double> to_dense(std::size_t max_bytes) const;
  /// to_dense's size check alone: throws LimitError when rows*cols doubles exceed max_bytes.
  void check_dense_bytes(std::size_t max_bytes) const;
  /// Adds every stored value into `out`, a zeroed row-major rows*cols buffer (toarray():
  /// duplicates summed, a stored -0.0 becomes 0.0).
  void add_to_dense(double* out) const noexcept;
};

/// Dense copies of sparse input are capped at this many bytes unless the caller says
/// otherwise (an estimator without a sparse path densifies, as scikit-learn's toarray()).
constexpr std::size_t kDefaultDensifyBytes = std::size_t{1} << 30;

/// Reads the `.npz` payload of a SparseMatrixNode (what scipy.sparse.save_npz writes: a zip,
/// stored or deflated, of `indices.npy`, `indptr.npy`, `format.npy`, `shape.npy`,
/// `data.npy`). The inner zip is opened by ArchiveReader with `limits` (members, names,
/// inflated bytes, compression ratio, CRC, .npy headers and elements all checked as for the
/// outer file); its inflated bytes count against `limits.max_total_bytes` and are returned
/// in `*inflated_bytes` when given, so a caller can charge them to the outer file's budget.
/// The result is canonical (validate() holds): unsorted column indices are sorted and
/// duplicates summed, as scipy's sum_duplicates() does; indices and indptr may be int32 or
/// int64, data float64, float32, any integer or bool (converted to double exactly: integers
/// beyond 2^53 are refused). `entry` names the outer member; messages name
/// "<entry>/<inner member>". Implemented in skops::archive.
/// Throws ArchiveError (not a zip, bad member set: missing or unexpected members),
/// LimitError (a cap of `limits`), NpyError (a malformed inner .npy), UnsupportedError
/// (another scipy format: csc, coo, bsr, dia), ValidationError (wrong dtype or shape of a
/// member, unknown format, shape negative, indptr not running from 0 up to nnz, lengths
/// that disagree, a column index out of range).
CsrMatrix read_sparse_npz(const ByteView& npz, const Limits& limits, const std::string& entry,
                          std::uint64_t* inflated_bytes = nullptr);

/// The `.npz` bytes scipy.sparse.save_npz(compressed=False) writes for `m`: members
/// `indices`, `indptr`, `format` (b'csr'), `shape` (int64), `data` (float64), stored, in that
/// order; indices and indptr int32 when every index, nnz and both dimensions fit (scipy's
/// get_index_dtype), int64 otherwise. Throws InputError when `m` is not valid (validate()).
std::vector<std::uint8_t> write_sparse_npz(const CsrMatrix& m);

}  // namespace skops
