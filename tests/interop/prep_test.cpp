// Numeric preprocessing of issue 14 (WP3) written by Python skops (tests/data/prep, both
// scikit-learn versions): QuantileTransformer, PowerTransformer, KBinsDiscretizer, alone and
// in pipelines before LogisticRegression / Ridge, and the zoo's
// prep_kbins_quantile_power_logreg (a ColumnTransformer of the three before a
// LogisticRegression), through the API and through `skops-cpp predict`.
// Every recorded method (inverse_transform on its own input, sparse input where recorded)
// equals scikit-learn's (KBinsDiscretizer also on float32 input): dtype and shape as scikit-learn's, floats within 1e-12 relative /
// 1e-10 absolute, labels exactly; again after dumps → loads, which writes the same
// attributes back. The normal CDF and quantile function against scipy.special's ndtr /
// ndtri (both scipy versions) to 1e-12 relative. Native construction and the refusals.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

#include "estimator_support.hpp"
#include "estimators/preprocessing/normal.hpp"
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

const char* const kVersions[] = {"sklearn-1.2.1", "sklearn-1.4.2"};

// Models per version; a missing or extra file fails ModelCounts.
const std::map<std::string, std::size_t> kCounts = {{"prep/sklearn-1.2.1", 28},
                                                    {"prep/sklearn-1.4.2", 28}};

std::vector<ts::ZooModel> prep_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops")) out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

TEST(Prep, ModelCounts) {
  for (const auto& [dir, n] : kCounts) {
    EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
    const auto manifest = nlohmann::json::parse(ts::read_file_text(ts::data_path(dir + "/MANIFEST.json")));
    EXPECT_EQ(manifest.size(), n) << dir;
  }
}

// The nonzero entries of a dense float64 array, as scipy.sparse.csr_matrix(dense) keeps them.
skops::CsrMatrix csr_of(const NdArray& dense, double scale = 1.0, bool clip01 = false) {
  const skops::Matrix m = skops::to_matrix(dense);
  skops::CsrMatrix X;
  X.rows = m.rows();
  X.cols = m.cols();
  X.indptr.assign(1, 0);
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      double v = m(i, j) * scale;
      if (clip01) v = std::min(std::max(v, 0.0), 1.0);
      if (v != 0.0) {
        X.indices.push_back(j);
        X.data.push_back(v);
      }
    }
    X.indptr.push_back(static_cast<std::int64_t>(X.indices.size()));
  }
  return X;
}

