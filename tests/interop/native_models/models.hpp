#pragma once
// The natively built models of tests/interop/native_models, one file per scikit-learn
// module (native_models/<module>.cpp, mirroring src/estimators/<module>/), and what they
// share: the common input, the models' record, small array builders and the fitted pieces
// several modules reuse (a scaler, trees, coefficients).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimators.hpp"
#include "skops/skops.hpp"

namespace skops::native_models {

using estimators::LinearClassifier;
using estimators::LinearClassifierKind;
using estimators::LinearRegressor;
using estimators::LinearRegressorKind;
namespace pp = skops::estimators;

inline NdArray matrix(std::vector<double> v, std::int64_t rows, std::int64_t cols) {
  return NdArray::from_vector(v, {rows, cols});
}

inline Matrix input() {
  Matrix X(6, 4);
  X << 5.1, 3.5, 1.4, 0.2,  //
      4.9, 3.0, 1.4, 0.2,   //
      6.4, 3.2, 4.5, 1.5,   //
      5.5, 2.3, 4.0, 1.3,   //
      6.3, 3.3, 6.0, 2.5,   //
      7.7, 2.6, 6.9, 2.3;
  return X;
}

// One model to write: its estimator, the input its methods run on (empty: input()), and
// the types Python skops does not trust by default that its file may hold.
struct Model {
  std::string name;
  EstimatorPtr est;
  Matrix X;
  std::vector<std::string> untrusted;
  /// Methods supported but not reproducible in C++ (they draw random numbers).
  std::vector<Method> skip = {};
  /// A DataFrame model: its input as CSV text (written as NAME.X.csv, run as a Table).
  std::string csv = {};
  /// A text model: its documents (written as NAME.X.npy, a 1-d '<U' array, and NAME.X.json;
  /// run through run_documents).
  std::vector<std::string> docs = {};
  /// A DictVectorizer / FeatureHasher model: its samples as JSON (written as NAME.X.json,
  /// run through run_feature_samples).
  std::string samples = {};
};

struct Models {
  std::vector<Model> all;
  void emplace_back(std::string name, EstimatorPtr est, std::vector<std::string> untrusted = {},
                    Matrix X = {}) {
    all.push_back({std::move(name), std::move(est), std::move(X), std::move(untrusted), {}});
  }
  void emplace_frame(std::string name, EstimatorPtr est, std::string csv,
                     std::vector<std::string> untrusted = {}) {
    all.push_back({std::move(name), std::move(est), {}, std::move(untrusted), {}, std::move(csv)});
  }
  void emplace_text(std::string name, EstimatorPtr est, std::vector<std::string> docs,
                    std::vector<std::string> untrusted = {}) {
    all.push_back(
        {std::move(name), std::move(est), {}, std::move(untrusted), {}, {}, std::move(docs)});
  }
  void emplace_samples(std::string name, EstimatorPtr est, std::string samples_json,
                       std::vector<std::string> untrusted = {}) {
    all.push_back({std::move(name), std::move(est), {}, std::move(untrusted), {}, {}, {},
                   std::move(samples_json)});
  }
};

inline NdArray vec(std::vector<double> v) { return NdArray::from_vector(v); }
inline NdArray i32(std::vector<std::int32_t> v) { return NdArray::from_vector(v); }

// Row-wise logs of `rows` normalised to sum to one.
inline NdArray log_rows(const std::vector<std::vector<double>>& rows) {
  std::vector<double> v;
  for (const auto& r : rows) {
    double sum = 0;
    for (double x : r) sum += x;
    for (double x : r) v.push_back(std::log(x / sum));
  }
  return matrix(v, static_cast<std::int64_t>(rows.size()),
                static_cast<std::int64_t>(rows[0].size()));
}

inline bool at_least(const std::string& version, int major, int minor) {
  const auto dot = version.find('.');
  const int ma = std::stoi(version.substr(0, dot));
  const int mi = std::stoi(version.substr(dot + 1));
  return ma > major || (ma == major && mi >= minor);
}

/// A linear classifier from arrays (the shape every linear_model/svm model here takes).
EstimatorPtr linear_classifier(LinearClassifierKind kind, NdArray coef, NdArray intercept,
                               NdArray classes, estimators::LinearClassifierOptions o = {});

/// Fitted pieces more than one module's models use.
struct Fixtures {
  NdArray coef3;
  NdArray int_classes;
  std::shared_ptr<preprocessing::StandardScaler> scaler;
  estimators::GaussianNBParams nb;
  TreeArrays t;
  TreeArrays t2;
  std::shared_ptr<const DecisionTreeClassifier> tree_a;
  std::shared_ptr<const DecisionTreeClassifier> tree_b;
  TreeArrays r1;
  TreeArrays r2;
  std::shared_ptr<const DecisionTreeRegressor> reg_a;
  std::shared_ptr<const DecisionTreeRegressor> reg_b;
  NdArray coef_bin;
  NdArray int_binary;
  NdArray intercept3;
  NdArray coef4;
  NdArray scalar_intercept;
  NdArray fit_X;
  estimators::NeighborsParams knn;
  std::vector<double> data_min;
  std::vector<double> data_max;
  std::vector<double> mm_scale;
  std::vector<double> mm_min;
  Matrix components;
  std::shared_ptr<decomposition::PCA> pca;
  std::shared_ptr<decomposition::TruncatedSVD> svd;
};
Fixtures make_fixtures();

void add_cluster(Models& out, const Fixtures& f, const std::string& version);
void add_compose(Models& out, const Fixtures& f, const std::string& version);
void add_decomposition(Models& out, const Fixtures& f, const std::string& version);
void add_discriminant_analysis(Models& out, const Fixtures& f, const std::string& version);
void add_dummy(Models& out, const Fixtures& f, const std::string& version);
void add_ensemble(Models& out, const Fixtures& f, const std::string& version);
void add_feature_extraction(Models& out, const Fixtures& f, const std::string& version);
void add_feature_selection(Models& out, const Fixtures& f, const std::string& version);
void add_impute(Models& out, const Fixtures& f, const std::string& version);
void add_linear_model(Models& out, const Fixtures& f, const std::string& version);
void add_multiclass(Models& out, const Fixtures& f, const std::string& version);
void add_multioutput(Models& out, const Fixtures& f, const std::string& version);
void add_naive_bayes(Models& out, const Fixtures& f, const std::string& version);
void add_neighbors(Models& out, const Fixtures& f, const std::string& version);
void add_neural_network(Models& out, const Fixtures& f, const std::string& version);
void add_pipeline(Models& out, const Fixtures& f, const std::string& version);
void add_preprocessing(Models& out, const Fixtures& f, const std::string& version);
void add_svm(Models& out, const Fixtures& f, const std::string& version);
void add_tree(Models& out, const Fixtures& f, const std::string& version);

}  // namespace skops::native_models
