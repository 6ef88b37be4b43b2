// Unit tests of sklearn.tree: decision trees (src/estimators/tree/).

#include <gtest/gtest.h>

#include <cmath>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimators/tree.hpp"
#include "test_support.hpp"

namespace {

using skops::DecisionTreeClassifier;
using skops::DecisionTreeRegressor;
using skops::Matrix;
using skops::NdArray;
using skops::TreeArrays;
using skops::testing_support::mat;

// Root splits feature 1 at 0.5 (a float32-rounded cut point); left leaf favours class 0.
TreeArrays stump(std::vector<std::int64_t> n_classes, std::vector<double> values) {
  return skops::testing_support::stump(2, 1, 0.5, std::move(n_classes), std::move(values));
}

TEST(TreeClassifier, PredictsWithFloat32Decision) {
  auto est = DecisionTreeClassifier::from_arrays(stump({2}, {3, 3, 3, 1, 0, 2}),
                                                 {NdArray::from_vector<std::int64_t>({10, 20})});
  // 0.50000001 rounds to 0.5 in float32 and goes left; 0.5000001 does not.
  const Matrix X = mat({{0.0, 0.50000001}, {0.0, 0.5000001}, {9.0, -1.0}});
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{10, 20, 10}));
  EXPECT_EQ(est->apply(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{1, 2, 1}));
  const NdArray p = est->predict_proba(X);
  ASSERT_EQ(p.shape(), (std::vector<std::int64_t>{3, 2}));
  const auto pv = p.to_vector<double>();
  EXPECT_DOUBLE_EQ(pv[0], 0.75);
  EXPECT_DOUBLE_EQ(pv[1], 0.25);
  EXPECT_DOUBLE_EQ(pv[2], 0.0);
  EXPECT_DOUBLE_EQ(pv[3], 1.0);
  const auto lp = est->predict_log_proba(X).to_vector<double>();
  EXPECT_TRUE(std::isinf(lp[2]) && lp[2] < 0);
}

