#include "native_models/models.hpp"

#include <cmath>

namespace skops::native_models {

EstimatorPtr linear_classifier(LinearClassifierKind kind, NdArray coef, NdArray intercept,
                               NdArray classes, estimators::LinearClassifierOptions o) {
  return EstimatorPtr(LinearClassifier::from_arrays(kind, std::move(coef), std::move(intercept),
                                                    std::move(classes), o));
}

Fixtures make_fixtures() {
  const NdArray coef3 =
      matrix({0.4, 1.4, -2.2, -1.0, 0.5, -1.6, 0.5, -1.3, -0.9, 0.2, 1.7, 2.3}, 3, 4);
  const NdArray int_classes = NdArray::from_vector(std::vector<std::int64_t>{0, 1, 2});
  auto scaler = std::make_shared<preprocessing::StandardScaler>(
      std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{0.8, 0.4, 1.8, 0.8});
  estimators::GaussianNBParams nb;
  nb.classes = int_classes;
  nb.theta = matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.6, 3.0, 5.6, 2.0}, 3, 4);
  nb.var = matrix({0.12, 0.14, 0.03, 0.01, 0.26, 0.10, 0.22, 0.04, 0.40, 0.10, 0.30, 0.07}, 3, 4);
  nb.class_prior = NdArray::from_vector(std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3});
  nb.class_count = NdArray::from_vector(std::vector<double>{50, 50, 50});
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
  // Regression trees: leaf means.
  TreeArrays r1 = t;
  r1.n_classes = {1};
  r1.values = {1.0, 0.0, 1.5, 1.1, 1.9};
  TreeArrays r2 = t2;
  r2.n_classes = {1};
  r2.values = {1.0, 0.6, 1.8, 0.5, 2.25};
  auto reg_a = std::shared_ptr<const DecisionTreeRegressor>(DecisionTreeRegressor::from_arrays(r1));
  auto reg_b = std::shared_ptr<const DecisionTreeRegressor>(DecisionTreeRegressor::from_arrays(r2));
  const NdArray coef_bin = matrix({0.3, -0.8, 1.1, 0.7}, 1, 4);
  const NdArray int_binary = NdArray::from_vector(std::vector<std::int64_t>{0, 1});
  const NdArray intercept3 = vec({0.3, 1.2, -1.5});
  const NdArray coef4 = vec({0.5, -1.25, 2.0, 0.125});
  const NdArray scalar_intercept = NdArray::from_vector(std::vector<double>{3.5}, {});
  const NdArray fit_X = matrix({5.0, 3.6, 1.4, 0.2, 4.8, 3.1, 1.6, 0.2, 6.7, 3.1, 4.4, 1.4,
                                5.7, 2.8, 4.1, 1.3, 6.4, 2.8, 5.6, 2.1, 7.2, 3.0, 5.8, 1.6},
                               6, 4);
  estimators::NeighborsParams knn;
  knn.fit_X = fit_X;
  knn.n_neighbors = 3;
  const std::vector<double> data_min = {4.3, 2.0, 1.0, 0.1}, data_max = {7.9, 4.4, 6.9, 2.5};
  std::vector<double> mm_scale, mm_min;
  for (int j = 0; j < 4; ++j) {
    mm_scale.push_back(1.0 / (data_max[j] - data_min[j]));
    mm_min.push_back(-data_min[j] * mm_scale[j]);
  }
  Matrix components(2, 4);
  components << 0.5, 0.5, 0.5, 0.5,  //
      0.5, -0.5, 0.5, -0.5;
  auto pca = std::make_shared<decomposition::PCA>(
      components, std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{4.2, 0.25});
  auto svd = std::make_shared<decomposition::TruncatedSVD>(components);
  Fixtures f;
  f.coef3 = coef3;
  f.int_classes = int_classes;
  f.scaler = scaler;
  f.nb = nb;
  f.t = t;
  f.t2 = t2;
  f.tree_a = tree_a;
  f.tree_b = tree_b;
  f.r1 = r1;
  f.r2 = r2;
  f.reg_a = reg_a;
  f.reg_b = reg_b;
  f.coef_bin = coef_bin;
  f.int_binary = int_binary;
  f.intercept3 = intercept3;
  f.coef4 = coef4;
  f.scalar_intercept = scalar_intercept;
  f.fit_X = fit_X;
  f.knn = knn;
  f.data_min = data_min;
  f.data_max = data_max;
  f.mm_scale = mm_scale;
  f.mm_min = mm_min;
  f.components = components;
  f.pca = pca;
  f.svd = svd;
  return f;
}

}  // namespace skops::native_models
