#pragma once
// The string functions scikit-learn's text vectorizers apply before tokenizing, reproduced
// exactly on UTF-8: Python's str.lower() and sklearn.feature_extraction.text's
// strip_accents_unicode / strip_accents_ascii. The Unicode data is the built-in tables'
// (unicode_version(), see docs/text.md).

#include <cstddef>
#include <string>
#include <string_view>

namespace skops::detail::text {

/// Decodes strict UTF-8 (as Python's bytes.decode('utf-8'): no overlong forms, no surrogates,
/// nothing above U+10FFFF) into code points, appending to `out`.
/// Throws InputError naming the byte offset of the first invalid sequence.
void decode_utf8(std::string_view utf8, std::u32string& out);
std::u32string decode_utf8(std::string_view utf8);
/// Appends the UTF-8 encoding of code points (all must be valid scalar values).
void encode_utf8(std::u32string_view text, std::string& out);
/// Byte offset of the first invalid UTF-8 sequence, or npos when `utf8` is valid.
std::size_t find_invalid_utf8(std::string_view utf8) noexcept;

/// Python's str.lower(): full lowercase mapping (SpecialCasing: 'İ' -> "i̇") with CPython's
/// final-sigma rule for 'Σ'. Throws InputError on invalid UTF-8.
std::string python_lower(std::string_view utf8);
void python_lower(std::u32string_view text, std::u32string& out);

/// Compatibility decomposition (unicodedata.normalize('NFKD', s)) appended to `out`.
void nfkd(std::u32string_view text, std::u32string& out);

/// sklearn strip_accents_unicode: an ASCII string unchanged, any other the NFKD form without
/// the code points whose combining class is non-zero (even when NFKD left it unchanged:
/// 'हिन्दी' loses its virama).
/// Throws InputError on invalid UTF-8.
std::string strip_accents_unicode(std::string_view utf8);
/// sklearn strip_accents_ascii: NFKD, then every non-ASCII code point dropped.
/// Throws InputError on invalid UTF-8.
std::string strip_accents_ascii(std::string_view utf8);

}  // namespace skops::detail::text
