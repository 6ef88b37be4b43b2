// Character sets with sre's exact rules (CPython 3.11 re/_compiler.py _optimize_charset and
// _sre's charset()): which code points a class, a category or a case-insensitive literal
// matches, including the IGNORECASE details (re's extra case equivalences such as s/ſ and
// k/K (Kelvin), and its handling of classes with members above the BMP).

#include <algorithm>

#include "regex_program.hpp"
#include "unicode.hpp"
#include "unicode_tables.hpp"

namespace skops::detail::text {
namespace {

constexpr char32_t kBmpEnd = 0x10000;

bool ascii_word(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool ascii_alpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char32_t ascii_lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

bool category_holds(Category cat, char32_t c, bool ascii) {
  switch (cat) {
    case Category::Digit:
      return ascii ? (c >= '0' && c <= '9') : is_decimal(c);
    case Category::NotDigit:
      return !(ascii ? (c >= '0' && c <= '9') : is_decimal(c));
    // (?a)\s is Py_ISSPACE: \t \n \v \f \r and space (not U+001C..U+001F, which str \s has).
    case Category::Space:
      return ascii ? ((c >= 9 && c <= 13) || c == ' ') : is_space(c);
    case Category::NotSpace:
      return !(ascii ? ((c >= 9 && c <= 13) || c == ' ') : is_space(c));
    case Category::Word:
      return ascii ? ascii_word(c) : is_word(c);
    case Category::NotWord:
      return !(ascii ? ascii_word(c) : is_word(c));
  }
  return false;
}

bool in_sorted(const std::vector<std::pair<char32_t, char32_t>>& r, char32_t c) {
  auto it = std::upper_bound(
      r.begin(), r.end(), c,
      [](char32_t v, const std::pair<char32_t, char32_t>& x) { return v < x.first; });
  return it != r.begin() && c <= (it - 1)->second;
}

void normalize(std::vector<std::pair<char32_t, char32_t>>& r) {
  std::sort(r.begin(), r.end());
  std::vector<std::pair<char32_t, char32_t>> out;
  for (const auto& x : r) {
    if (!out.empty() && x.first <= out.back().second + 1) {
      out.back().second = std::max(out.back().second, x.second);
    } else {
      out.push_back(x);
    }
  }
  r = std::move(out);
}

bool any_re_cased(char32_t lo, char32_t hi) {
  for (std::size_t i = 0; i < tables::kReCasedSize; ++i) {
    if (tables::kReCased[i].lo <= hi && lo <= tables::kReCased[i].hi) return true;
  }
  return false;
}

}  // namespace

bool CharSet::slow_test(char32_t c) const noexcept {
  const char32_t x = !lower_first ? c : (ascii ? ascii_lower(c) : re_lower(c));
  bool hit = in_sorted(ranges, x);
  for (std::size_t i = 0; !hit && i < categories.size(); ++i)
    hit = category_holds(categories[i], x, ascii);
  for (std::size_t i = 0; !hit && i < tail_literals.size(); ++i) hit = tail_literals[i] == x;
  if (!hit && !tail_ranges.empty()) {
    const char32_t up = re_upper(x);
    for (const auto& r : tail_ranges) {
      if ((r.first <= x && x <= r.second) || (r.first <= up && up <= r.second)) {
        hit = true;
        break;
      }
    }
  }
  return hit != negate;
}

void CharSet::precompute() {
  normalize(ranges);
  fast.fill(0);
  for (char32_t c = 0; c < kFastLimit; ++c) {
    if (slow_test(c)) fast[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
}

CharSet make_class_set(const std::vector<ClassItem>& items, bool negate, const RegexFlags& flags) {
  CharSet s;
  s.negate = negate;
  s.ascii = flags.ascii;
  if (!flags.ignorecase) {
    for (const ClassItem& it : items) {
      if (it.kind == ClassItem::Cat) {
        s.categories.push_back(it.category);
      } else {
        s.ranges.emplace_back(it.lo, it.hi);
      }
    }
    s.precompute();
    return s;
  }
  // IGNORECASE: the set holds the lowered members (and re's extra equivalences of each); it is
  // then tested with the lowered input, unless no member is cased (sre emits a plain IN).
  // Members above the BMP are kept as they are and tested as sre's tail does.
  bool hascased = false;
  const bool uni = !flags.ascii;
  for (const ClassItem& it : items) {
    if (it.kind == ClassItem::Cat) {
      s.categories.push_back(it.category);
      continue;
    }
    const char32_t lo = it.lo;
    const char32_t hi = it.hi;
    if (it.kind == ClassItem::Literal) {
      if (lo >= kBmpEnd) {
        s.tail_literals.push_back(lo);  // sre keeps the literal itself, not its lowercase
        hascased = true;
        continue;
      }
      const char32_t low = uni ? re_lower(lo) : ascii_lower(lo);
      s.ranges.emplace_back(low, low);
      hascased = hascased || (uni ? re_iscased(lo) : ascii_alpha(lo));
      continue;
    }
    // Range: the BMP part lowered into the set; a part above the BMP makes the whole range a
    // RANGE_UNI_IGNORE tail item.
    const char32_t bmp_hi = std::min<char32_t>(hi, kBmpEnd - 1);
    if (lo <= bmp_hi) {
      if (uni) {
        // Every code point of [lo, bmp_hi] maps to itself except those with a lowercase.
        char32_t next = lo;
        for (std::size_t i = 0; i + 1 < tables::kSimpleLowerSize; i += 2) {
          const char32_t k = tables::kSimpleLower[i];
          if (k < lo || k > bmp_hi) continue;
          if (k > next) s.ranges.emplace_back(next, k - 1);
          s.ranges.emplace_back(tables::kSimpleLower[i + 1], tables::kSimpleLower[i + 1]);
          next = k + 1;
        }
        if (next <= bmp_hi) s.ranges.emplace_back(next, bmp_hi);
      } else {
        for (char32_t c = lo; c <= bmp_hi && c < 0x80; ++c) {
          const char32_t l = ascii_lower(c);
          s.ranges.emplace_back(l, l);
        }
        if (bmp_hi >= 0x80) s.ranges.emplace_back(std::max<char32_t>(lo, 0x80), bmp_hi);
      }
    }
    if (hi >= kBmpEnd) {
      s.tail_ranges.emplace_back(lo, hi);
      hascased = true;
    } else if (!hascased) {
      hascased = uni ? any_re_cased(lo, hi)
                     : (lo <= 'z' && hi >= 'A' &&
                        (std::max<char32_t>(lo, 'A') <= std::min<char32_t>(hi, 'Z') ||
                         std::max<char32_t>(lo, 'a') <= std::min<char32_t>(hi, 'z')));
    }
  }
  normalize(s.ranges);
  if (uni) {
    // re's extra equivalences of each lowered member (s/ſ, k/K, the Greek symbol forms...).
    std::vector<std::pair<char32_t, char32_t>> extra;
    for (std::size_t i = 0; i < tables::kExtraCasesKeysSize; ++i) {
      if (!in_sorted(s.ranges, tables::kExtraCasesKeys[i])) continue;
      for (std::uint32_t k = tables::kExtraCasesOffsets[i]; k < tables::kExtraCasesOffsets[i + 1];
           ++k) {
        extra.emplace_back(tables::kExtraCasesData[k], tables::kExtraCasesData[k]);
      }
    }
    s.ranges.insert(s.ranges.end(), extra.begin(), extra.end());
  }
  s.lower_first = hascased;
  s.precompute();
  return s;
}

}  // namespace skops::detail::text
