// Unit tests of sklearn.ensemble: forests, boosting, bagging, voting, stacking (src/estimators/ensemble/).

#include <gtest/gtest.h>

#include <cmath>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimators/ensemble.hpp"
#include "test_support.hpp"

namespace ensemble2_cases {
namespace {

using skops::EstimatorPtr;
using skops::Matrix;
using skops::Method;
using skops::NdArray;
using skops::TreeArrays;
namespace ts = skops::testing_support;

// A stump on `feature` of an n_features input: left leaf values `l`, right leaf values `r`.
TreeArrays stump(std::int64_t n_features, std::int64_t feature, double threshold,
                 std::vector<double> l, std::vector<double> r, std::int64_t n_classes) {
  std::vector<double> values(l.size());
  for (std::size_t i = 0; i < l.size(); ++i) values[i] = l[i] + r[i];
  values.insert(values.end(), l.begin(), l.end());
  values.insert(values.end(), r.begin(), r.end());
  TreeArrays t = ts::stump(n_features, feature, threshold, {n_classes}, std::move(values));
  t.n_node_samples = {10, 6, 4};
  return t;
}

EstimatorPtr tree_clf(std::int64_t nf, std::int64_t f, double thr, std::vector<double> l,
                      std::vector<double> r, const NdArray& classes) {
  const auto k = static_cast<std::int64_t>(l.size());
  return skops::DecisionTreeClassifier::from_arrays(stump(nf, f, thr, l, r, k), {classes});
}

EstimatorPtr tree_reg(std::int64_t nf, std::int64_t f, double thr, double l, double r) {
  return skops::DecisionTreeRegressor::from_arrays(stump(nf, f, thr, {l}, {r}, 1));
}

// The saved form of `est` with one attribute of its state replaced (a crafted file).
std::vector<std::uint8_t> with_attr(const skops::Estimator& est, const std::string& key,
                                    skops::NodePtr value) {
  const skops::NodePtr root = skops::to_node(est);
  auto state = skops::make::clone(*root->child("content"));
  bool found = false;
  for (auto& e : state->entries) {
    if (e.key == key) {
      e.value = value;
      found = true;
    }
  }
  EXPECT_TRUE(found) << key;
  auto obj = skops::make::clone(*root);
  for (auto& c : obj->children) {
    if (c.name == "content") c.node = state;
  }
  return skops::write_document_bytes(*obj);
}

void expect_invalid(const std::vector<std::uint8_t>& bytes) {
  skops::LoadOptions opts;
  opts.trusted = {"sklearn.utils._bunch.Bunch"};
  EXPECT_THROW(skops::loads(bytes, opts), skops::ValidationError);
}

// --- AdaBoost --------------------------------------------------------------------------

TEST(AdaBoost, SammeRMatchesTheFormula) {
  const NdArray classes = NdArray::from_vector<std::int64_t>({0, 1, 2});
  std::vector<EstimatorPtr> ests = {tree_clf(2, 0, 0.0, {3, 1, 0}, {0, 1, 3}, classes),
                                    tree_clf(2, 1, 0.0, {1, 1, 2}, {2, 2, 0}, classes)};
  skops::AdaBoostClassifier ada(ests, {1.0, 1.0, 0.0}, classes,
                                skops::AdaBoostClassifier::Algorithm::SammeR);
  Matrix X(1, 2);
  X << -1.0, 1.0;  // leaves: (3,1,0)/4 and (2,2,0)/4
  const double eps = std::numeric_limits<double>::epsilon();
  auto samme = [&](std::vector<double> p) {
    std::vector<double> lp;
    for (double v : p) lp.push_back(std::log(std::max(v, eps)));
    const double s = lp[0] + lp[1] + lp[2];
    for (double& v : lp) v = 2.0 * (v - (1.0 / 3) * s);
    return lp;
  };
  const auto a = samme({0.75, 0.25, 0.0});
  const auto b = samme({0.5, 0.5, 0.0});
  const auto d = ada.decision_function(X).to_vector<double>();
  ASSERT_EQ(d.size(), 3u);
  for (int j = 0; j < 3; ++j) EXPECT_DOUBLE_EQ(d[j], (a[j] + b[j]) / 2.0);
  const auto p = ada.predict_proba(X).to_vector<double>();
  double z = 0;
  for (int j = 0; j < 3; ++j) z += std::exp(d[j] / 2 - d[0] / 2);
  EXPECT_NEAR(p[0], 1.0 / z, 1e-15);
  EXPECT_EQ(ada.predict(X).to_vector<std::int64_t>(), std::vector<std::int64_t>{0});
  const auto lp = ada.predict_log_proba(X).to_vector<double>();
  EXPECT_DOUBLE_EQ(lp[1], std::log(p[1]));

  for (const char* v : {"1.2.1", "1.4.2"}) {
    auto again = ts::reload(ada, v);
    EXPECT_EQ(again->type_name(), "sklearn.ensemble._weight_boosting.AdaBoostClassifier");
    EXPECT_EQ(again->predict_proba(X), ada.predict_proba(X));
  }
}

TEST(AdaBoost, SammeBinaryDecisionFollowsTheVersion) {
  const NdArray classes = NdArray::from_strings({"no", "yes"}, {2});
  std::vector<EstimatorPtr> ests = {tree_clf(1, 0, 0.0, {3, 1}, {0, 2}, classes),
                                    tree_clf(1, 0, 1.0, {0, 1}, {5, 1}, classes)};
  using Alg = skops::AdaBoostClassifier::Algorithm;
  skops::AdaBoostClassifier sym(ests, {2.0, 1.0}, classes, Alg::Samme, true);
  skops::AdaBoostClassifier old(ests, {2.0, 1.0}, classes, Alg::Samme, false);
  Matrix X(2, 1);
  X << -1.0, 0.5;  // votes: (no, yes), (yes, yes)
  // >= 1.3: scores ±w, summed as -col0 + col1.
  EXPECT_EQ(sym.decision_function(X).to_vector<double>(),
            (std::vector<double>{(-(2.0 - 1.0) + (-2.0 + 1.0)) / 3.0, 2.0}));
  // < 1.3: w for the voted class, 0 for the other.
  EXPECT_EQ(old.decision_function(X).to_vector<double>(),
            (std::vector<double>{-2.0 / 3.0 + 1.0 / 3.0, 1.0}));
  EXPECT_EQ(sym.predict(X).to_strings(), (std::vector<std::string>{"no", "yes"}));
  const auto p = sym.predict_proba(X).to_vector<double>();
  EXPECT_NEAR(p[3], 1.0 / (1.0 + std::exp(-2.0)), 1e-15);
}

TEST(AdaBoost, RegressorTakesTheWeightedMedian) {
  std::vector<EstimatorPtr> ests = {tree_reg(1, 0, 0.0, 1.0, 10.0), tree_reg(1, 0, 0.0, 2.0, 20.0),
                                    tree_reg(1, 0, 0.0, 3.0, 5.0)};
  skops::AdaBoostRegressor ada(ests, {0.2, 0.3, 0.6});
  Matrix X(2, 1);
  X << -1.0, 1.0;
  // Row 0: sorted 1 (0.2), 2 (0.3), 3 (0.6): cdf 0.2 0.5 1.1 ≥ 0.55 first at 3.
  // Row 1: sorted 5 (0.6), 10, 20: cdf 0.6 ≥ 0.55 at 5.
  EXPECT_EQ(ada.predict(X).to_vector<double>(), (std::vector<double>{3.0, 5.0}));
  Matrix bad(1, 1);
  bad << std::nan("");
  EXPECT_THROW(ada.predict(bad), skops::InputError);
  auto again = ts::reload(ada, "1.4.2");
  EXPECT_EQ(again->predict(X), ada.predict(X));
}

TEST(AdaBoost, RefusesInconsistentParts) {
  const NdArray classes = NdArray::from_vector<std::int64_t>({0, 1});
  std::vector<EstimatorPtr> ests = {tree_clf(1, 0, 0.0, {1, 0}, {0, 1}, classes)};
  using Alg = skops::AdaBoostClassifier::Algorithm;
  EXPECT_THROW(skops::AdaBoostClassifier(ests, {}, classes, Alg::Samme), skops::ValidationError);
  EXPECT_THROW(
      skops::AdaBoostClassifier(ests, {1.0}, NdArray::from_vector<std::int64_t>({0}), Alg::Samme),
      skops::ValidationError);
  EXPECT_THROW(skops::AdaBoostClassifier({}, {1.0}, classes, Alg::Samme), skops::ValidationError);
  skops::AdaBoostClassifier ok(ests, {1.0}, classes, Alg::SammeR);
  EXPECT_THROW(ok.predict(Matrix::Zero(1, 3)), skops::InputError);
  EXPECT_THROW(ok.predict(Matrix::Zero(0, 1)), skops::InputError);
  EXPECT_THROW(ok.transform(Matrix::Zero(1, 1)), skops::UnsupportedError);
}

// --- IsolationForest -------------------------------------------------------------------

TEST(IsolationForest, ScoresFollowPathLengths) {
  // Two trees on features {1} and {0} of a 2-feature input (max_features 1 → subsampling).
  auto t1 = stump(1, 0, 0.0, {0}, {0}, 1);
  t1.n_node_samples = {9, 3, 6};
  auto forest = skops::IsolationForest::from_trees({stump(1, 0, 0.0, {0}, {0}, 1), t1}, {{1}, {0}},
                                                   2, 1, 10, -0.5);
  Matrix X(1, 2);
  X << -1.0, 1.0;  // tree 0 sees 1.0 → right leaf (4 samples); tree 1 sees -1 → left (3)
  const auto c = skops::isolation_average_path_length;
  const double depth = (2.0 + c(4.0) - 1.0) + (2.0 + c(3.0) - 1.0);
  const double expected = -std::pow(2.0, -depth / (2 * c(10.0)));
  EXPECT_EQ(forest->score_samples(X).to_vector<double>(), std::vector<double>{expected});
  EXPECT_EQ(forest->decision_function(X).to_vector<double>(), std::vector<double>{expected + 0.5});
  EXPECT_EQ(forest->predict(X).dtype(), skops::DType::int64());
  EXPECT_EQ(forest->predict(X).to_vector<std::int64_t>(),
            std::vector<std::int64_t>{expected + 0.5 < 0 ? -1 : 1});
  EXPECT_DOUBLE_EQ(c(2.0), 1.0);
  EXPECT_DOUBLE_EQ(c(1.0), 0.0);

  Matrix bad(1, 2);
  bad << 0.0, std::nan("");
  EXPECT_THROW(forest->score_samples(bad), skops::InputError);
  EXPECT_THROW(forest->score_samples(Matrix::Zero(1, 3)), skops::InputError);
  for (const char* v : {"1.2.1", "1.4.2"}) {
    auto again = ts::reload(*forest, v);
    EXPECT_EQ(again->type_name(), "sklearn.ensemble._iforest.IsolationForest");
    EXPECT_EQ(again->score_samples(X), forest->score_samples(X));
  }
}

TEST(IsolationForest, RefusesBadShapes) {
  const auto t = stump(1, 0, 0.0, {0}, {0}, 1);
  EXPECT_THROW(skops::IsolationForest::from_trees({t}, {{5}}, 2, 1, 10, -0.5),
               skops::ValidationError);
  auto short_counts = t;
  short_counts.n_node_samples = {10, 6};
  EXPECT_THROW(skops::IsolationForest::from_trees({short_counts}, {{0}}, 2, 1, 10, -0.5),
               skops::ValidationError);
  EXPECT_THROW(skops::IsolationForest::from_trees({}, {}, 2, 1, 10, -0.5), skops::ValidationError);
  // Without subsampling every tree must see all features.
  EXPECT_THROW(skops::IsolationForest::from_trees({t}, {{0}}, 2, 2, 10, -0.5),
               skops::ValidationError);
}

// --- Bagging ---------------------------------------------------------------------------

TEST(Bagging, ClassifierAddsProbabilitiesIntoKnownClasses) {
  const NdArray all = NdArray::from_vector<std::int64_t>({0, 1, 2});
  const NdArray two = NdArray::from_vector<std::int64_t>({0, 2});
  skops::BaggingMembers m;
  m.estimators = {tree_clf(1, 0, 0.0, {1, 1, 2}, {0, 0, 4}, all),
                  tree_clf(2, 1, 0.0, {3, 1}, {1, 3}, two)};
  m.features = {{0}, {1, 0}};
  m.n_features = 2;
  const NdArray labels = NdArray::from_strings({"a", "b", "c"}, {3});
  skops::BaggingClassifier bag(m, labels, {{0, 1, 2}, {0, 2}});
  Matrix X(1, 2);
  X << -1.0, 1.0;  // tree 0: (1,1,2)/4; tree 1 sees (1, -1) → left leaf (3,1)/4 → classes 0, 2
  const auto p = bag.predict_proba(X).to_vector<double>();
  EXPECT_EQ(p, (std::vector<double>{(0.25 + 0.75) / 2, 0.25 / 2, (0.5 + 0.25) / 2}));
  EXPECT_EQ(bag.predict(X).to_strings(), std::vector<std::string>{"a"});
  const auto lp = bag.predict_log_proba(X).to_vector<double>();
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(lp[j], std::log(p[j]), 1e-12);
  EXPECT_FALSE(bag.supports(Method::DecisionFunction));
  auto again = ts::reload(bag, "1.4.2");
  EXPECT_EQ(again->predict_proba(X), bag.predict_proba(X));
  EXPECT_EQ(again->predict(X), bag.predict(X));
}

TEST(Bagging, RegressorAveragesAndChecksFeatures) {
  skops::BaggingMembers m;
  m.estimators = {tree_reg(1, 0, 0.0, 1.0, 2.0), tree_reg(1, 0, 0.0, 3.0, 4.0)};
  m.features = {{0}, {1}};
  m.n_features = 2;
  m.n_jobs = 2;
  skops::BaggingRegressor bag(m);
  Matrix X(1, 2);
  X << -1.0, 1.0;
  EXPECT_EQ(bag.predict(X).to_vector<double>(), std::vector<double>{(1.0 + 4.0) / 2});
  auto again = ts::reload(bag, "1.2.1");
  EXPECT_EQ(again->predict(X), bag.predict(X));
  m.features = {{0}, {2}};
  EXPECT_THROW(skops::BaggingRegressor{m}, skops::ValidationError);
  m.features = {{0}, {0, 1}};
  EXPECT_THROW(skops::BaggingRegressor{m}, skops::ValidationError);
}

// --- Voting ----------------------------------------------------------------------------

TEST(Voting, SoftAndHardClassifiers) {
  const NdArray pos = NdArray::from_vector<std::int64_t>({0, 1});
  std::vector<EstimatorPtr> ests = {tree_clf(1, 0, 0.0, {3, 1}, {1, 3}, pos),
                                    tree_clf(1, 0, 1.0, {1, 3}, {1, 1}, pos)};
  const NdArray labels = NdArray::from_vector<double>({-1.0, 1.0});
  skops::VotingClassifier soft(ests, {"a", "b"}, labels, true, {1.0, 3.0});
  Matrix X(1, 1);
  X << -1.0;  // (0.75, 0.25) and (0.25, 0.75)
  EXPECT_EQ(soft.predict_proba(X).to_vector<double>(),
            (std::vector<double>{(0.75 + 0.75) / 4.0, (0.25 + 2.25) / 4.0}));
  EXPECT_EQ(soft.predict(X).to_vector<double>(), std::vector<double>{1.0});
  EXPECT_EQ(soft.transform(X).shape(), (std::vector<std::int64_t>{1, 4}));

  skops::VotingClassifier hard(ests, {"a", "b"}, labels, false, {});
  EXPECT_FALSE(hard.supports(Method::PredictProba));
  EXPECT_EQ(hard.predict(X).to_vector<double>(), std::vector<double>{-1.0});  // tie: first
  const NdArray t = hard.transform(X);
  EXPECT_EQ(t.dtype(), skops::DType::int64());
  EXPECT_EQ(t.to_vector<std::int64_t>(), (std::vector<std::int64_t>{0, 1}));

  for (const char* v : {"1.2.1", "1.4.2"}) {
    auto again = ts::reload(soft, v);
    EXPECT_EQ(again->predict_proba(X), soft.predict_proba(X));
    auto again_hard = ts::reload(hard, v);
    EXPECT_EQ(again_hard->predict(X), hard.predict(X));
  }
  EXPECT_THROW(skops::VotingClassifier(ests, {"a"}, labels, true, {}), skops::ValidationError);
  EXPECT_THROW(skops::VotingClassifier(ests, {"a", "b"}, labels, true, {1.0}),
               skops::ValidationError);
}

TEST(Voting, RegressorWeightedMean) {
  std::vector<EstimatorPtr> ests = {tree_reg(1, 0, 0.0, 1.0, 2.0), tree_reg(1, 0, 0.0, 4.0, 8.0)};
  skops::VotingRegressor vr(ests, {"x", "y"}, {1.0, 3.0});
  Matrix X(1, 1);
  X << 1.0;
  EXPECT_EQ(vr.predict(X).to_vector<double>(), std::vector<double>{(2.0 + 24.0) / 4.0});
  EXPECT_EQ(vr.transform(X).to_vector<double>(), (std::vector<double>{2.0, 8.0}));
  auto again = ts::reload(vr, "1.4.2");
  EXPECT_EQ(again->predict(X), vr.predict(X));
}

// --- Stacking --------------------------------------------------------------------------

TEST(Stacking, BinaryProbabilitiesDropTheFirstColumn) {
  const NdArray pos = NdArray::from_vector<std::int64_t>({0, 1});
  std::vector<EstimatorPtr> ests = {tree_clf(2, 0, 0.0, {3, 1}, {1, 3}, pos),
                                    tree_clf(2, 1, 0.0, {1, 0}, {0, 1}, pos)};
  // The final estimator sees [p1 of tree 0, predict of tree 1, X0, X1] with passthrough.
  EstimatorPtr final_est = tree_clf(4, 0, 0.5, {4, 0}, {0, 4}, pos);
  const NdArray labels = NdArray::from_strings({"neg", "pos"}, {2});
  skops::Stacking st(ests, {"t0", "t1"}, {Method::PredictProba, Method::Predict}, final_est, true,
                     labels);
  Matrix X(2, 2);
  X << -1.0, 1.0, 1.0, -1.0;
  const NdArray meta = st.transform(X);
  EXPECT_EQ(meta.shape(), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(meta.to_vector<double>(),
            (std::vector<double>{0.25, 1.0, -1.0, 1.0, 0.75, 0.0, 1.0, -1.0}));
  EXPECT_EQ(st.predict(X).to_strings(), (std::vector<std::string>{"neg", "pos"}));
  EXPECT_EQ(st.predict_proba(X).to_vector<double>(), (std::vector<double>{1, 0, 0, 1}));
  EXPECT_FALSE(st.supports(Method::DecisionFunction));
  for (const char* v : {"1.2.1", "1.4.2"}) {
    auto again = ts::reload(st, v);
    EXPECT_EQ(again->type_name(), "sklearn.ensemble._stacking.StackingClassifier");
    EXPECT_EQ(again->transform(X), st.transform(X));
    EXPECT_EQ(again->predict(X), st.predict(X));
  }
  EXPECT_THROW(skops::Stacking(ests, {}, {Method::DecisionFunction, Method::Predict}, final_est,
                               false, labels),
               skops::ValidationError);
}

TEST(Stacking, RegressorWithoutPassthrough) {
  std::vector<EstimatorPtr> ests = {tree_reg(1, 0, 0.0, 1.0, 2.0), tree_reg(1, 0, 0.0, 3.0, 5.0)};
  EstimatorPtr final_est = tree_reg(2, 1, 4.0, 10.0, 20.0);
  skops::Stacking st(ests, {"a", "b"}, {Method::Predict, Method::Predict}, final_est, false,
                     NdArray());
  Matrix X(2, 1);
  X << -1.0, 1.0;
  EXPECT_EQ(st.transform(X).to_vector<double>(), (std::vector<double>{1, 3, 2, 5}));
  EXPECT_EQ(st.predict(X).to_vector<double>(), (std::vector<double>{10.0, 20.0}));
  EXPECT_FALSE(st.supports(Method::PredictProba));
  auto again = ts::reload(st, "1.4.2");
  EXPECT_EQ(again->type_name(), "sklearn.ensemble._stacking.StackingRegressor");
  EXPECT_EQ(again->predict(X), st.predict(X));
}

using skops::make::integer;
using skops::make::list;
using skops::make::str;

TEST(CraftedFiles, AreValidationErrors) {
  const NdArray classes = NdArray::from_vector<std::int64_t>({0, 1, 2});
  std::vector<EstimatorPtr> ests = {tree_clf(2, 0, 0.0, {3, 1, 0}, {0, 1, 3}, classes),
                                    tree_clf(2, 1, 0.0, {1, 1, 2}, {2, 2, 0}, classes)};
  skops::AdaBoostClassifier ada(ests, {1.0, 1.0}, classes,
                                skops::AdaBoostClassifier::Algorithm::SammeR);
  ASSERT_NO_THROW(skops::loads(skops::dumps(ada)));
  expect_invalid(with_attr(ada, "estimator_weights_",
                           skops::make::array(NdArray::from_vector<double>({1.0}))));
  expect_invalid(with_attr(ada, "estimator_weights_",
                           skops::make::array(NdArray::from_vector<std::int64_t>({1, 1}))));
  expect_invalid(with_attr(ada, "algorithm", str("SAMME.X")));
  expect_invalid(with_attr(ada, "n_classes_", integer(4)));
  expect_invalid(
      with_attr(ada, "classes_", skops::make::array(NdArray::from_vector<std::int64_t>({0, 1}))));
  expect_invalid(with_attr(ada, "n_features_in_", integer(3)));
  expect_invalid(with_attr(ada, "estimators_", list({})));

  auto forest = skops::IsolationForest::from_trees(
      {stump(1, 0, 0.0, {0}, {0}, 1), stump(1, 0, 0.0, {0}, {0}, 1)}, {{1}, {0}}, 2, 1, 10, -0.5);
  ASSERT_NO_THROW(skops::loads(skops::dumps(*forest)));
  auto idx = [](std::vector<std::int64_t> v) {
    return skops::make::array(NdArray::from_vector(v));
  };
  expect_invalid(with_attr(*forest, "estimators_features_", list({idx({1}), idx({7})})));
  expect_invalid(with_attr(*forest, "estimators_features_", list({idx({1})})));
  expect_invalid(with_attr(*forest, "_decision_path_lengths",
                           skops::make::tuple({idx({1, 2}), idx({1, 2, 2})})));
  expect_invalid(with_attr(*forest, "_max_features", integer(2)));

  skops::VotingClassifier vote(ests, {"a", "b"}, classes, true, {1.0, 2.0});
  ASSERT_NO_THROW(skops::loads(skops::dumps(vote), [] {
    skops::LoadOptions o;
    o.trusted = {"sklearn.utils._bunch.Bunch"};
    return o;
  }()));
  expect_invalid(with_attr(vote, "weights", list({skops::make::real(1.0)})));
  expect_invalid(with_attr(vote, "voting", str("loud")));

  skops::Stacking st(ests, {"a", "b"}, {Method::PredictProba, Method::Predict}, ests[0], false,
                     classes);
  expect_invalid(with_attr(st, "stack_method_", list({str("predict_proba"), str("fit")})));
  expect_invalid(with_attr(st, "stack_method_", list({str("predict_proba")})));
  expect_invalid(with_attr(st, "stack_method_", list({str("decision_function"), str("predict")})));
}

}  // namespace
}  // namespace ensemble2_cases

namespace ensemble_cases {
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
}  // namespace ensemble_cases
