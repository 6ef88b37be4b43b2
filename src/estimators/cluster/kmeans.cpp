// sklearn.cluster KMeans and MiniBatchKMeans, predict and transform (1.2.1 and 1.4.2):
// - predict: _labels_inertia → sklearn/cluster/_k_means_lloyd.pyx _update_chunk_dense:
//   pairwise = ||c||^2 (BLAS dot), then += -2 X.C^T (gemm, beta 1); label = first j with
//   the smallest value (strict '<').
// - transform: sklearn/metrics/pairwise.py _euclidean_distances: -2 X.C^T, += ||x||^2,
//   += ||c||^2 (both row_norms, i.e. einsum), clipped at 0, sqrt.

#include <cmath>

#include "estimators/cluster/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/error.hpp"
#include "skops/estimators/cluster.hpp"

namespace skops::estimators {

namespace {

constexpr const char* kKMeansType = "sklearn.cluster._kmeans.KMeans";
constexpr const char* kMiniBatchType = "sklearn.cluster._kmeans.MiniBatchKMeans";

void validate_centers(const NdArray& centers, const detail::Fail& fail) {
  detail::check_float_array(centers, "cluster_centers_", 2, {}, fail);
  if (centers.dim(0) < 1 || centers.dim(1) < 1) {
    fail("cluster_centers_ must have at least one centre and one feature");
  }
}

double sq_norm(const double* p, Eigen::Index n) {
  double acc = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) acc += p[j] * p[j];
  return acc;
}

}  // namespace

std::unique_ptr<KMeans> KMeans::from_arrays(NdArray centers, bool mini_batch) {
  validate_centers(centers, detail::native_fail(mini_batch ? kMiniBatchType : kKMeansType));
  auto est = std::make_unique<KMeans>();
  est->c_ = detail::to_matrix2d(centers);
  est->c_sqnorm_.resize(est->c_.rows());
  est->c_rownorm_.resize(est->c_.rows());
  for (Eigen::Index i = 0; i < est->c_.rows(); ++i) {
    est->c_sqnorm_(i) = sq_norm(est->c_.row(i).data(), est->c_.cols());
    est->c_rownorm_(i) = detail::einsum_sq_norm(est->c_.row(i).data(), est->c_.cols());
  }
  est->set_type_name(mini_batch ? kMiniBatchType : kKMeansType);
  est->set_n_features_in(centers.dim(1));
  est->centers_ = std::move(centers);
  est->mini_batch_ = mini_batch;
  return est;
}

NdArray KMeans::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + ": " + to_string(m) + " is not available");
  check_finite_input(X);
  const Eigen::Index k = c_.rows();
  const Eigen::Index nf = c_.cols();
  if (m == Method::Predict) {
    std::vector<std::int32_t> labels(static_cast<std::size_t>(X.rows()));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      double best = 0.0;
      std::int32_t label = 0;
      for (Eigen::Index c = 0; c < k; ++c) {
        double dot = 0.0;
        for (Eigen::Index j = 0; j < nf; ++j) dot += X(r, j) * c_(c, j);
        const double d = c_sqnorm_(c) + -2.0 * dot;
        if (c == 0 || d < best) {
          best = d;
          label = static_cast<std::int32_t>(c);
        }
      }
      labels[static_cast<std::size_t>(r)] = label;
    }
    return NdArray::from_vector(labels);
  }
  Matrix out(X.rows(), k);
  std::vector<double> row(static_cast<std::size_t>(nf));
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (Eigen::Index j = 0; j < nf; ++j) row[static_cast<std::size_t>(j)] = X(r, j);
    const double xx = detail::einsum_sq_norm(row.data(), nf);
    for (Eigen::Index c = 0; c < k; ++c) {
      double dot = 0.0;
      for (Eigen::Index j = 0; j < nf; ++j) dot += X(r, j) * c_(c, j);
      out(r, c) = std::sqrt(std::max(-2.0 * dot + xx + c_rownorm_(c), 0.0));
    }
  }
  return to_ndarray(out);
}

namespace detail::cluster {

void save_kmeans(const KMeans& est, ObjectWriter& w) {
  const std::int64_t k = est.cluster_centers().dim(0);
  if (!est.original_state()) {
    // Constructor parameters with their defaults (n_init as the explicit int both 1.2 and
    // 1.4 accept: 10 for KMeans, 3 for MiniBatchKMeans), then the private attributes that
    // predict/transform read (_n_threads).
    const bool mb = est.mini_batch();
    w.set_int("n_clusters", k);
    w.set_str("init", "k-means++");
    w.set_int("max_iter", mb ? 100 : 300);
    if (mb) w.set_int("batch_size", 1024);
    w.set_int("verbose", 0);
    if (mb) w.set_bool("compute_labels", true);
    w.set_none("random_state");
    w.set_real("tol", mb ? 0.0 : 1e-4);
    if (mb) {
      w.set_int("max_no_improvement", 10);
      w.set_none("init_size");
    }
    w.set_int("n_init", mb ? 3 : 10);
    if (mb) {
      w.set_real("reassignment_ratio", 0.01);
    } else {
      w.set_bool("copy_x", true);
      w.set_str("algorithm", "lloyd");
    }
    w.set_int("n_features_in_", est.n_features_in());
    w.set("_tol", make::numpy_scalar(NdArray::from_vector(std::vector<double>{0.0}, {})));
    w.set_int("_n_init", mb ? 3 : 10);
    if (!mb) w.set_str("_algorithm", "lloyd");
    w.set_int("_n_threads", 1);
  }
  w.set_int("n_features_in_", est.n_features_in());
  w.set_array("cluster_centers_", est.cluster_centers());
  w.set_int("_n_features_out", k);
}

std::unique_ptr<KMeans> build_kmeans(bool mini_batch, const ObjectView& obj) {
  const ValueView cv = obj.at("cluster_centers_");
  NdArray centers = detail::numpy_array(cv, "cluster_centers_");
  validate_centers(centers, [&](const std::string& m) { cv.fail(m); });
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != centers.dim(1)) {
      cv.fail("cluster_centers_ has shape (" + std::to_string(centers.dim(0)) + ", " +
              std::to_string(centers.dim(1)) +
              ") but n_features_in_ = " + std::to_string(n->as_int()));
    }
  }
  if (const auto n = obj.find("n_clusters");
      n && n->node().kind == NodeKind::Json && n->node().scalar == ScalarKind::Int) {
    if (n->as_int() != centers.dim(0)) {
      cv.fail("cluster_centers_ has " + std::to_string(centers.dim(0)) +
              " centres but n_clusters = " + std::to_string(n->as_int()));
    }
  }
  if (const auto n = obj.find("_n_threads"); n && n->as_int() < 1) {
    n->fail("_n_threads must be positive");
  }
  auto est = KMeans::from_arrays(std::move(centers), mini_batch);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

}  // namespace detail::cluster

}  // namespace skops::estimators
