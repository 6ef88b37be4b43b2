// Unit tests of sklearn.linear_model: linear regressors and classifiers (src/estimators/linear_model/).

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <limits>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"
#include "zoo_wrappers.hpp"

namespace skops {
namespace {

using estimators::LinearClassifier;
using estimators::LinearClassifierKind;
using estimators::LinearClassifierOptions;
using estimators::LinearRegressor;
using estimators::LinearRegressorKind;
using testing_support::f64;
using testing_support::i64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

NdArray f64_scalar(double v) { return NdArray::from_vector(std::vector<double>{v}, {}); }

// ---------------------------------------------------------------------------------------
// Regressors

TEST(LinearRegressor, PredictsXCoefPlusIntercept) {
  auto est = LinearRegressor::from_arrays(LinearRegressorKind::LinearRegression,
                                          f64({1.0, -2.0, 0.5}), f64_scalar(3.0));
  const Matrix X = mat({{1, 1, 1}, {0, 0, 0}, {2, 0.5, -4}});
  const NdArray y = est->predict(X);
  ASSERT_EQ(y.shape(), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(y.dtype(), DType::float64());
  EXPECT_EQ(values(y), (std::vector<double>{2.5, 3.0, 2.0}));
  EXPECT_EQ(est->n_features_in(), 3);
  EXPECT_TRUE(est->supports(Method::Predict));
  EXPECT_FALSE(est->supports(Method::PredictProba));
  EXPECT_THROW(est->run(Method::PredictProba, X), UnsupportedError);
  ts::expect_round_trip(*est, X);
}

TEST(LinearRegressor, MultiTargetGives2d) {
  auto est = LinearRegressor::from_arrays(LinearRegressorKind::Ridge, f64({1, 0, 0, 1}, {2, 2}),
                                          f64({0.5, -0.5}));
  const NdArray y = est->predict(mat({{2, 3}}));
  ASSERT_EQ(y.shape(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(values(y), (std::vector<double>{2.5, 2.5}));
  ts::expect_round_trip(*est, mat({{2, 3}, {1, 1}}));
}

TEST(LinearRegressor, SgdRegressorRavels) {
  auto est =
      LinearRegressor::from_arrays(LinearRegressorKind::SGDRegressor, f64({2.0}), f64({1.0}));
  const NdArray y = est->predict(mat({{1}, {2}}));
  EXPECT_EQ(y.shape(), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(values(y), (std::vector<double>{3.0, 5.0}));
  ts::expect_round_trip(*est, mat({{1}, {2}}));
}

TEST(LinearRegressor, EveryKindRoundTrips) {
  for (auto kind : {LinearRegressorKind::Lasso, LinearRegressorKind::ElasticNet,
                    LinearRegressorKind::HuberRegressor, LinearRegressorKind::QuantileRegressor,
                    LinearRegressorKind::BayesianRidge}) {
    auto est = LinearRegressor::from_arrays(kind, f64({0.25, -1.5}), f64_scalar(0.125));
    EXPECT_EQ(values(est->predict(mat({{4, 1}}))), (std::vector<double>{-0.375}));
    ts::expect_round_trip(*est, mat({{4, 1}, {0, 2}}));
  }
  auto svr =
      LinearRegressor::from_arrays(LinearRegressorKind::LinearSVR, f64({0.25, -1.5}), f64({0.125}));
  EXPECT_EQ(values(svr->predict(mat({{4, 1}}))), (std::vector<double>{-0.375}));
  ts::expect_round_trip(*svr, mat({{4, 1}}));
}

TEST(LinearRegressor, Float32ModelComputesInFloat32OnFloat32Input) {
  const std::vector<float> coef = {0.1f, 0.2f, 0.3f};
  auto est = LinearRegressor::from_arrays(LinearRegressorKind::LinearRegression,
                                          NdArray::from_vector(coef),
                                          NdArray::from_vector(std::vector<float>{1.5f}, {}));
  const Matrix X =
      mat({{static_cast<double>(1.1f), static_cast<double>(2.2f), static_cast<double>(3.3f)}});
  const NdArray y32 = est->run_float32(Method::Predict, X);
  ASSERT_EQ(y32.dtype(), DType::float32());
  float acc = 0.0f;
  acc = acc + 1.1f * 0.1f;
  acc = acc + 2.2f * 0.2f;
  acc = acc + 3.3f * 0.3f;
  EXPECT_EQ(y32.data<float>()[0], acc + 1.5f);
  // float64 input: numpy upcasts coef_ and returns float64.
  EXPECT_EQ(est->predict(X).dtype(), DType::float64());
  const NdArray y = est->predict(X);
  EXPECT_DOUBLE_EQ(values(y)[0], static_cast<double>(1.1f) * static_cast<double>(0.1f) +
                                     static_cast<double>(2.2f) * static_cast<double>(0.2f) +
                                     static_cast<double>(3.3f) * static_cast<double>(0.3f) + 1.5);
  auto back = ts::expect_round_trip(*est, X);
  // The float32 dtype of coef_ survives the save.
  auto* lr = dynamic_cast<const LinearRegressor*>(back.get());
  ASSERT_NE(lr, nullptr);
  EXPECT_EQ(lr->coefficients().coef.dtype(), DType::float32());
}

TEST(LinearRegressor, RejectsBadArrays) {
  using K = LinearRegressorKind;
  EXPECT_THROW(LinearRegressor::from_arrays(K::LinearRegression, i64({1, 2}), f64_scalar(0)),
               ValidationError);
  EXPECT_THROW(
      LinearRegressor::from_arrays(K::LinearRegression, f64({1, 2, 3, 4}, {2, 2}), f64({1, 2, 3})),
      ValidationError);
  EXPECT_THROW(
      LinearRegressor::from_arrays(K::LinearRegression, f64({1, 2, 3, 4}, {2, 2}), f64_scalar(0)),
      ValidationError);
  EXPECT_THROW(LinearRegressor::from_arrays(K::LinearRegression, f64({}, {0}), f64_scalar(0)),
               ValidationError);
  EXPECT_THROW(LinearRegressor::from_arrays(K::LinearRegression,
                                            NdArray::from_strings({"a", "b"}, {2}), f64_scalar(0)),
               ValidationError);
}

TEST(LinearRegressor, RejectsBadInput) {
  auto est = LinearRegressor::from_arrays(LinearRegressorKind::LinearRegression, f64({1.0, 2.0}),
                                          f64_scalar(0));
  EXPECT_THROW(est->predict(mat({{1, 2, 3}})), InputError);
  EXPECT_THROW(est->predict(Matrix(0, 2)), InputError);
  EXPECT_THROW(est->predict(mat({{1, std::numeric_limits<double>::quiet_NaN()}})), InputError);
  EXPECT_THROW(est->predict(mat({{1, std::numeric_limits<double>::infinity()}})), InputError);
}

// ---------------------------------------------------------------------------------------
// Classifiers

TEST(LinearClassifier, BinaryLogisticIsOvrSigmoid) {
  auto est = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                           f64({1.0, -1.0}, {1, 2}), f64({0.5}), i64({3, 7}));
  EXPECT_EQ(est->proba_mode(), estimators::ProbaMode::OvrSigmoid);
  const Matrix X = mat({{1, 0}, {0, 2}, {0, 0.5}});
  const NdArray d = est->decision_function(X);
  ASSERT_EQ(d.shape(), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(values(d), (std::vector<double>{1.5, -1.5, 0.0}));
  // scores > 0 → classes_[1]; a score of exactly 0 gives classes_[0].
  const NdArray p = est->predict(X);
  EXPECT_EQ(p.dtype(), DType::int64());
  EXPECT_EQ(p.to_vector<std::int64_t>(), (std::vector<std::int64_t>{7, 3, 3}));
  const NdArray pr = est->predict_proba(X);
  ASSERT_EQ(pr.shape(), (std::vector<std::int64_t>{3, 2}));
  const auto v = values(pr);
  const double e = 1.0 / (1.0 + std::exp(-1.5));
  EXPECT_EQ(v[0], 1.0 - e);
  EXPECT_EQ(v[1], e);
  EXPECT_EQ(v[4], 0.5);
  const auto lv = values(est->predict_log_proba(X));
  EXPECT_EQ(lv[1], std::log(e));
  ts::expect_round_trip(*est, X);
}

TEST(LinearClassifier, MultinomialSoftmaxAndFirstMaxTieBreak) {
  auto est = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                           f64({1, 0, 0, 1, 1, 0}, {3, 2}), f64({0, 0, 0}),
                                           i64({0, 1, 2}));
  EXPECT_EQ(est->proba_mode(), estimators::ProbaMode::Softmax);
  const Matrix X = mat({{1, 0}, {0, 1}, {2, 3}});
  // Row 0: scores (1, 0, 1) tie between classes 0 and 2: argmax takes the first.
  EXPECT_EQ(est->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{0, 1, 1}));
  const auto p = values(est->predict_proba(X));
  const double z = std::exp(0.0) + std::exp(-1.0) + std::exp(0.0);
  EXPECT_EQ(p[0], 1.0 / z);
  EXPECT_EQ(p[1], std::exp(-1.0) / z);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-15);
  ts::expect_round_trip(*est, X);

  LinearClassifierOptions ovr;
  ovr.multi_class = "ovr";
  auto est_ovr = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                               f64({1, 0, 0, 1, 1, 0}, {3, 2}), f64({0, 0, 0}),
                                               i64({0, 1, 2}), ovr);
  EXPECT_EQ(est_ovr->proba_mode(), estimators::ProbaMode::OvrSigmoid);
  const auto q = values(est_ovr->predict_proba(X));
  const double s1 = 1.0 / (1.0 + std::exp(-1.0));
  EXPECT_DOUBLE_EQ(q[0], s1 / (s1 + 0.5 + s1));
  ts::expect_round_trip(*est_ovr, X);
  // liblinear has no multinomial loss: "auto" means one-vs-rest.
  LinearClassifierOptions lib;
  lib.solver = "liblinear";
  auto est_lib = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                               f64({1, 0, 0, 1, 1, 0}, {3, 2}), f64({0, 0, 0}),
                                               i64({0, 1, 2}), lib);
  EXPECT_EQ(est_lib->proba_mode(), estimators::ProbaMode::OvrSigmoid);
}

TEST(LinearClassifier, BinaryMultinomialUsesMinusScore) {
  LinearClassifierOptions mn;
  mn.multi_class = "multinomial";
  auto est = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                           f64({1.0}, {1, 1}), f64({0.0}), i64({0, 1}), mn);
  const auto p = values(est->predict_proba(mat({{1.0}})));
  const double z = std::exp(-2.0) + 1.0;  // softmax([-1, 1]) after subtracting the max 1
  EXPECT_EQ(p[0], std::exp(-2.0) / z);
  EXPECT_EQ(p[1], 1.0 / z);
  ts::expect_round_trip(*est, mat({{1.0}, {-0.5}}));
}

