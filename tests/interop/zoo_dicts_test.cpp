// DictVectorizer and FeatureHasher models written by Python skops (tests/data/dicts, both
// scikit-learn versions): each runs on its samples read from X.json — dicts, (name, value)
// pairs or token lists — every recorded method equal to scikit-learn's (labels exactly, floats
// within 1e-12 relative / 1e-10 absolute), the sparse transform equal to the dense one, also
// after dumps → loads.

#include <gtest/gtest.h>

#include <filesystem>

#include "estimator_support.hpp"
#include "skops/estimators.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::FeatureSamples;
using skops::Method;
using skops::NdArray;

std::vector<ts::ZooModel> dict_models() {
  std::vector<ts::ZooModel> out;
  for (const char* dir : {"dicts/sklearn-1.2.1", "dicts/sklearn-1.4.2"}) {
    for (const auto& f : ts::list_files(dir, ".skops")) out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

FeatureSamples samples_of(const ts::ZooModel& m) {
  return skops::read_json_feature_samples(ts::read_file_text(m.path(".X.json")));
}

void expect_methods(const skops::Estimator& est, const ts::ZooModel& m, const std::string& what) {
  const FeatureSamples X = samples_of(m);
  ts::expect_recorded_methods(m, what, [&](Method method) { return est.run_feature_samples(method, X); });
}

class ZooDicts : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(ZooDicts, SamplesFromJsonMatchScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_TRUE(est->accepts_feature_samples());
  EXPECT_FALSE(est->accepts_documents());
  EXPECT_GE(samples_of(m).samples.size(), 12u);
  expect_methods(*est, m, "json");
  const auto back = skops::loads(skops::dumps(*est), m.options());
  expect_methods(*back, m, "resaved");
}

// The vectorizers saved alone (the other models end in a classifier or regressor).
std::vector<ts::ZooModel> transform_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& m : dict_models()) {
    if (m.name.size() > 6 && m.name.compare(m.name.size() - 6, 6, "_alone") == 0) out.push_back(m);
  }
  return out;
}

class ZooDictsTransform : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(ZooDictsTransform, SparseTransformIsTheDenseOne) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  ASSERT_TRUE(est->supports(Method::Transform));
  const FeatureSamples X = samples_of(m);
  const skops::SparseTransform t = est->transform_feature_samples(X);
  const NdArray dense = est->run_feature_samples(Method::Transform, X);
  if (const auto* csr = std::get_if<skops::CsrMatrix>(&t)) {
    csr->validate();
    ts::expect_close(NdArray::from_vector(csr->to_dense(1u << 30), {csr->rows, csr->cols}), dense);
  } else {
    ts::expect_close(std::get<NdArray>(t), dense);
  }
}

std::string model_label(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string s = info.param.dir.substr(info.param.dir.find('-') + 1) + "_" + info.param.name;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

INSTANTIATE_TEST_SUITE_P(All, ZooDicts, ::testing::ValuesIn(dict_models()), model_label);
INSTANTIATE_TEST_SUITE_P(All, ZooDictsTransform, ::testing::ValuesIn(transform_models()), model_label);

TEST(ZooDicts, EveryModelIsCovered) {
  EXPECT_EQ(dict_models().size(), 20u);
  EXPECT_EQ(transform_models().size(), 6u);
}

TEST(ZooDicts, WrongShapesAndValuesAreInputErrors) {
  const ts::ZooModel dv{"dicts/sklearn-1.2.1", "dv_logreg"};
  const auto est = skops::load(dv.path(".skops"), dv.options());
  auto run = [&](const char* json) {
    return est->run_feature_samples(Method::Predict, skops::read_json_feature_samples(json));
  };
  EXPECT_THROW(est->run(Method::Predict, skops::Matrix::Zero(2, 3)), skops::InputError);
  EXPECT_THROW(run("[]"), skops::InputError);
  EXPECT_THROW(run(R"([["a", "b"]])"), skops::InputError);         // strings, not dicts
  EXPECT_THROW(run(R"([{"rooms": null}])"), skops::InputError);      // float(None) of a known feature
  EXPECT_EQ(run(R"([{"never seen": null}])").dim(0), 1);            // None of an unknown one: dropped
  EXPECT_THROW(est->run_documents(Method::Predict, {"a document"}), skops::InputError);

  const ts::ZooModel fh{"dicts/sklearn-1.2.1", "fh_pair_noalt_bnb"};
  const auto hasher = skops::load(fh.path(".skops"), fh.options());
  auto run_h = [&](const char* json) {
    return hasher->run_feature_samples(Method::Predict, skops::read_json_feature_samples(json));
  };
  EXPECT_THROW(run_h(R"([{"a": 1}])"), skops::InputError);           // dicts, input_type='pair'
  EXPECT_THROW(run_h(R"([["a", "b"]])"), skops::InputError);         // strings
  EXPECT_THROW(run_h(R"([[["a", null]]])"), skops::InputError);      // None value
  EXPECT_EQ(run_h(R"([[], [["a", 1]]])").dim(0), 2);
  EXPECT_EQ(run_h(R"([[]])").dim(0), 1);                            // empty lists fit any list kind
}

}  // namespace

