// The `.npz` payload of a SparseMatrixNode (include/skops/sparse.hpp): a zip inside the
// zip. It is opened by the same ArchiveReader, with the same Limits, as the outer file, so
// a nested bomb meets the caps a top-level one does; every inner member is a .npy read by
// the project's npy reader. What scipy.sparse.load_npz would accept for a csr matrix is
// accepted (made canonical); anything else is refused with "<outer>/<inner member>".

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <set>

#include "core/relocate.hpp"
#include "skops/archive.hpp"
#include "skops/npy.hpp"
#include "skops/sparse.hpp"

namespace skops {

namespace {

// np.savez's member names for save_npz of a csr matrix, in its order.
constexpr std::array<const char*, 5> kCsrMembers = {"indices.npy", "indptr.npy", "format.npy",
                                                    "shape.npy", "data.npy"};
// scipy >= 1.11 adds this 0-d bool for sparse arrays (csr_array).
constexpr const char* kArrayFlag = "_is_array.npy";
// The other formats save_npz writes (and lil/dok, which it refuses): valid, not handled.
constexpr std::array<const char*, 6> kOtherFormats = {"csc", "coo", "bsr", "dia", "lil", "dok"};
// Largest integer a double holds exactly: data of integer dtype must stay within it.
constexpr std::int64_t kExactDouble = std::int64_t{1} << 53;

class InnerNpz {
 public:
  InnerNpz(const ByteView& npz, const Limits& limits, const std::string& entry) : entry_(entry) {
    try {
      archive_ = ArchiveReader::open_bytes(std::vector<std::uint8_t>(npz.data, npz.data + npz.size),
                                           limits);
    } catch (const Error& e) {
      detail::rethrow_at(e, e.entry().empty() ? entry_ : where(e.entry()));
    }
  }

  std::string where(const std::string& member) const { return entry_ + "/" + member; }
  bool has(const char* member) const { return archive_->find(member) != nullptr; }
  std::uint64_t inflated() const noexcept { return archive_->bytes_read(); }

  [[noreturn]] void invalid(const char* member, const std::string& why) const {
    throw ValidationError(why, where(member));
  }

  [[noreturn]] void missing(const char* member) const {
    throw ArchiveError(
        "member missing (a scipy csr .npz holds indices, indptr, format, shape "
        "and data)",
        where(member));
  }

  /// A member as an array; every error names "<outer>/<member>".
  NdArray array(const char* member) const {
    if (!has(member)) missing(member);
    try {
      return read_npy(archive_->read(member), archive_->limits(), member);
    } catch (const Error& e) {
      detail::rethrow_at(e, where(member));
    }
  }

  /// Exactly the csr members (and scipy's optional sparse-array flag), nothing else.
  void require_csr_members() const {
    for (const char* m : kCsrMembers) {
      if (!has(m)) missing(m);
    }
    const std::set<std::string> known(kCsrMembers.begin(), kCsrMembers.end());
    for (const ArchiveEntry& e : archive_->entries()) {
      if (known.count(e.name) == 0 && e.name != kArrayFlag) {
        throw ArchiveError("unexpected member in a scipy csr .npz", where(e.name));
      }
    }
  }

  /// A 1-d array's elements as int64 (int32 or int64 members only, as scipy writes).
  std::vector<std::int64_t> index_array(const char* member) const {
    const NdArray a = array(member);
    const DType& d = a.dtype();
    if (d.kind() != DTypeKind::Int || (d.itemsize() != 4 && d.itemsize() != 8))
      invalid(member, "dtype " + d.name() + ", expected int32 or int64");
    if (a.ndim() != 1) invalid(member, std::to_string(a.ndim()) + "-d, expected 1-d");
    return a.to_vector<std::int64_t>();
  }

