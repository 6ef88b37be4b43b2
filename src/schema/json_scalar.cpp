// JsonNode content: a JSON text inside a JSON string, parsed a second time with Python's
// extensions (NaN, Infinity, -Infinity) and integers of any size kept exactly.

#include <cmath>
#include <limits>

#include "json_value.hpp"
#include "skops/error.hpp"
#include "skops/schema.hpp"

namespace skops {

namespace {
bool is_integer_literal(const std::string& s) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// The forms json.dumps writes for most attributes (null, booleans, integers of up to 18
// digits, printable-ASCII strings without escapes), decoded without a parser: a schema has
// thousands of them. Anything else goes to the full parser.
bool decode_simple(Node& node, const std::string& s) {
  if (s == "null") {
    node.scalar = ScalarKind::None;
    return true;
  }
  if (s == "true" || s == "false") {
    node.scalar = ScalarKind::Bool;
    node.bool_value = s[0] == 't';
    return true;
  }
  const std::size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
  const std::size_t digits = s.size() - start;
  if (digits >= 1 && digits <= 18 && is_integer_literal(s) && (digits == 1 || s[start] != '0')) {
    std::int64_t v = 0;
    for (std::size_t i = start; i < s.size(); ++i) v = v * 10 + (s[i] - '0');
    node.scalar = ScalarKind::Int;
    node.int_value = start ? -v : v;
    return true;
  }
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
    }
    node.scalar = ScalarKind::Str;
    node.str_value = s.substr(1, s.size() - 2);
    return true;
  }
  return false;
}

}  // namespace

void decode_json_scalar(Node& node, const std::string& content, const Limits& limits) {
  if (decode_simple(node, content)) {
    node.raw_json = content;
    return;
  }
  detail::JsonParseOptions opts;
  opts.max_depth = limits.max_json_depth;
  opts.allow_nonfinite = true;
  detail::JsonValue v;
  try {
    v = detail::parse_json(content, opts);
  } catch (const SchemaError& e) {
    throw SchemaError("JsonNode content is not JSON (" + e.detail() + ")");
  }
  node.raw_json = content;
  using T = detail::JsonValue::Type;
  switch (v.type) {
    case T::Null:
      node.scalar = ScalarKind::None;
      return;
    case T::Bool:
      node.scalar = ScalarKind::Bool;
      node.bool_value = v.b;
      return;
    case T::Int:
      node.scalar = ScalarKind::Int;
      node.int_value = v.i;
      return;
    case T::UInt:
      if (v.u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        node.scalar = ScalarKind::Int;
        node.int_value = static_cast<std::int64_t>(v.u);
      } else {
        node.scalar = ScalarKind::BigInt;
        node.str_value = std::to_string(v.u);
      }
      return;
    case T::Float:
      // nlohmann hands integers beyond 64 bits over as floats; the text tells them apart.
      if (is_integer_literal(v.s)) {
        node.scalar = ScalarKind::BigInt;
        node.str_value = v.s;
      } else {
        node.scalar = ScalarKind::Float;
        node.float_value = v.d;
      }
      return;
    case T::String:
      node.scalar = ScalarKind::Str;
      node.str_value = v.s;
      return;
    case T::Array:
    case T::Object:
      node.scalar = ScalarKind::OtherJson;
      node.str_value = content;
      return;
  }
}

}  // namespace skops
