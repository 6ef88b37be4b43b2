#pragma once
/// \file npy.hpp
/// The `.npy` format (versions 1.0, 2.0, 3.0), parsed by hand: the header is a Python
/// literal that is read as data, never evaluated.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/limits.hpp"
#include "skops/ndarray.hpp"

namespace skops {

/// What a `.npy` header says, before any data is touched.
struct NpyHeader {
  int major = 1;
  int minor = 0;
  DType dtype;              ///< in native byte order (the file's order is below)
  bool big_endian = false;  ///< any multi-byte field of the file is big-endian
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
  std::uint64_t data_offset = 0;  ///< bytes from the start of the member to the data
  std::uint64_t data_bytes = 0;   ///< product(shape) × itemsize, overflow-checked
};

/// Parses the header of a `.npy` member of `size` bytes.
/// Throws NpyError (bad magic, version, header syntax, unknown or object dtype, negative
/// dimension, size overflow, truncated header or data shorter than the header says) and
/// LimitError (header longer than limits.max_npy_header_bytes, too many dimensions or
/// elements). `entry` names the member in messages.
NpyHeader parse_npy_header(const std::uint8_t* data, std::size_t size, const Limits& limits,
                           const std::string& entry = {});

/// Parses a whole `.npy` member into a C-ordered, native-endian array. A little-endian,
/// C-ordered member's data is used in place (sharing `bytes.owner`); otherwise it is copied
/// and converted. Throws as parse_npy_header.
NdArray read_npy(const ByteView& bytes, const Limits& limits, const std::string& entry = {});

/// Decoded `.npy` header texts shared by the reads of one archive's members: a boosted
/// ensemble's members repeat a few dozen header texts over a thousand times. Thread-safe.
/// Keeps only successful decodes, at most 1 MiB of header text; every read still checks its
/// member's own size against what the header says. Decodes are checked against the limits
/// given here.
class NpyHeaderCache {
 public:
  explicit NpyHeaderCache(const Limits& limits);
  ~NpyHeaderCache();
  NpyHeaderCache(const NpyHeaderCache&) = delete;
  NpyHeaderCache& operator=(const NpyHeaderCache&) = delete;

  const Limits& limits() const noexcept;
  struct Impl;
  Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// read_npy with the cache's limits, reusing its decoded header texts.
NdArray read_npy(const ByteView& bytes, NpyHeaderCache& cache, const std::string& entry = {});

/// Serialises an array as a version 1.0 `.npy` (version 2.0 if the header needs it),
/// little-endian, C order, with numpy's header padding.
/// `data_alignment`: pad the header so that the data starts at a multiple of it, counted
/// from `member_offset` (the member's data offset in the archive); numpy needs 64 | 16.
std::vector<std::uint8_t> write_npy(const NdArray& array, std::uint64_t member_offset = 0,
                                    std::uint64_t data_alignment = 64);

/// Length of the header `write_npy` would produce (for aligning members in an archive).
std::uint64_t npy_header_size(const NdArray& array, std::uint64_t member_offset = 0,
                              std::uint64_t data_alignment = 64);

/// IEEE half → double (for float16 arrays).
double half_to_double(std::uint16_t h) noexcept;

}  // namespace skops
