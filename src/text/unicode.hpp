#pragma once
// Character properties with the exact definitions CPython uses, looked up in the generated
// tables (unicode_tables.cpp, Unicode version unicode_version()). Every function takes any
// char32_t; values above U+10FFFF have no properties.

#include <cstddef>
#include <cstdint>
#include <string>

namespace skops::detail::text {

/// Unicode version of the built-in tables ("14.0.0" = Python 3.11's unicodedata).
const char* unicode_version() noexcept;

/// sre's unicode \w: str.isalnum() or '_'.
bool is_word(char32_t c) noexcept;
/// sre's unicode \d: str.isdecimal() (general category Nd).
bool is_decimal(char32_t c) noexcept;
/// sre's unicode \s: str.isspace().
bool is_space(char32_t c) noexcept;

/// What re's IGNORECASE compares (_sre.unicode_tolower: the simple lowercase mapping).
char32_t re_lower(char32_t c) noexcept;
/// Simple uppercase mapping where str.upper() gives one code point (exact above the BMP,
/// where re uses it); otherwise c.
char32_t re_upper(char32_t c) noexcept;
/// _sre.unicode_iscased: c != re_lower(c) or c has an uppercase mapping.
bool re_iscased(char32_t c) noexcept;
/// re's extra case equivalences (re._casefix) of an already lowered code point: sets *n and
/// returns the members, or returns nullptr with *n = 0.
const std::uint32_t* re_extra_cases(char32_t lowered, std::size_t* n) noexcept;

/// Canonical combining class (unicodedata.combining).
std::uint8_t combining_class(char32_t c) noexcept;
/// Appends str.lower() of one code point except U+03A3 (context-dependent: see python_lower).
void append_full_lower(char32_t c, std::u32string& out);
/// The properties CPython's final-sigma rule uses.
bool is_case_ignorable(char32_t c) noexcept;
bool is_cased_not_ignorable(char32_t c) noexcept;
/// Appends the full compatibility decomposition of one code point (recursive, with the
/// code point's own marks canonically ordered), Hangul syllables included.
void append_nfkd(char32_t c, std::u32string& out);

}  // namespace skops::detail::text
