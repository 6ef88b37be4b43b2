// Unit tests of sklearn.preprocessing: scalers, encoders, transformers (src/estimators/preprocessing/).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace {

using skops::Matrix;
using skops::NdArray;
using skops::testing_support::mat;
namespace ts = skops::testing_support;
namespace pre = skops::preprocessing;

const double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kVersions[] = {"sklearn-1.2.1", "sklearn-1.4.2"};

TEST(StandardScaler, NativeTransformPassesNaNAndRejectsInfinity) {
  pre::StandardScaler s({1.0, 2.0}, {2.0, 4.0});
  const auto out = s.transform(mat(2, 2, {3.0, 2.0, kNaN, 10.0})).to_vector<double>();
  EXPECT_EQ(out[0], 1.0);
  EXPECT_EQ(out[1], 0.0);
  EXPECT_TRUE(std::isnan(out[2]));
  EXPECT_EQ(out[3], 2.0);
  EXPECT_THROW(s.transform(mat(1, 2, {std::numeric_limits<double>::infinity(), 0})),
               skops::InputError);
  EXPECT_THROW(s.transform(mat(1, 3, {1, 2, 3})), skops::InputError);
  EXPECT_THROW(s.transform(Matrix(0, 2)), skops::InputError);
  EXPECT_THROW(s.predict(mat(1, 2, {1, 2})), skops::UnsupportedError);
  EXPECT_FALSE(s.supports(skops::Method::Predict));
}

TEST(StandardScaler, InconsistentArraysAreRefused) {
  EXPECT_THROW(pre::StandardScaler({1.0, 2.0}, {1.0}), skops::ValidationError);
  EXPECT_THROW(pre::StandardScaler({}, {1.0}, /*with_mean=*/true), skops::ValidationError);
}

