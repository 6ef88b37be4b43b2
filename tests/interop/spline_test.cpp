// SplineTransformer and whitened PCA written by Python skops (tests/data/spline, both
// scikit-learn versions) and the zoo's prep_spline_ridge: every recorded method equals
// scikit-learn's (floats within 1e-12 relative / 1e-10 absolute; in fact bit for bit), again
// after dumps → loads, which writes the same attributes back. For PCA, inverse_transform runs
// on scikit-learn's own transform output. sparse_output=True models (1.4.2): transform_csr
// holds the same values. Then the native constructor against fit's knots, the builder's
// checks, and "error" extrapolation.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/estimators/decomposition.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace skops::testing_support {
void PrintTo(const ZooModel& m, std::ostream* os) { *os << m.dir << "/" << m.name; }
}  // namespace skops::testing_support

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;
using skops::NdArray;
using skops::estimators::BSpline;
using skops::estimators::SplineTransformer;

// Models per version (1.4.2 adds four sparse_output models); a missing or extra file fails
// ModelCounts.
const std::map<std::string, std::size_t> kCounts = {{"spline/sklearn-1.2.1", 28},
                                                    {"spline/sklearn-1.4.2", 32}};

std::vector<ts::ZooModel> spline_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops")) out.push_back({dir, fs::path(f).stem().string()});
  }
  for (const char* dir : {"zoo/sklearn-1.2.1", "zoo/sklearn-1.4.2"}) out.push_back({dir, "prep_spline_ridge"});
  return out;
}

TEST(SplineModels, ModelCounts) {
  for (const auto& [dir, n] : kCounts) EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
  EXPECT_EQ(spline_models().size(), 28u + 32u + 2u);
}

NdArray input_of(const ts::ZooModel& m, const std::string& method) {
  const auto e = m.expected();
  if (e.contains("method_inputs") && e.at("method_inputs").contains(method))
    return ts::read_npy_file(ts::data_path(m.dir + "/" + e.at("method_inputs").at(method).get<std::string>()));
  return ts::read_npy_file(m.path(".X.npy"));
}

