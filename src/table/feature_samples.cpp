// FeatureSamples from JSON (what a client sends a DictVectorizer or FeatureHasher model),
// read with the table readers' limits: the whole text, the sample count (max_rows), each
// string (max_field_bytes) and the items over all samples (max_cells).

#include <simdjson.h>

#include <optional>
#include <unordered_set>

#include "skops/error.hpp"
#include "skops/feature_samples.hpp"
#include "table/table_internal.hpp"

namespace skops {

const char* to_string(FeatureSamples::Kind kind) noexcept {
  switch (kind) {
    case FeatureSamples::Kind::Dicts: return "dict";
    case FeatureSamples::Kind::Pairs: return "pair";
    case FeatureSamples::Kind::Strings: return "string";
  }
  return "?";
}

void FeatureSamples::validate() const {
  std::unordered_set<std::string_view> keys;
  for (std::size_t s = 0; s < samples.size(); ++s) {
    auto fail = [&](std::size_t item, const std::string& what) {
      throw InputError("sample " + std::to_string(s) + ", feature " + std::to_string(item) + ": " +
                       what);
    };
    keys.clear();
    for (std::size_t i = 0; i < samples[s].size(); ++i) {
      const auto& [name, value] = samples[s][i];
      if (detail::invalid_utf8_offset(name) != std::string_view::npos) fail(i, "the name is not valid UTF-8");
      if (kind == Kind::Dicts && !keys.insert(name).second)
        fail(i, "the dict repeats the key " + detail::quoted_excerpt(name));
      if (const auto* str = std::get_if<std::string>(&value)) {
        if (detail::invalid_utf8_offset(*str) != std::string_view::npos) fail(i, "the value is not valid UTF-8");
      } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        for (const std::string& v : *list) {
          if (detail::invalid_utf8_offset(v) != std::string_view::npos)
            fail(i, "a string of the value is not valid UTF-8");
        }
      }
    }
  }
}

namespace {

class Reader {
 public:
  explicit Reader(const TableLimits& limits) : limits_(limits) {}

  FeatureSamples read(simdjson::dom::array top) {
    FeatureSamples out;
    std::optional<bool> dicts;                   // all samples dicts, or all lists
    std::optional<FeatureSamples::Kind> lists;  // pairs or strings: the first non-empty list
    std::size_t row = 0;
    for (simdjson::dom::element e : top) {
      const std::string at = "/" + std::to_string(row);
      if (++row > limits_.max_rows)
        throw LimitError("json: more than " + std::to_string(limits_.max_rows) + " samples (max_rows)");
      const bool is_dict = e.type() == simdjson::dom::element_type::OBJECT;
      if (!is_dict && e.type() != simdjson::dom::element_type::ARRAY)
        throw InputError("json: a sample must be an object (a dict) or an array (of pairs or of "
                         "strings)", {}, at);
      if (dicts && *dicts != is_dict)
        throw InputError(std::string("json: this sample is ") + (is_dict ? "a dict" : "a list") +
                         ", the samples before it " + (is_dict ? "lists" : "dicts") +
                         " (every sample must have the same shape)", {}, at);
      dicts = is_dict;
      FeatureSamples::Sample sample;
      if (is_dict) {
        simdjson::dom::object obj;
        if (e.get_object().get(obj)) throw InputError("json: not an object", {}, at);
        read_dict(obj, at, sample);
      } else {
        simdjson::dom::array arr;
        if (e.get_array().get(arr)) throw InputError("json: not an array", {}, at);
        const FeatureSamples::Kind k = read_list(arr, at, sample);
        if (!sample.empty()) {
          if (lists && *lists != k)
            throw InputError(std::string("json: this sample is ") + article(k) +
                             ", an earlier one " + article(*lists), {}, at);
          lists = k;
        }
      }
      out.samples.push_back(std::move(sample));
    }
    out.kind = dicts.value_or(false) ? FeatureSamples::Kind::Dicts
                                     : lists.value_or(FeatureSamples::Kind::Strings);
    return out;
  }

 private:
  static const char* article(FeatureSamples::Kind k) {
    switch (k) {
      case FeatureSamples::Kind::Dicts: return "a dict";
      case FeatureSamples::Kind::Pairs: return "a list of (name, value) pairs";
      case FeatureSamples::Kind::Strings: return "a list of strings";
    }
    return "?";
  }

  void count_item(const std::string& at) {
    if (++items_ > limits_.max_cells)
      throw LimitError("json: more than " + std::to_string(limits_.max_cells) +
                       " features over all samples (max_cells)", {}, at);
  }

  std::string text(simdjson::dom::element e, const std::string& at) const {
    std::string_view s;
    if (e.get_string().get(s)) throw InputError("json: not a string", {}, at);
    if (s.size() > limits_.max_field_bytes)
      throw LimitError("json: a string of " + std::to_string(s.size()) + " bytes (max_field_bytes)", {}, at);
    return std::string(s);
  }

