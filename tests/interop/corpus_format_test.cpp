// The format core against every real file: each corpus and variant file parses, its audit
// reports exactly the types Python recorded (format.types) with their JSON paths, every
// array reads, and read → write → read gives an equal graph with equal arrays.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/trust.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;

std::vector<std::string> all_files() {
  std::vector<std::string> out;
  for (const char* dir : {"corpus/sklearn-1.2.1", "corpus/sklearn-1.4.2", "variants"}) {
    for (auto& f : ts::list_files(dir, ".skops")) out.push_back(f);
  }
  return out;
}

nlohmann::json expected_for(const std::string& skops_path) {
  std::string p = skops_path.substr(0, skops_path.size() - 6) + ".expected.json";
  return nlohmann::json::parse(ts::read_file_text(p));
}

bool unsupported_compression(const std::string& path) {
  return path.find("variant_skops_lzma") != std::string::npos &&
         !skops::compression_supported(skops::Compression::Lzma);
}

class CorpusFile : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusFile, ParsesAuditsReadsAndRoundTrips) {
  const std::string path = GetParam();
  if (unsupported_compression(path)) {
    // This libzip build has no LZMA: the refusal must be a clean UnsupportedError.
    EXPECT_THROW(skops::Document::read_file(path)->read_all_arrays(), skops::UnsupportedError);
    return;
  }
  std::shared_ptr<skops::Document> doc;
  ASSERT_NO_THROW(doc = skops::Document::read_file(path)) << path;
  EXPECT_EQ(doc->protocol(), 2);

  const auto report = skops::audit(*doc->root(), skops::TrustPolicy());
  std::set<std::string> found;
  for (const auto& t : report.types) {
    if (!t.derived) found.insert(t.type);
    ASSERT_FALSE(t.paths.empty()) << t.type;
    for (const auto& p : t.paths) EXPECT_TRUE(p.empty() || p[0] == '/') << p;
  }
  const auto expected = expected_for(path);
  if (expected.contains("format")) {
    const auto want = expected["format"]["types"].get<std::set<std::string>>();
    EXPECT_EQ(found, want) << path;
  } else {
    // Variants record only the estimator class; it must be among the audited types.
    EXPECT_TRUE(found.count(expected["class"].get<std::string>())) << path;
  }

  ASSERT_NO_THROW(doc->read_all_arrays()) << path;

  // Generic read → write → read: equal graph, equal arrays.
  const skops::NodePtr held = skops::materialize(*doc);
  for (auto compression : {skops::Compression::Stored, skops::Compression::Deflate}) {
    skops::WriteOptions wo;
    wo.compression = compression;
    const auto bytes = skops::write_document_bytes(*held, wo);
    auto again = skops::Document::read_bytes(bytes);
    EXPECT_TRUE(skops::graphs_equal(*doc->root(), *again->root(), doc.get(), again.get())) << path;
    EXPECT_TRUE(skops::graphs_equal(*held, *again->root(), nullptr, again.get())) << path;
  }
}

std::string file_case_name(const ::testing::TestParamInfo<std::string>& info) {
  fs::path p(info.param);
  std::string n = p.parent_path().filename().string() + "_" + p.stem().string();
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(All, CorpusFile, ::testing::ValuesIn(all_files()), file_case_name);

TEST(CorpusFiles, AllPresent) {
  // 62 shared models in each scikit-learn version (+12 made here for 1.2.1:
  // float32 transformers, a float32-fitted MLP, apply), 14 variants.
  EXPECT_EQ(ts::list_files("corpus/sklearn-1.2.1", ".skops").size(), 74u);
  EXPECT_EQ(ts::list_files("corpus/sklearn-1.4.2", ".skops").size(), 62u);
  EXPECT_EQ(ts::list_files("variants", ".skops").size(), 14u);
}

}  // namespace
