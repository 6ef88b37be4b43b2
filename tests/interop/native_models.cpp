// Builds estimators natively in C++ (no file read), saves them, and records their C++
// outputs next to them: NAME.skops, NAME.X.npy, NAME.<method>.npy, NAME.expected.json.
// ctest runs it and reloads every file in C++ (native_models_reload); the Python cross-check
// `scripts/python_roundtrip.py --native DIR` loads the same files with skops.io.load and
// checks that scikit-learn predicts what C++ predicted.
//
// usage: native_models OUT_DIR [--sklearn-version 1.2.1] [--check]

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "skops/estimators/cluster.hpp"
#include "skops/estimators/compose.hpp"
#include "skops/estimators/ensemble.hpp"
#include "skops/estimators/ensemble_meta.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/skops.hpp"

namespace {

using namespace skops;
namespace fs = std::filesystem;

NdArray matrix(std::vector<double> v, std::int64_t rows, std::int64_t cols) {
  return NdArray::from_vector(v, {rows, cols});
}

Matrix input() {
  Matrix X(6, 4);
  X << 5.1, 3.5, 1.4, 0.2,  //
      4.9, 3.0, 1.4, 0.2,   //
      6.4, 3.2, 4.5, 1.5,   //
      5.5, 2.3, 4.0, 1.3,   //
      6.3, 3.3, 6.0, 2.5,   //
      7.7, 2.6, 6.9, 2.3;
  return X;
}

std::vector<std::pair<std::string, std::shared_ptr<const Estimator>>> models() {
  using estimators::LinearClassifier;
  using estimators::LinearClassifierKind;
  std::vector<std::pair<std::string, std::shared_ptr<const Estimator>>> out;
  const NdArray coef3 =
      matrix({0.4, 1.4, -2.2, -1.0, 0.5, -1.6, 0.5, -1.3, -0.9, 0.2, 1.7, 2.3}, 3, 4);
  const NdArray int_classes = NdArray::from_vector(std::vector<std::int64_t>{0, 1, 2});
  out.emplace_back("LogisticRegression_multinomial",
                   LinearClassifier::from_arrays(
                       LinearClassifierKind::LogisticRegression, coef3,
                       NdArray::from_vector(std::vector<double>{9.0, 2.1, -11.1}), int_classes));
  out.emplace_back("LogisticRegression_binary_strings",
                   LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                 matrix({0.3, -0.8, 1.1, 0.7}, 1, 4),
                                                 NdArray::from_vector(std::vector<double>{-3.0}),
                                                 NdArray::from_strings({"no", "yes"}, {2})));
  out.emplace_back("LinearRegression",
                   estimators::LinearRegressor::from_arrays(
                       estimators::LinearRegressorKind::LinearRegression,
                       NdArray::from_vector(std::vector<double>{0.5, -1.25, 2.0, 0.125}),
                       NdArray::from_vector(std::vector<double>{3.5}, {})));
  auto scaler = std::make_shared<preprocessing::StandardScaler>(
      std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{0.8, 0.4, 1.8, 0.8});
  out.emplace_back("StandardScaler", scaler);
  out.emplace_back(
      "Pipeline_StandardScaler_LogisticRegression",
      compose::Pipeline::from_estimators(
          {{"scale", scaler},
           {"clf", LinearClassifier::from_arrays(
                       LinearClassifierKind::LogisticRegression, coef3,
                       NdArray::from_vector(std::vector<double>{0.3, 1.2, -1.5}), int_classes)}}));
  out.emplace_back("KMeans",
                   estimators::KMeans::from_arrays(
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.7, 4.4, 1.4, 6.9, 3.1, 5.8, 2.1}, 3, 4)));
  estimators::GaussianNBParams nb;
  nb.classes = int_classes;
  nb.theta = matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.6, 3.0, 5.6, 2.0}, 3, 4);
  nb.var = matrix({0.12, 0.14, 0.03, 0.01, 0.26, 0.10, 0.22, 0.04, 0.40, 0.10, 0.30, 0.07}, 3, 4);
  nb.class_prior = NdArray::from_vector(std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3});
  nb.class_count = NdArray::from_vector(std::vector<double>{50, 50, 50});
  out.emplace_back("GaussianNB", estimators::GaussianNB::from_arrays(nb));
  TreeArrays t;
  t.n_features = 4;
  t.n_classes = {3};
  t.left_child = {1, -1, 3, -1, -1};
  t.right_child = {2, -1, 4, -1, -1};
  t.feature = {2, -2, 3, -2, -2};
  t.threshold = {2.45, -2, 1.75, -2, -2};
  t.values = {50, 50, 50, 50, 0, 0, 0, 50, 50, 0, 49, 5, 0, 1, 45};
  t.n_node_samples = {150, 50, 100, 54, 46};
  t.weighted_n_node_samples = {150, 50, 100, 54, 46};
  t.impurity = {0.667, 0.0, 0.5, 0.168, 0.043};
  out.emplace_back("DecisionTreeClassifier", DecisionTreeClassifier::from_arrays(t, {int_classes}));
  out.emplace_back("ExtraTreeClassifier",
                   DecisionTreeClassifier::from_arrays(t, {int_classes}, /*extra=*/true));

  // A second classifier tree, numbered breadth-first (renumbered for traversal in C++).
  TreeArrays t2;
  t2.n_features = 4;
  t2.n_classes = {3};
  t2.left_child = {1, 3, -1, -1, -1};
  t2.right_child = {2, 4, -1, -1, -1};
  t2.feature = {3, 2, -2, -2, -2};
  t2.threshold = {1.65, 4.95, -2, -2, -2};
  t2.values = {50, 50, 50, 50, 47, 1, 0, 3, 49, 50, 45, 0, 0, 2, 1};
  t2.n_node_samples = {150, 98, 52, 95, 3};
  t2.weighted_n_node_samples = {150, 98, 52, 95, 3};
  t2.impurity = {0.667, 0.51, 0.11, 0.47, 0.44};
  auto tree_a = std::shared_ptr<const DecisionTreeClassifier>(
      DecisionTreeClassifier::from_arrays(t, {int_classes}));
  auto tree_b = std::shared_ptr<const DecisionTreeClassifier>(
      DecisionTreeClassifier::from_arrays(t2, {int_classes}));
  out.emplace_back("RandomForestClassifier",
                   ForestClassifier::from_trees({tree_a, tree_b}, {int_classes}));
  out.emplace_back("ExtraTreesClassifier",
                   ForestClassifier::from_trees({tree_b, tree_a}, {int_classes}, /*extra=*/true));

  // Regression trees: leaf means.
  TreeArrays r1 = t;
  r1.n_classes = {1};
  r1.values = {1.0, 0.0, 1.5, 1.1, 1.9};
  TreeArrays r2 = t2;
  r2.n_classes = {1};
  r2.values = {1.0, 0.6, 1.8, 0.5, 2.25};
  out.emplace_back("DecisionTreeRegressor", DecisionTreeRegressor::from_arrays(r1));
  auto reg_a = std::shared_ptr<const DecisionTreeRegressor>(DecisionTreeRegressor::from_arrays(r1));
  auto reg_b = std::shared_ptr<const DecisionTreeRegressor>(DecisionTreeRegressor::from_arrays(r2));
  out.emplace_back("RandomForestRegressor", ForestRegressor::from_trees({reg_a, reg_b}));
  out.emplace_back("ExtraTreesRegressor",
                   ForestRegressor::from_trees({reg_b, reg_a}, /*extra=*/true));

  // IsolationForest over two features per tree (max_features 2 of 4, so X is subset).
  TreeArrays i1;
  i1.n_features = 2;
  i1.left_child = {1, -1, 3, -1, -1};
  i1.right_child = {2, -1, 4, -1, -1};
  i1.feature = {0, -2, 1, -2, -2};
  i1.threshold = {4.5, -2, 1.0, -2, -2};
  i1.values = {0.5, 0.2, 0.6, 0.4, 0.7};
  i1.n_node_samples = {6, 2, 4, 1, 3};
  i1.weighted_n_node_samples = {6, 2, 4, 1, 3};
  TreeArrays i2 = i1;
  i2.left_child = {1, 2, -1, -1, -1};
  i2.right_child = {4, 3, -1, -1, -1};
  i2.feature = {1, 0, -2, -2, -2};
  i2.threshold = {6.0, 5.0, -2, -2, -2};
  i2.n_node_samples = {6, 5, 1, 4, 1};
  i2.weighted_n_node_samples = {6, 5, 1, 4, 1};
  out.emplace_back("IsolationForest",
                   IsolationForest::from_trees({i1, i2}, {{2, 3}, {0, 2}}, 4, 2, 6, -0.5));
  return out;
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
  const Matrix X = input();
  int failures = 0;
  for (const auto& [name, est] : models()) {
    DumpOptions d;
    d.sklearn_version = version;
    const fs::path base = dir / name;
    dump(*est, base.string() + ".skops", d);
    write_file(base.string() + ".X.npy", write_npy(to_ndarray(X)));
    nlohmann::json meta;
    meta["class"] = est->type_name();
    meta["untrusted_types"] = nlohmann::json::array();
    meta["methods"] = nlohmann::json::object();
    auto reloaded = load(base.string() + ".skops");
    for (Method m :
         {Method::Predict, Method::PredictProba, Method::PredictLogProba, Method::DecisionFunction,
          Method::Transform, Method::ScoreSamples, Method::Apply}) {
      if (!est->supports(m)) continue;
      const NdArray want = est->run(m, X);
      const std::string file = name + "." + to_string(m) + ".npy";
      write_file(dir / file, write_npy(want));
      meta["methods"][to_string(m)] = file;
      // The file must load back in C++ and give the same outputs.
      if (check && !(reloaded->supports(m) && reloaded->run(m, X) == want)) {
        std::cerr << name << ": " << to_string(m) << " differs after dump/load\n";
        ++failures;
      }
    }
    std::ofstream(base.string() + ".expected.json") << meta.dump(2) << "\n";
    std::cout << "wrote " << base.string() << ".skops (" << est->type_name() << ")\n";
  }
  if (check) std::cout << failures << " failed, " << models().size() << " models checked\n";
  return failures == 0 ? 0 : 1;
}
