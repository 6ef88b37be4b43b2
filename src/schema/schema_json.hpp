#pragma once
// schema.json as a read-only simdjson DOM. The outer schema is the largest text a load
// parses (1.2 MB for a HistGradientBoosting model with 150 iterations); simdjson reads it
// about five times faster than nlohmann's lexer, and the graph builder walks its tape
// directly instead of a copied DOM. JsonNode content (NaN, Infinity, big integers) stays
// with the nlohmann-based parse_json, which also supplies byte offsets for error messages.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skops::detail {

using JsonElement = simdjson::dom::element;
using JsonType = simdjson::dom::element_type;

class SchemaJson {
 public:
  /// Parses `text`. Throws SchemaError for invalid JSON (with the byte offset where the
  /// nlohmann diagnostic pass finds one), invalid UTF-8, nesting deeper than `max_depth`,
  /// integers outside 64 bits, and duplicate keys in any object.
  /// `in_place`: the caller guarantees SIMDJSON_PADDING readable bytes after `text`, which is
  /// then parsed where it is instead of copied (1.2 MB for a 450-predictor HGB model).
  SchemaJson(std::string_view text, std::uint32_t max_depth, bool in_place = false);
  SchemaJson(const SchemaJson&) = delete;
  SchemaJson& operator=(const SchemaJson&) = delete;

  /// The root value; valid while this object lives.
  JsonElement root() const noexcept { return root_; }

 private:
  simdjson::padded_string text_;  ///< a padded copy of the text, unless parsed in place
  simdjson::dom::parser parser_;
  JsonElement root_;
};

/// Member `key` of an object element (keys are unique: checked while parsing).
std::optional<JsonElement> find_member(JsonElement object, std::string_view key) noexcept;

// Typed views of an element whose type the caller has checked. get() into a local, not
// value_unsafe() on a temporary result: a range-for over that would dangle.
template <class T>
T as(JsonElement e) noexcept {
  T v{};
  if (e.get(v) != simdjson::SUCCESS) return T{};
  return v;
}
inline simdjson::dom::object object_of(JsonElement e) noexcept {
  return as<simdjson::dom::object>(e);
}
inline simdjson::dom::array array_of(JsonElement e) noexcept { return as<simdjson::dom::array>(e); }
inline std::string_view string_of(JsonElement e) noexcept { return as<std::string_view>(e); }
inline std::int64_t int64_of(JsonElement e) noexcept { return as<std::int64_t>(e); }
inline std::uint64_t uint64_of(JsonElement e) noexcept { return as<std::uint64_t>(e); }
inline bool bool_of(JsonElement e) noexcept { return as<bool>(e); }
inline double double_of(JsonElement e) noexcept { return as<double>(e); }

inline bool is_integer(JsonElement e) noexcept {
  return e.type() == JsonType::INT64 || e.type() == JsonType::UINT64;
}

/// Compact JSON text of an integer or null element (slice bounds).
std::string integer_or_null_text(JsonElement e);

/// Equality ignoring the keys "__id__" and "file" (a repeated `__id__` must carry the same
/// state; fresh member names and inner ids of re-serialised temporaries may differ).
bool same_state(JsonElement a, JsonElement b);

}  // namespace skops::detail
