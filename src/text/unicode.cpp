// Lookups into the generated tables: binary search over sorted ranges and records, with
// ASCII answered first (the common case in documents and patterns).

#include "unicode.hpp"

#include <algorithm>

#include "unicode_tables.hpp"

namespace skops::detail::text {
namespace {

using tables::CodeRange;

bool in_ranges(const CodeRange* r, std::size_t n, char32_t c) noexcept {
  const CodeRange* end = r + n;
  const CodeRange* it =
      std::upper_bound(r, end, static_cast<std::uint32_t>(c),
                       [](std::uint32_t v, const CodeRange& x) { return v < x.lo; });
  return it != r && c <= (it - 1)->hi;
}

// Pairs (cp, mapped): mapped value or c.
char32_t lookup_pair(const std::uint32_t* pairs, std::size_t n, char32_t c) noexcept {
  std::size_t lo = 0;
  std::size_t hi = n / 2;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    const std::uint32_t key = pairs[2 * mid];
    if (key == c) return pairs[2 * mid + 1];
    if (key < c) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return c;
}

// Index of c in a sorted key array, or n.
std::size_t find_key(const std::uint32_t* keys, std::size_t n, char32_t c) noexcept {
  const std::uint32_t* it = std::lower_bound(keys, keys + n, static_cast<std::uint32_t>(c));
  return (it != keys + n && *it == c) ? static_cast<std::size_t>(it - keys) : n;
}

constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kTCount = 28, kNCount = 21 * 28, kSCount = 11172;

}  // namespace

const char* unicode_version() noexcept { return tables::kUnicodeVersion; }

bool is_word(char32_t c) noexcept {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return in_ranges(tables::kWord, tables::kWordSize, c);
}

bool is_decimal(char32_t c) noexcept {
  if (c < 0x80) return c >= '0' && c <= '9';
  return in_ranges(tables::kDecimal, tables::kDecimalSize, c);
}

bool is_space(char32_t c) noexcept {
  if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  return in_ranges(tables::kSpace, tables::kSpaceSize, c);
}

char32_t re_lower(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return lookup_pair(tables::kSimpleLower, tables::kSimpleLowerSize, c);
}

char32_t re_upper(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  return lookup_pair(tables::kSimpleUpper, tables::kSimpleUpperSize, c);
}

bool re_iscased(char32_t c) noexcept {
  return in_ranges(tables::kReCased, tables::kReCasedSize, c);
}

const std::uint32_t* re_extra_cases(char32_t lowered, std::size_t* n) noexcept {
  const std::size_t i = find_key(tables::kExtraCasesKeys, tables::kExtraCasesKeysSize, lowered);
  if (i == tables::kExtraCasesKeysSize) {
    *n = 0;
    return nullptr;
  }
  *n = tables::kExtraCasesOffsets[i + 1] - tables::kExtraCasesOffsets[i];
  return tables::kExtraCasesData + tables::kExtraCasesOffsets[i];
}

std::uint8_t combining_class(char32_t c) noexcept {
  if (c < 0x300) return 0;
  const std::uint32_t* t = tables::kCombiningClass;
  std::size_t lo = 0;
  std::size_t hi = tables::kCombiningClassSize / 3;
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (c < t[3 * mid]) {
      hi = mid;
    } else if (c > t[3 * mid + 1]) {
      lo = mid + 1;
    } else {
      return static_cast<std::uint8_t>(t[3 * mid + 2]);
    }
  }
  return 0;
}

void append_full_lower(char32_t c, std::u32string& out) {
  if (c < 0x80) {
    out += (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return;
  }
  const std::size_t i = find_key(tables::kFullLowerKeys, tables::kFullLowerKeysSize, c);
  if (i == tables::kFullLowerKeysSize) {
    out += c;
    return;
  }
  for (std::uint32_t k = tables::kFullLowerOffsets[i]; k < tables::kFullLowerOffsets[i + 1]; ++k) {
    out += static_cast<char32_t>(tables::kFullLowerData[k]);
  }
}

bool is_case_ignorable(char32_t c) noexcept {
  return in_ranges(tables::kCaseIgnorable, tables::kCaseIgnorableSize, c);
}

bool is_cased_not_ignorable(char32_t c) noexcept {
  return in_ranges(tables::kCasedNotIgnorable, tables::kCasedNotIgnorableSize, c);
}

void append_nfkd(char32_t c, std::u32string& out) {
  if (c < 0xA0) {
    out += c;
    return;
  }
  if (c >= kSBase && c < kSBase + kSCount) {
    const char32_t s = c - kSBase;
    out += kLBase + s / kNCount;
    out += kVBase + (s % kNCount) / kTCount;
    if (s % kTCount != 0) out += kTBase + s % kTCount;
    return;
  }
  const std::size_t i = find_key(tables::kNfkdKeys, tables::kNfkdKeysSize, c);
  if (i == tables::kNfkdKeysSize) {
    out += c;
    return;
  }
  for (std::uint32_t k = tables::kNfkdOffsets[i]; k < tables::kNfkdOffsets[i + 1]; ++k) {
    out += static_cast<char32_t>(tables::kNfkdData[k]);
  }
}

}  // namespace skops::detail::text
