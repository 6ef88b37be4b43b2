// Unit tests of sklearn.impute: SimpleImputer (src/estimators/impute/).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace {

using skops::Matrix;
using skops::NdArray;
using skops::testing_support::mat;
namespace ts = skops::testing_support;
namespace pre = skops::preprocessing;

const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(SimpleImputer, FillsAndDropsEmptyColumns) {
  pre::SimpleImputer imp({1.5, kNaN, 7.0});
  const auto out = imp.transform(mat(2, 3, {kNaN, 1, 2, 3, kNaN, kNaN})).to_vector<double>();
  EXPECT_EQ(out, (std::vector<double>{1.5, 2, 3, 7}));
  EXPECT_THROW(imp.transform(mat(1, 3, {std::numeric_limits<double>::infinity(), 0, 0})),
               skops::InputError);
  pre::SimpleImputer zero({4.0}, "constant", 0.0);
  EXPECT_EQ(zero.transform(mat(2, 1, {0, 2})).to_vector<double>(), (std::vector<double>{4, 2}));
  EXPECT_THROW(zero.transform(mat(1, 1, {kNaN})),
               skops::InputError);  // missing_values=0: NaN refused
  const Matrix X = mat(1, 3, {kNaN, 1, kNaN});
  EXPECT_EQ(ts::reload(imp)->transform(X), imp.transform(X));
}

TEST(SimpleImputer, NativeIndicatorIsWrittenAsAFittedMissingIndicator) {
  pre::SimpleImputer imp({5.8, 3.0, 4.35, 1.3}, "median");
  EXPECT_THROW(imp.set_indicator_features({0, 4}), skops::ValidationError);
  EXPECT_THROW(imp.set_indicator_features({2, 0}), skops::ValidationError);
  imp.set_indicator_features({0, 2});
  const Matrix X = mat(2, 4, {kNaN, 1.0, 2.0, 3.0, 4.0, 5.0, kNaN, 7.0});
  for (const char* version : {"1.2.1", "1.4.2"}) {
    SCOPED_TRACE(version);
    skops::DumpOptions d;
    d.sklearn_version = version;
    const auto state = skops::to_node(imp, d)->child("content");
    skops::NodePtr ind;
    for (const auto& e : state->entries)
      if (e.key == "indicator_") ind = e.value;
    ASSERT_TRUE(ind);
    EXPECT_EQ(ind->type_name(), "sklearn.impute._base.MissingIndicator");
    skops::LoadOptions lo;
    lo.trusted = {"numpy.dtype"};
    const auto back = skops::loads(skops::dumps(imp, d), lo);
    const NdArray t = back->transform(X);
    EXPECT_EQ(t, imp.transform(X));
    EXPECT_EQ(t.shape(), (std::vector<std::int64_t>{2, 6}));
    EXPECT_EQ(back->run(skops::Method::InverseTransform, skops::to_matrix(t)),
              imp.run(skops::Method::InverseTransform, skops::to_matrix(t)));
  }
}

TEST(SimpleImputer, FileWithUnsortedIndicatorFeaturesIsRefused) {
  // features_ is np.flatnonzero of the fit mask; a file that says otherwise was not written
  // by scikit-learn and is refused at build, naming the attribute.
  pre::SimpleImputer imp({5.8, 3.0, 4.35, 1.3});
  imp.set_indicator_features({0, 2});
  auto root = skops::make::clone(*skops::to_node(imp));
  auto state = skops::make::clone(*root->child("content"));
  for (auto& e : state->entries) {
    if (e.key != "indicator_") continue;
    auto ind = skops::make::clone(*e.value);
    auto ind_state = skops::make::clone(*ind->child("content"));
    for (auto& f : ind_state->entries) {
      if (f.key == "features_")
        f.value = skops::make::array(NdArray::from_vector<std::int64_t>({2, 0}));
    }
    ind->children = {{"content", ind_state}};
    e.value = ind;
  }
  root->children = {{"content", state}};
  skops::LoadOptions lo;
  lo.trusted = {"numpy.dtype"};
  try {
    skops::loads(skops::write_document_bytes(*root), lo);
    ADD_FAILURE() << "loaded";
  } catch (const skops::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("strictly increasing"), std::string::npos) << e.what();
  }
}

}  // namespace