TEST(LinearClassifier, StringLabelsKeepUnicodeDtype) {
  auto est = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                           f64({1, 0, 0, 1, -1, -1}, {3, 2}), f64({0, 0, 0}),
                                           NdArray::from_strings({"bird", "cat", "dog"}, {3}));
  const NdArray p = est->predict(mat({{1, 0}, {0, 1}, {-1, -1}}));
  EXPECT_EQ(p.dtype().kind(), DTypeKind::Unicode);
  EXPECT_EQ(p.to_strings(), (std::vector<std::string>{"bird", "cat", "dog"}));
  ts::expect_round_trip(*est, mat({{1, 0}, {0, 1}}));
}

TEST(LinearClassifier, SgdLossesDecideProba) {
  const Matrix X = mat({{2.0, 0.0}, {0.2, 0.0}, {-5, 0}});
  LinearClassifierOptions hinge;
  auto h = LinearClassifier::from_arrays(LinearClassifierKind::SGDClassifier, f64({1, 0}, {1, 2}),
                                         f64({0}), i64({-1, 1}), hinge);
  EXPECT_FALSE(h->supports(Method::PredictProba));
  EXPECT_THROW(h->predict_proba(X), UnsupportedError);
  EXPECT_EQ(h->predict(X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{1, 1, -1}));
  ts::expect_round_trip(*h, X);

  LinearClassifierOptions mh;
  mh.loss = "modified_huber";
  auto m = LinearClassifier::from_arrays(LinearClassifierKind::SGDClassifier, f64({1, 0}, {1, 2}),
                                         f64({0}), i64({-1, 1}), mh);
  // binary: p1 = (clip(s, -1, 1) + 1) / 2, p0 = 1 - p1.
  EXPECT_EQ(values(m->predict_proba(X)), (std::vector<double>{0.0, 1.0, 1.0 - 0.6, 0.6, 1.0, 0.0}));
  ts::expect_round_trip(*m, X);

  // multi-class modified_huber: rows all at -1 become uniform.
  auto m3 = LinearClassifier::from_arrays(LinearClassifierKind::SGDClassifier,
                                          f64({1, 0, 0, 1, 1, 1}, {3, 2}), f64({0, 0, 0}),
                                          i64({0, 1, 2}), mh);
  const auto p3 = values(m3->predict_proba(mat({{-3, -3}, {0.5, 0}})));
  EXPECT_DOUBLE_EQ(p3[0], 1.0 / 3);
  EXPECT_DOUBLE_EQ(p3[2], 1.0 / 3);
  EXPECT_DOUBLE_EQ(p3[3], 0.75 / (0.75 + 0.5 + 0.75));

  LinearClassifierOptions log;
  log.loss = "log_loss";
  auto l = LinearClassifier::from_arrays(LinearClassifierKind::SGDClassifier, f64({1, 0}, {1, 2}),
                                         f64({0}), i64({0, 1}), log);
  EXPECT_EQ(l->proba_mode(), estimators::ProbaMode::OvrSigmoid);
  ts::expect_round_trip(*l, X);
}