 private:
  std::string entry_;
  std::shared_ptr<ArchiveReader> archive_;
};

/// format.npy: 0-d bytes or str, "csr"; another scipy format is valid but unsupported.
void check_format(const InnerNpz& npz) {
  const NdArray f = npz.array("format.npy");
  const DTypeKind k = f.dtype().kind();
  if ((k != DTypeKind::Bytes && k != DTypeKind::Unicode) || f.ndim() != 0)
    npz.invalid("format.npy", "expected a 0-d bytes or str array, found " + f.dtype().name());
  const std::string format = f.string_at(0);
  if (format == "csr") return;
  if (std::find(kOtherFormats.begin(), kOtherFormats.end(), format) != kOtherFormats.end()) {
    throw UnsupportedError("sparse format '" + format + "' is not supported (csr only)",
                           npz.where("format.npy"));
  }
  npz.invalid("format.npy", "unknown sparse format '" + format + "'");
}

void check_array_flag(const InnerNpz& npz) {
  if (!npz.has(kArrayFlag)) return;
  const NdArray a = npz.array(kArrayFlag);
  if (a.dtype().kind() != DTypeKind::Bool || a.ndim() != 0)
    npz.invalid(kArrayFlag, "expected a 0-d bool, found " + a.dtype().name());
}

/// shape.npy: two non-negative integers.
std::pair<std::int64_t, std::int64_t> read_shape(const InnerNpz& npz) {
  const NdArray s = npz.array("shape.npy");
  const DTypeKind k = s.dtype().kind();
  if (k != DTypeKind::Int && k != DTypeKind::UInt)
    npz.invalid("shape.npy", "dtype " + s.dtype().name() + ", expected integers");
  if (s.ndim() != 1 || s.size() != 2) npz.invalid("shape.npy", "expected 2 dimensions");
  std::array<std::int64_t, 2> dims{};
  for (std::size_t i = 0; i < 2; ++i) {
    if (k == DTypeKind::UInt) {
      const auto u = s.to_vector<std::uint64_t>()[i];
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        npz.invalid("shape.npy", "dimension " + std::to_string(u) + " out of range");
      dims[i] = static_cast<std::int64_t>(u);
    } else {
      dims[i] = s.to_vector<std::int64_t>()[i];
    }
    if (dims[i] < 0) npz.invalid("shape.npy", "negative dimension " + std::to_string(dims[i]));
  }
  return {dims[0], dims[1]};
}

/// data.npy: real values, converted to double exactly.
std::vector<double> read_data(const InnerNpz& npz) {
  const NdArray a = npz.array("data.npy");
  const DType& d = a.dtype();
  if (d.kind() == DTypeKind::Complex ||
      (d.kind() == DTypeKind::Float && d.itemsize() != 2 && d.itemsize() != 4 && d.itemsize() != 8))
    throw UnsupportedError("data of dtype " + d.name() + " is not supported (real values only)",
                           npz.where("data.npy"));
  if (d.kind() != DTypeKind::Float && d.kind() != DTypeKind::Int && d.kind() != DTypeKind::UInt &&
      d.kind() != DTypeKind::Bool)
    npz.invalid("data.npy", "dtype " + d.name() + ", expected numbers");
  if (a.ndim() != 1) npz.invalid("data.npy", std::to_string(a.ndim()) + "-d, expected 1-d");
  if (d.kind() == DTypeKind::UInt && d.itemsize() == 8) {
    for (const std::uint64_t v : a.to_vector<std::uint64_t>()) {
      if (v > static_cast<std::uint64_t>(kExactDouble))
        npz.invalid("data.npy", "value " + std::to_string(v) + " has no exact double");
    }
  } else if (d.kind() == DTypeKind::Int && d.itemsize() == 8) {
    for (const std::int64_t v : a.to_vector<std::int64_t>()) {
      if (v > kExactDouble || v < -kExactDouble)
        npz.invalid("data.npy", "value " + std::to_string(v) + " has no exact double");
    }
  }
  return a.to_vector<double>();
}

/// indptr: rows + 1 entries from 0, non-decreasing, up to nnz.
void check_indptr(const InnerNpz& npz, const CsrMatrix& m) {
  // Compared without computing rows + 1: rows may be INT64_MAX.
  if (m.indptr.empty() ||
      static_cast<std::uint64_t>(m.indptr.size() - 1) != static_cast<std::uint64_t>(m.rows))
    npz.invalid("indptr.npy", std::to_string(m.indptr.size()) + " entries for " +
                                  std::to_string(m.rows) + " rows (needs rows + 1)");
  if (m.indptr.front() != 0)
    npz.invalid("indptr.npy", "indptr[0] is " + std::to_string(m.indptr.front()));
  for (std::size_t r = 0; r + 1 < m.indptr.size(); ++r) {
    if (m.indptr[r + 1] < m.indptr[r])
      npz.invalid("indptr.npy", "decreases at row " + std::to_string(r));
  }
  if (m.indptr.back() != static_cast<std::int64_t>(m.indices.size()))
    npz.invalid("indptr.npy", "indptr[-1] is " + std::to_string(m.indptr.back()) +
                                  ", indices has " + std::to_string(m.indices.size()));
}

/// Sorts each row's columns and sums repeated ones, as scipy's sum_duplicates() does (stable:
/// repeats are added in file order); rows already canonical are left alone.
void canonicalize(CsrMatrix& m) {
  if (m.has_canonical_format()) return;
  std::vector<std::int64_t> indices;
  std::vector<double> data;
  indices.reserve(m.indices.size());
  data.reserve(m.data.size());
  std::vector<std::size_t> order;
  std::int64_t nnz = 0;
  for (std::size_t r = 0; r + 1 < m.indptr.size(); ++r) {
    const auto b = static_cast<std::size_t>(m.indptr[r]);
    const auto e = static_cast<std::size_t>(m.indptr[r + 1]);
    order.resize(e - b);
    std::iota(order.begin(), order.end(), b);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return m.indices[x] < m.indices[y]; });
    m.indptr[r] = nnz;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (k > 0 && m.indices[order[k]] == indices.back()) {
        data.back() += m.data[order[k]];
        continue;
      }
      indices.push_back(m.indices[order[k]]);
      data.push_back(m.data[order[k]]);
      ++nnz;
    }
  }
  m.indptr.back() = nnz;
  m.indices = std::move(indices);
  m.data = std::move(data);
}

}  // namespace

