#include "native_models/models.hpp"

namespace skops::native_models {

void add_neighbors(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& int_classes = f.int_classes;
  const auto& nb = f.nb;
  const auto& knn = f.knn;
  // --- Neighbours (training rows differ from the input: no zero distances) ------------------
  out.emplace_back("KNeighborsClassifier", estimators::KNeighborsClassifier::from_arrays(
                                               knn, int_classes, {0, 0, 1, 1, 2, 2}));
  estimators::NeighborsParams knn_l1 = knn;
  knn_l1.n_neighbors = 2;
  knn_l1.distance_weights = true;
  knn_l1.metric = estimators::NeighborsMetric::Manhattan;
  knn_l1.euclidean_reduction = false;
  out.emplace_back("KNeighborsClassifier_manhattan_distance",
                   estimators::KNeighborsClassifier::from_arrays(
                       knn_l1, NdArray::from_strings({"a", "b", "c"}, {3}), {0, 1, 1, 2, 2, 0}));
  out.emplace_back("KNeighborsRegressor", estimators::KNeighborsRegressor::from_arrays(
                                              knn, vec({0.2, 0.25, 1.4, 1.3, 2.1, 1.6})));
  estimators::NeighborsParams knn_p3 = knn;
  knn_p3.n_neighbors = 2;
  knn_p3.distance_weights = true;
  knn_p3.metric = estimators::NeighborsMetric::Minkowski;
  knn_p3.p = 3;
  knn_p3.euclidean_reduction = false;
  out.emplace_back(
      "KNeighborsRegressor_minkowski3_two_outputs",
      estimators::KNeighborsRegressor::from_arrays(
          knn_p3, matrix({0.2, 1.0, 0.25, 1.1, 1.4, 2.0, 1.3, 2.2, 2.1, 3.0, 1.6, 3.5}, 6, 2)));
  out.emplace_back(
      "NearestCentroid",
      estimators::NearestCentroid::from_arrays(
          nb.theta, NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3})));
  out.emplace_back("NearestCentroid_manhattan",
                   estimators::NearestCentroid::from_arrays(nb.theta, int_classes, "manhattan"));
}

}  // namespace skops::native_models
