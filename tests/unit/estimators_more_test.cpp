// Unit tests of the naive_bayes, neighbors, cluster and QuadraticDiscriminantAnalysis
// families: native construction with hand-computed expectations, tie rules, validation
// failures, save → load round trips, and the families' corpus/hostile files.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/cluster.hpp"
#include "skops/estimators/discriminant_analysis_qda.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/neighbors.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

using namespace estimators;  // NOLINT
using testing_support::f64;
using testing_support::i64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

// NAME.skops (written for scikit-learn 1.2.1), NAME.X.npy, NAME.<method>.npy and
// NAME.expected.json in the layout scripts/python_roundtrip.py --native reads.
void write_for_python(const Estimator& est, const Matrix& X, const std::string& dir) {
  static int counter = 0;  // test-only file naming
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name =
      std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(counter++);
  DumpOptions opts;
  opts.sklearn_version = "1.2.1";
  ts::write_file_bytes(dir + "/" + name + ".skops", dumps(est, opts));
  ts::write_file_bytes(dir + "/" + name + ".X.npy", write_npy(to_ndarray(Matrix(X))));
  std::string methods;
  for (Method m : {Method::Predict, Method::PredictProba, Method::PredictLogProba,
                   Method::DecisionFunction, Method::Transform}) {
    if (!est.supports(m)) continue;
    ts::write_file_bytes(dir + "/" + name + "." + to_string(m) + ".npy", write_npy(est.run(m, X)));
    methods += std::string(methods.empty() ? "" : ", ") + "\"" + to_string(m) + "\": \"" + name +
               "." + to_string(m) + ".npy\"";
  }
  std::ofstream(dir + "/" + name + ".expected.json")
      << "{\"untrusted_types\": [], \"methods\": {" << methods << "}}\n";
}

// Saves, reloads through the full load path, and checks every supported method agrees
// bit for bit. SKOPS_MORE_NATIVE_OUT=dir keeps the files for the Python cross-check.
void round_trip(const Estimator& est, const Matrix& X) {
  ts::expect_same_estimator(est, *loads(dumps(est)), X);
  if (const char* dir = std::getenv("SKOPS_MORE_NATIVE_OUT")) write_for_python(est, X, dir);
}

// --- naive_bayes ------------------------------------------------------------------------

GaussianNBParams gaussian_params() {
  GaussianNBParams p;
  p.classes = i64({3, 7});
  p.theta = f64({0.0, 0.0, 2.0, 1.0}, {2, 2});
  p.var = f64({1.0, 4.0, 1.0, 4.0}, {2, 2});
  p.class_prior = f64({0.25, 0.75});
  return p;
}

TEST(GaussianNB, JointLogLikelihoodAndProba) {
  auto est = GaussianNB::from_arrays(gaussian_params());
  const Matrix X = mat({{0.0, 0.0}, {2.0, 1.0}});
  const Matrix jll = est->joint_log_likelihood(X);
  const double c = -0.5 * (std::log(2.0 * M_PI * 1.0) + std::log(2.0 * M_PI * 4.0));
  EXPECT_NEAR(jll(0, 0), std::log(0.25) + c, 1e-14);
  EXPECT_NEAR(jll(0, 1), std::log(0.75) + c - 0.5 * (4.0 + 0.25), 1e-14);
  const auto pred = est->predict(X);
  EXPECT_EQ(pred.dtype(), DType::int64());
  EXPECT_EQ(pred.to_vector<std::int64_t>(), (std::vector<std::int64_t>{3, 7}));
  const auto proba = values(est->predict_proba(X));
  const double e = std::exp(jll(0, 1) - jll(0, 0));
  EXPECT_NEAR(proba[0], 1.0 / (1.0 + e), 1e-14);
  EXPECT_NEAR(proba[0] + proba[1], 1.0, 1e-15);
  const auto logp = values(est->predict_log_proba(X));
  EXPECT_NEAR(logp[0], std::log(proba[0]), 1e-14);
  EXPECT_FALSE(est->supports(Method::DecisionFunction));
  EXPECT_THROW(est->decision_function(X), UnsupportedError);
  round_trip(*est, X);
}

