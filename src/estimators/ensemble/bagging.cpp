// BaggingClassifier / BaggingRegressor: sklearn/ensemble/_bagging.py. Estimator i sees
// X[:, estimators_features_[i]]. The estimators are split into n_jobs consecutive groups
// (_partition_estimators); each group sums its estimators' outputs from zero, the group sums
// are added in order, and the total is divided by n_estimators. Classifiers add
// predict_proba into the columns of the estimator's classes_ (positions), or one vote per
// predicted position when the estimator has no predict_proba; predict_log_proba combines
// with np.logaddexp when the estimators have it. X may hold NaN (force_all_finite=False).

#include <cmath>
#include <limits>

#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/ensemble/meta.hpp"
#include "estimators/ensemble/base.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::ensemble::logaddexp;
using detail::ensemble::result_matrix;
using detail::ensemble::take_columns;

namespace {

// _partition_estimators: [start, end) of each job.
std::vector<std::pair<std::size_t, std::size_t>> partition(std::size_t n, std::int64_t n_jobs) {
  const std::size_t jobs =
      std::min<std::size_t>(n, static_cast<std::size_t>(std::max<std::int64_t>(1, n_jobs)));
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  for (std::size_t j = 0; j < jobs; ++j) {
    const std::size_t count = n / jobs + (j < n % jobs ? 1 : 0);
    out.emplace_back(start, start + count);
    start += count;
  }
  return out;
}

void validate_members(const BaggingMembers& m, const char* what) {
  const std::string who(what);
  if (m.estimators.empty()) throw ValidationError(who + " needs estimators");
  if (m.features.size() != m.estimators.size())
    throw ValidationError(who + ": one feature list per estimator");
  if (m.n_features < 1) throw ValidationError(who + ": n_features must be positive");
  for (std::size_t i = 0; i < m.estimators.size(); ++i) {
    if (!m.estimators[i]) throw ValidationError(who + ": null estimator");
    for (std::int64_t f : m.features[i]) {
      if (f < 0 || f >= m.n_features) throw ValidationError(who + ": feature index out of range");
    }
    const std::int64_t nf = m.estimators[i]->n_features_in();
    if (nf >= 0 && nf != static_cast<std::int64_t>(m.features[i].size())) {
      throw ValidationError(who + ": estimator " + std::to_string(i) + " has " +
                            std::to_string(nf) + " features but is given " +
                            std::to_string(m.features[i].size()));
    }
  }
}

// Sum over jobs of the per-job sums of fn(estimator i, X_i) (Python `sum` from 0), then
// divided by the number of estimators; `one_d` tells whether the outputs were 1-d.
template <class Fn>
Matrix averaged(const BaggingMembers& m, const MatrixView& X, Fn fn, bool* one_d) {
  Matrix total;
  for (const auto& [begin, end] : partition(m.estimators.size(), m.n_jobs)) {
    Matrix job;
    for (std::size_t i = begin; i < end; ++i) {
      const NdArray out = fn(*m.estimators[i], take_columns(X, m.features[i]));
      *one_d = out.ndim() == 1;
      const Matrix r = result_matrix(out, "a bagged estimator");
      if (job.size() == 0) {
        job = Matrix::Zero(r.rows(), r.cols());
      } else if (r.rows() != job.rows() || r.cols() != job.cols()) {
        throw UnsupportedError("bagged estimators return outputs of different shapes");
      }
      job += r;
    }
    if (total.size() == 0) total = Matrix::Zero(job.rows(), job.cols());
    total += job;
  }
  return total / static_cast<double>(m.estimators.size());
}

NdArray shaped(const Matrix& r, bool one_d) {
  if (!one_d) return to_ndarray(r);
  return to_ndarray(Eigen::VectorXd(r.col(0)));
}

}  // namespace

// --- classifier ------------------------------------------------------------------------

BaggingClassifier::BaggingClassifier(BaggingMembers members, NdArray classes,
                                     std::vector<std::vector<std::int64_t>> estimator_classes)
    : m_(std::move(members)),
      classes_(std::move(classes)),
      estimator_classes_(std::move(estimator_classes)) {
  validate_members(m_, "BaggingClassifier");
  if (classes_.ndim() != 1 || classes_.dim(0) < 1)
    throw ValidationError("BaggingClassifier: classes must be 1-d and non-empty");
  if (estimator_classes_.size() != m_.estimators.size())
    throw ValidationError("BaggingClassifier: one class list per estimator");
  for (const auto& cls : estimator_classes_) {
    for (std::int64_t c : cls) {
      if (c < 0 || c >= classes_.dim(0))
        throw ValidationError("BaggingClassifier: an estimator's class position is out of range");
    }
  }
  set_type_name("sklearn.ensemble._bagging.BaggingClassifier");
  set_n_features_in(m_.n_features);
}

