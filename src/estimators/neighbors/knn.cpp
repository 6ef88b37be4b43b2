// KNeighborsClassifier and KNeighborsRegressor prediction (sklearn/neighbors/
// _classification.py and _regression.py, 1.2.1; 1.4.2 gives the same numbers):
// - weights: 'uniform', or 'distance' = 1 / dist where a row holding a zero distance gets
//   weight 1 for its zero-distance neighbours and 0 for the others (_base._get_weights).
// - classifier predict: the most frequent class index, ties to the smallest index
//   (scipy.stats.mode), or with distance weights extmath.weighted_mode (per class in
//   ascending order, strict '>' against the best so far, sums by numpy's add.reduce).
// - classifier predict_proba: votes added in neighbour order, then divided by their row sum.
// - regressor: mean of the neighbours' targets, or sum(y * w) / sum(w).

#include <cmath>

#include "estimators/neighbors/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

// _get_weights(dist, 'distance') for one row of k distances.
void distance_weights(const double* dist, std::int64_t k, double* w) {
  bool inf_row = false;
  for (std::int64_t j = 0; j < k; ++j) {
    w[j] = 1.0 / dist[j];
    inf_row = inf_row || std::isinf(w[j]);
  }
  if (inf_row) {
    for (std::int64_t j = 0; j < k; ++j) w[j] = std::isinf(w[j]) ? 1.0 : 0.0;
  }
}

}  // namespace

namespace detail::neighbors {

void validate_params(const NeighborsParams& p, const detail::Fail& fail) {
  detail::check_float_array(p.fit_X, "_fit_X", 2, {}, fail);
  if (p.fit_X.dim(0) < 1 || p.fit_X.dim(1) < 1)
    fail("_fit_X must have at least one row and column");
  for (double v : p.fit_X.to_vector<double>()) {
    if (!std::isfinite(v)) fail("_fit_X holds NaN or infinity");
  }
  if (p.n_neighbors < 1 || p.n_neighbors > p.fit_X.dim(0)) {
    fail("n_neighbors = " + std::to_string(p.n_neighbors) +
         " must be in [1, n_samples_fit_ = " + std::to_string(p.fit_X.dim(0)) + "]");
  }
  if (p.metric == NeighborsMetric::Minkowski && !(p.p >= 1.0 && std::isfinite(p.p))) {
    fail("the Minkowski power p must be a finite number >= 1");
  }
  if (p.fit_method != "brute" && p.fit_method != "kd_tree" && p.fit_method != "ball_tree") {
    fail("unknown _fit_method \"" + p.fit_method + "\"");
  }
}

}  // namespace detail::neighbors

std::unique_ptr<KNeighborsClassifier> KNeighborsClassifier::from_arrays(
    NeighborsParams p, NdArray classes, std::vector<std::int64_t> y) {
  const detail::Fail fail = detail::native_fail(detail::neighbors::kClassifierType);
  detail::neighbors::validate_params(p, fail);
  detail::check_classes(classes, fail);
  if (static_cast<std::int64_t>(y.size()) != p.fit_X.dim(0)) {
    fail("_y has " + std::to_string(y.size()) + " entries but _fit_X has " +
         std::to_string(p.fit_X.dim(0)) + " rows");
  }
  const auto n_classes = static_cast<std::int64_t>(classes.size());
  for (std::int64_t v : y) {
    if (v < 0 || v >= n_classes) {
      fail("_y holds class index " + std::to_string(v) + " outside [0, " +
           std::to_string(n_classes) + ")");
    }
  }
  auto est = std::make_unique<KNeighborsClassifier>();
  est->search_ = NeighborsSearch(p);
  est->set_type_name(detail::neighbors::kClassifierType);
  est->set_n_features_in(p.fit_X.dim(1));
  est->y_array_ = NdArray::from_vector(y);
  est->p_ = std::move(p);
  est->classes_ = std::move(classes);
  est->y_ = std::move(y);
  return est;
}

bool KNeighborsClassifier::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba;
}

Matrix KNeighborsClassifier::proba(const Neighbors& nb) const {
  const std::int64_t k = nb.k;
  const auto nq = static_cast<Eigen::Index>(nb.index.size() / static_cast<std::size_t>(k));
  Matrix proba = Matrix::Zero(nq, static_cast<Eigen::Index>(classes_.size()));
  std::vector<double> w(static_cast<std::size_t>(k), 1.0);
  for (Eigen::Index q = 0; q < nq; ++q) {
    const std::size_t base = static_cast<std::size_t>(q * k);
    if (p_.distance_weights) distance_weights(&nb.distance[base], k, w.data());
    for (std::int64_t j = 0; j < k; ++j) {
      proba(q, y_[static_cast<std::size_t>(nb.index[base + static_cast<std::size_t>(j)])]) +=
          w[static_cast<std::size_t>(j)];
    }
    double norm = detail::numpy_sum(proba.row(q).data(), proba.cols());
    if (norm == 0.0) norm = 1.0;
    for (Eigen::Index c = 0; c < proba.cols(); ++c) proba(q, c) /= norm;
  }
  return proba;
}