void expect_methods(const skops::Estimator& est, const ts::ZooModel& m, const std::string& what) {
  const auto meta = m.expected();
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  const auto methods = meta.at("methods");
  ASSERT_FALSE(methods.empty());
  for (const auto& [method_name, file] : methods.items()) {
    SCOPED_TRACE(what + " " + method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    ASSERT_TRUE(est.supports(*method));
    NdArray input = X;
    if (meta.contains("method_inputs") && meta["method_inputs"].contains(method_name)) {
      input = ts::read_npy_file(ts::data_path(m.dir + "/" + meta["method_inputs"][method_name].get<std::string>()));
    }
    ts::expect_same_result(est.run_array(*method, input), ts::read_npy_file(m.path("." + method_name + ".npy")));
  }
  if (meta.contains("float32")) {
    // float32 input through run_array (KBinsDiscretizer: float32 codes, as scikit-learn).
    SCOPED_TRACE(what + " float32");
    const auto& f = meta["float32"];
    const auto file = [&](const char* key) {
      return ts::read_npy_file(ts::data_path(m.dir + "/" + f[key].get<std::string>()));
    };
    ts::expect_same_result(est.run_array(Method::Transform, file("input")), file("transform"));
    if (f.contains("inverse_input")) {
      ts::expect_same_result(est.run_array(Method::InverseTransform, file("inverse_input")),
                             file("inverse_transform"));
    }
  }
  if (meta.contains("sparse")) {
    SCOPED_TRACE(what + " sparse");
    const auto& s = meta["sparse"];
    const NdArray dense = ts::read_npy_file(ts::data_path(m.dir + "/" + s["input"].get<std::string>()));
    const auto out = est.transform_sparse(csr_of(dense));
    ASSERT_TRUE(std::holds_alternative<skops::CsrMatrix>(out));
    ts::expect_same_result(skops::to_ndarray(skops::to_matrix(std::get<skops::CsrMatrix>(out))),
                           ts::read_npy_file(ts::data_path(m.dir + "/" + s["transform"].get<std::string>())));
    const auto inverse_in = csr_of(dense, s["inverse_transform_input_scale"].get<double>(), true);
    ts::expect_same_result(est.run_sparse(Method::InverseTransform, inverse_in),
                           ts::read_npy_file(ts::data_path(m.dir + "/" + s["inverse_transform"].get<std::string>())));
  }
}


class Prep : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(Prep, MatchesScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_EQ(est->type_name(), m.expected().at("class").get<std::string>());
  expect_methods(*est, m, "loaded");
  skops::DumpOptions d;
  d.sklearn_version = m.expected().at("sklearn_version").get<std::string>();
  const std::vector<std::uint8_t> bytes = skops::dumps(*est, d);
  const auto back = skops::loads(bytes, m.options());
  EXPECT_EQ(back->type_name(), est->type_name());
  EXPECT_EQ(ts::state_keys(*skops::Document::read_bytes(bytes)),
            ts::state_keys(*skops::Document::read_file(m.path(".skops"))));
  expect_methods(*back, m, "resaved");
}

std::string case_name(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string n = info.param.dir.substr(info.param.dir.find('/') + 1) + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Prep, Prep, ::testing::ValuesIn(prep_models()), case_name);

// ------------------------------------------------------------------ scipy.special parity
void expect_special(const std::string& file, double (*f)(double)) {
  for (const char* v : kVersions) {
    const NdArray a = ts::read_npy_file(ts::data_path("prep/" + std::string(v) + "/" + file));
    ASSERT_EQ(a.ndim(), 2u);
    const auto vals = a.to_vector<double>();
    ASSERT_GE(vals.size(), 160u);
    for (std::size_t i = 0; i + 1 < vals.size(); i += 2) {
      const double x = vals[i], want = vals[i + 1], got = f(x);
      if (!std::isfinite(want) || want == 0.0) {
        EXPECT_EQ(got, want) << v << " " << file << " at " << x;
      } else {
        EXPECT_LE(std::abs(got - want), 1e-12 * std::abs(want)) << v << " " << file << " at " << x;
      }
    }
  }
}

TEST(PrepSpecial, NormalQuantileMatchesScipyNdtri) {
  expect_special("special_ndtri.npy", skops::estimators::detail::preprocessing::normal_ppf);
  using skops::estimators::detail::preprocessing::normal_ppf;
  EXPECT_EQ(normal_ppf(0.0), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(normal_ppf(1.0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(normal_ppf(0.5), 0.0);
  EXPECT_TRUE(std::isnan(normal_ppf(-0.1)));
  EXPECT_TRUE(std::isnan(normal_ppf(1.5)));
  EXPECT_TRUE(std::isnan(normal_ppf(std::nan(""))));
  // The smallest subnormal still gives a finite quantile (scipy: -38.4674...).
  EXPECT_NEAR(normal_ppf(std::numeric_limits<double>::denorm_min()), -38.46740561714434, 1e-9);
}

TEST(PrepSpecial, NormalCdfMatchesScipyNdtr) {
  expect_special("special_ndtr.npy", skops::estimators::detail::preprocessing::normal_cdf);
  using skops::estimators::detail::preprocessing::normal_cdf;
  EXPECT_EQ(normal_cdf(-std::numeric_limits<double>::infinity()), 0.0);
  EXPECT_EQ(normal_cdf(std::numeric_limits<double>::infinity()), 1.0);
  EXPECT_TRUE(std::isnan(normal_cdf(std::nan(""))));
}

// ------------------------------------------------------------------ the zoo model
TEST(PrepZoo, KbinsQuantilePowerLogisticRegressionThroughApiAndCli) {
  for (const char* v : kVersions) {
    SCOPED_TRACE(v);
    const ts::ZooModel m{"zoo/" + std::string(v), "prep_kbins_quantile_power_logreg"};
    const auto meta = m.expected();
    const auto est = skops::load(m.path(".skops"), m.options());
    EXPECT_EQ(est->type_name(), "sklearn.pipeline.Pipeline");
    expect_methods(*est, m, "loaded");
    skops::DumpOptions d;
    d.sklearn_version = meta.at("sklearn_version").get<std::string>();
    expect_methods(*skops::loads(skops::dumps(*est, d), m.options()), m, "resaved");
    // skops-cpp predict, every recorded method, trusting what Python skops asks to trust.
    const std::string dir = ts::make_temp_dir("prep_zoo_cli");
    std::string trust;
    for (const auto& t : meta.at("untrusted_types")) trust += " --trusted " + t.get<std::string>();
    for (const auto& [method, file] : meta.at("methods").items()) {
      const std::string out = dir + "/" + method + ".npy";
      const auto r = ts::run_command(ts::cli_path() + " predict " + m.path(".skops") + " --input " +
                                     m.path(".X.npy") + " --output " + out + " --method " + method +
                                     trust);
      ASSERT_EQ(r.exit_code, 0) << method << ": " << r.output;
      ts::expect_same_result(ts::read_npy_file(out), ts::read_npy_file(m.path("." + method + ".npy")));
    }
  }
}

// ------------------------------------------------------------------ native construction
using skops::Matrix;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(PrepNative, QuantileTransformerInterpolatesRepeatedQuantilesAndClips) {
  using skops::estimators::QuantileTransformer;
  // One feature with quantiles [0, 1, 1, 2] at references [0, 1/3, 2/3, 1]: x = 1 maps to
  // the middle of the repeated run (0.5), beyond the range to the bounds.
  const QuantileTransformer uni({0, 1, 1, 2}, {0, 1.0 / 3, 2.0 / 3, 1}, 1);
  const Matrix X = (Matrix(6, 1) << 1, 0, 2, -5, 7, kNaN).finished();
  const auto got = uni.run(Method::Transform, X).to_vector<double>();
  EXPECT_DOUBLE_EQ(got[0], 0.5);
  EXPECT_EQ(got[1], 0.0);
  EXPECT_EQ(got[2], 1.0);
  EXPECT_EQ(got[3], 0.0);
  EXPECT_EQ(got[4], 1.0);
  EXPECT_TRUE(std::isnan(got[5]));
  const QuantileTransformer normal({0, 1, 1, 2}, {0, 1.0 / 3, 2.0 / 3, 1}, 1, "normal");
  const auto n = normal.run(Method::Transform, X).to_vector<double>();
  EXPECT_NEAR(n[0], 0.0, 1e-15);
  EXPECT_NEAR(n[1], -5.199337582605575, 1e-12);  // norm.ppf(1e-7 - eps)
  EXPECT_NEAR(n[2], 5.19933758270342, 1e-12);  // norm.ppf(1 - (1e-7 - eps))
  const auto back = ts::reload(normal);
  EXPECT_EQ(back->run(Method::Transform, X).to_vector<double>()[2], n[2]);
  EXPECT_EQ(back->type_name(), "sklearn.preprocessing._data.QuantileTransformer");
  // Infinity is refused (allow-nan); decreasing quantiles and a bad distribution at build.
  EXPECT_THROW(uni.run(Method::Transform, (Matrix(1, 1) << INFINITY).finished()), skops::InputError);
  EXPECT_THROW(QuantileTransformer({1, 0}, {0, 1}, 1), skops::ValidationError);
  EXPECT_THROW(QuantileTransformer({0, 1}, {0, 1}, 1, "cauchy"), skops::ValidationError);
  // A negative sparse value is refused by transform (ignore_implicit_zeros=False).
  skops::CsrMatrix S;
  S.rows = 1;
  S.cols = 1;
  S.indptr = {0, 1};
  S.indices = {0};
  S.data = {-1.0};
  EXPECT_THROW(uni.transform_sparse(S), skops::InputError);
  EXPECT_NO_THROW(uni.run_sparse(Method::InverseTransform, S));
}

TEST(PrepNative, PowerTransformerBranchesAndRefusals) {
  using skops::estimators::PowerTransformer;
  using skops::estimators::StandardScaler;
  const PowerTransformer yj({0.0, 2.0}, "yeo-johnson");
  const Matrix X = (Matrix(2, 2) << 1.5, -0.5, -2.0, kNaN).finished();
  const auto got = yj.run(Method::Transform, X).to_vector<double>();
  EXPECT_DOUBLE_EQ(got[0], std::log1p(1.5));
  EXPECT_DOUBLE_EQ(got[1], -std::log1p(0.5));
  EXPECT_DOUBLE_EQ(got[2], -(std::pow(3.0, 2.0) - 1) / 2.0);
  EXPECT_TRUE(std::isnan(got[3]));
  const auto inv =
      yj.inverse_transform(skops::to_matrix(yj.run(Method::Transform, X))).to_vector<double>();
  EXPECT_NEAR(inv[0], 1.5, 1e-14);
  EXPECT_NEAR(inv[1], -0.5, 1e-14);
  EXPECT_NEAR(inv[2], -2.0, 1e-14);
  auto scaler = std::make_shared<StandardScaler>(std::vector<double>{1.0, 2.0},
                                                 std::vector<double>{2.0, 4.0});
  const PowerTransformer bc({0.5, 0.0}, "box-cox", scaler);
  const Matrix P = (Matrix(1, 2) << 4.0, std::exp(1.0)).finished();
  const auto b = bc.run(Method::Transform, P).to_vector<double>();
  EXPECT_DOUBLE_EQ(b[0], ((std::sqrt(4.0) - 1) / 0.5 - 1.0) / 2.0);
  EXPECT_DOUBLE_EQ(b[1], (1.0 - 2.0) / 4.0);
  EXPECT_THROW(bc.run(Method::Transform, (Matrix(1, 2) << 1.0, 0.0).finished()), skops::InputError);
  EXPECT_THROW(bc.run(Method::Transform, (Matrix(1, 2) << -1.0, kNaN).finished()), skops::InputError);
  EXPECT_NO_THROW(bc.run(Method::Transform, (Matrix(1, 2) << 1.0, kNaN).finished()));
  skops::CsrMatrix S;
  S.rows = 1;
  S.cols = 2;
  S.indptr = {0, 1};
  S.indices = {0};
  S.data = {1.0};
  EXPECT_THROW(bc.run_sparse(Method::Transform, S), skops::InputError);
  const auto back = ts::reload(bc);
  EXPECT_EQ(back->run(Method::Transform, P).to_vector<double>(), b);
  EXPECT_THROW(PowerTransformer({1.0}, "log"), skops::ValidationError);
  EXPECT_THROW(PowerTransformer({1.0}, "box-cox", scaler), skops::ValidationError);  // 2 features
}

TEST(PrepNative, KBinsDiscretizerEncodesDtypesAndInverts) {
  using skops::estimators::KBinsDiscretizer;
  const std::vector<std::vector<double>> edges{{0, 1, 2, 3}, {-1, 0, 1}};
  const Matrix X = (Matrix(3, 2) << 1.0, 0.0, -4, 5, 2.5, -0.5).finished();
  const KBinsDiscretizer ord(edges, "ordinal", "uniform");
  EXPECT_EQ(ord.run(Method::Transform, X).to_vector<double>(),
            (std::vector<double>{1, 1, 0, 1, 2, 0}));
  const KBinsDiscretizer hot(edges, "onehot", "uniform", skops::DType::float32());
  const NdArray h = hot.run(Method::Transform, X);
  EXPECT_EQ(h.dtype(), skops::DType::float32());
  EXPECT_EQ(h.shape(), (std::vector<std::int64_t>{3, 5}));
  EXPECT_EQ(h.to_vector<double>(), (std::vector<double>{0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0}));
  EXPECT_EQ(hot.inverse_transform(skops::to_matrix(h)).to_vector<double>(),
            (std::vector<double>{1.5, 0.5, 0.5, 0.5, 2.5, -0.5}));
  // Ordinal codes are truncated, negative ones count from the end; out of range is refused.
  EXPECT_EQ(ord.inverse_transform((Matrix(1, 2) << -1.0, 1.9).finished()).to_vector<double>(),
            (std::vector<double>{2.5, 0.5}));
  EXPECT_THROW(ord.inverse_transform((Matrix(1, 2) << 3.0, 0.0).finished()), skops::InputError);
  EXPECT_THROW(ord.inverse_transform((Matrix(1, 2) << -4.0, 0.0).finished()), skops::InputError);
  // One-hot rows summing to zero in a block cannot be inverted (drop=None).
  EXPECT_THROW(hot.inverse_transform(Matrix::Zero(1, 5)), skops::InputError);
  // NaN, infinity and sparse input are refused.
  EXPECT_THROW(ord.run(Method::Transform, (Matrix(1, 2) << kNaN, 0).finished()), skops::InputError);
  skops::CsrMatrix S;
  S.rows = 1;
  S.cols = 2;
  S.indptr = {0, 1};
  S.indices = {0};
  S.data = {1.0};
  EXPECT_THROW(ord.run_sparse(Method::Transform, S), skops::InputError);
  EXPECT_THROW(ord.run_sparse(Method::InverseTransform, S), skops::InputError);
  // One-hot CSR input to inverse_transform (which scikit-learn's encoder decodes) is refused:
  // not modelled.
  skops::CsrMatrix H;
  H.rows = 1;
  H.cols = 5;
  H.indptr = {0, 2};
  H.indices = {2, 4};
  H.data = {1.0, 1.0};
  EXPECT_THROW(hot.run_sparse(Method::InverseTransform, H), skops::InputError);
  // Unsorted edges or NaN edges are refused at construction.
  EXPECT_THROW(KBinsDiscretizer({{0, 2, 1}}, "ordinal"), skops::ValidationError);
  EXPECT_THROW(KBinsDiscretizer({{0, kNaN}}, "ordinal"), skops::ValidationError);
  EXPECT_THROW(KBinsDiscretizer({{0}}, "ordinal"), skops::ValidationError);
  // Saved with its encoder (onehot) and read back.
  const auto back = ts::reload(hot);
  EXPECT_EQ(back->run(Method::Transform, X).to_vector<double>(), h.to_vector<double>());
  EXPECT_EQ(back->run(Method::Transform, X).dtype(), skops::DType::float32());
}

// ------------------------------------------------------------------ tampered files
// `est` written, with one attribute replaced, must be refused at load with a
// ValidationError whose message contains `needle`.
void expect_refused(const skops::Estimator& est, const std::string& key, skops::NodePtr value,
                    const std::string& needle) {
  SCOPED_TRACE(est.type_name() + " " + key);
  auto root = skops::make::clone(*skops::to_node(est));
  auto state = skops::make::clone(*root->child("content"));
  bool found = false;
  for (auto& e : state->entries) {
    if (e.key == key) {
      e.value = std::move(value);
      found = true;
    }
  }
  ASSERT_TRUE(found);
  root->children = {{"content", state}};
  try {
    skops::loads(skops::write_document_bytes(*root));
    ADD_FAILURE() << "loaded";
  } catch (const skops::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(PrepFiles, InconsistentAttributesAreRefused) {
  using skops::make::array;
  using skops::estimators::KBinsDiscretizer;
  const KBinsDiscretizer kb({{0, 1, 2, 3}, {-1, 0, 1}}, "onehot");
  expect_refused(kb, "n_bins_", array(NdArray::from_vector<std::int64_t>({3, 3})), "n_bins_");
  expect_refused(kb, "bin_edges_",
                 skops::make::object_array({array(NdArray::from_vector<double>({0, 2, 1, 3})),
                                            array(NdArray::from_vector<double>({-1, 0, 1}))},
                                           {2}),
                 "not sorted");
  expect_refused(kb, "bin_edges_",
                 skops::make::object_array({array(NdArray::from_vector<double>({0, 1, 2, 3}))}, {1}),
                 "one array per feature");
  expect_refused(kb, "_encoder", skops::make::none(), "_encoder");
  using skops::estimators::QuantileTransformer;
  const QuantileTransformer qt2({0, 10, 1, 11, 2, 12}, {0, 0.5, 1}, 2);
  expect_refused(qt2, "quantiles_", array(NdArray::from_vector<double>({0, 10, 3, 11, 2, 12}, {3, 2})),
                 "non-decreasing");
  expect_refused(qt2, "quantiles_", array(NdArray::from_vector<double>({0, 10, 1, 11}, {2, 2})),
                 "shape");
  expect_refused(qt2, "references_", array(NdArray::from_vector<double>({0, 0.7, 0.5})),
                 "non-decreasing");
  using skops::estimators::PowerTransformer;
  using skops::estimators::StandardScaler;
  const PowerTransformer pt({0.5, 1.5}, "yeo-johnson",
                            std::make_shared<StandardScaler>(std::vector<double>{0, 0},
                                                             std::vector<double>{1, 1}));
  expect_refused(pt, "_scaler", skops::make::none(), "_scaler");
  expect_refused(pt, "lambdas_", array(NdArray::from_vector<double>({0.5})), "lambdas_");
  expect_refused(pt, "method", skops::make::str("box-cocks"), "method");
}

}  // namespace