TEST(LinearClassifier, OtherKindsHaveNoProba) {
  for (auto kind :
       {LinearClassifierKind::RidgeClassifier, LinearClassifierKind::Perceptron,
        LinearClassifierKind::PassiveAggressiveClassifier, LinearClassifierKind::LinearSVC}) {
    auto est =
        LinearClassifier::from_arrays(kind, f64({1, 0, 0, 1, 1, 1}, {3, 2}), f64({0, 0, -1}),
                                      NdArray::from_vector(std::vector<double>{0.5, 1.5, 2.5}));
    EXPECT_FALSE(est->supports(Method::PredictProba));
    const NdArray p = est->predict(mat({{3, 0}, {0, 3}, {2, 2}}));
    EXPECT_EQ(p.dtype(), DType::float64());
    EXPECT_EQ(values(p), (std::vector<double>{0.5, 1.5, 2.5}));
    ts::expect_round_trip(*est, mat({{3, 0}, {0, 3}}));
  }
}

TEST(LinearClassifier, RejectsInconsistentShapes) {
  using K = LinearClassifierKind;
  // 3 labels for 2 rows; 2 labels for 3 rows; 1-d coef; intercept length; complex coef.
  EXPECT_THROW(LinearClassifier::from_arrays(K::LogisticRegression, f64({1, 2, 3, 4}, {2, 2}),
                                             f64({0, 0}), i64({0, 1, 2})),
               ValidationError);
  EXPECT_THROW(LinearClassifier::from_arrays(K::LogisticRegression, f64({1, 2, 3, 4, 5, 6}, {3, 2}),
                                             f64({0, 0, 0}), i64({0, 1})),
               ValidationError);
  EXPECT_THROW(
      LinearClassifier::from_arrays(K::LogisticRegression, f64({1, 2}), f64({0}), i64({0, 1})),
      ValidationError);
  EXPECT_THROW(LinearClassifier::from_arrays(K::LogisticRegression, f64({1, 2}, {1, 2}),
                                             f64({0, 1}), i64({0, 1})),
               ValidationError);
  EXPECT_THROW(LinearClassifier::from_arrays(
                   K::LogisticRegression,
                   NdArray::from_vector(std::vector<std::complex<double>>{{1, 0}, {2, 0}}, {1, 2}),
                   f64({0}), i64({0, 1})),
               ValidationError);
  EXPECT_THROW(
      LinearClassifier::from_arrays(K::LogisticRegression, f64({1, 2}, {1, 2}), f64({0}), i64({0})),
      ValidationError);
  auto est = LinearClassifier::from_arrays(K::LogisticRegression, f64({1, 2}, {1, 2}), f64({0}),
                                           i64({0, 1}));
  EXPECT_THROW(est->predict(mat({{1}})), InputError);
  EXPECT_THROW(est->predict(mat({{1, std::numeric_limits<double>::quiet_NaN()}})), InputError);
}

