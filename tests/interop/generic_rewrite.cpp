// Rewrites .skops files through the generic node graph only (no estimator code):
// Document → materialize → write_document, for the Python cross-check
// (`scripts/python_roundtrip.py --native OUT`): each output keeps its model's test input,
// recorded outputs and metadata beside it.
//
// usage: generic_rewrite OUT_DIR CORPUS_DIR... [--deflate]

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "skops/skops.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: generic_rewrite OUT_DIR CORPUS_DIR... [--deflate]\n";
    return 64;
  }
  const fs::path out = argv[1];
  fs::create_directories(out);
  skops::WriteOptions wo;
  std::vector<fs::path> dirs;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--deflate") {
      wo.compression = skops::Compression::Deflate;
    } else {
      dirs.emplace_back(argv[i]);
    }
  }
  int written = 0;
  for (const auto& dir : dirs) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".skops") continue;
      const std::string stem = e.path().stem().string();
      const std::string name = dir.filename().string() + "_" + stem;
      try {
        auto doc = skops::Document::read_file(e.path().string());
        skops::write_document(*skops::materialize(*doc), (out / (name + ".skops")).string(), wo);
      } catch (const skops::Error& err) {
        std::cerr << e.path() << ": " << err.what() << "\n";
        continue;
      }
      auto meta = nlohmann::json::parse(skops::testing_support::read_file_text((dir / (stem + ".expected.json")).string()));
      nlohmann::json methods = nlohmann::json::object();
      for (auto& [method, file] : meta["methods"].items()) {
        const std::string f = file.get<std::string>();
        const std::string renamed = dir.filename().string() + "_" + f;
        fs::copy_file(dir / f, out / renamed, fs::copy_options::overwrite_existing);
        methods[method] = renamed;
      }
      meta["methods"] = methods;
      if (fs::exists(dir / (stem + ".X.npy"))) {
        fs::copy_file(dir / (stem + ".X.npy"), out / (name + ".X.npy"), fs::copy_options::overwrite_existing);
      }
      std::ofstream(out / (name + ".expected.json")) << meta.dump(1);
      ++written;
    }
  }
  std::cout << "rewrote " << written << " files into " << out << "\n";
  return 0;
}
