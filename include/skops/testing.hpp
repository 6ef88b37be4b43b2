#pragma once
/// \file testing.hpp
/// GoogleTest helpers for estimators, in particular one's own registered types. Header-only;
/// include it from test code linked with GoogleTest (it is not part of skops.hpp).
///
/// ```cpp
/// #include <skops/testing.hpp>
///
/// TEST(MyScaler, RoundTrip) {
///   auto reg = skops::TypeRegistry::with_builtins();
///   register_my_types(reg);
///   skops::LoadOptions opts;
///   opts.registry = &reg;
///   opts.trusted = {"mypkg.preprocessing.MyScaler"};
///   MyScaler est({1.0, 2.0});
///   skops::testing::expect_roundtrip(est, X, opts);
/// }
/// ```

#include <gtest/gtest.h>

#include <exception>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimator.hpp"
#include "skops/trust.hpp"

namespace skops::testing {

/// Every method `Estimator::run` knows, in declaration order.
using skops::all_methods;

/// Full round trip of `estimator` through the `.skops` format, as GoogleTest expectations
/// (failures are reported, the test goes on):
///
/// 1. `dumps` it (with `options.registry`, so one's own types are written by their own
///    save function);
/// 2. audits the bytes under the trust a load with `options` uses (`default_trust` of the
///    registry plus `options.trusted`): the estimator's type must appear in the audit, and no
///    type may be untrusted;
/// 3. `loads` it with `options`: same type name, same `n_features_in`;
/// 4. for every method the original supports, the loaded estimator supports it too and
///    returns an identical array on `X` (same dtype, shape and bytes); methods the original
///    does not support must not be supported after loading either.
///
/// Exceptions thrown by the library are caught and reported as failures naming the step.
/// Returns the loaded estimator (null when a step before it failed) for further checks.
inline std::unique_ptr<Estimator> expect_roundtrip(const Estimator& estimator, const Matrix& X,
                                                   const LoadOptions& options = {}) {
  SCOPED_TRACE("skops::testing::expect_roundtrip of " + estimator.type_name());
  const TypeRegistry& registry = options.registry ? *options.registry : builtin_registry();

  std::vector<std::uint8_t> bytes;
  try {
    DumpOptions dump_options;
    dump_options.registry = &registry;
    bytes = dumps(estimator, dump_options);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "dumps failed: " << e.what();
    return nullptr;
  }

  try {
    ReadOptions read_options;
    read_options.limits = options.limits;
    const auto doc = Document::read_bytes(bytes, read_options);
    const AuditReport report = audit(*doc->root(), default_trust(registry, options.trusted));
    bool listed = false;
    for (const TypeUse& use : report.types) listed = listed || use.type == estimator.type_name();
    EXPECT_TRUE(listed) << "the audit of the dumped file does not list " << estimator.type_name();
    EXPECT_TRUE(report.untrusted.empty()) << "types untrusted under these LoadOptions: "
                                          << ::testing::PrintToString(report.untrusted);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "reading back the dumped file failed: " << e.what();
    return nullptr;
  }

  std::unique_ptr<Estimator> loaded;
  try {
    loaded = loads(bytes, options);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "loads failed: " << e.what();
    return nullptr;
  }
  EXPECT_EQ(loaded->type_name(), estimator.type_name());
  EXPECT_EQ(loaded->n_features_in(), estimator.n_features_in());
  EXPECT_EQ(loaded->role(), estimator.role());

  for (Method m : all_methods()) {
    SCOPED_TRACE(std::string("method ") + to_string(m));
    const bool supported = estimator.supports(m);
    EXPECT_EQ(loaded->supports(m), supported);
    if (!supported || !loaded->supports(m)) continue;
    try {
      const NdArray want = estimator.run(m, X);
      const NdArray got = loaded->run(m, X);
      EXPECT_EQ(got.dtype().descr(), want.dtype().descr());
      EXPECT_EQ(got.shape(), want.shape());
      EXPECT_TRUE(got == want) << "outputs differ after the round trip";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "running the method failed: " << e.what();
    }
  }
  return loaded;
}

}  // namespace skops::testing