TEST(LinearNative, WritesForSklearn121) {
  DumpOptions old;
  old.sklearn_version = "1.2.1";
  auto br =
      LinearRegressor::from_arrays(LinearRegressorKind::BayesianRidge, f64({1, 2}), f64_scalar(0));
  auto svc = LinearClassifier::from_arrays(LinearClassifierKind::LinearSVC, f64({1, 2}, {1, 2}),
                                           f64({0}), i64({0, 1}));
  for (const Estimator* est :
       {static_cast<const Estimator*>(br.get()), static_cast<const Estimator*>(svc.get())}) {
    const auto bytes = dumps(*est, old);
    auto back = loads(bytes);
    EXPECT_EQ(back->predict(mat({{1, 1}})), est->predict(mat({{1, 1}})));
    ts::keep_output("SKOPS_LINEAR_NATIVE_OUT", "v121_" + est->type_name() + ".skops", bytes);
  }
}

// ---------------------------------------------------------------------------------------
// Files

TEST(LinearFiles, CorpusStringLabelsAndResave) {
  for (const char* version : {"1.2.1", "1.4.2"}) {
    const std::string dir = ts::data_path(std::string("corpus/sklearn-") + version + "/");
    auto est = load(dir + "LogisticRegression_strlabels.skops");
    EXPECT_TRUE(est->supports(Method::PredictProba));
    const Matrix X = to_matrix(ts::read_npy_file(dir + "LogisticRegression_strlabels.X.npy"));
    const NdArray p = est->predict(X);
    EXPECT_EQ(p.dtype().kind(), DTypeKind::Unicode);
    auto back = loads(dumps(*est));
    EXPECT_EQ(back->predict(X), p);
  }
}

