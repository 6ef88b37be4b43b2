// Builds estimators natively in C++ (no file read), saves them, and records their C++
// outputs next to them: NAME.skops, NAME.X.npy, NAME.<method>.npy, NAME.expected.json.
// ctest runs it and reloads every file in C++ (native_models_reload); the Python cross-check
// `scripts/python_roundtrip.py --native DIR` loads the same files with skops.io.load and
// checks that scikit-learn predicts what C++ predicted, and that the file needs no trusted
// type beyond the model's `untrusted_types` (those its Python counterpart also needs).
//
// usage: native_models OUT_DIR [--sklearn-version 1.2.1] [--check]

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "native_models/models.hpp"

namespace {

using namespace skops;
using namespace skops::native_models;
namespace fs = std::filesystem;

// Every module's models, in the alphabetical order of src/estimators/.
std::vector<Model> models(const std::string& version) {
  const Fixtures f = make_fixtures();
  Models out;
  add_cluster(out, f, version);
  add_compose(out, f, version);
  add_decomposition(out, f, version);
  add_discriminant_analysis(out, f, version);
  add_dummy(out, f, version);
  add_ensemble(out, f, version);
  add_feature_extraction(out, f, version);
  add_feature_selection(out, f, version);
  add_impute(out, f, version);
  add_linear_model(out, f, version);
  add_multiclass(out, f, version);
  add_multioutput(out, f, version);
  add_naive_bayes(out, f, version);
  add_neighbors(out, f, version);
  add_neural_network(out, f, version);
  add_pipeline(out, f, version);
  add_preprocessing(out, f, version);
  add_svm(out, f, version);
  add_tree(out, f, version);
  return out.all;
}


void write_file(const fs::path& p, const std::vector<std::uint8_t>& bytes) {
  std::ofstream o(p, std::ios::binary);
  o.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: native_models OUT_DIR [--sklearn-version V] [--check]\n";
    return 64;
  }
  const fs::path dir = argv[1];
  std::string version = "1.2.1";
  bool check = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--sklearn-version" && i + 1 < argc) version = argv[++i];
    if (a == "--check") check = true;
  }
  fs::create_directories(dir);
  int failures = 0;
  const std::vector<Model> all = models(version);
  for (const auto& [name, est, own_X, untrusted, skip, csv, docs, samples_json] : all) {
    const Matrix X = own_X.size() == 0 ? input() : own_X;
    const Table table = csv.empty() ? Table() : read_csv(csv);
    const FeatureSamples samples =
        samples_json.empty() ? FeatureSamples() : read_json_feature_samples(samples_json);
    // A DataFrame model runs on its table, a text model on its documents, a dict model on its
    // samples, the others on X.
    auto run = [&](const Estimator& e, Method m) {
      if (!docs.empty()) return e.run_documents(m, docs);
      if (!samples_json.empty()) return e.run_feature_samples(m, samples);
      return csv.empty() ? e.run(m, X) : e.run_table(m, table);
    };
    try {
      DumpOptions d;
      d.sklearn_version = version;
      const fs::path base = dir / name;
      dump(*est, base.string() + ".skops", d);
      if (!docs.empty()) {
        write_file(base.string() + ".X.npy",
                   write_npy(NdArray::from_strings(docs, {static_cast<std::int64_t>(docs.size())})));
        std::ofstream(base.string() + ".X.json", std::ios::binary) << nlohmann::json(docs).dump();
      } else if (!samples_json.empty()) {
        std::ofstream(base.string() + ".X.json", std::ios::binary) << samples_json;
      } else if (csv.empty()) {
        write_file(base.string() + ".X.npy", write_npy(to_ndarray(X)));
      } else {
        std::ofstream(base.string() + ".X.csv", std::ios::binary) << csv;
      }
      nlohmann::json meta;
      meta["class"] = est->type_name();
      meta["untrusted_types"] = untrusted;
      meta["methods"] = nlohmann::json::object();
      LoadOptions lo;
      lo.trusted = untrusted;
      auto reloaded = load(base.string() + ".skops", lo);
      for (Method m :
           {Method::Predict, Method::PredictProba, Method::PredictLogProba,
            Method::DecisionFunction, Method::Transform, Method::ScoreSamples, Method::Apply}) {
        if (!est->supports(m) || std::find(skip.begin(), skip.end(), m) != skip.end()) continue;
        const NdArray want = run(*est, m);
        const std::string file = name + "." + to_string(m) + ".npy";
        write_file(dir / file, write_npy(want));
        meta["methods"][to_string(m)] = file;
        // The file must load back in C++ and give the same outputs.
        if (check && !(reloaded->supports(m) && run(*reloaded, m) == want)) {
          std::cerr << name << ": " << to_string(m) << " differs after dump/load\n";
          ++failures;
        }
      }
      std::ofstream(base.string() + ".expected.json") << meta.dump(2) << "\n";
      std::cout << "wrote " << base.string() << ".skops (" << est->type_name() << ")\n";
    } catch (const std::exception& e) {
      std::cerr << name << ": " << e.what() << "\n";
      ++failures;
    }
  }
  if (check) std::cout << failures << " failed, " << all.size() << " models checked\n";
  return failures == 0 ? 0 : 1;
}