bool BaggingClassifier::supports(Method m) const noexcept {
  if (m == Method::DecisionFunction)
    return m_.estimators.front()->supports(Method::DecisionFunction);
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba;
}

Matrix BaggingClassifier::predict_proba_matrix(const MatrixView& X) const {
  check_input(X);
  const std::int64_t k = classes_.dim(0);
  const Eigen::Index n = X.rows();
  Matrix total = Matrix::Zero(n, k);
  for (const auto& [begin, end] : partition(m_.estimators.size(), m_.n_jobs)) {
    Matrix proba = Matrix::Zero(n, k);
    for (std::size_t e = begin; e < end; ++e) {
      const Estimator& est = *m_.estimators[e];
      const Matrix Xs = take_columns(X, m_.features[e]);
      const auto& cls = estimator_classes_[e];
      if (est.supports(Method::PredictProba)) {
        const Matrix p = result_matrix(est.predict_proba(Xs), "a bagged predict_proba");
        if (p.rows() != n || p.cols() != static_cast<Eigen::Index>(cls.size()))
          throw UnsupportedError("a bagged predict_proba does not match the estimator's classes");
        for (std::size_t j = 0; j < cls.size(); ++j)
          proba.col(cls[j]) += p.col(static_cast<Eigen::Index>(j));
      } else {
        const auto pos = detail::ensemble::encoded_positions(est.predict(Xs), k, "a bagged predict");
        for (Eigen::Index i = 0; i < n; ++i) proba(i, pos[static_cast<std::size_t>(i)]) += 1;
      }
    }
    total += proba;
  }
  return total / static_cast<double>(m_.estimators.size());
}

NdArray BaggingClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  switch (m) {
    case Method::Predict: {
      const Matrix p = predict_proba_matrix(X);
      std::vector<std::int64_t> idx(static_cast<std::size_t>(p.rows()));
      for (Eigen::Index i = 0; i < p.rows(); ++i)
        idx[static_cast<std::size_t>(i)] = detail::argmax(p.row(i).data(), p.cols());
      return detail::take_labels(classes_, idx);
    }
    case Method::PredictProba:
      return to_ndarray(predict_proba_matrix(X));
    case Method::DecisionFunction: {
      check_input(X);
      bool one_d = false;
      const Matrix d = averaged(
          m_, X, [](const Estimator& e, const Matrix& xs) { return e.decision_function(xs); },
          &one_d);
      return shaped(d, one_d);
    }
    default:
      break;
  }
  // predict_log_proba
  bool has_log = true;
  for (const auto& e : m_.estimators) has_log = has_log && e->supports(Method::PredictLogProba);
  if (!has_log) return to_ndarray(detail::log_of(predict_proba_matrix(X)));
  check_input(X);
  const std::int64_t k = classes_.dim(0);
  const Eigen::Index n = X.rows();
  const double ninf = -std::numeric_limits<double>::infinity();
  Matrix result;
  for (const auto& [begin, end] : partition(m_.estimators.size(), m_.n_jobs)) {
    Matrix lp = Matrix::Constant(n, k, ninf);
    for (std::size_t e = begin; e < end; ++e) {
      const auto& cls = estimator_classes_[e];
      const Matrix l =
          result_matrix(m_.estimators[e]->predict_log_proba(take_columns(X, m_.features[e])),
                        "a bagged predict_log_proba");
      if (l.rows() != n || l.cols() != static_cast<Eigen::Index>(cls.size()))
        throw UnsupportedError("a bagged predict_log_proba does not match the estimator's classes");
      // Classes the estimator does not know get logaddexp(x, -inf), which is x.
      for (std::size_t j = 0; j < cls.size(); ++j) {
        for (Eigen::Index i = 0; i < n; ++i)
          lp(i, cls[j]) = logaddexp(lp(i, cls[j]), l(i, static_cast<Eigen::Index>(j)));
      }
    }
    if (result.size() == 0) {
      result = lp;
    } else {
      for (Eigen::Index i = 0; i < result.size(); ++i)
        result.data()[i] = logaddexp(result.data()[i], lp.data()[i]);
    }
  }
  result.array() -= std::log(static_cast<double>(m_.estimators.size()));
  return to_ndarray(result);
}

// --- regressor -------------------------------------------------------------------------