TEST(GaussianNB, RejectsBadShapesAndInput) {
  auto p = gaussian_params();
  p.var = f64({1.0, 4.0, 1.0}, {3});
  EXPECT_THROW(GaussianNB::from_arrays(p), ValidationError);
  p = gaussian_params();
  p.class_prior = f64({1.0});
  EXPECT_THROW(GaussianNB::from_arrays(p), ValidationError);
  p = gaussian_params();
  p.theta = NdArray::from_strings({"a", "b", "c", "d"}, {2, 2});
  EXPECT_THROW(GaussianNB::from_arrays(p), ValidationError);
  auto est = GaussianNB::from_arrays(gaussian_params());
  EXPECT_THROW(est->predict(mat({{1.0, 2.0, 3.0}})), InputError);
  EXPECT_THROW(est->predict(mat({{NAN, 2.0}})), InputError);
  EXPECT_THROW(est->predict(Matrix(0, 2)), InputError);
}

TEST(GaussianNB, StringLabelsAndFloat32Arrays) {
  auto p = gaussian_params();
  p.classes = NdArray::from_strings({"no", "yes"}, {2});
  p.theta = NdArray::from_vector(std::vector<float>{0.f, 0.f, 2.f, 1.f}, {2, 2});
  auto est = GaussianNB::from_arrays(p);
  const auto pred = est->predict(mat({{2.0, 1.0}}));
  EXPECT_EQ(pred.dtype().kind(), DTypeKind::Unicode);
  EXPECT_EQ(pred.string_at(0), "yes");
  round_trip(*est, mat({{2.0, 1.0}, {0.0, 0.0}}));
}

TEST(DiscreteNB, MultinomialComplementBernoulli) {
  DiscreteNBParams p;
  p.classes = i64({0, 1});
  p.feature_log_prob = f64({std::log(0.5), std::log(0.5), std::log(0.25), std::log(0.75)}, {2, 2});
  p.class_log_prior = f64({std::log(0.5), std::log(0.5)});
  const Matrix X = mat({{1.0, 0.0}, {0.0, 3.0}});
  auto mnb = DiscreteNB::from_arrays(p);
  EXPECT_EQ(mnb->type_name(), "sklearn.naive_bayes.MultinomialNB");
  auto proba = values(mnb->predict_proba(X));
  EXPECT_NEAR(proba[0], 2.0 / 3.0, 1e-15);
  EXPECT_EQ(mnb->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{0, 1}));
  round_trip(*mnb, X);

  p.kind = DiscreteNBKind::Complement;
  p.class_log_prior = f64({std::log(0.9), std::log(0.1)});  // ignored with two classes
  auto cnb = DiscreteNB::from_arrays(p);
  EXPECT_NEAR(values(cnb->predict_proba(X))[0], 2.0 / 3.0, 1e-15);
  round_trip(*cnb, X);

  p.kind = DiscreteNBKind::Bernoulli;
  p.class_log_prior = f64({std::log(0.5), std::log(0.5)});
  p.binarize = 0.5;
  auto bnb = DiscreteNB::from_arrays(p);
  // x = [1, 0] → binarized [1, 0]: P(x|0) = 0.5 * 0.5, P(x|1) = 0.25 * 0.25.
  proba = values(bnb->predict_proba(mat({{0.7, 0.2}})));
  EXPECT_NEAR(proba[0], 0.25 / (0.25 + 0.0625), 1e-14);
  round_trip(*bnb, X);

  p.feature_log_prob = f64({0.0, 0.0, 0.0}, {1, 3});
  EXPECT_THROW(DiscreteNB::from_arrays(p), ValidationError);
}

