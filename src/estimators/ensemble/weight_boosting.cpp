// AdaBoostClassifier / AdaBoostRegressor: sklearn/ensemble/_weight_boosting.py.
// Classifier: decision_function sums the per-estimator scores in estimator order and
// divides by estimator_weights_.sum() (numpy pairwise sum over all n_estimators entries);
// SAMME.R scores are _samme_proba (log of the clipped probabilities, centred, times K-1);
// SAMME scores are w for the predicted class and, from scikit-learn 1.3 on (PR 26521),
// -w/(K-1) for the others (0 before). predict_proba is softmax(decision / (K-1)), for two
// classes softmax([-d, d] / 2). Regressor: the weighted median of the predictions.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/ensemble/meta.hpp"
#include "estimators/ensemble/base.hpp"
#include "estimators/utils/versions.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::numpy_sum;
using detail::ensemble::result_matrix;

// --- classifier ------------------------------------------------------------------------

AdaBoostClassifier::AdaBoostClassifier(std::vector<EstimatorPtr> estimators,
                                       std::vector<double> weights, NdArray classes,
                                       Algorithm algorithm, bool symmetric_samme)
    : estimators_(std::move(estimators)),
      weights_(std::move(weights)),
      classes_(std::move(classes)),
      algorithm_(algorithm),
      symmetric_samme_(symmetric_samme) {
  if (estimators_.empty()) throw ValidationError("AdaBoostClassifier needs estimators");
  for (const auto& e : estimators_) {
    if (!e) throw ValidationError("AdaBoostClassifier: null estimator");
  }
  if (weights_.size() < estimators_.size())
    throw ValidationError("AdaBoostClassifier: fewer estimator weights than estimators");
  if (classes_.ndim() != 1 || classes_.dim(0) < 2)
    throw ValidationError("AdaBoostClassifier needs at least two classes");
  set_type_name("sklearn.ensemble._weight_boosting.AdaBoostClassifier");
  set_n_features_in(estimators_.front()->n_features_in());
}

bool AdaBoostClassifier::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba ||
         m == Method::DecisionFunction;
}

Matrix AdaBoostClassifier::class_scores(const MatrixView& X) const {
  // AdaBoostClassifier._check_X: force_all_finite=True.
  check_finite_input(X);
  const Eigen::Index n = X.rows();
  const std::int64_t k = classes_.dim(0);
  const double kd = static_cast<double>(k);
  Matrix pred = Matrix::Zero(n, k);
  if (algorithm_ == Algorithm::SammeR) {
    const double eps = std::numeric_limits<double>::epsilon();
    std::vector<double> logp(static_cast<std::size_t>(k));
    for (const auto& est : estimators_) {
      const Matrix p =
          result_matrix(est->predict_proba(X), "an AdaBoost estimator's predict_proba");
      if (p.rows() != n || p.cols() != k) {
        throw UnsupportedError("an AdaBoost estimator's predict_proba has " +
                               std::to_string(p.cols()) + " columns for " + std::to_string(k) +
                               " classes");
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        for (std::int64_t j = 0; j < k; ++j) {
          const double v = p(i, j);
          logp[static_cast<std::size_t>(j)] = std::log(v < eps ? eps : v);  // np.clip(eps, None)
        }
        const double s = numpy_sum(logp.data(), k);
        for (std::int64_t j = 0; j < k; ++j)
          pred(i, j) += (kd - 1) * (logp[static_cast<std::size_t>(j)] - (1.0 / kd) * s);
      }
    }
  } else {
    for (std::size_t e = 0; e < estimators_.size(); ++e) {
      const double w = weights_[e];
      const double other = symmetric_samme_ ? -1.0 / (kd - 1) * w : 0.0;
      const NdArray labels = estimators_[e]->predict(X);
      if (labels.ndim() != 1 || labels.dim(0) != n)
        throw UnsupportedError("an AdaBoost estimator's predict is not 1-d");
      const auto pos = detail::ensemble::label_positions(labels, classes_);
      for (Eigen::Index i = 0; i < n; ++i) {
        for (std::int64_t j = 0; j < k; ++j)
          pred(i, j) += pos[static_cast<std::size_t>(i)] == j ? w : other;
      }
    }
  }
  pred /= numpy_sum(weights_.data(), static_cast<std::int64_t>(weights_.size()));
  return pred;
}