NdArray KNeighborsClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + ": " + to_string(m) + " is not available");
  check_finite_input(X);
  const Neighbors nb = search_.kneighbors(X, p_.n_neighbors);
  if (m == Method::PredictProba) return to_ndarray(proba(nb));
  const std::int64_t k = nb.k;
  const auto n_classes = static_cast<std::int64_t>(classes_.size());
  std::vector<std::int64_t> idx(static_cast<std::size_t>(X.rows()));
  std::vector<double> w(static_cast<std::size_t>(k)), tmpl(static_cast<std::size_t>(k));
  std::vector<std::int64_t> votes(static_cast<std::size_t>(n_classes));
  for (Eigen::Index q = 0; q < X.rows(); ++q) {
    const std::size_t base = static_cast<std::size_t>(q * k);
    std::int64_t best = 0;
    if (!p_.distance_weights) {
      // scipy.stats.mode: the smallest of the most frequent values.
      std::fill(votes.begin(), votes.end(), 0);
      for (std::int64_t j = 0; j < k; ++j) {
        ++votes[static_cast<std::size_t>(y_[static_cast<std::size_t>(nb.index[base + j])])];
      }
      for (std::int64_t c = 1; c < n_classes; ++c) {
        if (votes[static_cast<std::size_t>(c)] > votes[static_cast<std::size_t>(best)]) best = c;
      }
    } else {
      // extmath.weighted_mode: starts from (class 0, weight 0) and keeps a later class
      // only when its summed weight is strictly larger.
      distance_weights(&nb.distance[base], k, w.data());
      double best_count = 0.0;
      for (std::int64_t c = 0; c < n_classes; ++c) {
        bool present = false;
        for (std::int64_t j = 0; j < k; ++j) {
          const bool hit = y_[static_cast<std::size_t>(nb.index[base + j])] == c;
          present = present || hit;
          tmpl[static_cast<std::size_t>(j)] = hit ? w[static_cast<std::size_t>(j)] : 0.0;
        }
        if (!present) continue;
        const double count = detail::numpy_sum(tmpl.data(), k);
        if (count > best_count) {
          best_count = count;
          best = c;
        }
      }
    }
    idx[static_cast<std::size_t>(q)] = best;
  }
  return detail::take_labels(classes_, idx);
}

std::unique_ptr<KNeighborsRegressor> KNeighborsRegressor::from_arrays(NeighborsParams p,
                                                                      NdArray y) {
  const detail::Fail fail = detail::native_fail(detail::neighbors::kRegressorType);
  detail::neighbors::validate_params(p, fail);
  if (!detail::is_real_numeric(y.dtype())) fail("_y must be a real array, found " + y.dtype().name());
  if (y.ndim() != 1 && y.ndim() != 2) fail("_y must be 1-d or 2-d");
  if (y.dim(0) != p.fit_X.dim(0)) {
    fail("_y has " + std::to_string(y.dim(0)) + " rows but _fit_X has " +
         std::to_string(p.fit_X.dim(0)));
  }
  if (y.ndim() == 2 && y.dim(1) < 1) fail("_y has no output column");
  auto est = std::make_unique<KNeighborsRegressor>();
  est->search_ = NeighborsSearch(p);
  const auto v = y.to_vector<double>();
  est->y_.resize(y.dim(0), y.ndim() == 2 ? y.dim(1) : 1);
  std::copy(v.begin(), v.end(), est->y_.data());
  est->set_type_name(detail::neighbors::kRegressorType);
  est->set_n_features_in(p.fit_X.dim(1));
  est->p_ = std::move(p);
  est->y_array_ = std::move(y);
  return est;
}

NdArray KNeighborsRegressor::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + ": " + to_string(m) + " is not available");
  check_finite_input(X);
  const Neighbors nb = search_.kneighbors(X, p_.n_neighbors);
  const std::int64_t k = nb.k;
  const Eigen::Index n_out = y_.cols();
  Matrix pred(X.rows(), n_out);
  std::vector<double> w(static_cast<std::size_t>(k)), tmp(static_cast<std::size_t>(k));
  for (Eigen::Index q = 0; q < X.rows(); ++q) {
    const std::size_t base = static_cast<std::size_t>(q * k);
    if (p_.distance_weights) distance_weights(&nb.distance[base], k, w.data());
    const double denom = p_.distance_weights ? detail::numpy_sum(w.data(), k) : 0.0;
    for (Eigen::Index o = 0; o < n_out; ++o) {
      for (std::int64_t j = 0; j < k; ++j) {
        const double yv = y_(static_cast<Eigen::Index>(nb.index[base + j]), o);
        tmp[static_cast<std::size_t>(j)] =
            p_.distance_weights ? yv * w[static_cast<std::size_t>(j)] : yv;
      }
      if (p_.distance_weights) {
        pred(q, o) = detail::numpy_sum(tmp.data(), k) / denom;
      } else {
        // np.mean(_y[neigh_ind], axis=1): a contiguous (pairwise) sum for one output, a
        // strided (sequential) one for several.
        double s = 0.0;
        if (n_out == 1) {
          s = detail::numpy_sum(tmp.data(), k);
        } else {
          for (std::int64_t j = 0; j < k; ++j) s += tmp[static_cast<std::size_t>(j)];
        }
        pred(q, o) = s / static_cast<double>(k);
      }
    }
  }
  if (y_array_.ndim() == 1) {
    Eigen::VectorXd v = pred.col(0);
    return to_ndarray(v);
  }
  return to_ndarray(pred);
}

}  // namespace skops::estimators