TEST(CategoricalNB, IndexesCategories) {
  CategoricalNBParams p;
  p.classes = i64({0, 1});
  p.feature_log_prob = {f64({std::log(0.5), std::log(0.5), std::log(0.1), std::log(0.9)}, {2, 2})};
  p.class_log_prior = f64({std::log(0.5), std::log(0.5)});
  EXPECT_THROW(CategoricalNB::from_arrays(p), ValidationError);  // class_count_ missing
  p.class_count = f64({10.0, 10.0});
  auto est = CategoricalNB::from_arrays(p);
  const Matrix X = mat({{0.0}, {1.7}});
  const auto proba = values(est->predict_proba(X));
  EXPECT_NEAR(proba[0], 0.5 / 0.6, 1e-14);
  EXPECT_NEAR(proba[2], 0.5 / 1.4, 1e-14);  // 1.7 truncates to category 1
  EXPECT_THROW(est->predict(mat({{2.0}})), InputError);
  EXPECT_THROW(est->predict(mat({{-1.0}})), InputError);
  round_trip(*est, X);
}

// --- neighbors ---------------------------------------------------------------------------

NeighborsParams line_params(std::int64_t k, bool distance) {
  NeighborsParams p;
  p.fit_X = f64({0.0, 1.0, 2.0, 10.0}, {4, 1});
  p.n_neighbors = k;
  p.distance_weights = distance;
  return p;
}

TEST(KNeighborsClassifier, UniformAndDistanceVotes) {
  auto est = KNeighborsClassifier::from_arrays(line_params(3, false), i64({5, 6}), {0, 0, 1, 1});
  const Matrix X = mat({{0.9}, {9.0}});
  EXPECT_EQ(values(est->predict_proba(X)),
            (std::vector<double>{2.0 / 3, 1.0 / 3, 1.0 / 3, 2.0 / 3}));
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{5, 6}));
  round_trip(*est, X);

  auto dw = KNeighborsClassifier::from_arrays(line_params(3, true), i64({5, 6}), {0, 0, 1, 1});
  // x = 1.9: neighbours 2 (0.1, class 6), 1 (0.9), 0 (1.9) → 10 vs 1/0.9 + 1/1.9.
  const auto proba = values(dw->predict_proba(mat({{1.9}})));
  const double w0 = 1 / 0.9 + 1 / 1.9, w1 = 1 / (2.0 - 1.9);
  EXPECT_NEAR(proba[1], w1 / (w0 + w1), 1e-14);
  EXPECT_EQ(dw->predict(mat({{1.9}})).to_vector<std::int64_t>(), (std::vector<std::int64_t>{6}));
  // An exact match takes all the weight.
  EXPECT_EQ(values(dw->predict_proba(mat({{1.0}}))), (std::vector<double>{1.0, 0.0}));
  round_trip(*dw, X);
}

TEST(KNeighborsClassifier, TiesGoToLowerIndexAndSmallerClass) {
  NeighborsParams p;
  p.fit_X = f64({1.0, -1.0}, {2, 1});
  p.n_neighbors = 1;
  auto est = KNeighborsClassifier::from_arrays(p, i64({0, 1}), {1, 0});
  // Both at distance 1: training sample 0 (class 1) wins.
  EXPECT_EQ(est->predict(mat({{0.0}})).to_vector<std::int64_t>(), (std::vector<std::int64_t>{1}));
  p.n_neighbors = 2;
  auto two = KNeighborsClassifier::from_arrays(p, i64({0, 1}), {1, 0});
  // One vote each: the smaller class index wins (scipy.stats.mode).
  EXPECT_EQ(two->predict(mat({{0.0}})).to_vector<std::int64_t>(), (std::vector<std::int64_t>{0}));
}

TEST(KNeighborsClassifier, MetricsAndValidation) {
  NeighborsParams p;
  p.fit_X = f64({0.0, 0.0, 3.0, 3.0, 4.0, 0.0}, {3, 2});
  p.n_neighbors = 1;
  const Matrix X = mat({{3.2, 0.9}});
  // euclidean: (3,3) is 2.11 away, (4,0) 1.20; manhattan: 2.3 vs 1.7; chebyshev: 2.1 vs 0.9.
  for (auto metric : {NeighborsMetric::Euclidean, NeighborsMetric::Manhattan,
                      NeighborsMetric::Chebyshev, NeighborsMetric::Minkowski}) {
    p.metric = metric;
    p.p = 3;
    auto est = KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 2});
    EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{2}));
    round_trip(*est, X);
  }
  p.n_neighbors = 4;
  EXPECT_THROW(KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 2}), ValidationError);
  p.n_neighbors = 1;
  EXPECT_THROW(KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1}), ValidationError);
  EXPECT_THROW(KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 3}), ValidationError);
  auto est = KNeighborsClassifier::from_arrays(p, i64({0, 1, 2}), {0, 1, 2});
  EXPECT_THROW(est->predict(mat({{1.0}})), InputError);
  EXPECT_THROW(est->predict(mat({{NAN, 1.0}})), InputError);
}

