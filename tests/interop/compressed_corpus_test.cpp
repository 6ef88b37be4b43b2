// LZMA and Zstandard copies of corpus files (tests/data/compressed, made by
// make_compressed.py: LZMA re-zipped by Python's zipfile, Zstandard frames by the zstd
// command): every member uses the compression the name says, the model loads and every recorded
// method gives bit for bit what the stored original gives; re-saved with LZMA and Zstandard by
// the C++ writer, it still does.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;

struct Copy {
  std::string path;
  skops::Compression compression;
  std::string original;  ///< corpus path without ".skops"
};

std::vector<Copy> copies() {
  std::vector<Copy> out;
  for (const auto& f : ts::list_files("compressed", ".skops")) {
    // lzma_sklearn-1.2.1_LogisticRegression_multiclass.skops
    const std::string stem = fs::path(f).stem().string();
    const auto a = stem.find('_');
    const auto b = stem.find('_', a + 1);
    const std::string codec = stem.substr(0, a);
    out.push_back({f, codec == "lzma" ? skops::Compression::Lzma : skops::Compression::Zstd,
                   ts::data_path("corpus/" + stem.substr(a + 1, b - a - 1) + "/" +
                                 stem.substr(b + 1))});
  }
  return out;
}

void expect_same_outputs(const skops::Estimator& want, const skops::Estimator& got,
                         const std::string& original) {
  const auto expected = nlohmann::json::parse(ts::read_file_text(original + ".expected.json"));
  const skops::NdArray X = ts::read_npy_file(original + ".X.npy");
  int compared = 0;
  for (const auto& [name, file] : expected.at("methods").items()) {
    const auto method = skops::method_from_string(name);
    if (!method || !want.supports(*method)) continue;
    SCOPED_TRACE(name);
    EXPECT_EQ(got.run_array(*method, X), want.run_array(*method, X));
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST(CompressedCorpus, LoadsAndPredictsLikeTheOriginal) {
  const auto all = copies();
  ASSERT_EQ(all.size(), 3u);  // LZMA from 1.2.1 and 1.4.2, Zstandard from 1.4.2
  const std::string dir = ts::make_temp_dir("compressed-corpus");
  for (const Copy& c : all) {
    SCOPED_TRACE(c.path);
    const auto archive = skops::ArchiveReader::open_file(c.path);
    for (const auto& e : archive->entries()) EXPECT_EQ(e.compression, c.compression) << e.name;
    const auto original = skops::load(c.original + ".skops");
    const auto copy = skops::load(c.path);
    expect_same_outputs(*original, *copy, c.original);
    for (auto compression : {skops::Compression::Lzma, skops::Compression::Zstd}) {
      skops::DumpOptions d;
      d.compression = compression;
      const std::string out = dir + "/resaved.skops";
      skops::dump(*copy, out, d);
      const auto resaved = skops::ArchiveReader::open_file(out);
      for (const auto& e : resaved->entries()) EXPECT_EQ(e.compression, compression) << e.name;
      expect_same_outputs(*original, *skops::load(out), c.original);
    }
  }
  fs::remove_all(dir);
}

}  // namespace
