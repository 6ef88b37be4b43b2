#pragma once
// CRC-32 through zlib. libzip checks CRCs of the members it reads, but members read
// in place from a mapping never pass through libzip, so they are checked here.

#include <cstddef>
#include <cstdint>

namespace skops::archive_detail {

/// CRC-32 of `size` bytes, continuing from `crc` (0 to start).
std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0) noexcept;

}  // namespace skops::archive_detail
