// Unit tests of sklearn.semi_supervised: SelfTrainingClassifier (src/estimators/
// semi_supervised/). Its real files (tests/data/wrap, both versions) are run by wrap_test;
// here the class itself: what it forwards, its checks and that a native one is not written
// (its fit record cannot be made up).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/semi_supervised.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
using skops::Method;
using skops::estimators::SelfTrainingClassifier;

skops::LoadOptions trusting(const std::string& base) {
  const auto expected = nlohmann::json::parse(ts::read_file_text(base + ".expected.json"));
  skops::LoadOptions o;
  o.trusted = expected.at("untrusted_types").get<std::vector<std::string>>();
  return o;
}

TEST(SelfTraining, ForwardsTheFittedEstimatorsMethods) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"}) {
    SCOPED_TRACE(v);
    const std::string base = ts::data_path(std::string("wrap/") + v + "/SelfTrainingClassifier_svc_kbest");
    const auto est = skops::load(base + ".skops", trusting(base));
    const auto& st = dynamic_cast<const SelfTrainingClassifier&>(*est);
    const skops::NdArray X = ts::read_npy_file(base + ".X.npy");
    for (Method m : {Method::Predict, Method::DecisionFunction}) {
      ASSERT_TRUE(st.supports(m));
      EXPECT_EQ(st.run_array(m, X), st.estimator()->run_array(m, X)) << skops::to_string(m);
    }
    EXPECT_EQ(st.role(), skops::Role::Other);
    // The column count is the estimator's.
    const skops::Matrix narrow = skops::Matrix::Zero(2, X.dim(1) - 1);
    EXPECT_THROW((void)st.run(Method::Predict, narrow), skops::InputError);
  }
}

TEST(SelfTraining, RefusesAMissingEstimatorAndIsNotWrittenNatively) {
  EXPECT_THROW(SelfTrainingClassifier(nullptr, ts::i64({0, 1})), skops::ValidationError);
  const std::string base = ts::data_path("wrap/sklearn-1.4.2/SelfTrainingClassifier_logistic_kbest");
  const auto loaded = skops::load(base + ".skops", trusting(base));
  const auto& st = dynamic_cast<const SelfTrainingClassifier&>(*loaded);
  const SelfTrainingClassifier native(st.estimator(), st.classes());
  EXPECT_THROW((void)skops::dumps(native), skops::Error);
}

}  // namespace
