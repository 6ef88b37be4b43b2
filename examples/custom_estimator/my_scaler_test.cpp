// Unit tests of MyScaler, the way a user tests their own type: one expect_roundtrip line
// for the full save → audit → load → compare cycle, plus the registration rules.

#include "my_scaler.hpp"

#include <gtest/gtest.h>

#include <skops/skops.hpp>
#include <skops/testing.hpp>

namespace {

skops::TypeRegistry make_registry() {
  skops::TypeRegistry registry = skops::TypeRegistry::with_builtins();
  mypkg::register_my_types(registry);
  return registry;
}

skops::Matrix sample_input() {
  skops::Matrix X(3, 2);
  X << 1.0, -2.0, 0.5, 4.0, 1e300, -0.0;
  return X;
}

TEST(MyScaler, Transform) {
  const mypkg::MyScaler scaler({1.0, -1.0});
  const std::vector<double> out = scaler.transform(sample_input()).to_vector<double>();
  EXPECT_EQ(out, (std::vector<double>{0.0, -1.0, -0.5, 5.0, 1e300 - 1.0, 1.0}));
}

TEST(MyScaler, RoundTrip) {
  const skops::TypeRegistry registry = make_registry();
  skops::LoadOptions options;
  options.registry = &registry;
  options.trusted = {mypkg::MyScaler::kTypeName};  // trust is always explicit
  skops::testing::expect_roundtrip(mypkg::MyScaler({1.0, -1.0}), sample_input(), options);
}

TEST(ExpectRoundtrip, BuiltinPipelineFromPython) {
  // The helper works for any estimator: here a scikit-learn Pipeline written by Python skops
  // (predict, predict_proba, predict_log_proba, decision_function compared after the trip).
  const auto model = skops::load(SKOPS_EXAMPLE_MODEL);
  skops::Matrix X = skops::Matrix::Random(5, model->n_features_in());
  skops::testing::expect_roundtrip(*model, X);
}

TEST(MyScaler, WrongColumnCountIsInputError) {
  const mypkg::MyScaler scaler({1.0, -1.0, 3.0});
  EXPECT_THROW(scaler.transform(sample_input()), skops::InputError);
}

TEST(MyScaler, DuplicateRegistrationThrows) {
  skops::TypeRegistry registry = make_registry();
  EXPECT_THROW(mypkg::register_my_types(registry), skops::RegistryError);
}

TEST(MyScaler, UntrustedWithoutRegistration) {
  const skops::TypeRegistry registry = make_registry();
  skops::DumpOptions dump_options;
  dump_options.registry = &registry;
  const auto bytes = skops::dumps(mypkg::MyScaler({1.0}), dump_options);
  try {
    skops::loads(bytes);
    FAIL() << "an unregistered, untrusted type was loaded";
  } catch (const skops::UntrustedTypeError& e) {
    EXPECT_EQ(e.types(), std::vector<std::string>{mypkg::MyScaler::kTypeName});
  }
}

TEST(MyScaler, InconsistentFileIsValidationError) {
  // A file whose shift_ disagrees with n_features_in_: the build function refuses it.
  const skops::TypeRegistry registry = make_registry();
  const skops::NodePtr node = skops::make::object(
      "mypkg.preprocessing", "MyScaler",
      {{"shift_", skops::make::array(skops::NdArray::from_vector(std::vector<double>{1.0, 2.0}))},
       {"n_features_in_", skops::make::integer(3)}});
  const auto bytes = skops::write_document_bytes(*node);
  skops::LoadOptions options;
  options.registry = &registry;
  options.trusted = {mypkg::MyScaler::kTypeName};
  EXPECT_THROW(skops::loads(bytes, options), skops::ValidationError);
}

}  // namespace
