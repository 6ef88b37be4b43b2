// Layout conversion for members that cannot be used in place: byte order and Fortran order.

#include <cstring>

#include "npy/npy_internal.hpp"

namespace skops::npy_detail {
namespace {

template <class U, U (*Swap)(U)>
void swap_run(std::uint8_t* p, std::uint64_t units) {
  for (std::uint64_t i = 0; i < units; ++i, p += sizeof(U)) {
    U v;
    std::memcpy(&v, p, sizeof(U));  // memcpy: structured fields need not be aligned
    v = Swap(v);
    std::memcpy(p, &v, sizeof(U));
  }
}

std::uint16_t bswap16(std::uint16_t v) { return __builtin_bswap16(v); }
std::uint32_t bswap32(std::uint32_t v) { return __builtin_bswap32(v); }
std::uint64_t bswap64(std::uint64_t v) { return __builtin_bswap64(v); }

void swap_units(std::uint8_t* p, std::uint64_t units, std::uint32_t width) {
  switch (width) {
    case 2:
      swap_run<std::uint16_t, bswap16>(p, units);
      break;
    case 4:
      swap_run<std::uint32_t, bswap32>(p, units);
      break;
    case 8:
      swap_run<std::uint64_t, bswap64>(p, units);
      break;
    default:
      break;  // the descr parser only produces 2, 4 and 8
  }
}

void apply_plan(std::uint8_t* element, const SwapPlan& plan) {
  if (plan.width != 0) {
    swap_units(element, plan.units, plan.width);
    return;
  }
  for (const auto& f : plan.fields) {
    std::uint8_t* p = element + f.offset;
    for (std::uint64_t i = 0; i < f.count; ++i, p += f.stride) apply_plan(p, f.plan);
  }
}

template <std::size_t N>
void copy_rows_fixed(const std::uint8_t* s, std::uint8_t* d, std::uint64_t n,
                     std::uint64_t stride) {
  for (std::uint64_t j = 0; j < n; ++j, s += stride, d += N) std::memcpy(d, s, N);
}

// Copies `n` elements spaced `stride` bytes apart into consecutive slots of `d`.
void gather(const std::uint8_t* s, std::uint8_t* d, std::uint64_t n, std::uint64_t stride,
            std::uint64_t itemsize) {
  switch (itemsize) {
    case 1:
      copy_rows_fixed<1>(s, d, n, stride);
      return;
    case 2:
      copy_rows_fixed<2>(s, d, n, stride);
      return;
    case 4:
      copy_rows_fixed<4>(s, d, n, stride);
      return;
    case 8:
      copy_rows_fixed<8>(s, d, n, stride);
      return;
    case 16:
      copy_rows_fixed<16>(s, d, n, stride);
      return;
    default:
      for (std::uint64_t j = 0; j < n; ++j, s += stride, d += itemsize) std::memcpy(d, s, itemsize);
  }
}

}  // namespace

void byteswap_elements(std::uint8_t* data, std::uint64_t count, std::uint64_t itemsize,
                       const SwapPlan& plan) {
  if (plan.empty() || count == 0) return;
  if (plan.width != 0) {
    // A scalar dtype: the whole buffer is one run of units.
    swap_units(data, count * plan.units, plan.width);
    return;
  }
  for (std::uint64_t i = 0; i < count; ++i) apply_plan(data + i * itemsize, plan);
}

bool fortran_is_c_layout(const std::vector<std::int64_t>& shape) {
  int longer = 0;
  for (auto d : shape) {
    if (d == 0) return true;
    if (d > 1) ++longer;
  }
  return longer <= 1;
}

void fortran_to_c(const std::uint8_t* src, std::uint8_t* dst,
                  const std::vector<std::int64_t>& shape, std::uint64_t itemsize) {
  const std::size_t n = shape.size();
  std::uint64_t total = 1;
  for (auto d : shape) total *= static_cast<std::uint64_t>(d);  // checked by the header parser
  if (n == 0 || total == 0 || itemsize == 0) return;
  // Fortran strides: axis 0 varies fastest.
  std::vector<std::uint64_t> stride(n);
  std::uint64_t s = itemsize;
  for (std::size_t k = 0; k < n; ++k) {
    stride[k] = s;
    s *= static_cast<std::uint64_t>(shape[k]);
  }
  // Walk the output in C order, a row (last axis) at a time, with an odometer over the
  // leading axes that keeps the source offset up to date.
  const auto row = static_cast<std::uint64_t>(shape[n - 1]);
  std::vector<std::uint64_t> index(n, 0);
  std::uint64_t src_off = 0;
  for (std::uint64_t done = 0; done < total; done += row) {
    gather(src + src_off, dst, row, stride[n - 1], itemsize);
    dst += row * itemsize;
    for (std::size_t k = n - 1; k-- > 0;) {
      src_off += stride[k];
      if (++index[k] < static_cast<std::uint64_t>(shape[k])) break;
      src_off -= stride[k] * index[k];
      index[k] = 0;
    }
  }
}

}  // namespace skops::npy_detail
