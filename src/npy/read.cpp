// read_npy: a header check, then either a view of the member's own bytes or a converted copy.

#include <cstring>
#include <vector>

#include "npy/npy_internal.hpp"
#include "skops/npy.hpp"

namespace skops {

// Arrays are held in native order, which this library defines as little-endian; a
// big-endian host would need the swap logic inverted.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "skops-cpp assumes a little-endian host");

namespace {

NdArray read_npy_with(const ByteView& bytes, const Limits& limits, const std::string& entry,
                      NpyHeaderCache* cache) {
  npy_detail::ParsedNpy parsed =
      npy_detail::parse_npy_for_entry(bytes.data, bytes.size, limits, entry, cache);
  NpyHeader& h = parsed.header;
  const std::uint8_t* src = bytes.data + h.data_offset;
  const bool transpose = h.fortran_order && !npy_detail::fortran_is_c_layout(h.shape);

  if (!transpose && parsed.swap.empty()) {
    // Zero copy: the array shares the member's buffer (and keeps it alive).
    ByteView view;
    view.owner = bytes.owner;
    view.data = src;
    view.size = static_cast<std::size_t>(h.data_bytes);
    return NdArray(std::move(h.dtype), std::move(h.shape), std::move(view));
  }

  // Sizes were checked against the member, so this allocation is backed by real input.
  std::vector<std::uint8_t> out(static_cast<std::size_t>(h.data_bytes));
  if (transpose) {
    npy_detail::fortran_to_c(src, out.data(), h.shape, h.dtype.itemsize());
  } else if (!out.empty()) {
    std::memcpy(out.data(), src, out.size());
  }
  const std::uint64_t count = h.dtype.itemsize() ? h.data_bytes / h.dtype.itemsize() : 0;
  npy_detail::byteswap_elements(out.data(), count, h.dtype.itemsize(), parsed.swap);
  return NdArray(std::move(h.dtype), std::move(h.shape), ByteView::adopt(std::move(out)));
}

}  // namespace

NdArray read_npy(const ByteView& bytes, const Limits& limits, const std::string& entry) {
  return read_npy_with(bytes, limits, entry, nullptr);
}

NdArray read_npy(const ByteView& bytes, NpyHeaderCache& cache, const std::string& entry) {
  return read_npy_with(bytes, cache.limits(), entry, &cache);
}

}  // namespace skops
