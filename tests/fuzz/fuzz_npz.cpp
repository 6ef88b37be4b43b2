// libFuzzer target: arbitrary bytes as the `.npz` member of a SparseMatrixNode (a zip of
// .npy members inside the .skops zip). Any skops::Error is a correct rejection; crashes,
// sanitizer reports, hangs and large allocations are bugs. What is accepted must be a valid
// canonical matrix that survives write_sparse_npz and a second read unchanged.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "skops/error.hpp"
#include "skops/limits.hpp"
#include "skops/sparse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The caps a load applies, lowered to keep the fuzzer's memory bounded.
  skops::Limits limits;
  limits.max_member_bytes = 1u << 24;
  limits.max_total_bytes = 1u << 26;
  limits.max_array_elements = 1u << 22;
  try {
    const skops::CsrMatrix m =
        skops::read_sparse_npz(skops::ByteView::copy_of(data, size), limits, "fuzz.npz");
    m.validate();
    const std::vector<std::uint8_t> out = skops::write_sparse_npz(m);
    const skops::CsrMatrix back =
        skops::read_sparse_npz(skops::ByteView::adopt(out), skops::Limits{}, "again.npz");
    if (!m.identical(back)) __builtin_trap();
  } catch (const skops::Error&) {
  }
  return 0;
}
