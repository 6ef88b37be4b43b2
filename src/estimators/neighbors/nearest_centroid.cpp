// sklearn.neighbors.NearestCentroid: predict = classes_[pairwise_distances_argmin(X,
// centroids_, metric)] (sklearn/neighbors/_nearest_centroid.py, 1.2.1 and 1.4.2). The
// argmin goes through ArgKmin(k=1): for "euclidean" it ranks max(||x||^2 + (-2 x.c) +
// ||c||^2, 0), other metrics exactly; ties keep the first centroid.

#include <cmath>

#include "estimators/neighbors/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

NeighborsMetric metric_of(const std::string& m, bool& ok) {
  ok = true;
  if (m == "euclidean" || m == "l2") return NeighborsMetric::Euclidean;
  if (m == "manhattan" || m == "cityblock" || m == "l1") return NeighborsMetric::Manhattan;
  if (m == "chebyshev" || m == "infinity") return NeighborsMetric::Chebyshev;
  ok = false;
  return NeighborsMetric::Euclidean;
}

}  // namespace

std::unique_ptr<NearestCentroid> NearestCentroid::from_arrays(NdArray centroids, NdArray classes,
                                                              std::string metric) {
  const detail::Fail fail = detail::native_fail(detail::neighbors::kCentroidType);
  detail::check_classes(classes, fail);
  const auto k = static_cast<std::int64_t>(classes.size());
  detail::check_float_array(centroids, "centroids_", 2, {k, -1}, fail);
  if (centroids.dim(1) < 1) fail("centroids_ has no feature column");
  bool ok = false;
  metric_of(metric, ok);
  if (!ok)
    throw UnsupportedError(std::string(detail::neighbors::kCentroidType) + ": metric '" + metric +
                           "' is not supported");
  auto est = std::make_unique<NearestCentroid>();
  est->c_ = detail::to_matrix2d(centroids);
  est->c_sqnorm_.resize(est->c_.rows());
  for (Eigen::Index i = 0; i < est->c_.rows(); ++i) {
    double acc = 0.0;
    for (Eigen::Index j = 0; j < est->c_.cols(); ++j) acc += est->c_(i, j) * est->c_(i, j);
    est->c_sqnorm_(i) = acc;
  }
  est->set_type_name(detail::neighbors::kCentroidType);
  est->set_n_features_in(centroids.dim(1));
  est->centroids_ = std::move(centroids);
  est->classes_ = std::move(classes);
  est->metric_ = std::move(metric);
  return est;
}

NdArray NearestCentroid::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + ": " + to_string(m) + " is not available");
  check_finite_input(X);
  bool ok = false;
  const NeighborsMetric metric = metric_of(metric_, ok);
  const bool reduction = metric_ == "euclidean";
  std::vector<std::int64_t> idx(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    double xx = 0.0;
    if (reduction) {
      for (Eigen::Index j = 0; j < X.cols(); ++j) xx += X(r, j) * X(r, j);
    }
    double best_d = 0.0;
    std::int64_t best = 0;
    for (Eigen::Index c = 0; c < c_.rows(); ++c) {
      double d = 0.0;
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const double t = X(r, j) - c_(c, j);
        switch (metric) {
          case NeighborsMetric::Euclidean:
            d += reduction ? X(r, j) * c_(c, j) : t * t;
            break;
          case NeighborsMetric::Manhattan:
            d += std::fabs(t);
            break;
          default:
            d = std::max(d, std::fabs(t));
            break;
        }
      }
      if (reduction) d = std::max(0.0, xx + -2.0 * d + c_sqnorm_(c));
      if (c == 0 || d < best_d) {
        best_d = d;
        best = c;
      }
    }
    idx[static_cast<std::size_t>(r)] = best;
  }
  return detail::take_labels(classes_, idx);
}

namespace detail::neighbors {

std::unique_ptr<NearestCentroid> build_centroid(const ObjectView& obj) {
  const ValueView cv = obj.at("classes_");
  NdArray classes = detail::read_classes(cv);
  const ValueView mv = obj.at("metric");
  if (mv.node().kind != NodeKind::Json || mv.node().scalar != ScalarKind::Str) {
    throw UnsupportedError("callable metrics are not supported", {}, mv.pointer());
  }
  const std::string metric = mv.as_str();
  bool ok = false;
  metric_of(metric, ok);
  if (!ok) throw UnsupportedError("metric '" + metric + "' is not supported", {}, mv.pointer());
  const ValueView centv = obj.at("centroids_");
  NdArray centroids = detail::numpy_array(centv, "centroids_");
  const detail::Fail fail = [&](const std::string& m) { centv.fail(m); };
  detail::check_float_array(centroids, "centroids_", 2,
                          {static_cast<std::int64_t>(classes.size()), -1}, fail);
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != centroids.dim(1)) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) + " but centroids_ has " +
              std::to_string(centroids.dim(1)) + " columns");
    }
  }
  std::unique_ptr<NearestCentroid> est;
  try {
    est = NearestCentroid::from_arrays(std::move(centroids), std::move(classes), metric);
  } catch (const ValidationError& e) {
    const std::string d = e.detail();
    detail::attribute_fail(obj)(d.substr(d.find(": ") == std::string::npos ? 0 : d.find(": ") + 2));
    throw;
  }
  est->classes_node_ = cv.ptr();
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_centroid(const NearestCentroid& est, ObjectWriter& w) {
  if (!est.original_state()) {
    w.set_str("metric", est.metric());
    w.set_none("shrink_threshold");
  }
  w.set_int("n_features_in_", est.n_features_in());
  w.set("classes_", est.classes_node_ ? est.classes_node_ : make::array(est.classes()));
  w.set_array("centroids_", est.centroids());
}

}  // namespace detail::neighbors
}  // namespace skops::estimators
