#pragma once
// What the zoo-style model tests share (zoo_frames_test, zoo_text_test and the per-batch
// model tests of issue 14): a model of tests/data/<dir>/NAME.* with its expected.json, the
// check of every recorded method, the comparison of one result and a file's attribute names.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "estimator_support.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"

namespace skops::testing_support {

struct ZooModel {
  std::string dir;
  std::string name;
  std::string path(const std::string& suffix) const { return data_path(dir + "/" + name + suffix); }
  nlohmann::json expected() const { return nlohmann::json::parse(read_file_text(path(".expected.json"))); }
  /// Trusts what Python skops asked to trust for this file (its `untrusted_types`).
  skops::LoadOptions options() const {
    skops::LoadOptions o;
    o.trusted = expected().at("untrusted_types").get<std::vector<std::string>>();
    return o;
  }
};

/// Every method recorded for `m` gives scikit-learn's output (same dtype kind; labels exact,
/// floats within expect_close's tolerance); `run(method)` computes it.
template <class Run>
void expect_recorded_methods(const ZooModel& m, const std::string& what, Run&& run) {
  const auto methods = m.expected().at("methods");
  ASSERT_FALSE(methods.empty());
  for (const auto& [method_name, file] : methods.items()) {
    SCOPED_TRACE(what + " " + method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    const NdArray want = read_npy_file(m.path("." + method_name + ".npy"));
    const NdArray got = run(*method);
    ASSERT_EQ(got.dtype().kind(), want.dtype().kind());
    expect_close(got, want);
  }
}

/// `got` is scikit-learn's `want`: the same dtype kind and item size (strings aside), labels
/// and integers exactly, floats within expect_close's tolerance.
inline void expect_same_result(const NdArray& got, const NdArray& want) {
  ASSERT_EQ(got.dtype().kind(), want.dtype().kind());
  if (want.dtype().kind() != DTypeKind::Unicode) {
    EXPECT_EQ(got.dtype().itemsize(), want.dtype().itemsize());
  }
  if (want.dtype().kind() == DTypeKind::Float) {
    expect_close(got, want);
  } else if (want.dtype().kind() == DTypeKind::Unicode) {
    EXPECT_EQ(got.shape(), want.shape());
    EXPECT_EQ(got.to_strings(), want.to_strings());
  } else {
    EXPECT_EQ(got.shape(), want.shape());
    EXPECT_EQ(got.to_vector<std::int64_t>(), want.to_vector<std::int64_t>());
  }
}

/// The estimator's attribute names (its state dict keys), sorted: a re-save must write the
/// same ones as the file it read.
inline std::vector<std::string> state_keys(const Document& doc) {
  std::vector<std::string> keys;
  if (const Node* state = doc.root()->state_dict()) {
    for (const auto& e : state->entries) keys.push_back(e.key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace skops::testing_support
