#include "archive/crc32.hpp"

#include <libdeflate.h>

namespace skops::archive_detail {

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc) noexcept {
  return libdeflate_crc32(crc, data, size);
}

}  // namespace skops::archive_detail