NdArray AdaBoostClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  const Matrix pred = class_scores(X);
  const Eigen::Index n = pred.rows();
  const std::int64_t k = pred.cols();
  Eigen::VectorXd binary;
  if (k == 2) binary = -pred.col(0) + pred.col(1);  // pred[:, 0] *= -1; pred.sum(axis=1)
  switch (m) {
    case Method::DecisionFunction:
      return k == 2 ? to_ndarray(binary) : to_ndarray(pred);
    case Method::Predict: {
      std::vector<std::int64_t> idx(static_cast<std::size_t>(n));
      for (Eigen::Index i = 0; i < n; ++i) {
        idx[static_cast<std::size_t>(i)] =
            k == 2 ? (binary(i) > 0 ? 1 : 0) : detail::argmax(pred.row(i).data(), k);
      }
      return detail::take_labels(classes_, idx);
    }
    default: {
      // _compute_proba_from_decision, then sklearn.utils.extmath.softmax.
      Matrix d(n, k);
      if (k == 2) {
        d.col(0) = -binary / 2;
        d.col(1) = binary / 2;
      } else {
        d = pred / static_cast<double>(k - 1);
      }
      detail::softmax_rows(d);
      return m == Method::PredictProba ? to_ndarray(d) : to_ndarray(detail::log_of(d));
    }
  }
}

// --- regressor -------------------------------------------------------------------------

AdaBoostRegressor::AdaBoostRegressor(std::vector<EstimatorPtr> estimators,
                                     std::vector<double> weights)
    : estimators_(std::move(estimators)), weights_(std::move(weights)) {
  if (estimators_.empty()) throw ValidationError("AdaBoostRegressor needs estimators");
  for (const auto& e : estimators_) {
    if (!e) throw ValidationError("AdaBoostRegressor: null estimator");
  }
  if (weights_.size() < estimators_.size())
    throw ValidationError("AdaBoostRegressor: fewer estimator weights than estimators");
  set_type_name("sklearn.ensemble._weight_boosting.AdaBoostRegressor");
  set_n_features_in(estimators_.front()->n_features_in());
}

NdArray AdaBoostRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_finite_input(X);
  const Eigen::Index n = X.rows();
  const auto n_est = static_cast<std::int64_t>(estimators_.size());
  Matrix preds(n, n_est);
  for (std::int64_t e = 0; e < n_est; ++e) {
    const Matrix p = result_matrix(estimators_[static_cast<std::size_t>(e)]->predict(X),
                                   "an AdaBoost estimator's predict");
    if (p.rows() != n || p.cols() != 1)
      throw UnsupportedError("an AdaBoost regressor's estimator must predict one value per row");
    preds.col(e) = p.col(0);
  }
  // _get_median_predict: argsort each row, cumulative weights in that order, the first
  // estimator whose cumulative weight reaches half the total. The order among equal
  // predictions does not change the value returned, so a stable sort (NaN last, as numpy)
  // gives numpy's result.
  std::vector<double> out(static_cast<std::size_t>(n));
  std::vector<std::int64_t> idx(static_cast<std::size_t>(n_est));
  std::vector<double> cdf(static_cast<std::size_t>(n_est));
  for (Eigen::Index i = 0; i < n; ++i) {
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::int64_t a, std::int64_t b) {
      const double x = preds(i, a), y = preds(i, b);
      if (std::isnan(y)) return !std::isnan(x);
      return x < y;
    });
    double acc = 0.0;
    for (std::int64_t j = 0; j < n_est; ++j) {
      acc += weights_[static_cast<std::size_t>(idx[static_cast<std::size_t>(j)])];
      cdf[static_cast<std::size_t>(j)] = acc;
    }
    const double half = 0.5 * cdf.back();
    std::int64_t med = 0;
    for (std::int64_t j = 0; j < n_est; ++j) {
      if (cdf[static_cast<std::size_t>(j)] >= half) {
        med = j;
        break;
      }
    }
    out[static_cast<std::size_t>(i)] = preds(i, idx[static_cast<std::size_t>(med)]);
  }
  return NdArray::from_vector(out);
}

// --- build / save ----------------------------------------------------------------------

