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

// Bytes that one U+FFFD replaces at an invalid sequence: the lead byte and the continuation
// bytes that could still have followed it (Unicode's "maximal subpart"; nlohmann::json's
// replace handler does the same), at least one.
std::size_t invalid_run(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 1;
  }
  std::size_t k = 1;
  for (; k < n && i + k < s.size(); ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
  }
  return k;
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

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Runs of bytes that need no escape are copied at once (almost every path and name).
    std::size_t j = i;
    while (j < text.size()) {
      const auto b = static_cast<unsigned char>(text[j]);
      if (b < 0x20 || b == '"' || b == '\\' || b >= 0x80) break;
      ++j;
    }
    out.append(text.data() + i, j - i);
    i = j;
    if (i == text.size()) break;
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x80) {
      std::uint32_t cp = 0;
      const std::size_t n = utf8_at(text, i, &cp);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        i += invalid_run(text, i);
      } else {
        out.append(text.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char esc[8];
        std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(b));
        out += esc;
      }
    }
    ++i;
  }
  out += '"';
}

}  // namespace skops::detail