namespace {

// 12 rows of 20-40 real values hashed into 3 columns: the sums depend on the order scipy's
// sum_duplicates adds duplicates in (its std::sort on the column alone), which this checks to
// the bit (a stable order differs in the last bit on some of these rows).
TEST(ZooDicts, CollidingHashedValuesAreSummedInScipysOrderToTheBit) {
  for (const char* dir : {"dicts/sklearn-1.2.1", "dicts/sklearn-1.4.2"}) {
    const ts::ZooModel m{dir, "fh_collide_alone"};
    const auto est = skops::load(m.path(".skops"), m.options());
    const NdArray got = est->run_feature_samples(Method::Transform, samples_of(m));
    const NdArray want = ts::read_npy_file(m.path(".transform.npy"));
    ASSERT_EQ(got.shape(), want.shape());
    const auto g = got.to_vector<double>(), w = want.to_vector<double>();
    for (std::size_t i = 0; i < g.size(); ++i) EXPECT_EQ(g[i], w[i]) << dir << " value " << i;
  }
}

}  // namespace

namespace {

// schema.json of a real DictVectorizer / FeatureHasher file with one attribute replaced: what
// the loader refuses, at the attribute's JSON pointer.
std::vector<std::uint8_t> with_attr(const ts::ZooModel& m, const std::string& key,
                                    const nlohmann::ordered_json& node) {
  const auto reader = skops::ArchiveReader::open_file(m.path(".skops"));
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
  for (const auto& e : reader->entries()) {
    const skops::ByteView v = reader->read(e.name);
    std::string text(reinterpret_cast<const char*>(v.data), v.size);
    if (e.name == "schema.json") {
      auto j = nlohmann::ordered_json::parse(text);
      auto& attrs = j["content"]["content"];
      EXPECT_TRUE(attrs.contains(key)) << key;
      attrs[key] = node;
      text = j.dump();
    }
    members.emplace_back(e.name, std::vector<std::uint8_t>(text.begin(), text.end()));
  }
  return skops::write_archive_bytes(members);
}

nlohmann::ordered_json json_node(const nlohmann::json& v, const char* cls, int id = 1) {
  return {{"__class__", cls}, {"__module__", "builtins"}, {"__loader__", "JsonNode"},
          {"content", v.dump()}, {"is_json", true}, {"__id__", id}};
}

TEST(ZooDicts, RefusedStateIsNamedAtLoad) {
  const ts::ZooModel dv{"dicts/sklearn-1.2.1", "dv_alone"};
  const ts::ZooModel fh{"dicts/sklearn-1.2.1", "fh_string_alone"};
  const nlohmann::ordered_json float32 = {{"__class__", "float32"}, {"__module__", "numpy"},
                                          {"__loader__", "TypeNode"}, {"__id__", 2}};
  const nlohmann::ordered_json names = {
      {"__class__", "list"}, {"__module__", "builtins"}, {"__loader__", "ListNode"},
      {"content", {json_node("b", "str", 4), json_node("a", "str", 5)}}, {"__id__", 3}};
  struct Case {
    const ts::ZooModel* model;
    std::string key;
    nlohmann::ordered_json node;
    skops::ErrorKind kind;
  };
  const std::vector<Case> cases = {
      {&dv, "dtype", float32, skops::ErrorKind::Unsupported},
      {&dv, "feature_names_", names, skops::ErrorKind::Validation},  // disagrees with vocabulary_
      {&fh, "dtype", float32, skops::ErrorKind::Unsupported},
      {&fh, "input_type", json_node("dicts", "str"), skops::ErrorKind::Validation},
      {&fh, "n_features", json_node(0, "int"), skops::ErrorKind::Validation},
      {&fh, "n_features", json_node(4294967296LL, "int"), skops::ErrorKind::Validation},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.model->name + " " + c.key + " = " + c.node.dump());
    try {
      skops::loads(with_attr(*c.model, c.key, c.node));
      ADD_FAILURE() << "loaded";
    } catch (const skops::Error& e) {
      EXPECT_EQ(e.kind(), c.kind) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.key), std::string::npos) << e.what();
      EXPECT_FALSE(e.json_pointer().empty()) << e.what();
    }
  }
}

TEST(ZooDicts, NativeVectorizersSaveAndLoadBack) {
  using skops::estimators::DictVectorizer;
  using skops::estimators::FeatureHasher;
  const DictVectorizer dv({"a", "c=x", "c=y", "t=p"}, "=", true);
  const FeatureSamples X = skops::read_json_feature_samples(
      R"([{"a": 2, "c": "x", "t": ["p", "p", "q"]}, {"c": "z", "b": null}])");
  const auto t = std::get<skops::CsrMatrix>(dv.transform_feature_samples(X));
  EXPECT_EQ(t.indptr, (std::vector<std::int64_t>{0, 3, 3}));
  EXPECT_EQ(t.indices, (std::vector<std::int64_t>{0, 1, 3}));
  EXPECT_EQ(t.data, (std::vector<double>{2.0, 1.0, 2.0}));  // "t=p" twice: summed
  const auto back = skops::loads(skops::dumps(dv));
  ts::expect_close(back->run_feature_samples(Method::Transform, X), dv.run_feature_samples(Method::Transform, X));
  EXPECT_THROW(DictVectorizer({"a", "a"}, "=", true), skops::ValidationError);

  const FeatureHasher fh(16, FeatureSamples::Kind::Strings, false);
  const auto hb = skops::loads(skops::dumps(fh));
  const FeatureSamples toks = skops::read_json_feature_samples(R"([["x", "y", "x"], []])");
  ts::expect_close(hb->run_feature_samples(Method::Transform, toks), fh.run_feature_samples(Method::Transform, toks));
  EXPECT_THROW(FeatureHasher(0, FeatureSamples::Kind::Dicts, true), skops::ValidationError);
  // h = -2**31 has no abs in int32: scikit-learn's defined column.
  EXPECT_EQ(skops::estimators::hashed_column(INT32_MIN, 10), (2147483647 - 9) % 10);
  EXPECT_EQ(skops::estimators::hashed_column(-7, 5), 2);
}

}  // namespace
