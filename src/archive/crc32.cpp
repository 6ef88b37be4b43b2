#include "archive/crc32.hpp"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace skops::archive_detail {

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc) noexcept {
  // zlib takes uInt lengths: feed large members in chunks.
  uLong c = crc;
  while (size > 0) {
    const std::size_t n = std::min<std::size_t>(size, UINT_MAX);
    c = ::crc32(c, data, static_cast<uInt>(n));
    data += n;
    size -= n;
  }
  return static_cast<std::uint32_t>(c);
}

}  // namespace skops::archive_detail
