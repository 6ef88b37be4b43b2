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
}  // namespace

void decode_json_scalar(Node& node, const std::string& content, const Limits& limits) {
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
