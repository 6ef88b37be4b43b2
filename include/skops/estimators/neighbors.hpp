#pragma once
/// \file neighbors.hpp
/// scikit-learn's nearest-neighbour estimators (`sklearn.neighbors`): KNeighborsClassifier,
/// KNeighborsRegressor and NearestCentroid, loaded from `.skops` files or built natively.
///
/// Neighbours are found by brute force over the training samples `_fit_X`; the KDTree or
/// BallTree a file may hold (`_tree`) is trusted and kept for re-saving but not used.
/// Distances follow scikit-learn's metric objects: euclidean sqrt(sum (x-y)^2) in feature
/// order (as KDTree/BallTree and the generic brute-force path compute it), except for
/// `_fit_method == "brute"` with the euclidean metric, where scikit-learn's
/// pairwise-distances reduction uses ||x||^2 - 2 x.y + ||y||^2 (clipped at 0) and so does
/// this class; manhattan sum |x-y|; chebyshev max |x-y|; minkowski (sum |x-y|^p)^(1/p).
///
/// Ties: candidates are ranked by (reduced distance, training index) with a total order, so
/// among equal distances the lower training index comes first. This is exactly scikit-
/// learn's brute-force choice of the neighbour set (its heap keeps the first-seen of equal
/// distances, scanning samples in index order); for a file fitted with a KD or ball tree,
/// which of several training samples tied at the k-th distance scikit-learn returns depends
/// on the tree traversal and may differ.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

/// The effective metric (scikit-learn's `effective_metric_`).
enum class NeighborsMetric { Euclidean, Manhattan, Chebyshev, Minkowski };

/// Training data and search settings shared by the k-neighbours estimators.
struct NeighborsParams {
  NdArray fit_X;  ///< `_fit_X` (n_samples, n_features), real
  std::int64_t n_neighbors = 5;
  bool distance_weights = false;  ///< weights='distance' (else 'uniform')
  NeighborsMetric metric = NeighborsMetric::Euclidean;
  double p = 2.0;  ///< Minkowski power (metric Minkowski only)
  /// `_fit_method`: "brute", "kd_tree" or "ball_tree" (selects the euclidean formula).
  std::string fit_method = "brute";
  /// Whether brute-force euclidean search uses scikit-learn's ||x||^2 - 2 x.y + ||y||^2
  /// reduction (true when effective_metric_ is named "euclidean"; "l2" is computed exactly).
  bool euclidean_reduction = true;
};

/// k nearest neighbours of every query row: indices and distances, both n × k, ordered by
/// (reduced distance, index).
struct Neighbors {
  std::vector<std::int64_t> index;
  std::vector<double> distance;
  std::int64_t k = 0;
};

/// Brute-force search over `_fit_X` (validated once; search is const and thread-safe).
class NeighborsSearch {
 public:
  NeighborsSearch() = default;
  NeighborsSearch(const NeighborsParams& p);
  Neighbors kneighbors(const MatrixView& X, std::int64_t k) const;
  std::int64_t n_samples() const noexcept { return fit_.rows(); }

 private:
  Matrix fit_;
  Eigen::VectorXd fit_sqnorm_;
  NeighborsMetric metric_ = NeighborsMetric::Euclidean;
  double p_ = 2.0;
  bool gemm_ = false;
};

/// KNeighborsClassifier (single output). Methods: predict, predict_proba.
class KNeighborsClassifier final : public Estimator {
 public:
  /// `y` holds class indices into `classes` (scikit-learn's `_y`), one per row of fit_X.
  /// Throws ValidationError.
  static std::unique_ptr<KNeighborsClassifier> from_arrays(NeighborsParams p, NdArray classes,
                                                           std::vector<std::int64_t> y);
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const NeighborsParams& params() const noexcept { return p_; }
  const NdArray& classes() const noexcept { return classes_; }
  const std::vector<std::int64_t>& y() const noexcept { return y_; }
  NodePtr classes_node_;  ///< internal: classes_ as read
  NdArray y_array_;       ///< internal: `_y` as read (dtype kept)

 private:
  Matrix proba(const Neighbors& nb) const;
  NeighborsParams p_;
  NeighborsSearch search_;
  NdArray classes_;
  std::vector<std::int64_t> y_;
};

/// KNeighborsRegressor. Method: predict ((n,) for a 1-d `_y`, (n, n_outputs) for 2-d).
class KNeighborsRegressor final : public Estimator {
 public:
  /// `y` is `_y`: 1-d (n_samples,) or 2-d (n_samples, n_outputs), real.
  static std::unique_ptr<KNeighborsRegressor> from_arrays(NeighborsParams p, NdArray y);
  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

  const NeighborsParams& params() const noexcept { return p_; }
  const NdArray& y() const noexcept { return y_array_; }

 private:
  NeighborsParams p_;
  NeighborsSearch search_;
  NdArray y_array_;
  Matrix y_;
};

/// NearestCentroid. Method: predict = classes_[argmin distance to centroids_] (first
/// minimum); metric "euclidean" (||x||^2 - 2 x.c + ||c||^2 as scikit-learn's
/// pairwise_distances_argmin reduction) or "manhattan".
class NearestCentroid final : public Estimator {
 public:
  static std::unique_ptr<NearestCentroid> from_arrays(NdArray centroids, NdArray classes,
                                                      std::string metric = "euclidean");
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

  const NdArray& centroids() const noexcept { return centroids_; }
  const NdArray& classes() const noexcept { return classes_; }
  const std::string& metric() const noexcept { return metric_; }
  NodePtr classes_node_;

 private:
  NdArray centroids_, classes_;
  Matrix c_;
  Eigen::VectorXd c_sqnorm_;
  std::string metric_;
};

}  // namespace skops::estimators
