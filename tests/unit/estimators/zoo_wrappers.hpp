#pragma once
// The wrapper models of the zoo (tests/data/zoo/sklearn-*/wrap_*): load trusting the file's
// expected untrusted_types (what Python skops asks to trust; no more),
// every recorded method against scikit-learn's output (labels exact, floats within
// 1e-12 relative / 1e-10 absolute), then dumps → loads and the same again.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"

namespace zoo_wrappers {

namespace ts = skops::testing_support;

inline void check_methods(const skops::Estimator& est, const std::string& base,
                          const nlohmann::json& expected, const std::string& what) {
  const skops::NdArray X = ts::read_npy_file(base + ".X.npy");
  ASSERT_FALSE(expected.at("methods").empty());
  for (const auto& [name, file] : expected.at("methods").items()) {
    SCOPED_TRACE(what + " " + name);
    const auto m = skops::method_from_string(name);
    ASSERT_TRUE(m.has_value());
    ASSERT_TRUE(est.supports(*m));
    const skops::NdArray want = ts::read_npy_file(base + "." + name + ".npy");
    const skops::NdArray got = est.run_array(*m, X);
    ASSERT_EQ(got.dtype(), want.dtype());
    ts::expect_close(got, want);
  }
}

inline void check_zoo_model(const std::string& version, const std::string& name,
                            const std::string& expected_class) {
  SCOPED_TRACE(version + "/" + name);
  const std::string base = ts::data_path("zoo/" + version + "/" + name);
  const auto expected = nlohmann::json::parse(ts::read_file_text(base + ".expected.json"));
  ASSERT_EQ(expected.at("class").get<std::string>(), expected_class);
  skops::LoadOptions o;
  o.trusted = expected.at("untrusted_types").get<std::vector<std::string>>();
  const auto est = skops::load(base + ".skops", o);
  ASSERT_EQ(est->type_name(), expected_class);
  check_methods(*est, base, expected, "loaded");
  skops::DumpOptions d;
  d.sklearn_version = expected.at("sklearn_version").get<std::string>();
  const auto back = skops::loads(skops::dumps(*est, d), o);
  ASSERT_EQ(back->type_name(), expected_class);
  check_methods(*back, base, expected, "reloaded");
}

}  // namespace zoo_wrappers
