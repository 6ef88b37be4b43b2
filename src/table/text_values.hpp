#pragma once
// How pandas.read_csv (1.5, C parser, default options) reads one field's text: missing,
// integer, float or bool. Each function takes the field after unquoting.

#include <cstdint>
#include <string_view>

namespace skops::detail {

// pandas' default na_values (pandas._libs.parsers.STR_NA_VALUES), compared exactly.
bool is_na_text(std::string_view s) noexcept;

enum class IntText { Int, BigUInt, TooBig, TooSmall, No };
// Surrounding whitespace, an optional sign, one or more ASCII digits. Int: fits int64 (in
// *value); BigUInt: above int64 but within uint64; TooBig: above uint64; TooSmall: below
// int64; No: anything else.
IntText parse_int_text(std::string_view s, std::int64_t* value) noexcept;

// Surrounding whitespace, an optional sign, then inf/infinity (any case), or
// digits[.digits][e[sign]digits] with at least one mantissa digit, correctly rounded (as
// Python's float()). False for anything else and for finite spellings that overflow to
// infinity (pandas reads those columns as object).
bool parse_float_text(std::string_view s, double* value);

// "true"/"false" in any case, nothing around them (pandas' to_boolean).
bool parse_bool_text(std::string_view s, bool* value) noexcept;

}  // namespace skops::detail