TEST(KNeighborsRegressor, MeanAndDistanceWeighted) {
  auto est = KNeighborsRegressor::from_arrays(line_params(2, false), f64({1.0, 2.0, 4.0, 8.0}));
  EXPECT_EQ(values(est->predict(mat({{1.4}}))), (std::vector<double>{3.0}));  // samples 1 and 2
  auto dw = KNeighborsRegressor::from_arrays(line_params(2, true), f64({1.0, 2.0, 4.0, 8.0}));
  const auto v = values(dw->predict(mat({{1.25}, {2.0}})));
  EXPECT_NEAR(v[0], (2.0 / 0.25 + 4.0 / 0.75) / (1 / 0.25 + 1 / 0.75), 1e-14);
  EXPECT_EQ(v[1], 4.0);
  round_trip(*dw, mat({{1.25}, {2.0}}));
  auto multi = KNeighborsRegressor::from_arrays(
      line_params(2, false), f64({1.0, 10.0, 2.0, 20.0, 4.0, 40.0, 8.0, 80.0}, {4, 2}));
  const auto m = multi->predict(mat({{1.4}}));
  EXPECT_EQ(m.shape(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(values(m), (std::vector<double>{3.0, 30.0}));
  round_trip(*multi, mat({{1.4}}));
  EXPECT_THROW(KNeighborsRegressor::from_arrays(line_params(2, false), f64({1.0})),
               ValidationError);
}

TEST(NearestCentroid, ArgminWithFirstOnTies) {
  auto est = NearestCentroid::from_arrays(f64({0.0, 0.0, 2.0, 0.0}, {2, 2}), i64({4, 9}));
  EXPECT_EQ(est->predict(mat({{0.4, 1.0}, {1.0, 0.0}, {1.6, -1.0}})).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{4, 4, 9}));
  round_trip(*est, mat({{0.4, 1.0}}));
  auto l1 =
      NearestCentroid::from_arrays(f64({0.0, 0.0, 2.0, 0.0}, {2, 2}), i64({4, 9}), "manhattan");
  EXPECT_EQ(l1->predict(mat({{1.2, 5.0}})).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{9}));
  EXPECT_THROW(NearestCentroid::from_arrays(f64({0.0, 0.0}, {1, 2}), i64({4, 9})), ValidationError);
  EXPECT_THROW(NearestCentroid::from_arrays(f64({0.0, 0.0}, {1, 2}), i64({4}), "cosine"),
               UnsupportedError);
}

// --- cluster -----------------------------------------------------------------------------

TEST(KMeans, PredictIsInt32AndTransformIsDistance) {
  auto est = KMeans::from_arrays(f64({0.0, 0.0, 3.0, 4.0}, {2, 2}));
  const Matrix X = mat({{0.0, 1.0}, {3.0, 4.0}, {1.5, 2.0}});
  const auto labels = est->predict(X);
  EXPECT_EQ(labels.dtype(), DType::int32());
  EXPECT_EQ(labels.to_vector<std::int64_t>(), (std::vector<std::int64_t>{0, 1, 0}));  // tie → 0
  const auto d = values(est->transform(X));
  EXPECT_EQ(d.size(), 6u);
  EXPECT_NEAR(d[0], 1.0, 1e-15);
  EXPECT_NEAR(d[1], std::sqrt(9.0 + 9.0), 1e-14);
  EXPECT_EQ(d[3], 0.0);
  round_trip(*est, X);
  auto mb = KMeans::from_arrays(f64({0.0, 0.0, 3.0, 4.0}, {2, 2}), true);
  EXPECT_EQ(mb->type_name(), "sklearn.cluster._kmeans.MiniBatchKMeans");
  round_trip(*mb, X);
  EXPECT_THROW(KMeans::from_arrays(f64({0.0, 1.0})), ValidationError);
  EXPECT_THROW(est->transform(mat({{1.0}})), InputError);
}

