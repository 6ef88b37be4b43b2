#pragma once
// The one function that makes text taken from a file safe to show: in exception messages,
// on the command line's output, in a service's responses. A hostile file controls member
// names, type names, JSON keys and strings, npy header text and what parsers echo of them.

#include <cstddef>
#include <string>
#include <string_view>

namespace skops::detail {

/// Default cap of `printable`: long enough for any real name or snippet, short enough that a
/// 64 KiB hostile name cannot flood a log.
constexpr std::size_t kPrintableMax = 512;

/// `text` made printable and bounded: valid UTF-8 is kept (non-ASCII letters included)
/// except control characters — C0 (tab and newline too: a message is one line), DEL, C1
/// (U+0080-U+009F) — and the invisible direction and line-separator characters (U+200E,
/// U+200F, U+2028-U+202E, U+2066-U+2069), which are written as \xNN per byte (controls) or
/// \uNNNN; every byte of invalid UTF-8 (stray continuation, overlong form, surrogate, above
/// U+10FFFF, truncated sequence) is written as \xNN. Output past `max_bytes` is cut at a
/// character boundary and ends with "...(N more bytes)". A backslash is kept as is.
std::string printable(std::string_view text, std::size_t max_bytes = kPrintableMax);

/// Whether `text` is what `printable` would leave unchanged apart from the cap.
bool is_printable(std::string_view text) noexcept;

/// Appends `text` to `out` as a quoted JSON string, escaped as nlohmann::json's dump escapes
/// it (ensure_ascii off): `"` and `\`, \b \f \n \r \t, other C0 controls as \u00NN;
/// valid UTF-8 kept as is, each invalid sequence (its maximal subpart) replaced by U+FFFD. For
/// output written line by line (a directory audit's JSON lines) without building a JSON document
/// per line.
void append_json_string(std::string& out, std::string_view text);

}  // namespace skops::detail
