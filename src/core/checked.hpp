#pragma once
// Overflow-checked size arithmetic for sizes and indices that come from files.

#include <cstdint>
#include <string>

#include "skops/error.hpp"

namespace skops::detail {

inline std::uint64_t checked_mul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw LimitError("size overflows 64 bits");
  return r;
}

inline std::uint64_t checked_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw LimitError("size overflows 64 bits");
  return r;
}

}  // namespace skops::detail
