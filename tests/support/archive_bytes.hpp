#pragma once
// Byte-level helpers of the archive tests: copying a view, and patching the little-endian
// fields of a zip built in memory to craft a corrupt one.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "skops/ndarray.hpp"

namespace skops::testing_support {

using Bytes = std::vector<std::uint8_t>;

inline Bytes view_bytes(const ByteView& v) { return Bytes(v.data, v.data + v.size); }

inline std::uint16_t get16(const Bytes& b, std::uint64_t at) {
  return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}

inline void put32(Bytes& b, std::uint64_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

/// Offset of the central-directory record of the entry whose local header is at
/// `local_offset` (a test failure and 0 when there is none).
inline std::uint64_t central_record_of(const Bytes& b, std::uint64_t local_offset) {
  for (std::size_t i = 0; i + 46 <= b.size(); ++i) {
    if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
      const std::uint32_t off = static_cast<std::uint32_t>(b[i + 42] | b[i + 43] << 8 |
                                                           b[i + 44] << 16 | b[i + 45] << 24);
      if (off == local_offset) return i;
    }
  }
  ADD_FAILURE() << "no central record";
  return 0;
}

}  // namespace skops::testing_support
