#pragma once
/// \file cluster.hpp
/// scikit-learn's KMeans and MiniBatchKMeans (`sklearn.cluster`), loaded from `.skops` files
/// or built natively from cluster centres.
///
/// predict = index of the nearest centre as scikit-learn's Lloyd kernel chooses it:
/// argmin over ||c||^2 + (-2 x.c), first minimum on ties (int32 labels, shape (n,)).
/// transform = euclidean_distances(X, cluster_centers_): sqrt(max((-2 x.c + ||x||^2) +
/// ||c||^2, 0)), float64 (n, n_clusters).

#include <cstdint>
#include <memory>
#include <string>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

class KMeans final : public Estimator {
 public:
  /// `centers`: (n_clusters, n_features) real. `mini_batch` names it MiniBatchKMeans.
  /// Throws ValidationError.
  static std::unique_ptr<KMeans> from_arrays(NdArray centers, bool mini_batch = false);

  Role role() const noexcept override { return Role::Clusterer; }
  bool supports(Method m) const noexcept override {
    return m == Method::Predict || m == Method::Transform;
  }
  NdArray run(Method m, const MatrixView& X) const override;

  const NdArray& cluster_centers() const noexcept { return centers_; }
  bool mini_batch() const noexcept { return mini_batch_; }

 private:
  NdArray centers_;
  Matrix c_;
  Eigen::VectorXd c_sqnorm_;   // BLAS ddot form (predict)
  Eigen::VectorXd c_rownorm_;  // einsum form (transform)
  bool mini_batch_ = false;
};

}  // namespace skops::estimators