TEST(LinearFiles, HostileModelsAreRefusedAtValidation) {
  for (const char* name :
       {"model_classes_length_mismatch", "model_coef_is_string", "model_coef_shape_mismatch",
        "model_intercept_length_mismatch", "model_missing_coef", "model_n_features_in_huge",
        "model_n_features_in_negative", "model_n_features_in_overflow", "npy_complex_coef",
        "npy_string_coef", "npy_void_coef"}) {
    EXPECT_THROW(load(ts::data_path(std::string("hostile/") + name + ".skops")), ValidationError)
        << name;
  }
}


// The zoo's linear models (both versions): a scaler + LogisticRegressionCV pipeline, a
// PoissonRegressor (1.2.1 carries its loss objects, trusted as Python asks) and a RidgeCV.
TEST(LinearModelZoo, CvAndGlmModelsMatchScikitLearnAlsoAfterResave) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"}) {
    zoo_wrappers::check_zoo_model(v, "linear_cv_and_glm", "sklearn.pipeline.Pipeline");
    zoo_wrappers::check_zoo_model(v, "linear_lasso_poisson",
                                  "sklearn.linear_model._glm.glm.PoissonRegressor");
    zoo_wrappers::check_zoo_model(v, "linear_regressors_cv", "sklearn.linear_model._ridge.RidgeCV");
  }
}

}  // namespace
}  // namespace skops
