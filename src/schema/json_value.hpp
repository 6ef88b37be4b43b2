#pragma once
// A small order-preserving JSON DOM built from nlohmann's SAX parser, for JsonNode content
// (which may hold NaN/Infinity and integers of any size) and for error positions in
// schema.json (itself parsed by simdjson, schema_json.hpp). nlohmann's own DOM is not used
// for untrusted text: its ordered_json looks keys up linearly (quadratic on large objects)
// and its copy/dump recurse without a bound.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "skops/limits.hpp"

namespace skops::detail {

struct JsonValue {
  enum class Type { Null, Bool, Int, UInt, Float, String, Array, Object };
  Type type = Type::Null;
  bool b = false;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0.0;
  /// String value, or the source text of a Float (kept for big integers and exact re-save).
  std::string s;
  std::vector<JsonValue> array;
  std::vector<std::pair<std::string, JsonValue>> object;
};

struct JsonParseOptions {
  std::uint32_t max_depth = 256;
  /// Accept the bare tokens NaN, Infinity and -Infinity (Python's json extension).
  bool allow_nonfinite = false;
};

/// Parses JSON text. Throws SchemaError (syntax, invalid UTF-8, duplicate keys; the
/// message gives the byte offset), also for nesting deeper than max_depth.
JsonValue parse_json(const std::string& text, const JsonParseOptions& options);

/// A JSON string literal in Python's ensure_ascii form ("h\u00e9").
std::string json_escape_string(const std::string& s);

}  // namespace skops::detail