  void read_dict(simdjson::dom::object obj, const std::string& at, FeatureSamples::Sample& sample) {
    std::unordered_set<std::string_view> seen;
    for (auto field : obj) {
      const std::string where = detail::ptr_key(at, field.key);
      count_item(where);
      if (field.key.size() > limits_.max_field_bytes)
        throw LimitError("json: a key of " + std::to_string(field.key.size()) + " bytes (max_field_bytes)", {}, where);
      if (!seen.insert(field.key).second)
        throw InputError("json: duplicate key " + detail::quoted_excerpt(field.key), {}, where);
      sample.emplace_back(std::string(field.key), value(field.value, where, true));
    }
  }

  FeatureSamples::Kind read_list(simdjson::dom::array arr, const std::string& at,
                                 FeatureSamples::Sample& sample) {
    std::optional<FeatureSamples::Kind> kind;
    std::size_t i = 0;
    for (simdjson::dom::element item : arr) {
      const std::string where = at + "/" + std::to_string(i++);
      count_item(where);
      const FeatureSamples::Kind k = item.type() == simdjson::dom::element_type::STRING
                                         ? FeatureSamples::Kind::Strings
                                         : FeatureSamples::Kind::Pairs;
      if (kind && *kind != k)
        throw InputError("json: a sample mixes strings and (name, value) pairs", {}, where);
      kind = k;
      if (k == FeatureSamples::Kind::Strings) {
        sample.emplace_back(text(item, where), 1.0);
        continue;
      }
      simdjson::dom::array pair;
      simdjson::dom::element name, val;
      if (item.get_array().get(pair) || pair.size() != 2 || pair.at(0).get(name) ||
          pair.at(1).get(val) || name.type() != simdjson::dom::element_type::STRING)
        throw InputError("json: an item of a list sample must be a string or a [name, value] pair "
                         "with a string name", {}, where);
      sample.emplace_back(text(name, where + "/0"), value(val, where + "/1", false));
    }
    return kind.value_or(FeatureSamples::Kind::Strings);
  }

  FeatureSamples::Value value(simdjson::dom::element v, const std::string& at, bool lists) {
    using T = simdjson::dom::element_type;
    switch (v.type()) {
      case T::NULL_VALUE: return std::monostate{};
      case T::BOOL: return v.get_bool().value_unsafe() ? 1.0 : 0.0;
      case T::INT64: return static_cast<double>(v.get_int64().value_unsafe());
      case T::UINT64: return static_cast<double>(v.get_uint64().value_unsafe());
      case T::DOUBLE: return v.get_double().value_unsafe();
      case T::STRING: return text(v, at);
      case T::ARRAY: {
        if (!lists) break;
        std::vector<std::string> out;
        std::size_t i = 0;
        simdjson::dom::array arr;
        if (v.get_array().get(arr)) break;
        for (simdjson::dom::element s : arr) {
          const std::string where = at + "/" + std::to_string(i++);
          if (s.type() != T::STRING)
            throw InputError("json: a list value may hold only strings (DictVectorizer's "
                             "TypeError 'Only iterables of string are supported')", {}, where);
          count_item(where);
          out.push_back(text(s, where));
        }
        return out;
      }
      case T::OBJECT: break;
    }
    throw InputError(lists ? "json: a value must be a number, bool, null, string or list of strings"
                           : "json: a pair's value must be a number, bool, null or string", {}, at);
  }

  const TableLimits& limits_;
  std::uint64_t items_ = 0;
};

}  // namespace

FeatureSamples read_json_feature_samples(std::string_view text, const TableLimits& limits) {
  if (text.size() > limits.max_input_bytes)
    throw LimitError("json: input is " + std::to_string(text.size()) + " bytes (max_input_bytes)");
  simdjson::dom::parser parser;
  if (parser.allocate(text.size(), limits.max_json_depth))
    throw LimitError("json: cannot allocate the parser");
  auto parsed = parser.parse(text.data(), text.size(), true);
  if (parsed.error() == simdjson::DEPTH_ERROR)
    throw LimitError("json: nested deeper than " + std::to_string(limits.max_json_depth) + " (max_json_depth)");
  if (parsed.error())
    throw InputError(std::string("json: ") + simdjson::error_message(parsed.error()));
  simdjson::dom::array top;
  if (parsed.value_unsafe().get_array().get(top))
    throw InputError("json: the samples must be a top-level array (of dicts, of pair lists or of "
                     "string lists)", {}, "");
  // Valid by construction (simdjson checks UTF-8, read_dict repeated keys): the estimator's
  // run_feature_samples validates once, so no second pass here.
  return Reader(limits).read(top);
}

}  // namespace skops
