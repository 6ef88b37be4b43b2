// Brute-force k-nearest-neighbour search over `_fit_X` with scikit-learn's distance
// formulas (sklearn/metrics/_dist_metrics.pyx: EuclideanDistance, ManhattanDistance,
// ChebyshevDistance, MinkowskiDistance rdist/_rdist_to_dist; and for brute-force euclidean
// sklearn/metrics/_pairwise_distances_reduction/_argkmin.pyx.tp EuclideanArgKmin:
// max(||x||^2 + (-2 x.y) + ||y||^2, 0), sqrt taken on the k results).
// Candidates are ranked by (reduced distance, index): see neighbors.hpp for the tie rule.

#include <algorithm>
#include <cmath>
#include <numeric>

#include "skops/error.hpp"
#include "skops/estimators/neighbors.hpp"

namespace skops::estimators {

namespace {

double sq_norm(const double* p, Eigen::Index n) {
  double acc = 0.0;
  for (Eigen::Index j = 0; j < n; ++j) acc += p[j] * p[j];
  return acc;
}

}  // namespace

NeighborsSearch::NeighborsSearch(const NeighborsParams& p) : metric_(p.metric), p_(p.p) {
  fit_.resize(p.fit_X.dim(0), p.fit_X.dim(1));
  const auto v = p.fit_X.to_vector<double>();
  std::copy(v.begin(), v.end(), fit_.data());
  gemm_ = metric_ == NeighborsMetric::Euclidean && p.fit_method == "brute" && p.euclidean_reduction;
  if (gemm_) {
    fit_sqnorm_.resize(fit_.rows());
    for (Eigen::Index i = 0; i < fit_.rows(); ++i) {
      fit_sqnorm_(i) = sq_norm(fit_.row(i).data(), fit_.cols());
    }
  }
}

Neighbors NeighborsSearch::kneighbors(const MatrixView& X, std::int64_t k) const {
  const Eigen::Index n = fit_.rows();
  const Eigen::Index nf = fit_.cols();
  Neighbors out;
  out.k = k;
  out.index.resize(static_cast<std::size_t>(X.rows() * k));
  out.distance.resize(out.index.size());
  std::vector<double> rdist(static_cast<std::size_t>(n));
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  std::vector<double> xrow(static_cast<std::size_t>(nf));
  for (Eigen::Index q = 0; q < X.rows(); ++q) {
    for (Eigen::Index j = 0; j < nf; ++j) xrow[static_cast<std::size_t>(j)] = X(q, j);
    const double* x = xrow.data();
    const double xx = gemm_ ? sq_norm(x, nf) : 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double* y = fit_.row(i).data();
      double d = 0.0;
      switch (metric_) {
        case NeighborsMetric::Euclidean:
          if (gemm_) {
            double dot = 0.0;
            for (Eigen::Index j = 0; j < nf; ++j) dot += x[j] * y[j];
            d = std::max(0.0, xx + -2.0 * dot + fit_sqnorm_(i));
          } else {
            for (Eigen::Index j = 0; j < nf; ++j) {
              const double t = x[j] - y[j];
              d += t * t;
            }
          }
          break;
        case NeighborsMetric::Manhattan:
          for (Eigen::Index j = 0; j < nf; ++j) d += std::fabs(x[j] - y[j]);
          break;
        case NeighborsMetric::Chebyshev:
          for (Eigen::Index j = 0; j < nf; ++j) d = std::max(d, std::fabs(x[j] - y[j]));
          break;
        case NeighborsMetric::Minkowski:
          for (Eigen::Index j = 0; j < nf; ++j) d += std::pow(std::fabs(x[j] - y[j]), p_);
          break;
      }
      rdist[static_cast<std::size_t>(i)] = d;
    }
    std::iota(order.begin(), order.end(), 0);
    auto less = [&](std::int64_t a, std::int64_t b) {
      const double da = rdist[static_cast<std::size_t>(a)];
      const double db = rdist[static_cast<std::size_t>(b)];
      return da < db || (da == db && a < b);
    };
    std::partial_sort(order.begin(), order.begin() + k, order.end(), less);
    for (std::int64_t j = 0; j < k; ++j) {
      const std::int64_t idx = order[static_cast<std::size_t>(j)];
      const double r = rdist[static_cast<std::size_t>(idx)];
      double dist = r;
      if (metric_ == NeighborsMetric::Euclidean) dist = std::sqrt(r);
      if (metric_ == NeighborsMetric::Minkowski) dist = std::pow(r, 1.0 / p_);
      out.index[static_cast<std::size_t>(q * k + j)] = idx;
      out.distance[static_cast<std::size_t>(q * k + j)] = dist;
    }
  }
  return out;
}

}  // namespace skops::estimators