CsrMatrix read_sparse_npz(const ByteView& npz_bytes, const Limits& limits, const std::string& entry,
                          std::uint64_t* inflated_bytes) {
  const InnerNpz npz(npz_bytes, limits, entry);
  // The format first: a csc or coo .npz is named as such, not as a wrong member set.
  check_format(npz);
  npz.require_csr_members();
  check_array_flag(npz);
  CsrMatrix m;
  std::tie(m.rows, m.cols) = read_shape(npz);
  m.indptr = npz.index_array("indptr.npy");
  m.indices = npz.index_array("indices.npy");
  m.data = read_data(npz);
  if (inflated_bytes) *inflated_bytes = npz.inflated();
  if (m.data.size() != m.indices.size())
    npz.invalid("data.npy", std::to_string(m.data.size()) + " values for " +
                                std::to_string(m.indices.size()) + " indices");
  check_indptr(npz, m);
  for (std::size_t k = 0; k < m.indices.size(); ++k) {
    if (m.indices[k] < 0 || m.indices[k] >= m.cols)
      npz.invalid("indices.npy", "column index " + std::to_string(m.indices[k]) +
                                     " out of range [0, " + std::to_string(m.cols) + ")");
  }
  canonicalize(m);
  // Canonical rows have at most `cols` entries each, so nnz <= rows * cols holds; checked
  // anyway where the product fits (a sparse shape may legitimately overflow it).
  std::uint64_t cells = 0;
  if (!__builtin_mul_overflow(static_cast<std::uint64_t>(m.rows),
                              static_cast<std::uint64_t>(m.cols), &cells) &&
      static_cast<std::uint64_t>(m.nnz()) > cells)
    npz.invalid("indices.npy", "more entries than the shape has cells");
  return m;
}

}  // namespace skops
