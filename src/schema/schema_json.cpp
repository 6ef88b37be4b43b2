#include "schema_json.hpp"

#include <array>
#include <cstring>
#include <unordered_set>
#include <vector>

#include "json_value.hpp"
#include "skops/error.hpp"

namespace skops::detail {

namespace {

// Schema objects have a handful of keys: a scan beats hashing them; a set only for big ones.
// Returns a key that occurs twice, if any.
std::optional<std::string_view> duplicate_key(simdjson::dom::object object) {
  constexpr std::size_t kScanKeys = 16;
  std::array<std::string_view, kScanKeys> small;
  std::size_t n = 0;
  std::unordered_set<std::string_view> large;
  for (const auto field : object) {
    if (n < kScanKeys) {
      for (std::size_t i = 0; i < n; ++i) {
        if (small[i] == field.key) return field.key;
      }
      small[n++] = field.key;
      continue;
    }
    if (large.empty()) large.insert(small.begin(), small.end());
    if (!large.insert(field.key).second) return field.key;
  }
  return std::nullopt;
}

// Explicit stack: depth is already capped by the parser, this keeps the walk flat anyway.
void refuse_duplicate_keys(JsonElement root) {
  std::vector<JsonElement> pending{root};
  while (!pending.empty()) {
    const JsonElement e = pending.back();
    pending.pop_back();
    if (e.type() == JsonType::OBJECT) {
      const auto object = object_of(e);
      if (const auto key = duplicate_key(object)) {
        constexpr std::size_t kShown = 100;  // a key can be as long as the file
        const std::string shown(key->substr(0, kShown));
        throw SchemaError("duplicate JSON key \"" + shown +
                          (key->size() > kShown ? "...\"" : "\""));
      }
      for (const auto field : object) {
        const auto t = field.value.type();
        if (t == JsonType::OBJECT || t == JsonType::ARRAY) pending.push_back(field.value);
      }
    } else {
      for (const auto item : array_of(e)) {
        const auto t = item.type();
        if (t == JsonType::OBJECT || t == JsonType::ARRAY) pending.push_back(item);
      }
    }
  }
}

[[noreturn]] void throw_parse_error(std::string_view text, std::uint32_t max_depth,
                                    simdjson::error_code code) {
  if (code == simdjson::DEPTH_ERROR) {
    // A schema error (not a LimitError): no real skops file comes close to the cap.
    throw SchemaError("JSON nesting too deep (more than " + std::to_string(max_depth) + " levels, max_json_depth)");
  }
  // simdjson reports no position: the slower parser finds and names the offending byte.
  JsonParseOptions options;
  options.max_depth = max_depth;
  parse_json(std::string(text), options);
  throw SchemaError(std::string("invalid JSON: ") + simdjson::error_message(code));
}

}  // namespace

SchemaJson::SchemaJson(std::string_view text, std::uint32_t max_depth, bool in_place) {
  if (!in_place) text_ = simdjson::padded_string(text);
  if (const auto err = parser_.allocate(text.size(), max_depth)) {
    throw SchemaError(std::string("cannot parse schema.json: ") + simdjson::error_message(err));
  }
  auto result = in_place ? parser_.parse(reinterpret_cast<const std::uint8_t*>(text.data()),
                                         text.size(), false)
                         : parser_.parse(text_);
  if (result.error()) throw_parse_error(text, max_depth, result.error());
  root_ = result.value_unsafe();
  if (root_.type() == JsonType::OBJECT || root_.type() == JsonType::ARRAY)
    refuse_duplicate_keys(root_);
}

std::optional<JsonElement> find_member(JsonElement object, std::string_view key) noexcept {
  for (const auto field : object_of(object)) {
    if (field.key == key) return field.value;
  }
  return std::nullopt;
}

std::string integer_or_null_text(JsonElement e) {
  switch (e.type()) {
    case JsonType::INT64:
      return std::to_string(int64_of(e));
    case JsonType::UINT64:
      return std::to_string(uint64_of(e));
    default:
      return "null";
  }
}

bool same_state(JsonElement a, JsonElement b) {
  const JsonType ta = a.type();
  const JsonType tb = b.type();
  if (ta != tb) {
    // 1 and 1.0 are different Python values; only integer spellings are interchangeable.
    if (is_integer(a) && is_integer(b)) {
      const JsonElement s = ta == JsonType::INT64 ? a : b;
      const JsonElement u = ta == JsonType::INT64 ? b : a;
      const std::int64_t i = int64_of(s);
      return i >= 0 && static_cast<std::uint64_t>(i) == uint64_of(u);
    }
    return false;
  }
  switch (ta) {
    case JsonType::NULL_VALUE:
      return true;
    case JsonType::BOOL:
      return bool_of(a) == bool_of(b);
    case JsonType::INT64:
      return int64_of(a) == int64_of(b);
    case JsonType::UINT64:
      return uint64_of(a) == uint64_of(b);
    case JsonType::DOUBLE: {
      // Bit equality: -0.0 and 0.0 are different Python values (NaN cannot occur here).
      const double da = double_of(a);
      const double db = double_of(b);
      return std::memcmp(&da, &db, sizeof da) == 0;
    }
    case JsonType::STRING:
      return string_of(a) == string_of(b);
    case JsonType::ARRAY: {
      const auto xa = array_of(a);
      const auto xb = array_of(b);
      if (xa.size() != xb.size()) return false;
      auto ib = xb.begin();
      for (const auto item : xa) {
        if (!same_state(item, *ib)) return false;
        ++ib;
      }
      return true;
    }
    case JsonType::OBJECT: {
      auto ignored = [](std::string_view k) { return k == "__id__" || k == "file"; };
      const auto oa = object_of(a);
      const auto ob = object_of(b);
      // Fast path: the same keys in the same order (how Python repeats a state).
      if (oa.size() == ob.size()) {
        bool aligned = true;
        auto jb = ob.begin();
        for (const auto fa : oa) {
          const auto fb = *jb;
          ++jb;
          if (fa.key != fb.key) {
            aligned = false;
            break;
          }
          if (!ignored(fa.key) && !same_state(fa.value, fb.value)) return false;
        }
        if (aligned) return true;
      }
      std::size_t na = 0;
      for (const auto fa : oa) {
        if (ignored(fa.key)) continue;
        ++na;
        const auto other = find_member(b, fa.key);
        if (!other || !same_state(fa.value, *other)) return false;
      }
      std::size_t nb = 0;
      for (const auto fb : ob) nb += ignored(fb.key) ? 0 : 1;
      return na == nb;
    }
  }
  return false;
}

}  // namespace skops::detail