void expect_methods(const skops::Estimator& est, const ts::ZooModel& m, const std::string& what) {
  const auto methods = m.expected().at("methods");
  ASSERT_FALSE(methods.empty());
  for (const auto& [method_name, file] : methods.items()) {
    SCOPED_TRACE(what + " " + method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    const NdArray want = ts::read_npy_file(m.path("." + method_name + ".npy"));
    const NdArray got = est.run_array(*method, input_of(m, method_name));
    ASSERT_EQ(got.dtype().kind(), skops::DTypeKind::Float);
    ts::expect_close(got, want);
    // The B-spline arithmetic is scipy's: equal to the bit.
    EXPECT_EQ(got.to_vector<double>(), want.to_vector<double>());
  }
  if (m.expected().value("sparse", false)) {
    const auto* spline = dynamic_cast<const SplineTransformer*>(&est);
    ASSERT_NE(spline, nullptr);
    EXPECT_TRUE(spline->sparse_output());
    const skops::Matrix X = skops::to_matrix(ts::read_npy_file(m.path(".X.npy")));
    const skops::CsrMatrix csr = spline->transform_csr(X);
    const NdArray want = ts::read_npy_file(m.path(".transform.npy"));
    ASSERT_EQ(std::vector<std::int64_t>({csr.rows, csr.cols}), want.shape());
    std::vector<double> dense(static_cast<std::size_t>(csr.rows * csr.cols), 0.0);
    csr.add_to_dense(dense.data());
    EXPECT_EQ(dense, want.to_vector<double>());
  }
}


class SplineModels : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(SplineModels, MatchesScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  // BSpline is trusted by default here (Python skops asks for it): the default policy loads.
  const auto est = skops::load(m.path(".skops"));
  EXPECT_EQ(est->type_name(), m.expected().at("class").get<std::string>());
  expect_methods(*est, m, "loaded");
  const std::vector<std::uint8_t> bytes = skops::dumps(*est);
  const auto back = skops::loads(bytes, m.options());
  const auto keys = ts::state_keys(*skops::Document::read_file(m.path(".skops")));
  EXPECT_EQ(ts::state_keys(*skops::Document::read_bytes(bytes)), keys);
  expect_methods(*back, m, "resaved");
}

std::string case_name(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string n = info.param.dir + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Spline, SplineModels, ::testing::ValuesIn(spline_models()), case_name);

std::shared_ptr<const SplineTransformer> load_spline(const std::string& dir, const std::string& name) {
  auto est = skops::load(ts::data_path(dir + "/" + name + ".skops"));
  auto s = std::dynamic_pointer_cast<const SplineTransformer>(std::shared_ptr<const skops::Estimator>(std::move(est)));
  EXPECT_NE(s, nullptr);
  return s;
}

// from_base_knots reproduces fit's knots and coefficients for explicit knots (the interior of
// each spline's t), so the native transformer transforms to the same bits.
TEST(SplineNative, FromBaseKnotsEqualsFit) {
  for (const char* dir : {"spline/sklearn-1.2.1", "spline/sklearn-1.4.2"}) {
    for (const char* name : {"spline_constant_d5_explicit_nobias", "spline_linear_d4_explicit_nobias",
                             "spline_periodic_d5_explicit", "spline_linear_d0", "spline_continue_d4",
                             "spline_periodic_d1_quantile"}) {
      SCOPED_TRACE(std::string(dir) + "/" + name);
      const auto fitted = load_spline(dir, name);
      ASSERT_NE(fitted, nullptr);
      const auto& splines = fitted->bsplines();
      const std::int64_t k = fitted->degree();
      const auto n_knots = static_cast<Eigen::Index>(splines[0].t.size()) - 2 * k;
      skops::Matrix base(n_knots, static_cast<Eigen::Index>(splines.size()));
      for (std::size_t f = 0; f < splines.size(); ++f) {
        for (Eigen::Index r = 0; r < n_knots; ++r) base(r, static_cast<Eigen::Index>(f)) = splines[f].t[static_cast<std::size_t>(k + r)];
      }
      const auto native = SplineTransformer::from_base_knots(base, k, fitted->extrapolation(),
                                                             fitted->include_bias());
      for (std::size_t f = 0; f < splines.size(); ++f) {
        EXPECT_EQ(native.bsplines()[f].t, splines[f].t) << f;
        EXPECT_EQ(native.bsplines()[f].c, splines[f].c) << f;
        EXPECT_EQ(native.bsplines()[f].extrapolate, splines[f].extrapolate) << f;
      }
      const NdArray X = ts::read_npy_file(ts::data_path(std::string(dir) + "/" + name + ".X.npy"));
      EXPECT_EQ(native.run_array(Method::Transform, X).to_vector<double>(),
                ts::read_npy_file(ts::data_path(std::string(dir) + "/" + name + ".transform.npy")).to_vector<double>());
      const auto back = ts::reload(native);
      EXPECT_EQ(back->run_array(Method::Transform, X).to_vector<double>(),
                native.run_array(Method::Transform, X).to_vector<double>());
    }
  }
}

TEST(SplineNative, ErrorExtrapolationRefusesRowsBeyondTheKnots) {
  const auto s = load_spline("spline/sklearn-1.2.1", "spline_error_d2");
  ASSERT_NE(s, nullptr);
  const auto& t = s->bsplines()[0].t;
  skops::Matrix X = skops::Matrix::Constant(1, s->n_features_in(), 0.0);
  for (Eigen::Index j = 0; j < X.cols(); ++j) X(0, j) = s->bsplines()[static_cast<std::size_t>(j)].t[2] + 1e-9;
  EXPECT_NO_THROW(s->run(Method::Transform, X));
  X(0, 0) = t[2] - 1e-9;  // just below the base interval [t[k], t[n]]
  EXPECT_THROW(s->run(Method::Transform, X), skops::InputError);
  X(0, 0) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(s->run(Method::Transform, X), skops::InputError);
}

BSpline linear_spline() {
  // Degree 1 on knots 0..4: hat functions.
  BSpline s;
  s.t = {0, 1, 2, 3, 4};
  s.k = 1;
  s.n_coef = 3;
  s.n_out = 3;
  s.c = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  return s;
}

TEST(SplineNative, BSplineValuesAndDerivatives) {
  BSpline s = linear_spline();
  std::vector<double> out(3), work(4);
  s.evaluate(1.5, 0, out.data(), work.data());
  EXPECT_EQ(out, (std::vector<double>{0.5, 0.5, 0.0}));
  s.evaluate(1.5, 1, out.data(), work.data());
  EXPECT_EQ(out, (std::vector<double>{-1.0, 1.0, 0.0}));
  s.evaluate(3.5, 0, out.data(), work.data());  // beyond t[n] = 3 without extrapolation
  EXPECT_TRUE(std::isnan(out[0]) && std::isnan(out[2]));
  s.extrapolate = BSpline::Extrapolate::Yes;
  s.evaluate(3.5, 0, out.data(), work.data());
  EXPECT_EQ(out, (std::vector<double>{0.0, -0.5, 1.5}));
  s.extrapolate = BSpline::Extrapolate::Periodic;  // 3.5 maps to 1.5
  s.evaluate(3.5, 0, out.data(), work.data());
  EXPECT_EQ(out, (std::vector<double>{0.5, 0.5, 0.0}));
}

// Degree 0, "constant": nothing is copied below the knots, and above them numpy refuses to
// broadcast the boundary row into no columns (unless there is one column), as scikit-learn.
TEST(SplineNative, DegreeZeroConstant) {
  using E = SplineTransformer::Extrapolation;
  const auto s = SplineTransformer::from_base_knots((skops::Matrix(4, 1) << 0.0, 1.0 / 3, 2.0 / 3, 1.0).finished(),
                                                    0, E::Constant);
  const skops::Matrix inside = (skops::Matrix(2, 1) << 0.5, -1.0).finished();
  EXPECT_EQ(s.run(Method::Transform, inside).to_vector<double>(), (std::vector<double>{0, 1, 0, 0, 0, 0}));
  EXPECT_THROW(s.run(Method::Transform, (skops::Matrix(1, 1) << 2.0).finished()), skops::InputError);
  const auto one = SplineTransformer::from_base_knots((skops::Matrix(2, 1) << 0.0, 1.0).finished(), 0, E::Constant);
  EXPECT_EQ(one.run(Method::Transform, (skops::Matrix(2, 1) << 2.0, -3.0).finished()).to_vector<double>(),
            (std::vector<double>{0, 0}));
}

TEST(SplineNative, RefusesInconsistentSplines) {
  using E = SplineTransformer::Extrapolation;
  EXPECT_NO_THROW(SplineTransformer({linear_spline()}, 1, E::Constant));
  BSpline unsorted = linear_spline();
  unsorted.t = {0, 2, 1, 3, 4};
  EXPECT_THROW(SplineTransformer({unsorted}, 1, E::Constant), skops::ValidationError);
  BSpline short_t = linear_spline();
  short_t.t.pop_back();
  EXPECT_THROW(SplineTransformer({short_t}, 1, E::Constant), skops::ValidationError);
  BSpline inf_t = linear_spline();
  inf_t.t[4] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(SplineTransformer({inf_t}, 1, E::Constant), skops::ValidationError);
  BSpline nan_c = linear_spline();
  nan_c.c[0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(SplineTransformer({nan_c}, 1, E::Constant), skops::ValidationError);
  // degree differs from k; columns differ between features.
  EXPECT_THROW(SplineTransformer({linear_spline()}, 2, E::Constant), skops::ValidationError);
  BSpline narrow = linear_spline();
  narrow.n_out = 1;
  narrow.c = {1, 0, 0};
  EXPECT_THROW(SplineTransformer({linear_spline(), narrow}, 1, E::Constant), skops::ValidationError);
  EXPECT_THROW(SplineTransformer::from_base_knots((skops::Matrix(3, 1) << 0, 2, 1).finished(), 2,
                                                  E::Constant),
               skops::ValidationError);
  EXPECT_THROW(SplineTransformer::from_base_knots((skops::Matrix(3, 1) << 0, 1, 2).finished(), 3,
                                                  E::Periodic),
               skops::ValidationError);
}

// Files that break one invariant of bsplines_ (tests/data/spline/hostile, make_hostile.py;
// Python skops loads them all) are refused, the error naming the attribute.
TEST(SplineHostile, EveryBrokenInvariantIsRefusedAtItsAttribute) {
  const auto manifest = nlohmann::json::parse(ts::read_file_text(ts::data_path("spline/hostile/MANIFEST.json")));
  EXPECT_EQ(manifest.size(), 15u);
  for (const auto& [file, where] : manifest.items()) {
    SCOPED_TRACE(file);
    try {
      skops::load(ts::data_path("spline/hostile/" + file));
      ADD_FAILURE() << "loaded";
    } catch (const skops::ValidationError& e) {
      EXPECT_NE(e.json_pointer().find(where.get<std::string>()), std::string::npos) << e.what();
    }
  }
}

}  // namespace
