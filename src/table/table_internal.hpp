#pragma once
// Shared by the table readers: UTF-8 validation and short quoting of untrusted text.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "skops/table.hpp"

namespace skops::detail {

// For the readers: a String column from text they have already checked to be UTF-8.
struct ColumnFactory {
  static Column string_of_valid_utf8(std::string name, const std::vector<std::string_view>& values,
                                     Column::Mask missing);
};

// Length of the valid UTF-8 sequence starting at p (lead byte >= 0x80), or 0 if it is
// invalid: bad lead byte, truncated, bad continuation, overlong, surrogate, > U+10FFFF.
inline std::size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

// Offset of the first invalid byte, or npos when `s` is valid UTF-8 (NUL allowed).
inline std::size_t invalid_utf8_offset(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  const auto* start = p;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const std::size_t n = utf8_sequence_length(p, end);
    if (n == 0) return static_cast<std::size_t>(p - start);
    p += n;
  }
  return std::string_view::npos;
}

// RFC 6901 escaping of a key in a pointer.
inline std::string ptr_key(std::string_view base, std::string_view key) {
  std::string out(base);
  out += '/';
  for (const char c : key.substr(0, 200)) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// `s` quoted for a message, cut to a readable length (a field can be megabytes).
inline std::string quoted_excerpt(std::string_view s) {
  constexpr std::size_t kShown = 60;
  std::string out = "\"";
  std::string_view cut = s.substr(0, kShown);
  // Do not cut inside a UTF-8 sequence.
  while (cut.size() < s.size() && !cut.empty() &&
         (static_cast<unsigned char>(s[cut.size()]) & 0xC0) == 0x80) {
    cut.remove_suffix(1);
  }
  for (const char c : cut) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '"')
      out += "\\\"";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += '?';
    else
      out += c;
  }
  if (cut.size() < s.size()) out += "...";
  return out + "\"";
}

}  // namespace skops::detail
