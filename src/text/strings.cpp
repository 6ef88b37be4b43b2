// str.lower(), NFKD and scikit-learn's accent stripping over code points.

#include "strings.hpp"

#include <algorithm>

#include "core/utf8.hpp"
#include "skops/error.hpp"
#include "unicode.hpp"

namespace skops::detail::text {
namespace {

bool all_ascii(std::string_view s) noexcept {
  for (const char ch : s) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

// Decodes one sequence at s[i]; returns its length, or 0 when invalid.
std::size_t decode_one(std::string_view s, std::size_t i, char32_t* cp) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) {
    return k < left && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto bits = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F);
  };
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return 0;
    *cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | bits(1);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const char32_t c = (static_cast<char32_t>(b0 & 0x0F) << 12) | (bits(1) << 6) | bits(2);
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const char32_t c =
        (static_cast<char32_t>(b0 & 0x07) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
    if (c < 0x10000 || c > 0x10FFFF) return 0;
    *cp = c;
    return 4;
  }
  return 0;
}

void canonical_order(std::u32string& s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size()) {
    if (combining_class(s[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && combining_class(s[j]) != 0) ++j;
    if (j - i > 1) {
      std::stable_sort(
          s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(j),
          [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
    }
    i = j;
  }
}

// CPython's handle_capital_sigma (Objects/unicodeobject.c): final when preceded by a cased
// letter and not followed by one, case-ignorable code points skipped both ways.
bool final_sigma(std::u32string_view t, std::size_t i) noexcept {
  std::size_t j = i;
  while (j > 0 && is_case_ignorable(t[j - 1])) --j;
  if (j == 0 || !is_cased_not_ignorable(t[j - 1])) return false;
  std::size_t k = i + 1;
  while (k < t.size() && is_case_ignorable(t[k])) ++k;
  return k == t.size() || !is_cased_not_ignorable(t[k]);
}

// final_sigma over UTF-8: the sigma is utf8[i, i + n); the bytes before it are valid UTF-8
// (already decoded); an invalid sequence after it ends the look-ahead (the caller throws
// when it reaches it).
bool final_sigma_utf8(std::string_view s, std::size_t i, std::size_t n) noexcept {
  std::size_t j = i;
  char32_t c = 0;
  bool found = false;
  while (j > 0) {
    std::size_t k = j - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    decode_one(s, k, &c);
    j = k;
    if (!is_case_ignorable(c)) {
      found = true;
      break;
    }
  }
  if (!found || !is_cased_not_ignorable(c)) return false;
  std::size_t k = i + n;
  while (k < s.size()) {
    const std::size_t m = decode_one(s, k, &c);
    if (m == 0) return true;
    if (!is_case_ignorable(c)) return !is_cased_not_ignorable(c);
    k += m;
  }
  return true;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view utf8) noexcept {
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < utf8.size()) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = decode_one(utf8, i, &cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

void decode_utf8(std::string_view utf8, std::u32string& out) {
  out.reserve(out.size() + utf8.size());
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < utf8.size()) {
    const std::size_t n = decode_one(utf8, i, &cp);
    if (n == 0) {
      throw InputError("text: invalid UTF-8 at byte offset " + std::to_string(i));
    }
    out += cp;
    i += n;
  }
}

std::u32string decode_utf8(std::string_view utf8) {
  std::u32string out;
  decode_utf8(utf8, out);
  return out;
}

void encode_utf8(std::u32string_view text, std::string& out) {
  for (const char32_t c : text) append_utf8(out, static_cast<std::uint32_t>(c));
}

void python_lower(std::u32string_view text, std::u32string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c == 0x3A3) {
      out += final_sigma(text, i) ? char32_t{0x3C2} : char32_t{0x3C3};
    } else {
      append_full_lower(c, out);
    }
  }
}

std::string python_lower(std::string_view utf8) {
  // Streaming: ASCII bytes directly, other code points one at a time; only a capital sigma
  // (whose form depends on its neighbours) sends the whole text through the code point path.
  std::string out;
  out.reserve(utf8.size());
  std::u32string one;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = decode_one(utf8, i, &cp);
    if (n == 0) throw InputError("text: invalid UTF-8 at byte offset " + std::to_string(i));
    if (cp == 0x3A3) {
      out += final_sigma_utf8(utf8, i, n) ? "\xCF\x82" : "\xCF\x83";  // ς : σ
      i += n;
      continue;
    }
    one.clear();
    append_full_lower(cp, one);
    if (one.size() == 1 && one[0] == cp) {
      out.append(utf8.data() + i, n);
    } else {
      encode_utf8(one, out);
    }
    i += n;
  }
  return out;
}

void nfkd(std::u32string_view text, std::u32string& out) {
  const std::size_t from = out.size();
  for (const char32_t c : text) append_nfkd(c, out);
  canonical_order(out, from);
}

std::string strip_accents_unicode(std::string_view utf8) {
  if (all_ascii(utf8)) return std::string(utf8);
  const std::u32string text = decode_utf8(utf8);
  std::u32string normalized;
  normalized.reserve(text.size());
  nfkd(text, normalized);
  std::u32string kept;
  kept.reserve(normalized.size());
  for (const char32_t c : normalized) {
    if (combining_class(c) == 0) kept += c;
  }
  std::string out;
  out.reserve(utf8.size());
  encode_utf8(kept, out);
  return out;
}

std::string strip_accents_ascii(std::string_view utf8) {
  if (all_ascii(utf8)) return std::string(utf8);
  const std::u32string text = decode_utf8(utf8);
  std::u32string normalized;
  normalized.reserve(text.size());
  nfkd(text, normalized);
  std::string out;
  out.reserve(normalized.size());
  for (const char32_t c : normalized) {
    if (c < 0x80) out += static_cast<char>(c);
  }
  return out;
}

}  // namespace skops::detail::text
