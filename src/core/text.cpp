#include "core/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace skops::detail {

namespace {

/// Length of the valid UTF-8 sequence at `s[i]` and its code point, or 0 when invalid.
std::size_t utf8_at(std::string_view s, std::size_t i, std::uint32_t* cp) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  std::uint32_t c = 0, min = 0;
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, c = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return n;
}

bool escaped_code_point(std::uint32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = utf8_at(text, i, &cp);
    char piece[16];
    std::size_t piece_len = 0;
    if (n == 0 || (escaped_code_point(cp) && cp < 0xA0)) {
      // Invalid byte, or a C0/DEL/C1 control: each byte as \xNN.
      const std::size_t bytes = n == 0 ? 1 : n;
      for (std::size_t k = 0; k < bytes; ++k) {
        piece_len += static_cast<std::size_t>(
            std::snprintf(piece + piece_len, sizeof piece - piece_len, "\\x%02x",
                          static_cast<unsigned char>(text[i + k])));
      }
      if (out.size() + piece_len > max_bytes) break;
      out.append(piece, piece_len);
      i += bytes;
    } else if (escaped_code_point(cp)) {
      piece_len = static_cast<std::size_t>(std::snprintf(piece, sizeof piece, "\\u%04x", cp));
      if (out.size() + piece_len > max_bytes) break;
      out.append(piece, piece_len);
      i += n;
    } else {
      if (out.size() + n > max_bytes) break;
      out.append(text.data() + i, n);
      i += n;
    }
  }
  if (i < text.size()) out += "...(" + std::to_string(text.size() - i) + " more bytes)";
  return out;
}

bool is_printable(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = utf8_at(text, i, &cp);
    if (n == 0 || escaped_code_point(cp)) return false;
    i += n;
  }
  return true;
}

}  // namespace skops::detail