// --- QDA ---------------------------------------------------------------------------------

QDAParams qda_params() {
  QDAParams p;
  p.classes = i64({0, 1, 2});
  p.means = f64({0.0, 0.0, 2.0, 0.0, 0.0, 2.0}, {3, 2});
  p.priors = f64({0.2, 0.3, 0.5});
  for (int i = 0; i < 3; ++i) {
    p.scalings.push_back(f64({1.0, 4.0}));
    p.rotations.push_back(f64({1.0, 0.0, 0.0, 1.0}, {2, 2}));
  }
  return p;
}

TEST(QuadraticDiscriminantAnalysis, Formulas) {
  auto est = QuadraticDiscriminantAnalysis::from_arrays(qda_params());
  const Matrix X = mat({{1.0, 1.0}});
  const auto d = values(est->decision_function(X));
  // class 0: x - mu = (1, 1) → 1/1 + 1/4; u = log 4.
  EXPECT_NEAR(d[0], -0.5 * (1.25 + std::log(4.0)) + std::log(0.2), 1e-14);
  EXPECT_NEAR(d[1], -0.5 * (1.25 + std::log(4.0)) + std::log(0.3), 1e-14);
  EXPECT_NEAR(d[2], -0.5 * (1.0 + 0.25 + std::log(4.0)) + std::log(0.5), 1e-14);
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{2}));
  const auto p = values(est->predict_proba(X));
  EXPECT_NEAR(p[0], 0.2, 1e-15);
  EXPECT_NEAR(values(est->predict_log_proba(X))[2], std::log(0.5), 1e-15);
  round_trip(*est, X);
}

TEST(QuadraticDiscriminantAnalysis, BinaryDecisionIsDifferenceAndShapesChecked) {
  auto p = qda_params();
  p.classes = i64({0, 1});
  p.means = f64({0.0, 0.0, 2.0, 0.0}, {2, 2});
  p.priors = f64({0.5, 0.5});
  p.scalings.pop_back();
  p.rotations.pop_back();
  auto est = QuadraticDiscriminantAnalysis::from_arrays(p);
  const auto d = est->decision_function(mat({{1.5, 0.0}}));
  EXPECT_EQ(d.shape(), (std::vector<std::int64_t>{1}));
  EXPECT_NEAR(values(d)[0], -0.5 * 0.25 + 0.5 * 2.25, 1e-14);
  round_trip(*est, mat({{1.5, 0.0}}));
  p.rotations[1] = f64({1.0, 0.0, 0.0}, {3, 1});
  EXPECT_THROW(QuadraticDiscriminantAnalysis::from_arrays(p), ValidationError);
}

// --- files -------------------------------------------------------------------------------

TEST(MoreFiles, CorpusModelsLoadAndResave) {
  for (const char* dir : {"corpus/sklearn-1.2.1/", "corpus/sklearn-1.4.2/"}) {
    for (const char* name :
         {"GaussianNB", "MultinomialNB", "KNeighborsClassifier", "KNeighborsRegressor",
          "NearestCentroid", "KMeans", "QuadraticDiscriminantAnalysis"}) {
      const std::string path = ts::data_path(std::string(dir) + name + ".skops");
      std::unique_ptr<Estimator> est;
      ASSERT_NO_THROW(est = load(path)) << path;  // KDTree/metric helpers are trusted
      std::unique_ptr<Estimator> back;
      ASSERT_NO_THROW(back = loads(dumps(*est))) << path;
      EXPECT_EQ(back->type_name(), est->type_name());
    }
  }
}

TEST(MoreFiles, HostileKMeansCentersMismatchIsRefused) {
  try {
    load(ts::data_path("hostile/model_kmeans_centers_mismatch.skops"));
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(e.json_pointer().find("cluster_centers_"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace skops