TEST(StandardScaler, SaveLoadRoundTrip) {
  pre::StandardScaler s({1.0, 2.0, 3.0}, {2.0, 4.0, 0.5});
  auto back = ts::reload(s);
  EXPECT_EQ(back->type_name(), "sklearn.preprocessing._data.StandardScaler");
  const Matrix X = mat(2, 3, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(back->transform(X), s.transform(X));
}

TEST(Scalers, MinMaxClipAndRobustWithoutCentering) {
  pre::MinMaxScaler mm({0.5}, {0.0}, 0.0, 1.0, /*clip=*/true);
  const auto out = mm.transform(mat(3, 1, {1.0, 4.0, -2.0})).to_vector<double>();
  EXPECT_EQ(out, (std::vector<double>{0.5, 1.0, 0.0}));
  pre::RobustScaler rs({}, {2.0}, 1);
  EXPECT_EQ(rs.transform(mat(1, 1, {3.0})).to_vector<double>()[0], 1.5);
  pre::MaxAbsScaler ma({4.0});
  EXPECT_EQ(ma.transform(mat(1, 1, {-2.0})).to_vector<double>()[0], -0.5);
  EXPECT_EQ(ts::reload(mm)->transform(mat(1, 1, {3.0})), mm.transform(mat(1, 1, {3.0})));
  EXPECT_EQ(ts::reload(rs)->transform(mat(1, 1, {3.0})), rs.transform(mat(1, 1, {3.0})));
  EXPECT_EQ(ts::reload(ma)->transform(mat(1, 1, {3.0})), ma.transform(mat(1, 1, {3.0})));
}

TEST(NormalizerBinarizer, RejectNaNLikeScikitLearn) {
  pre::Normalizer l2("l2", 2);
  const auto out = l2.transform(mat(2, 2, {3.0, 4.0, 0.0, 0.0})).to_vector<double>();
  EXPECT_EQ(out, (std::vector<double>{0.6, 0.8, 0.0, 0.0}));
  EXPECT_THROW(l2.transform(mat(1, 2, {kNaN, 1.0})), skops::InputError);
  pre::Binarizer b(0.5, 2);
  EXPECT_EQ(b.transform(mat(1, 2, {0.5, 0.6})).to_vector<double>(),
            (std::vector<double>{0.0, 1.0}));
  EXPECT_THROW(b.transform(mat(1, 2, {kNaN, 1.0})), skops::InputError);
  EXPECT_THROW(pre::Normalizer("l3"), skops::ValidationError);
  EXPECT_EQ(ts::reload(l2)->transform(mat(1, 2, {1, 1})), l2.transform(mat(1, 2, {1, 1})));
}

TEST(PolynomialFeatures, ColumnOrderIsScikitLearns) {
  pre::PolynomialFeatures p(2, 2);
  EXPECT_EQ(p.n_output_features(), 6);
  EXPECT_EQ(p.transform(mat(1, 2, {2.0, 3.0})).to_vector<double>(),
            (std::vector<double>{1, 2, 3, 4, 6, 9}));
  pre::PolynomialFeatures inter(3, 3, 0, /*interaction_only=*/true, /*include_bias=*/false);
  EXPECT_EQ(inter.transform(mat(1, 3, {2.0, 3.0, 5.0})).to_vector<double>(),
            (std::vector<double>{2, 3, 5, 6, 10, 15, 30}));
  pre::PolynomialFeatures high(2, 3, 2);  // degrees 2..3 plus bias
  EXPECT_EQ(high.transform(mat(1, 2, {2.0, 3.0})).to_vector<double>(),
            (std::vector<double>{1, 4, 6, 9, 8, 12, 18, 27}));
  EXPECT_THROW(p.transform(mat(1, 2, {kNaN, 1.0})), skops::InputError);
  EXPECT_EQ(ts::reload(high)->transform(mat(1, 2, {2, 3})), high.transform(mat(1, 2, {2, 3})));
}

TEST(OneHotEncoder, UnknownHandlingAndDrop) {
  std::vector<pre::CategoryList> cats{pre::CategoryList::numeric({0, 1, 2}),
                                      pre::CategoryList::numeric({5, kNaN})};
  pre::OneHotEncoder ignore(cats, "ignore");
  EXPECT_EQ(ignore.transform(mat(2, 2, {1, kNaN, 7, 5})).to_vector<double>(),
            (std::vector<double>{0, 1, 0, 0, 1, 0, 0, 0, 1, 0}));
  pre::OneHotEncoder error(cats, "error");
  EXPECT_THROW(error.transform(mat(1, 2, {7, 5})), skops::InputError);
  pre::OneHotEncoder dropped(cats, "error", {0, -1});
  EXPECT_EQ(dropped.transform(mat(1, 2, {0, 5})).to_vector<double>(),
            (std::vector<double>{0, 0, 1, 0}));
  EXPECT_EQ(dropped.inverse_transform(mat(1, 4, {0, 0, 1, 0})).to_vector<double>(),
            (std::vector<double>{0, 5}));
  auto back = ts::reload(dropped);
  EXPECT_EQ(back->transform(mat(1, 2, {2, kNaN})), dropped.transform(mat(1, 2, {2, kNaN})));
  // String categories never match numbers.
  pre::OneHotEncoder strings({pre::CategoryList::strings({"a", "b"})}, "ignore");
  EXPECT_EQ(strings.transform(mat(1, 1, {0})).to_vector<double>(), (std::vector<double>{0, 0}));
  EXPECT_EQ(ts::reload(strings)->transform(mat(1, 1, {0})), strings.transform(mat(1, 1, {0})));
}

TEST(OrdinalEncoder, UnknownAndMissingValues) {
  pre::OrdinalEncoder enc({pre::CategoryList::numeric({1, 3, kNaN})}, "use_encoded_value", -1,
                          kNaN);
  const auto out = enc.transform(mat(4, 1, {3, 1, 9, kNaN})).to_vector<double>();
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], 0);
  EXPECT_EQ(out[2], -1);
  EXPECT_TRUE(std::isnan(out[3]));
  EXPECT_THROW(pre::OrdinalEncoder({pre::CategoryList::numeric({1})}).transform(mat(1, 1, {2})),
               skops::InputError);
  const Matrix X = mat(2, 1, {3, 9});
  EXPECT_EQ(ts::reload(enc)->transform(X), enc.transform(X));
}

TEST(LabelEncoder, CorpusStringLabels) {
  for (const char* v : kVersions) {
    SCOPED_TRACE(v);
    auto est = skops::load(ts::corpus_path(v, "LabelEncoder.skops"));
    const auto* le = dynamic_cast<const pre::LabelEncoder*>(est.get());
    ASSERT_NE(le, nullptr);
    const auto x =
        nlohmann::json::parse(ts::read_file_text(ts::corpus_path(v, "LabelEncoder.X.json")));
    const auto codes = le->transform_labels(x["values"].get<std::vector<std::string>>());
    EXPECT_EQ(codes, ts::read_npy_file(ts::corpus_path(v, "LabelEncoder.transform.npy")));
    const auto inv = nlohmann::json::parse(
        ts::read_file_text(ts::corpus_path(v, "LabelEncoder.inverse_transform.json")));
    const auto labels = le->inverse_transform_labels(codes.to_vector<std::int64_t>());
    EXPECT_EQ(labels.to_strings(), inv["values"].get<std::vector<std::string>>());
    EXPECT_EQ(labels.dtype().descr(), inv["dtype"].get<std::string>());
    EXPECT_THROW(le->transform_labels({"yak"}), skops::InputError);
    EXPECT_THROW(le->inverse_transform_labels({99}), skops::InputError);
    auto back = ts::reload(*le);
    EXPECT_EQ(dynamic_cast<const pre::LabelEncoder&>(*back).transform_labels({"dog"}),
              le->transform_labels({"dog"}));
  }
}

