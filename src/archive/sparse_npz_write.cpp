// A CsrMatrix as the `.npz` scipy.sparse.save_npz(compressed=False) writes
// (include/skops/sparse.hpp); Python's load_npz, and read_sparse_npz, read it back.

#include <limits>

#include "skops/archive.hpp"
#include "skops/npy.hpp"
#include "skops/sparse.hpp"

namespace skops {

namespace {

// scipy's get_index_dtype: int32 when every index value, nnz and both dimensions fit.
bool fits_int32(const CsrMatrix& m) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int32_t>::max();
  return m.rows <= kMax && m.cols <= kMax && m.nnz() <= kMax;
}

NdArray index_array(const std::vector<std::int64_t>& v, bool int32) {
  if (!int32) return NdArray::from_vector(v);
  return NdArray::from_vector(std::vector<std::int32_t>(v.begin(), v.end()));
}

}  // namespace

std::vector<std::uint8_t> write_sparse_npz(const CsrMatrix& m) {
  m.validate("sparse matrix to write");
  const bool int32 = fits_int32(m);
  // np.array(b'csr'): a 0-d '|S3'.
  const NdArray format(DType(DTypeKind::Bytes, 3), {}, ByteView::copy_of("csr", 3));
  // np.savez's member order for save_npz's arrays_dict: indices, indptr, format, shape, data.
  const std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members = {
      {"indices.npy", write_npy(index_array(m.indices, int32))},
      {"indptr.npy", write_npy(index_array(m.indptr, int32))},
      {"format.npy", write_npy(format)},
      {"shape.npy", write_npy(NdArray::from_vector(std::vector<std::int64_t>{m.rows, m.cols}))},
      {"data.npy", write_npy(NdArray::from_vector(m.data))},
  };
  return write_archive_bytes(members, Compression::Stored);
}

}  // namespace skops
