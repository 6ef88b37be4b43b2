// The linear models of issue 14 written by Python skops (tests/data/linear, both scikit-learn
// versions): CV, least-angle, OMP, multi-task, Theil-Sen, ARD, passive-aggressive regressors,
// RidgeClassifierCV, LogisticRegressionCV and the GLMs (Poisson, Gamma, Tweedie), and wide
// LogisticRegression / SGDClassifier / Ridge (300 and 513 features: the lane-summed scores).
// Each loads with Python skops' trust, every recorded method equals scikit-learn's (labels
// exactly, floats within 1e-12 relative / 1e-10 absolute), and again after dumps → loads,
// which also keeps the CV side state.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "estimator_support.hpp"
#include "skops/estimators/linear_model.hpp"
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

// Models per version (sklearn 1.2.1 also has the three normalize=True ones); a missing or
// extra file fails ModelCounts.
const std::map<std::string, std::size_t> kCounts = {{"linear/sklearn-1.2.1", 49},
                                                    {"linear/sklearn-1.4.2", 46}};

std::vector<ts::ZooModel> linear_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops")) out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

TEST(LinearMore, ModelCounts) {
  for (const auto& [dir, n] : kCounts) EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
}

// A GLM's file holds the _base_loss object its predict calls; a native one would have none.
TEST(LinearMore, GlmsAreNotBuiltNatively) {
  using skops::estimators::LinearRegressor;
  using K = skops::estimators::LinearRegressorKind;
  for (K kind : {K::PoissonRegressor, K::GammaRegressor, K::TweedieRegressor}) {
    EXPECT_THROW(LinearRegressor::from_arrays(kind, NdArray::from_vector(std::vector<double>{0.5, 1.0}),
                                              NdArray::from_vector(std::vector<double>{0.1}, {})),
                 skops::UnsupportedError);
  }
}

// Every recorded method: string labels exactly, numbers as the zoo tests compare them.
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
    ASSERT_EQ(got.dtype().kind(), want.dtype().kind());
    if (want.dtype().kind() == skops::DTypeKind::Unicode) {
      EXPECT_EQ(got.shape(), want.shape());
      EXPECT_EQ(got.to_strings(), want.to_strings());
    } else {
      ts::expect_close(got, want);
    }
  }
}


class LinearMore : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(LinearMore, MatchesScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_EQ(est->type_name(), m.expected().at("class").get<std::string>());
  expect_methods(*est, m, "loaded");
  const std::vector<std::uint8_t> bytes = skops::dumps(*est);
  const auto back = skops::loads(bytes, m.options());
  EXPECT_EQ(back->type_name(), est->type_name());
  // The side state (alphas_, mse_path_, cv_values_, coefs_paths_, ...) is written back.
  const auto keys = ts::state_keys(*skops::Document::read_file(m.path(".skops")));
  EXPECT_GE(keys.size(), 6u);
  EXPECT_EQ(ts::state_keys(*skops::Document::read_bytes(bytes)), keys);
  expect_methods(*back, m, "resaved");
}

// CSR input (the sparse path, GLM link included; X with a third of its entries zeroed) gives
// what the dense path gives.
TEST_P(LinearMore, SparseInputIsTheDenseOne) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  ASSERT_TRUE(est->accepts_sparse());
  std::vector<double> x = ts::read_npy_file(m.path(".X.npy")).to_vector<double>();
  const std::int64_t cols = est->n_features_in();
  const std::int64_t rows = static_cast<std::int64_t>(x.size()) / cols;
  skops::CsrMatrix csr;
  csr.rows = rows;
  csr.cols = cols;
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t c = 0; c < cols; ++c) {
      double& v = x[static_cast<std::size_t>(r * cols + c)];
      if ((r + c) % 3 == 0) v = 0.0;
      if (v == 0.0) continue;
      csr.indices.push_back(c);
      csr.data.push_back(v);
    }
    csr.indptr.push_back(static_cast<std::int64_t>(csr.data.size()));
  }
  const NdArray dense = NdArray::from_vector(x, {rows, cols});
  // A named copy: items() of the temporary expected() would dangle in the range-for (ASan).
  const nlohmann::json expected = m.expected();
  for (const auto& [method_name, file] : expected.at("methods").items()) {
    SCOPED_TRACE(method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    const NdArray want = est->run_array(*method, dense);
    const NdArray got = est->run_sparse(*method, csr);
    if (want.dtype().kind() == skops::DTypeKind::Unicode) {
      EXPECT_EQ(got.to_strings(), want.to_strings());
    } else {
      ts::expect_close(got, want);
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string n = info.param.dir.substr(info.param.dir.find('/') + 1) + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Linear, LinearMore, ::testing::ValuesIn(linear_models()), case_name);

}  // namespace