TEST(TreeClassifier, StringLabelsAndMultiOutput) {
  auto est = DecisionTreeClassifier::from_arrays(
      stump({2, 3}, {1, 1, 0, 1, 1, 1, 2, 0, 0, 0, 0, 5, 0, 1, 0, 0, 0, 0}),
      {NdArray::from_strings({"no", "yes"}, {2}), NdArray::from_strings({"a", "b", "c"}, {3})});
  const Matrix X = mat({{0.0, 0.0}, {0.0, 1.0}});
  const NdArray y = est->predict(X);
  ASSERT_EQ(y.shape(), (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(y.to_strings(), (std::vector<std::string>{"no", "c", "yes", "a"}));
  EXPECT_THROW(est->predict_proba(X), skops::UnsupportedError);
  EXPECT_EQ(est->predict_proba_outputs(X).size(), 2u);
}

TEST(TreeRegressor, PredictsLeafMeans) {
  auto est = DecisionTreeRegressor::from_arrays(stump({1}, {0.5, -1.25, 3.0}));
  const Matrix X = mat({{0.0, 0.0}, {0.0, 2.0}});
  EXPECT_EQ(est->predict(X).to_vector<double>(), (std::vector<double>{-1.25, 3.0}));
  EXPECT_FALSE(est->supports(skops::Method::PredictProba));
}

// The same depth-2 tree numbered depth-first (left child = next node: used in place) and
// breadth-first (as no scikit-learn builder numbers it: the compact copy is renumbered),
// and with children before parents: same predictions and scikit-learn's leaf ids.
TEST(TreeRegressor, AnyNodeNumberingGivesTheSameResults) {
  //            depth-first ids     breadth-first ids
  //  root x0<=0.5      0                  0
  //   left x1<=1.5     1                  1
  //    leaves          2, 3               3, 4
  //   right leaf       4                  2
  TreeArrays dfs;
  dfs.n_features = 2;
  dfs.left_child = {1, 2, -1, -1, -1};
  dfs.right_child = {4, 3, -1, -1, -1};
  dfs.feature = {0, 1, -2, -2, -2};
  dfs.threshold = {0.5, 1.5, -2, -2, -2};
  dfs.values = {0, 0, 10, 20, 30};
  TreeArrays bfs;
  bfs.n_features = 2;
  bfs.left_child = {1, 3, -1, -1, -1};
  bfs.right_child = {2, 4, -1, -1, -1};
  bfs.feature = {0, 1, -2, -2, -2};
  bfs.threshold = {0.5, 1.5, -2, -2, -2};
  bfs.values = {0, 0, 30, 10, 20};
  // Children numbered before their parent (root 0, then leaves, then the inner node 4).
  TreeArrays back;
  back.n_features = 2;
  back.left_child = {4, -1, -1, -1, 2};
  back.right_child = {1, -1, -1, -1, 3};
  back.feature = {0, -2, -2, -2, 1};
  back.threshold = {0.5, -2, -2, -2, 1.5};
  back.values = {0, 30, 10, 20, 0};
  const Matrix X = mat({{0.0, 0.0}, {0.0, 2.0}, {1.0, 0.0}, {0.5, 1.5}, {0.6, 9.0}});
  const std::vector<double> want = {10, 20, 30, 10, 30};
  const auto a = DecisionTreeRegressor::from_arrays(dfs);
  const auto b = DecisionTreeRegressor::from_arrays(bfs);
  const auto c = DecisionTreeRegressor::from_arrays(back);
  EXPECT_EQ(a->predict(X).to_vector<double>(), want);
  EXPECT_EQ(b->predict(X).to_vector<double>(), want);
  EXPECT_EQ(c->predict(X).to_vector<double>(), want);
  EXPECT_EQ(a->apply(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{2, 3, 4, 2, 4}));
  EXPECT_EQ(b->apply(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{3, 4, 2, 3, 2}));
  EXPECT_EQ(c->apply(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{2, 3, 1, 2, 1}));
}

TEST(TreeValidation, RefusesBrokenTrees) {
  auto cycle = stump({1}, {0, 1, 2});
  cycle.left_child[0] = 0;
  EXPECT_THROW(DecisionTreeRegressor::from_arrays(cycle), skops::ValidationError);
  auto shared = stump({1}, {0, 1, 2});
  shared.right_child[0] = 1;
  EXPECT_THROW(DecisionTreeRegressor::from_arrays(shared), skops::ValidationError);
  auto feature = stump({1}, {0, 1, 2});
  feature.feature[0] = 2;
  EXPECT_THROW(DecisionTreeRegressor::from_arrays(feature), skops::ValidationError);
  auto half = stump({1}, {0, 1, 2});
  half.right_child[0] = -1;
  EXPECT_THROW(DecisionTreeRegressor::from_arrays(half), skops::ValidationError);
  EXPECT_THROW(DecisionTreeRegressor::from_arrays(stump({1}, {0, 1})), skops::ValidationError);
  EXPECT_THROW(DecisionTreeClassifier::from_arrays(stump({2}, {1, 1, 1, 1, 1, 1}),
                                                   {NdArray::from_vector<std::int64_t>({1, 2, 3})}),
               skops::ValidationError);
}

TEST(TreeInput, RefusesBadInput) {
  auto est = DecisionTreeRegressor::from_arrays(stump({1}, {0, 1, 2}));
  EXPECT_THROW(est->predict(Matrix::Zero(2, 3)), skops::InputError);
  EXPECT_THROW(est->predict(Matrix::Zero(0, 2)), skops::InputError);
  EXPECT_THROW(est->predict(mat({{0.0, NAN}})), skops::InputError);
  EXPECT_THROW(est->predict(mat({{0.0, INFINITY}})), skops::InputError);
  EXPECT_THROW(est->predict(mat({{1e300, 0.0}})), skops::InputError);  // inf as float32
  // float32 input (as a float64 view of float32 values) predicts like float64.
  Eigen::MatrixXf xf(1, 2);
  xf << 0.0f, 0.75f;
  const Matrix xd = xf.cast<double>();
  EXPECT_EQ(est->predict(xd).to_vector<double>(), (std::vector<double>{2.0}));
}

TEST(TreeRoundTrip, SaveThenLoadPredictsTheSame) {
  auto clf = DecisionTreeClassifier::from_arrays(stump({2}, {3, 3, 3, 1, 0, 2}),
                                                 {NdArray::from_strings({"cat", "dog"}, {2})});
  auto reg = DecisionTreeRegressor::from_arrays(stump({1}, {0.5, -1.25, 3.0}), true);
  const Matrix X = mat({{0.0, 0.0}, {0.0, 1.0}, {3.0, 0.5}});
  for (const std::string version : {"1.2.1", "1.4.2"}) {
    skops::DumpOptions opts;
    opts.sklearn_version = version;
    auto clf2 = skops::loads(skops::dumps(*clf, opts));
    EXPECT_EQ(clf2->type_name(), "sklearn.tree._classes.DecisionTreeClassifier");
    EXPECT_EQ(clf2->predict(X), clf->predict(X));
    EXPECT_EQ(clf2->predict_proba(X), clf->predict_proba(X));
    auto reg2 = skops::loads(skops::dumps(*reg, opts));
    EXPECT_EQ(reg2->type_name(), "sklearn.tree._classes.ExtraTreeRegressor");
    EXPECT_EQ(reg2->predict(X), reg->predict(X));
    // A loaded model re-saves to the same predictions again.
    auto reg3 = skops::loads(skops::dumps(*reg2, opts));
    EXPECT_EQ(reg3->predict(X), reg->predict(X));
  }
}

// scikit-learn 1.4.1 changed a classifier tree's values from weighted counts to weighted
// fractions, and its predict_proba from normalising them to returning them as they are:
// a tree written for a version must store what that version's predict_proba expects.
TEST(TreeValues, ClassifierValuesAsTheTargetVersionStoresThem) {
  // Root [3, 3], left leaf [3, 1], right leaf [0, 2] (weighted counts).
  auto clf = DecisionTreeClassifier::from_arrays(stump({2}, {3, 3, 3, 1, 0, 2}),
                                                 {NdArray::from_vector<std::int64_t>({0, 1})});
  auto reg = DecisionTreeRegressor::from_arrays(stump({1}, {2.0, -4.0, 8.0}));
  const Matrix X = mat({{0.0, 0.0}, {0.0, 1.0}});
  const std::vector<double> counts = {3, 3, 3, 1, 0, 2};
  const std::vector<double> fractions = {0.5, 0.5, 0.75, 0.25, 0.0, 1.0};
  auto stored_values = [](const std::vector<std::uint8_t>& bytes) {
    const auto doc = skops::Document::read_bytes(bytes);
    const skops::Node* state = doc->root()->state_dict();
    const skops::NodePtr tree = state ? state->get("tree_") : nullptr;
    const skops::NodePtr content = tree ? tree->child("content") : nullptr;
    const skops::NodePtr values = content ? content->get("values") : nullptr;
    if (!values) return std::vector<double>{};
    return doc->array_of(*values).to_vector<double>();
  };
  for (const auto& [version, want] : std::vector<std::pair<std::string, std::vector<double>>>{
           {"1.2.1", counts}, {"1.4.0", counts}, {"1.4.1", fractions}, {"1.4.2", fractions}}) {
    skops::DumpOptions opts;
    opts.sklearn_version = version;
    const auto bytes = skops::dumps(*clf, opts);
    EXPECT_EQ(stored_values(bytes), want) << version;
    // Read back, the file predicts exactly what the estimator it was written from does.
    auto back = skops::loads(bytes);
    EXPECT_EQ(back->predict_proba(X), clf->predict_proba(X)) << version;
    EXPECT_EQ(back->predict(X), clf->predict(X)) << version;
    // Regression values are means in every version.
    EXPECT_EQ(stored_values(skops::dumps(*reg, opts)), (std::vector<double>{2.0, -4.0, 8.0}))
        << version;
  }
}

TEST(TreeHostile, EveryTreeFixtureIsAValidationError) {
  const auto files = skops::testing_support::list_files("hostile", ".skops");
  int seen = 0;
  for (const std::string& f : files) {
    if (f.find("/tree_") == std::string::npos) continue;
    ++seen;
    try {
      skops::load(f);
      ADD_FAILURE() << f << " loaded";
    } catch (const skops::Error& e) {
      EXPECT_EQ(e.kind(), skops::ErrorKind::Validation) << f << ": " << e.what();
    }
  }
  EXPECT_GE(seen, 16);
}

TEST(TreeCorpus, LoadsBothNodeLayouts) {
  for (const std::string ver : {"sklearn-1.2.1", "sklearn-1.4.2"}) {
    auto est = skops::load(
        skops::testing_support::data_path("corpus/" + ver + "/DecisionTreeClassifier.skops"));
    EXPECT_EQ(est->n_features_in(), 4);
    EXPECT_TRUE(est->supports(skops::Method::Apply));
    const Matrix X = Matrix::Zero(1, 4);
    EXPECT_EQ(est->run(skops::Method::Apply, X).shape(), (std::vector<std::int64_t>{1}));
  }
}

}  // namespace