namespace detail::ensemble {
namespace {

std::vector<double> read_weights(const ObjectView& obj, std::size_t n_estimators) {
  const ValueView v = obj.at("estimator_weights_");
  const NdArray a = v.as_array();
  if (a.ndim() != 1 || a.dtype().kind() != DTypeKind::Float)
    v.fail("estimator_weights_ must be a 1-d float array, got " + a.dtype().name());
  if (static_cast<std::size_t>(a.dim(0)) < n_estimators) {
    v.fail("estimator_weights_ has " + std::to_string(a.dim(0)) + " entries for " +
           std::to_string(n_estimators) + " estimators");
  }
  return a.to_vector<double>();
}

std::int64_t read_n_features(const ObjectView& obj, const std::vector<EstimatorPtr>& ests) {
  const std::int64_t n = obj.integer("n_features_in_");
  if (n < 1) obj.at("n_features_in_").fail("n_features_in_ must be positive");
  for (const auto& e : ests) {
    if (e->n_features_in() >= 0 && e->n_features_in() != n) {
      obj.at("estimators_")
          .fail("an estimator has " + std::to_string(e->n_features_in()) +
                " features, the ensemble " + std::to_string(n));
    }
  }
  return n;
}

void write_boosting_params(ObjectWriter& w, std::size_t n_weights, const NodePtr& first) {
  const bool v14 = w.ctx().target_at_least(1, 4);
  w.set_default("estimator", make::none());
  w.set_default("n_estimators", make::integer(static_cast<std::int64_t>(n_weights)));
  w.set_default("estimator_params", make::tuple({}));
  if (!v14) w.set_default("base_estimator", make::str("deprecated"));
  w.set_default("learning_rate", make::real(1.0));
  w.set_default("random_state", make::none());
  w.set_default(v14 ? "estimator_" : "_estimator", first);
}

}  // namespace

std::unique_ptr<AdaBoostClassifier> build_adaboost_classifier(const ObjectView& obj) {
  auto ests = read_estimators(obj, "estimators_");
  const std::int64_t n_features = read_n_features(obj, ests);
  auto weights = read_weights(obj, ests.size());
  NdArray classes = detail::read_classes(obj.at("classes_"));
  if (classes.dim(0) < 2) obj.at("classes_").fail("AdaBoostClassifier with one class");
  if (obj.integer("n_classes_") != classes.dim(0))
    obj.at("n_classes_").fail("n_classes_ differs from the length of classes_");
  AdaBoostClassifier::Algorithm alg = AdaBoostClassifier::Algorithm::Samme;
  const std::string a = obj.str("algorithm");
  if (a == "SAMME.R") {
    alg = AdaBoostClassifier::Algorithm::SammeR;
  } else if (a != "SAMME" && a != "deprecated") {
    obj.at("algorithm").fail("unknown AdaBoost algorithm '" + a + "'");
  }
  for (std::size_t i = 0; i < ests.size(); ++i) {
    const Method need =
        alg == AdaBoostClassifier::Algorithm::SammeR ? Method::PredictProba : Method::Predict;
    if (!ests[i]->supports(need)) {
      obj.at("estimators_").fail("estimator " + std::to_string(i) + " has no " + to_string(need));
    }
    if (auto tree = std::dynamic_pointer_cast<const DecisionTreeClassifier>(ests[i])) {
      if (tree->classes().size() != 1 || tree->classes()[0].dim(0) != classes.dim(0))
        obj.at("estimators_").fail("estimator " + std::to_string(i) + " has other classes");
    }
  }
  auto est = std::make_unique<AdaBoostClassifier>(
      std::move(ests), std::move(weights), std::move(classes), alg, detail::file_at_least(obj, 1, 3));
  est->set_type_name(obj.type_name());
  est->set_n_features_in(n_features);
  est->set_original_state(obj.state());
  return est;
}

std::unique_ptr<AdaBoostRegressor> build_adaboost_regressor(const ObjectView& obj) {
  auto ests = read_estimators(obj, "estimators_");
  const std::int64_t n_features = read_n_features(obj, ests);
  auto weights = read_weights(obj, ests.size());
  for (std::size_t i = 0; i < ests.size(); ++i) {
    if (!ests[i]->supports(Method::Predict))
      obj.at("estimators_").fail("estimator " + std::to_string(i) + " has no predict");
  }
  auto est = std::make_unique<AdaBoostRegressor>(std::move(ests), std::move(weights));
  est->set_type_name(obj.type_name());
  est->set_n_features_in(n_features);
  est->set_original_state(obj.state());
  return est;
}

void save_adaboost_classifier(const AdaBoostClassifier& est, ObjectWriter& w) {
  NodePtr list = save_estimator_list(w, est.estimators());
  write_boosting_params(w, est.weights().size(), list->items.front());
  w.set_default(
      "algorithm",
      make::str(est.algorithm() == AdaBoostClassifier::Algorithm::SammeR ? "SAMME.R" : "SAMME"));
  w.set_int("n_features_in_", est.n_features_in());
  w.set("estimators_", list);
  w.set_array("estimator_weights_", NdArray::from_vector(est.weights()));
  w.set_array("classes_", est.classes());
  w.set_int("n_classes_", est.classes().dim(0));
}

void save_adaboost_regressor(const AdaBoostRegressor& est, ObjectWriter& w) {
  NodePtr list = save_estimator_list(w, est.estimators());
  write_boosting_params(w, est.weights().size(), list->items.front());
  w.set_default("loss", make::str("linear"));
  w.set_int("n_features_in_", est.n_features_in());
  w.set("estimators_", list);
  w.set_array("estimator_weights_", NdArray::from_vector(est.weights()));
}

}  // namespace detail::ensemble
}  // namespace skops::estimators
