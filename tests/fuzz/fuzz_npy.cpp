// libFuzzer target: arbitrary bytes as a `.npy` member. Any skops::Error is a correct
// rejection; crashes, sanitizer reports, hangs and large allocations are bugs.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "skops/error.hpp"
#include "skops/limits.hpp"
#include "skops/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  skops::Limits limits;
  // Keep the fuzzer's memory bounded: the data must be present anyway, but a zero-size
  // dtype with many elements would otherwise be accepted without backing bytes.
  limits.max_array_elements = 1u << 24;
  try {
    const skops::ByteView bytes = skops::ByteView::copy_of(data, size);
    const skops::NdArray a = skops::read_npy(bytes, limits, "fuzz.npy");
    // A successfully read array must survive a write/read round trip unchanged.
    const std::vector<std::uint8_t> out = skops::write_npy(a);
    const skops::NdArray back = skops::read_npy(skops::ByteView::adopt(out), skops::Limits{});
    if (!(back == a)) __builtin_trap();
  } catch (const skops::Error&) {
  }
  return 0;
}