BaggingRegressor::BaggingRegressor(BaggingMembers members) : m_(std::move(members)) {
  validate_members(m_, "BaggingRegressor");
  set_type_name("sklearn.ensemble._bagging.BaggingRegressor");
  set_n_features_in(m_.n_features);
}

NdArray BaggingRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  bool one_d = false;
  const Matrix y = averaged(
      m_, X, [](const Estimator& e, const Matrix& xs) { return e.predict(xs); }, &one_d);
  return shaped(y, one_d);
}

// --- build / save ----------------------------------------------------------------------

namespace detail::ensemble {
namespace {

BaggingMembers read_members(const ObjectView& obj) {
  BaggingMembers m;
  m.n_features = obj.integer("n_features_in_");
  if (m.n_features < 1) obj.at("n_features_in_").fail("n_features_in_ must be positive");
  m.estimators = read_estimators(obj, "estimators_");
  m.features = read_feature_lists(obj, "estimators_features_", m.estimators.size(), m.n_features);
  if (auto v = obj.find("n_estimators")) {
    if (v->as_int() != static_cast<std::int64_t>(m.estimators.size()))
      v->fail("n_estimators differs from the number of fitted estimators");
  }
  if (auto v = obj.find("n_jobs"); v && !v->is_none()) m.n_jobs = v->as_int();
  return m;
}

void write_bagging(const BaggingMembers& m, ObjectWriter& w) {
  const bool v14 = w.ctx().target_at_least(1, 4);
  NodePtr list = save_estimator_list(w, m.estimators);
  w.set_default("estimator", make::none());
  w.set_default("n_estimators", make::integer(static_cast<std::int64_t>(m.estimators.size())));
  w.set_default("estimator_params", make::tuple({}));
  if (!v14) w.set_default("base_estimator", make::str("deprecated"));
  w.set_default("max_samples", make::real(1.0));
  w.set_default("max_features", make::real(1.0));
  w.set_default("bootstrap", make::boolean(true));
  w.set_default("bootstrap_features", make::boolean(false));
  w.set_default("oob_score", make::boolean(false));
  w.set_default("warm_start", make::boolean(false));
  w.set_default("n_jobs", m.n_jobs > 1 ? make::integer(m.n_jobs) : make::none());
  w.set_default("random_state", make::none());
  w.set_default("verbose", make::integer(0));
  w.set_int("n_features_in_", m.n_features);
  w.set_default(v14 ? "estimator_" : "_estimator", list->items.front());
  w.set("estimators_", list);
  std::vector<NodePtr> features;
  for (const auto& f : m.features) features.push_back(make::array(NdArray::from_vector(f)));
  w.set("estimators_features_", make::list(features));
}

}  // namespace

std::unique_ptr<BaggingClassifier> build_bagging_classifier(const ObjectView& obj) {
  BaggingMembers m = read_members(obj);
  NdArray classes = detail::read_classes(obj.at("classes_"));
  if (auto v = obj.find("n_classes_"); v && v->as_int() != classes.dim(0))
    v->fail("n_classes_ differs from the length of classes_");
  // Each estimator's classes_ (positions in classes_, as it was fitted on encoded labels).
  std::vector<std::vector<std::int64_t>> est_classes;
  const auto items = obj.at("estimators_").items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ObjectView sub(items[i].ptr(), items[i].ctx());
    if (auto c = sub.find("classes_"); c && c->node().kind == NodeKind::NdArray) {
      const NdArray a = detail::read_classes(*c);
      if (!a.is_numeric()) c->fail("a bagged estimator's classes_ must be label positions");
      est_classes.push_back(a.to_vector<std::int64_t>());
    } else if (m.estimators[i]->supports(Method::PredictProba)) {
      items[i].fail("a bagged estimator with predict_proba has no classes_");
    } else {
      est_classes.emplace_back();
    }
  }
  auto est =
      std::make_unique<BaggingClassifier>(std::move(m), std::move(classes), std::move(est_classes));
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

std::unique_ptr<BaggingRegressor> build_bagging_regressor(const ObjectView& obj) {
  auto est = std::make_unique<BaggingRegressor>(read_members(obj));
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_bagging_classifier(const BaggingClassifier& est, ObjectWriter& w) {
  write_bagging(est.members(), w);
  w.set_array("classes_", est.classes());
  w.set_int("n_classes_", est.classes().dim(0));
}

void save_bagging_regressor(const BaggingRegressor& est, ObjectWriter& w) {
  write_bagging(est.members(), w);
}

}  // namespace detail::ensemble
}  // namespace skops::estimators
