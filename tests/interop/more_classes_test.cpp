// The classes of issue 14 outside linear models written by Python skops (tests/data/more, both
// scikit-learn versions): SGDOneClassSVM, KernelCenterer, a standalone MissingIndicator, RFE,
// RFECV, SequentialFeatureSelector, SelectFromModel (its mask from estimator_.coef_) and
// OneVsOneClassifier; and (tests/data/gaps) the registered classes that had no file written by
// Python skops before.
// Each loads with Python skops' trust, every recorded method equals scikit-learn's (labels and
// masks exactly, with their dtype; floats within 1e-12 relative / 1e-10 absolute), and again
// after dumps → loads, which writes the same attributes back.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

#include "estimator_support.hpp"
#include "skops/estimators/feature_selection.hpp"
#include "skops/estimators/impute.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace skops::testing_support {
// Readable parameter names in gtest's failure lines.
void PrintTo(const ZooModel& m, std::ostream* os) { *os << m.dir << "/" << m.name; }
}  // namespace skops::testing_support

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;
using skops::NdArray;

// Models per version; a missing or extra file fails ModelCounts.
// gaps/: registered classes that had only native C++ tests before (tests/data/gaps).
// wp1/: the WP1 wrappers with other parameters than the zoo's (tests/data/wp1).
const std::map<std::string, std::size_t> kCounts = {{"more/sklearn-1.2.1", 26},
                                                    {"more/sklearn-1.4.2", 26},
                                                    {"gaps/sklearn-1.2.1", 23},
                                                    {"gaps/sklearn-1.4.2", 23},
                                                    {"wp1/sklearn-1.2.1", 20},
                                                    {"wp1/sklearn-1.4.2", 20}};

std::vector<ts::ZooModel> more_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops")) out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

TEST(MoreClasses, ModelCounts) {
  for (const auto& [dir, n] : kCounts) EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
}

