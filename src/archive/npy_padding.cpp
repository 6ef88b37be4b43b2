#include "archive/npy_padding.hpp"

#include <cstring>

namespace skops::archive_detail {

std::optional<std::vector<std::uint8_t>> realign_npy(const std::vector<std::uint8_t>& npy,
                                                     std::uint64_t member_offset,
                                                     std::uint64_t alignment) {
  static constexpr std::uint8_t kMagic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  if (alignment == 0 || npy.size() < 10 || std::memcmp(npy.data(), kMagic, 6) != 0) {
    return std::nullopt;
  }
  const std::uint8_t major = npy[6];
  if (major < 1 || major > 3) return std::nullopt;
  const std::size_t prefix = major == 1 ? 10 : 12;
  if (npy.size() < prefix) return std::nullopt;
  std::uint64_t header_len = std::uint64_t{npy[8]} | std::uint64_t{npy[9]} << 8;
  if (major != 1) header_len |= std::uint64_t{npy[10]} << 16 | std::uint64_t{npy[11]} << 24;
  if (header_len > npy.size() - prefix) return std::nullopt;

  std::size_t text_len = static_cast<std::size_t>(header_len);
  while (text_len > 0 &&
         (npy[prefix + text_len - 1] == ' ' || npy[prefix + text_len - 1] == '\n')) {
    --text_len;
  }
  if (text_len == 0 || npy[prefix] != '{') return std::nullopt;
  const std::uint64_t unpadded = member_offset + prefix + text_len + 1;  // + the final '\n'
  const std::uint64_t pad = (alignment - unpadded % alignment) % alignment;
  const std::uint64_t new_len = text_len + pad + 1;
  if (new_len == header_len) return std::nullopt;
  if (major == 1 && new_len > 0xFFFF) return std::nullopt;

  std::vector<std::uint8_t> out;
  out.reserve(npy.size() - static_cast<std::size_t>(header_len) +
              static_cast<std::size_t>(new_len));
  out.insert(out.end(), npy.begin(), npy.begin() + 8);
  for (std::size_t i = 0; i < prefix - 8; ++i) {
    out.push_back(static_cast<std::uint8_t>((new_len >> (8 * i)) & 0xFF));
  }
  out.insert(out.end(), npy.begin() + prefix, npy.begin() + prefix + text_len);
  out.insert(out.end(), static_cast<std::size_t>(pad), ' ');
  out.push_back('\n');
  out.insert(out.end(), npy.begin() + prefix + static_cast<std::ptrdiff_t>(header_len), npy.end());
  return out;
}

}  // namespace skops::archive_detail
