#include "text_values.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace skops::detail {

namespace {

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view lower_b) noexcept {
  if (a.size() != lower_b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower_b[i]) return false;
  }
  return true;
}

}  // namespace

bool is_na_text(std::string_view s) noexcept {
  static constexpr std::array<std::string_view, 18> kNa = {
      "",        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
      "1.#QNAN", "<NA>", "N/A",      "NA",  "NULL",    "NaN",      "n/a",  "nan",  "null"};
  if (s.empty()) return true;
  if (s.size() > 8) return false;
  // Every NA string starts with one of these: most fields are rejected by one compare.
  switch (s.front()) {
    case '#':
    case '-':
    case '1':
    case '<':
    case 'N':
    case 'n':
      break;
    default:
      return false;
  }
  for (const std::string_view na : kNa) {
    if (s == na) return true;
  }
  return false;
}

IntText parse_int_text(std::string_view s, std::int64_t* value) noexcept {
  s = trim(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return IntText::No;
  std::uint64_t magnitude = 0;
  for (const char c : s) {
    if (!is_digit(c)) return IntText::No;
    if (__builtin_mul_overflow(magnitude, 10u, &magnitude) ||
        __builtin_add_overflow(magnitude, static_cast<unsigned>(c - '0'), &magnitude)) {
      return negative ? IntText::TooSmall : IntText::TooBig;
    }
  }
  constexpr std::uint64_t kMax =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (magnitude > kMax + 1) return IntText::TooSmall;
    *value = magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                   : -static_cast<std::int64_t>(magnitude);
    return IntText::Int;
  }
  if (magnitude > kMax) return IntText::BigUInt;
  *value = static_cast<std::int64_t>(magnitude);
  return IntText::Int;
}

bool parse_float_text(std::string_view s, double* value) {
  s = trim(s);
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    *value = negative ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity();
    return true;
  }
  // The grammar first: from_chars alone would also take "nan", "inf" spellings and stop early.
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < body.size() && is_digit(body[i])) ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && is_digit(body[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < body.size() && is_digit(body[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != body.size()) return false;
  // from_chars takes '-' but not '+': parse the body and apply the sign.
  double v = 0;
  const auto r = std::from_chars(body.data(), body.data() + body.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow or underflow: strtod tells which (underflow gives 0 or a subnormal, as Python).
    const std::string copy(body);
    v = std::strtod(copy.c_str(), nullptr);
  } else if (r.ec != std::errc() || r.ptr != body.data() + body.size()) {
    return false;
  }
  if (std::isinf(v)) return false;
  *value = negative ? -v : v;
  return true;
}

bool parse_bool_text(std::string_view s, bool* value) noexcept {
  if (iequals(s, "true")) {
    *value = true;
    return true;
  }
  if (iequals(s, "false")) {
    *value = false;
    return true;
  }
  return false;
}

}  // namespace skops::detail
