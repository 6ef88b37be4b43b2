// Unit tests of sklearn.pipeline: Pipeline, FeatureUnion (src/estimators/pipeline/).

#include <gtest/gtest.h>

#include <cmath>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/compose.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace {

using skops::Matrix;
using skops::NdArray;
using skops::testing_support::mat;
namespace ts = skops::testing_support;
namespace pre = skops::preprocessing;
namespace cmp = skops::compose;

const char* const kVersions[] = {"sklearn-1.2.1", "sklearn-1.4.2"};

// ts::expect_close, and the dtype scikit-learn returned.
void expect_close(const NdArray& got, const NdArray& want) {
  ASSERT_EQ(got.dtype(), want.dtype());
  ts::expect_close(got, want);
}

std::shared_ptr<const pre::StandardScaler> scaler() {
  return std::make_shared<pre::StandardScaler>(std::vector<double>{1.0, 2.0},
                                               std::vector<double>{2.0, 2.0});
}

TEST(Pipeline, NativeTransformChainAndRoleFollowLastStep) {
  auto p =
      cmp::Pipeline::from_estimators({{"sc", scaler()},
                                      {"skip", nullptr},
                                      {"poly", std::make_shared<pre::PolynomialFeatures>(2, 2)}});
  EXPECT_EQ(p->role(), skops::Role::Transformer);
  EXPECT_TRUE(p->supports(skops::Method::Transform));
  EXPECT_FALSE(p->supports(skops::Method::Predict));
  EXPECT_EQ(p->n_features_in(), 2);
  const Matrix X = mat(1, 2, {3.0, 6.0});  // scaled to (1, 2)
  EXPECT_EQ(p->transform(X).to_vector<double>(), (std::vector<double>{1, 1, 2, 1, 2, 4}));
  EXPECT_THROW(p->predict(X), skops::UnsupportedError);
  EXPECT_THROW(p->transform(mat(1, 3, {1, 2, 3})), skops::InputError);
  auto back = ts::reload(*p);
  EXPECT_EQ(back->type_name(), "sklearn.pipeline.Pipeline");
  EXPECT_EQ(back->transform(X), p->transform(X));
}

TEST(Pipeline, PassthroughLastStepIsIdentity) {
  auto p = cmp::Pipeline::from_estimators({{"sc", scaler()}, {"end", nullptr}});
  EXPECT_EQ(p->transform(mat(1, 2, {3.0, 4.0})).to_vector<double>(), (std::vector<double>{1, 1}));
}

// Pipeline.inverse_transform: the steps' inverses in reverse order, 'passthrough' skipped;
// only when every step has one.
TEST(Pipeline, InverseTransformRunsTheStepsBackwards) {
  const auto minmax = std::make_shared<pre::MinMaxScaler>(std::vector<double>{0.5, 0.25},
                                                          std::vector<double>{-1.0, 0.0});
  auto p = cmp::Pipeline::from_estimators({{"sc", scaler()}, {"skip", nullptr}, {"mm", minmax}});
  ASSERT_TRUE(p->supports(skops::Method::InverseTransform));
  const Matrix X = mat(2, 2, {3.0, 6.0, -1.0, 0.5});
  const Matrix Xt = skops::to_matrix(p->transform(X));
  // sc: ((3-1)/2, (6-2)/2) = (1, 2); mm: (1*0.5-1, 2*0.25+0) = (-0.5, 0.5).
  EXPECT_EQ(skops::to_matrix(p->transform(mat(1, 2, {3.0, 6.0}))), mat(1, 2, {-0.5, 0.5}));
  const NdArray back = p->run(skops::Method::InverseTransform, Xt);
  EXPECT_EQ(back.shape(), (std::vector<std::int64_t>{2, 2}));
  const auto v = back.to_vector<double>();
  const std::vector<double> want = {3.0, 6.0, -1.0, 0.5};
  for (std::size_t i = 0; i < v.size(); ++i) EXPECT_NEAR(v[i], want[i], 1e-12) << i;
  // float32 in, float32 out, as long as the steps keep float32 (StandardScaler does).
  auto s = cmp::Pipeline::from_estimators({{"sc", scaler()}, {"end", nullptr}});
  const NdArray f32 = s->run_array(skops::Method::InverseTransform,
                                   NdArray::from_vector(std::vector<float>{1.0f, 2.0f}, {1, 2}));
  EXPECT_EQ(f32.dtype(), skops::DType::float32());
  EXPECT_EQ(f32.to_vector<float>(), (std::vector<float>{3.0f, 6.0f}));
  // A step without inverse_transform (PolynomialFeatures) makes the pipeline lack it.
  auto q = cmp::Pipeline::from_estimators(
      {{"sc", scaler()}, {"poly", std::make_shared<pre::PolynomialFeatures>(2, 2)}});
  EXPECT_FALSE(q->supports(skops::Method::InverseTransform));
  EXPECT_THROW(q->run(skops::Method::InverseTransform, X), skops::UnsupportedError);
}

TEST(Pipeline, IntermediateStepMustTransform) {
  auto pipe = cmp::Pipeline::from_estimators({{"sc", scaler()}});
  // A Pipeline whose last step cannot transform is fine only as the last step.
  std::vector<cmp::Step> steps{{"a", scaler(), "estimator"}, {"a", scaler(), "estimator"}};
  EXPECT_THROW(cmp::Pipeline{steps}, skops::ValidationError);  // repeated name
  EXPECT_THROW(cmp::Pipeline{std::vector<cmp::Step>{}}, skops::ValidationError);
}

TEST(Pipeline, HostileStepThatIsNotATupleIsRefused) {
  try {
    skops::load(ts::data_path("hostile/model_pipeline_step_not_tuple.skops"));
    FAIL() << "loaded";
  } catch (const skops::ValidationError& e) {
    EXPECT_NE(e.json_pointer().find("/steps/"), std::string::npos) << e.what();
  }
}

TEST(Pipeline, CorpusDelegatesEveryRecordedMethod) {
  for (const char* v : kVersions) {
    SCOPED_TRACE(v);
    auto est = skops::load(ts::corpus_path(v, "Pipeline_StandardScaler_LogisticRegression.skops"));
    EXPECT_EQ(est->role(), skops::Role::Classifier);
    const Matrix X = skops::to_matrix(
        ts::read_npy_file(ts::corpus_path(v, "Pipeline_StandardScaler_LogisticRegression.X.npy")));
    auto back = ts::reload(*est);
    for (const std::string m :
         {"predict", "predict_proba", "predict_log_proba", "decision_function"}) {
      SCOPED_TRACE(m);
      const NdArray want = ts::read_npy_file(
          ts::corpus_path(v, "Pipeline_StandardScaler_LogisticRegression." + m + ".npy"));
      const auto method = *skops::method_from_string(m);
      expect_close(est->run(method, X), want);
      expect_close(back->run(method, X), want);
    }
  }
}

TEST(FeatureUnion, WeightsAndPassthrough) {
  cmp::FeatureUnion u(
      {{"sc", scaler(), "estimator"}, {"id", nullptr, "passthrough"}, {"x", nullptr, "drop"}},
      {{"id", 10.0}});
  EXPECT_EQ(u.transform(mat(1, 2, {3.0, 4.0})).to_vector<double>(),
            (std::vector<double>{1, 1, 30, 40}));
  EXPECT_EQ(ts::reload(u)->transform(mat(1, 2, {3.0, 4.0})), u.transform(mat(1, 2, {3.0, 4.0})));
}

}  // namespace
