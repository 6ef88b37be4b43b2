// The text models of the zoo (tests/data/zoo/*/text_*) and this project's own ones with other
// analyzers, patterns, languages and steps (tests/data/texts): each runs on its documents read from
// the JSON list of strings and from the 1-d '<U' .npy, every recorded method equal to
// scikit-learn's (labels exactly, floats within 1e-12 relative / 1e-10 absolute), also after
// dumps → loads.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/estimators.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;
using skops::NdArray;

using TextModel = ts::ZooModel;

std::vector<TextModel> text_models() {
  std::vector<TextModel> out;
  for (const char* dir : {"zoo/sklearn-1.2.1", "zoo/sklearn-1.4.2"}) {
    for (const auto& f : ts::list_files(dir, ".skops")) {
      const std::string name = fs::path(f).stem().string();
      if (name.rfind("text_", 0) == 0) out.push_back({dir, name});
    }
  }
  for (const char* dir : {"texts/sklearn-1.2.1", "texts/sklearn-1.4.2"}) {
    for (const auto& f : ts::list_files(dir, ".skops"))
      out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

void expect_methods(const skops::Estimator& est, const TextModel& m,
                    const std::vector<std::string>& docs, const std::string& what) {
  ts::expect_recorded_methods(m, what,
                              [&](Method method) { return est.run_documents(method, docs); });
}

class ZooText : public ::testing::TestWithParam<TextModel> {};

TEST_P(ZooText, JsonAndNpyDocumentsMatchScikitLearnAlsoAfterResave) {
  const TextModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_TRUE(est->accepts_documents());
  const auto json = skops::read_json_documents(ts::read_file_text(m.path(".X.json")));
  ASSERT_TRUE(json.has_value());
  ASSERT_GE(json->size(), 40u);
  const auto npy = skops::documents_from_npy(ts::read_npy_file(m.path(".X.npy")));
  ASSERT_TRUE(npy.has_value());
  EXPECT_EQ(*npy, *json);
  expect_methods(*est, m, *json, "json");
  const auto back = skops::loads(skops::dumps(*est), m.options());
  expect_methods(*back, m, *json, "resaved");
}

std::string model_label(const ::testing::TestParamInfo<TextModel>& info) {
  std::string s = info.param.dir.substr(0, info.param.dir.find('/')) + "_" +
                  info.param.dir.substr(info.param.dir.find('-') + 1) + "_" + info.param.name;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

INSTANTIATE_TEST_SUITE_P(All, ZooText, ::testing::ValuesIn(text_models()), model_label);

TEST(ZooText, EveryTextModelIsCovered) {
  // zoo: 6 per version; texts: 10 per version.
  EXPECT_EQ(text_models().size(), 12u + 20u);
}

TEST(ZooText, AMatrixIsNotDocumentsAndDocumentsAreNotAMatrix) {
  const TextModel m{"zoo/sklearn-1.2.1", "text_count_nb"};
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_THROW(est->run(Method::Predict, skops::Matrix::Zero(2, 3)), skops::InputError);
  EXPECT_THROW(est->run_documents(Method::Predict, std::vector<std::string>{}), skops::InputError);
  EXPECT_THROW(est->run_documents(Method::Predict, std::vector<std::string>{"ok", "bad \xc3"}),
               skops::InputError);
  // An empty document and one of unknown words: a row of zeros, scikit-learn's prior.
  const NdArray p = est->run_documents(Method::PredictProba, std::vector<std::string>{"", "zzzz qqqq"});
  EXPECT_EQ(p.dim(0), 2);
}

// What the loader refuses in a vectorizer, checked by editing schema.json of a real file
// (the CountVectorizer's attribute `key` replaced by `node`): each is an UnsupportedError or
// ValidationError at a JSON pointer, naming the parameter or construct, never ignored.
TEST(ZooText, RefusedParametersAreNamedAtLoad) {
  const TextModel m{"zoo/sklearn-1.2.1", "text_count_nb"};
  const auto reader = skops::ArchiveReader::open_file(m.path(".skops"));
  auto with = [&](const std::string& key, const nlohmann::ordered_json& node) {
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
    for (const auto& e : reader->entries()) {
      const skops::ByteView v = reader->read(e.name);
      std::string text(reinterpret_cast<const char*>(v.data), v.size);
      if (e.name == "schema.json") {
        auto j = nlohmann::ordered_json::parse(text);
        auto& attrs = j["content"]["content"]["steps"]["content"][0]["content"][1]["content"]["content"];
        EXPECT_TRUE(attrs.contains(key)) << key;
        attrs[key] = node;
        text = j.dump();
      }
      members.emplace_back(e.name, std::vector<std::uint8_t>(text.begin(), text.end()));
    }
    return skops::write_archive_bytes(members);
  };
  auto str = [](const std::string& v) {
    return nlohmann::ordered_json{{"__class__", "str"},   {"__module__", "builtins"},
                                  {"__loader__", "JsonNode"}, {"content", nlohmann::json(v).dump()},
                                  {"is_json", true},      {"__id__", 1}};
  };
  const nlohmann::ordered_json fn = {{"__class__", "lower"}, {"__module__", "builtins.str"},
                                     {"__loader__", "FunctionNode"}, {"__id__", 2}};
  struct Case {
    std::string key;
    nlohmann::ordered_json node;
    std::string needle;
    skops::ErrorKind kind;
  };
  const std::vector<Case> cases = {
      {"input", str("filename"), "input='filename'", skops::ErrorKind::Unsupported},
      {"input", str("file"), "input='file'", skops::ErrorKind::Unsupported},
      {"analyzer", str("sentence"), "analyzer", skops::ErrorKind::Validation},
      {"analyzer", fn, "analyzer", skops::ErrorKind::Unsupported},
      {"tokenizer", fn, "tokenizer", skops::ErrorKind::Unsupported},
      {"preprocessor", fn, "preprocessor", skops::ErrorKind::Unsupported},
      {"strip_accents", fn, "strip_accents", skops::ErrorKind::Unsupported},
      {"token_pattern", str("(\\w)\\1"), "token_pattern", skops::ErrorKind::Unsupported},
      {"token_pattern", str("(?=a)b"), "token_pattern", skops::ErrorKind::Unsupported},
      {"token_pattern", str("\\w*"), "token_pattern", skops::ErrorKind::Unsupported},
      {"token_pattern", str("[a-"), "token_pattern", skops::ErrorKind::Validation},
      {"stop_words", str("french"), "stop_words", skops::ErrorKind::Validation},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.key + " = " + c.node.dump());
    skops::LoadOptions o;
    o.trusted = {"builtins.str.lower"};
    try {
      skops::loads(with(c.key, c.node), o);
      ADD_FAILURE() << "loaded";
    } catch (const skops::Error& e) {
      EXPECT_EQ(e.kind(), c.kind) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.needle), std::string::npos) << e.what();
      EXPECT_FALSE(e.json_pointer().empty()) << e.what();
    }
  }
}

}  // namespace
