// Unit tests of the ensemble family: native forests, averaging, round trips, and the
// HistGradientBoosting hostile fixtures (with their helper types trusted).

#include <gtest/gtest.h>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/ensemble.hpp"
#include "test_support.hpp"

namespace {

using skops::Matrix;
using skops::NdArray;
using skops::TreeArrays;

// One feature, split at `threshold`.
TreeArrays stump(double threshold, std::vector<double> values,
                 std::vector<std::int64_t> n_classes) {
  return skops::testing_support::stump(1, 0, threshold, std::move(n_classes), std::move(values));
}

TEST(Forest, ClassifierAveragesNormalisedTreeProbabilities) {
  const NdArray classes = NdArray::from_vector<double>({-1.0, 1.0});
  std::vector<std::shared_ptr<const skops::DecisionTreeClassifier>> trees = {
      skops::DecisionTreeClassifier::from_arrays(stump(0.0, {2, 2, 4, 0, 0, 4}, {2}), {classes}),
      skops::DecisionTreeClassifier::from_arrays(stump(1.0, {1, 1, 1, 3, 1, 0}, {2}), {classes})};
  auto forest = skops::ForestClassifier::from_trees(trees, {classes});
  Matrix X(2, 1);
  X << -1.0, 0.5;
  const auto p = forest->predict_proba(X).to_vector<double>();
  EXPECT_DOUBLE_EQ(p[0], (1.0 + 0.25) / 2);
  EXPECT_DOUBLE_EQ(p[2], (0.0 + 0.25) / 2);
  EXPECT_EQ(forest->predict(X).to_vector<double>(), (std::vector<double>{-1.0, 1.0}));
  EXPECT_EQ(forest->run(skops::Method::Apply, X).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{1, 1, 2, 1}));
  auto again = skops::loads(skops::dumps(*forest));
  EXPECT_EQ(again->type_name(), "sklearn.ensemble._forest.RandomForestClassifier");
  EXPECT_EQ(again->predict_proba(X), forest->predict_proba(X));
}

TEST(Forest, RegressorAveragesTrees) {
  std::vector<std::shared_ptr<const skops::DecisionTreeRegressor>> trees = {
      skops::DecisionTreeRegressor::from_arrays(stump(0.0, {0, 1, 2}, {1})),
      skops::DecisionTreeRegressor::from_arrays(stump(0.0, {0, 3, 5}, {1}))};
  auto forest = skops::ForestRegressor::from_trees(trees, true);
  Matrix X(2, 1);
  X << -1.0, 1.0;
  EXPECT_EQ(forest->predict(X).to_vector<double>(), (std::vector<double>{2.0, 3.5}));
  EXPECT_THROW(forest->predict(Matrix::Zero(1, 2)), skops::InputError);
  auto again = skops::loads(skops::dumps(*forest));
  EXPECT_EQ(again->type_name(), "sklearn.ensemble._forest.ExtraTreesRegressor");
  EXPECT_EQ(again->predict(X), forest->predict(X));
}

TEST(Forest, RefusesMismatchedTrees) {
  std::vector<std::shared_ptr<const skops::DecisionTreeRegressor>> none;
  EXPECT_THROW(skops::ForestRegressor::from_trees(none), skops::ValidationError);
  auto a = stump(0.0, {0, 1, 2}, {1});
  auto b = a;
  b.n_features = 3;
  std::vector<std::shared_ptr<const skops::DecisionTreeRegressor>> trees = {
      skops::DecisionTreeRegressor::from_arrays(a), skops::DecisionTreeRegressor::from_arrays(b)};
  EXPECT_THROW(skops::ForestRegressor::from_trees(trees), skops::ValidationError);
}

TEST(HistGradientBoosting, HostileFixturesAreValidationErrors) {
  skops::LoadOptions opts;
  opts.trusted = {"sklearn._loss._loss.CyHalfBinomialLoss", "sklearn._loss.link.Interval",
                  "sklearn._loss.link.LogitLink", "sklearn._loss.loss.HalfBinomialLoss"};
  int seen = 0;
  for (const std::string& f : skops::testing_support::list_files("hostile", ".skops")) {
    if (f.find("/hgb_") == std::string::npos) continue;
    ++seen;
    try {
      skops::load(f, opts);
      ADD_FAILURE() << f << " loaded";
    } catch (const skops::Error& e) {
      EXPECT_EQ(e.kind(), skops::ErrorKind::Validation) << f << ": " << e.what();
    }
  }
  EXPECT_EQ(seen, 3);
}

TEST(HistGradientBoosting, AcceptsMissingValues) {
  auto est = skops::load(skops::testing_support::data_path(
      "corpus/sklearn-1.2.1/HistGradientBoostingRegressor.skops"));
  Matrix X = Matrix::Constant(2, est->n_features_in(), std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(est->predict(X).shape(), (std::vector<std::int64_t>{2}));
}

}  // namespace
