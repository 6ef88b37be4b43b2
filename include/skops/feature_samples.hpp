#pragma once
/// \file feature_samples.hpp
/// The input of DictVectorizer and FeatureHasher: samples that are not rows of a matrix but
/// Python mappings or sequences of named features — a list of dicts (`{"city": "Paris",
/// "temp": 12.0, "tags": ["a", "b"]}`), of (name, value) pairs, or of strings.

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "skops/table.hpp"

namespace skops {

struct FeatureSamples {
  /// The Python shape the samples have: FeatureHasher's input_type ("dict", "pair",
  /// "string"); DictVectorizer takes dicts.
  enum class Kind { Dicts, Pairs, Strings };
  /// A feature's value: None, a number (bool as 0/1), a str (one-hot as "name=value", the
  /// value 1), or a list of str (DictVectorizer: one "name=value" per string).
  using Value = std::variant<std::monostate, double, std::string, std::vector<std::string>>;
  using Item = std::pair<std::string, Value>;
  using Sample = std::vector<Item>;

  Kind kind = Kind::Dicts;
  /// Each sample's items in order: a dict's items(), the pairs, or each string s as (s, 1.0).
  std::vector<Sample> samples;

  /// Throws InputError naming the sample and feature when a name or string value is not
  /// valid UTF-8 (Python's str cannot hold such bytes), or a dict repeats a key.
  void validate() const;
};

/// "dict", "pair", "string" (FeatureHasher's input_type names).
const char* to_string(FeatureSamples::Kind kind) noexcept;

/// Reads samples from JSON: the top level is an array whose items are all objects (dicts:
/// `[{"a": 1, "b": "x"}]`), all arrays of strings (`[["a", "b"], ["c"]]`), or all arrays of
/// [name, value] pairs (`[[["a", 1], ["b", "x"]]]`). Values: number, true/false (1/0), null
/// (None), string, or (dicts) a list of strings. Throws InputError with the JSON pointer of
/// the fault (syntax, mixed shapes, a duplicate key, a nested object or other unsupported
/// value) and LimitError (max_input_bytes, max_rows = samples, max_field_bytes = each string).
FeatureSamples read_json_feature_samples(std::string_view text, const TableLimits& limits = {});

}  // namespace skops
