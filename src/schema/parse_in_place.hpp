#pragma once
// parse_schema for text that sits in a larger buffer (the file image): parsed where it is.

#include <cstddef>
#include <string_view>

#include "skops/schema.hpp"

namespace skops::detail {

/// Readable bytes parse_schema_in_place needs after its text (simdjson reads ahead).
constexpr std::size_t kSchemaReadAhead = 64;

/// parse_schema without the padded copy of `text`; kSchemaReadAhead bytes after it must be
/// readable memory (their content does not matter).
ParsedSchema parse_schema_in_place(std::string_view text, const Limits& limits);

}  // namespace skops::detail