// Every recorded method: dtype kind and size as scikit-learn's, non-float values exactly.
void expect_methods(const skops::Estimator& est, const ts::ZooModel& m, const std::string& what) {
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  const auto methods = m.expected().at("methods");
  ASSERT_FALSE(methods.empty());
  for (const auto& [method_name, file] : methods.items()) {
    SCOPED_TRACE(what + " " + method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    const NdArray want = ts::read_npy_file(m.path("." + method_name + ".npy"));
    const NdArray got = est.run_array(*method, X);
    ts::expect_same_result(got, want);
  }
}


class MoreClasses : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(MoreClasses, MatchesScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_EQ(est->type_name(), m.expected().at("class").get<std::string>());
  expect_methods(*est, m, "loaded");
  // Re-saved for the version the file was written by (keys such as BaseEnsemble's
  // `_estimator` / `estimator_` depend on it).
  skops::DumpOptions dump;
  dump.sklearn_version = m.expected().at("sklearn_version").get<std::string>();
  const std::vector<std::uint8_t> bytes = skops::dumps(*est, dump);
  const auto back = skops::loads(bytes, m.options());
  EXPECT_EQ(back->type_name(), est->type_name());
  const auto keys = ts::state_keys(*skops::Document::read_file(m.path(".skops")));
  EXPECT_GE(keys.size(), 4u);
  EXPECT_EQ(ts::state_keys(*skops::Document::read_bytes(bytes)), keys);
  expect_methods(*back, m, "resaved");
}

std::string case_name(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string n = info.param.dir.substr(info.param.dir.find('/') + 1) + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(More, MoreClasses, ::testing::ValuesIn(more_models()), case_name);

const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(MissingIndicatorNative, MasksTheFittedColumnsAndRefusesNewOnes) {
  using skops::estimators::MissingIndicator;
  const MissingIndicator only({0, 2}, 3, kNaN, false, true);
  const skops::Matrix X = (skops::Matrix(2, 3) << kNaN, 1, 2, 3, 4, kNaN).finished();
  const NdArray got = only.run(Method::Transform, X);
  EXPECT_EQ(got.dtype().kind(), skops::DTypeKind::Bool);
  EXPECT_EQ(got.shape(), (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(got.to_vector<int>(), (std::vector<int>{1, 0, 0, 1}));
  const skops::Matrix fresh = (skops::Matrix(1, 3) << 0, kNaN, 0).finished();
  EXPECT_THROW(only.run(Method::Transform, fresh), skops::InputError);
  const MissingIndicator lenient({0, 2}, 3, kNaN, false, false);
  EXPECT_EQ(lenient.run(Method::Transform, fresh).to_vector<int>(), (std::vector<int>{0, 0}));
  // A number as missing value: NaN in X is then refused, as check_array does.
  const MissingIndicator minus_one({0, 1, 2}, 3, -1.0, true, true);
  EXPECT_THROW(minus_one.run(Method::Transform, X), skops::InputError);
  const auto back = ts::reload(minus_one);
  EXPECT_EQ(back->run(Method::Transform, (skops::Matrix(1, 3) << -1, 0, -1).finished()).to_vector<int>(),
            (std::vector<int>{1, 0, 1}));
}

// sparse=False: the densified input's mask; sparse="auto" (a sparse mask in scikit-learn):
// refused; missing_values=0 with sparse input: refused, as scikit-learn does.
TEST(MissingIndicatorNative, SparseInput) {
  using skops::estimators::MissingIndicator;
  skops::CsrMatrix X;
  X.rows = 2;
  X.cols = 2;
  X.indptr = {0, 1, 2};
  X.indices = {0, 1};
  X.data = {kNaN, 3.0};
  const MissingIndicator dense_out({0, 1}, 2, kNaN, true, true, false);
  EXPECT_EQ(dense_out.run_sparse(Method::Transform, X).to_vector<int>(), (std::vector<int>{1, 0, 0, 0}));
  const MissingIndicator auto_out({0, 1}, 2, kNaN, true, true, true);
  EXPECT_THROW(auto_out.run_sparse(Method::Transform, X), skops::UnsupportedError);
  X.data = {0.0, 3.0};
  const MissingIndicator zero({0, 1}, 2, 0.0, true, true, false);
  EXPECT_THROW(zero.run_sparse(Method::Transform, X), skops::InputError);
  const skops::estimators::KernelCenterer kc({1.0, 3.0}, 2.0);
  EXPECT_THROW(kc.run_sparse(Method::Transform, X), skops::InputError);
}

TEST(MissingIndicatorNative, RefusesBadFeatures) {
  using skops::estimators::MissingIndicator;
  EXPECT_THROW(MissingIndicator({1, 0}, 3), skops::ValidationError);
  EXPECT_THROW(MissingIndicator({0, 3}, 3), skops::ValidationError);
  EXPECT_THROW(MissingIndicator({0, 1}, 3, kNaN, true), skops::ValidationError);
}

TEST(KernelCentererNative, CentresAndRoundTrips) {
  using skops::estimators::KernelCenterer;
  const KernelCenterer kc({1.0, 3.0}, 2.0);
  const skops::Matrix K = (skops::Matrix(1, 2) << 2.0, 6.0).finished();
  // 2 - 1 - 4 + 2 = -1; 6 - 3 - 4 + 2 = 1.
  EXPECT_EQ(kc.run(Method::Transform, K).to_vector<double>(), (std::vector<double>{-1.0, 1.0}));
  const auto back = ts::reload(kc);
  EXPECT_EQ(back->run(Method::Transform, K).to_vector<double>(), (std::vector<double>{-1.0, 1.0}));
  EXPECT_THROW(KernelCenterer({}, 0.0), skops::ValidationError);
}

TEST(WrapperFeatureSelectorNative, SelectsAndInverts) {
  using skops::estimators::WrapperFeatureSelector;
  const WrapperFeatureSelector sfs("sklearn.feature_selection._sequential.SequentialFeatureSelector",
                                   {false, true, true}, nullptr);
  EXPECT_FALSE(sfs.supports(Method::Predict));
  const skops::Matrix X = (skops::Matrix(1, 3) << 1.0, 2.0, 3.0).finished();
  EXPECT_EQ(sfs.run(Method::Transform, X).to_vector<double>(), (std::vector<double>{2.0, 3.0}));
  const skops::Matrix Xt = (skops::Matrix(1, 2) << 2.0, 3.0).finished();
  EXPECT_EQ(sfs.run(Method::InverseTransform, Xt).to_vector<double>(),
            (std::vector<double>{0.0, 2.0, 3.0}));
  EXPECT_THROW(WrapperFeatureSelector("sklearn.feature_selection._rfe.RFE", {}, nullptr),
               skops::ValidationError);
}

TEST(SGDOneClassSVMNative, DecisionScoreAndPredict) {
  using skops::estimators::SGDOneClassSVM;
  const SGDOneClassSVM svm({1.0, -2.0}, 0.5);
  const skops::Matrix X = (skops::Matrix(2, 2) << 1.0, 0.0, 0.0, 1.0).finished();
  EXPECT_EQ(svm.run(Method::DecisionFunction, X).to_vector<double>(), (std::vector<double>{0.5, -2.5}));
  EXPECT_EQ(svm.run(Method::ScoreSamples, X).to_vector<double>(), (std::vector<double>{1.0, -2.0}));
  const NdArray y = svm.run(Method::Predict, X);
  EXPECT_EQ(y.dtype().itemsize(), 4u);
  EXPECT_EQ(y.to_vector<int>(), (std::vector<int>{1, -1}));
  const auto back = ts::reload(svm);
  EXPECT_EQ(back->run(Method::DecisionFunction, X).to_vector<double>(), (std::vector<double>{0.5, -2.5}));
}

}  // namespace