TEST(LabelEncoder, NumericLabelsThroughRun) {
  pre::LabelEncoder le(std::vector<double>{2.0, 5.0, 9.0});
  EXPECT_EQ(le.transform(mat(3, 1, {9, 2, 5})).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{2, 0, 1}));
  EXPECT_THROW(le.transform(mat(1, 1, {3})), skops::InputError);
}

TEST(FunctionTransformer, UfuncModuleFollowsTheNumpyOfTheTarget) {
  // Python skops trusts a ufunc under numpy's own name for it: numpy 1 (every scikit-learn
  // before 1.4.2) says numpy.core._multiarray_umath, numpy 2 says numpy.
  pre::FunctionTransformer f("log1p", "expm1", false, 2);
  for (const auto& [version, module] :
       {std::pair<std::string, std::string>{"1.2.1", "numpy.core._multiarray_umath"},
        {"1.4.1", "numpy.core._multiarray_umath"},
        {"1.4.2", "numpy"}}) {
    SCOPED_TRACE(version);
    skops::DumpOptions d;
    d.sklearn_version = version;
    const auto root = skops::to_node(f, d);
    int ufuncs = 0;
    for (const auto& e : root->child("content")->entries) {
      if (e.key != "func" && e.key != "inverse_func") continue;
      EXPECT_EQ(e.value->module, module);
      ++ufuncs;
    }
    EXPECT_EQ(ufuncs, 2);
    const Matrix X = mat(1, 2, {0.5, 2.0});
    EXPECT_EQ(skops::loads(skops::dumps(f, d))->transform(X), f.transform(X));
  }
}

TEST(Corpus, InverseTransformOfScalersAndOneHot) {
  for (const char* v : kVersions) {
    for (const std::string name :
         {"StandardScaler", "MinMaxScaler", "RobustScaler", "OneHotEncoder"}) {
      SCOPED_TRACE(std::string(v) + " " + name);
      auto est = skops::load(ts::corpus_path(v, name + ".skops"));
      const Matrix Xt =
          skops::to_matrix(ts::read_npy_file(ts::corpus_path(v, name + ".transform.npy")));
      const NdArray want = ts::read_npy_file(ts::corpus_path(v, name + ".inverse_transform.npy"));
      NdArray got;
      if (auto* s = dynamic_cast<const pre::StandardScaler*>(est.get()))
        got = s->inverse_transform(Xt);
      if (auto* s = dynamic_cast<const pre::MinMaxScaler*>(est.get()))
        got = s->inverse_transform(Xt);
      if (auto* s = dynamic_cast<const pre::RobustScaler*>(est.get()))
        got = s->inverse_transform(Xt);
      if (auto* s = dynamic_cast<const pre::OneHotEncoder*>(est.get()))
        got = s->inverse_transform(Xt);
      ts::expect_close(got, want);
    }
  }
}

TEST(Corpus, TransformSurvivesResave) {
  for (const char* v : kVersions) {
    for (const std::string name :
         {"StandardScaler", "MinMaxScaler", "RobustScaler", "PolynomialFeatures", "OneHotEncoder",
          "SimpleImputer", "PCA", "TruncatedSVD", "FunctionTransformer_log1p"}) {
      SCOPED_TRACE(std::string(v) + " " + name);
      auto est = skops::load(ts::corpus_path(v, name + ".skops"));
      const Matrix X = skops::to_matrix(ts::read_npy_file(ts::corpus_path(v, name + ".X.npy")));
      const NdArray want = ts::read_npy_file(ts::corpus_path(v, name + ".transform.npy"));
      ts::expect_close(est->transform(X), want);
      ts::expect_close(ts::reload(*est)->transform(X), want);
    }
  }
}

TEST(Validation, TamperedAttributesAreRefused) {
  // A scaler whose mean_ does not match n_features_in_.
  pre::StandardScaler s({1.0, 2.0}, {1.0, 1.0});
  skops::NodePtr node = skops::to_node(s);
  auto root = skops::make::clone(*node);
  auto state = skops::make::clone(*root->child("content"));
  for (auto& e : state->entries) {
    if (e.key == "n_features_in_") e.value = skops::make::integer(3);
  }
  for (auto& c : root->children) {
    if (c.name == "content") c.node = state;
  }
  skops::BuildContext ctx(skops::builtin_registry());
  EXPECT_THROW(ctx.build(root), skops::ValidationError);
}

}  // namespace
