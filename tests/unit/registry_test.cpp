// The registry layer: TypeRegistry's rules, the built-in registration (one folder per
// scikit-learn module, every type under its exact name), SklearnVersion and SaveContext.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "skops/estimators/dummy.hpp"
#include "skops/skops.hpp"

namespace {
using namespace skops;

TEST(Registry, EveryBuiltinNameIsAModuleClassOfItsScikitLearnModule) {
  const TypeRegistry reg = TypeRegistry::with_builtins();
  const std::set<std::string> modules = {
      "calibration", "cluster", "compose", "decomposition", "discriminant_analysis", "dummy",
      "ensemble", "feature_extraction", "feature_selection", "impute", "isotonic", "linear_model", "model_selection",
      "multiclass", "multioutput", "naive_bayes", "neighbors", "neural_network", "pipeline",
      "preprocessing", "semi_supervised", "svm", "tree"};
  std::set<std::string> seen;
  for (const std::string& name : reg.type_names()) {
    ASSERT_EQ(name.rfind("sklearn.", 0), 0u) << name;
    const std::string m = name.substr(8, name.find('.', 8) - 8);
    EXPECT_TRUE(modules.count(m)) << name << " is not in a module folder";
    seen.insert(m);
  }
  EXPECT_EQ(seen, modules) << "a module folder registers nothing";
}

TEST(Registry, DefaultTrustIsWhatTheBuiltinsRegistered) {
  const TypeRegistry reg = TypeRegistry::with_builtins();
  EXPECT_EQ(reg.default_trusted_names(), reg.trusted_names());
  // Helper types are trusted but not buildable on their own.
  EXPECT_TRUE(reg.trusted_names().count("sklearn.tree._tree.Tree"));
  EXPECT_EQ(reg.find("sklearn.tree._tree.Tree"), nullptr);
  // LinearSVC is registered by svm/ with linear_model's builder.
  ASSERT_NE(reg.find("sklearn.svm._classes.LinearSVC"), nullptr);
  EXPECT_EQ(reg.find("sklearn.svm._classes.LinearSVC")->name, "sklearn.svm._classes.LinearSVC");
  // Aliases resolve to their canonical entry.
  const auto* alias = reg.find("sklearn.tree.tree.DecisionTreeClassifier");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->name, "sklearn.tree._classes.DecisionTreeClassifier");
}

TEST(Registry, AnEmptyRegistryTrustsNothing) {
  TypeRegistry reg;
  EXPECT_TRUE(reg.type_names().empty());
  EXPECT_TRUE(reg.trusted_names().empty());
  EXPECT_TRUE(reg.default_trusted_names().empty());
  reg.add_helper_types({"x.Helper"});
  EXPECT_TRUE(reg.trusted_names().count("x.Helper"));
  EXPECT_TRUE(reg.default_trusted_names().empty());  // trust never widens by registering
}

TEST(Registry, ACopyOutlivesItsOriginal) {
  // The name index views names the entries (and aliases) hold, shared between copies: a
  // copy must keep finding every name and alias after the original is gone, and entries
  // added to the copy must not appear in the original.
  auto original = std::make_unique<TypeRegistry>(TypeRegistry::with_builtins());
  const std::vector<std::string> names = original->type_names();
  TypeRegistry copy = *original;
  original->add_alias("my.Alias", "sklearn.dummy.DummyClassifier");
  original.reset();
  EXPECT_EQ(copy.type_names(), names);
  for (const std::string& name : names) ASSERT_NE(copy.find(name), nullptr) << name;
  EXPECT_EQ(copy.find("my.Alias"), nullptr);
  EXPECT_EQ(copy.find("sklearn.tree.tree.DecisionTreeRegressor")->name,
            "sklearn.tree._classes.DecisionTreeRegressor");
  copy.add_alias("x.Dummy", "sklearn.dummy.DummyRegressor");
  EXPECT_EQ(copy.find("x.Dummy")->name, "sklearn.dummy.DummyRegressor");
  EXPECT_THROW(copy.add_alias("x.Dummy", "sklearn.dummy.DummyRegressor"), RegistryError);
  EXPECT_THROW(copy.add_alias("sklearn.dummy.DummyRegressor", "sklearn.dummy.DummyClassifier"),
               RegistryError);
  // Default trust is shared by copies and by the policies made from them, not widened.
  EXPECT_EQ(copy.default_trusted_names().count("x.Dummy"), 0u);
  const TrustPolicy policy = default_trust(copy);
  EXPECT_TRUE(policy.trusts("sklearn.dummy.DummyRegressor"));
  EXPECT_TRUE(policy.trusts("numpy.ndarray"));
  EXPECT_FALSE(policy.trusts("x.Dummy"));
}

TEST(SklearnVersion, ParsesReleasesAndRefusesTheRest) {
  auto v = SklearnVersion::parse("1.4.2");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->str(), "1.4.2");
  EXPECT_TRUE(v->at_least(1, 4, 1));
  EXPECT_TRUE(v->at_least(1, 4));
  EXPECT_FALSE(v->at_least(1, 5));
  ASSERT_TRUE(SklearnVersion::parse("1.5.dev0"));
  EXPECT_EQ(SklearnVersion::parse("1.5.dev0")->str(), "1.5.0");
  EXPECT_EQ(SklearnVersion::parse("0.24.2.post1")->str(), "0.24.2");
  for (const char* bad : {"", "1", "x.1", "1.x", "latest", ".4.2", "1000000.1"}) {
    EXPECT_FALSE(SklearnVersion::parse(bad)) << bad;
  }
}

TEST(SaveContext, TheTargetVersionIsParsedOnceAndAnUnparsableOneIsAnInputError) {
  const TypeRegistry reg = TypeRegistry::with_builtins();
  SaveContext ok(reg, "1.3.0");
  EXPECT_TRUE(ok.target_at_least(1, 3));
  EXPECT_FALSE(ok.target_at_least(1, 4));
  EXPECT_EQ(ok.sklearn_version(), "1.3.0");
  EXPECT_THROW(SaveContext(reg, "newest"), InputError);
  EXPECT_THROW(SaveContext(reg, ""), InputError);

  auto est = estimators::DummyRegressor::from_constant({1.5});
  DumpOptions d;
  d.sklearn_version = "not-a-version";
  EXPECT_THROW(dumps(*est, d), InputError);
  d.sklearn_version = "1.2.1";
  EXPECT_NO_THROW(dumps(*est, d));
}

}  // namespace
