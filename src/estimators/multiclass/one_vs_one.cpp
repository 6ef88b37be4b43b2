// OneVsOneClassifier: pairwise votes with confidences as tie-breakers.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/multiclass.py
// (OneVsOneClassifier.predict, decision_function; sklearn.utils.multiclass.
// _ovr_decision_function; unchanged in 1.4.2).

#include <cmath>
#include <string>

#include "estimators/multiclass/internal.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

OneVsOneClassifier::OneVsOneClassifier(std::vector<EstimatorPtr> estimators, NdArray classes)
    : estimators_(std::move(estimators)), classes_(std::move(classes)) {
  if (classes_.ndim() != 1 || classes_.dim(0) < 2) {
    throw ValidationError("OneVsOneClassifier: classes_ must hold at least 2 labels");
  }
  const std::int64_t k = classes_.dim(0);
  if (static_cast<std::int64_t>(estimators_.size()) != k * (k - 1) / 2) {
    throw ValidationError("OneVsOneClassifier: " + std::to_string(estimators_.size()) +
                          " estimators for " + std::to_string(k) + " classes (needs " +
                          std::to_string(k * (k - 1) / 2) + ")");
  }
  for (const auto& e : estimators_) {
    if (!e) throw ValidationError("OneVsOneClassifier: missing estimator");
    if (e->role() != Role::Regressor && !e->supports(Method::DecisionFunction) &&
        !e->supports(Method::PredictProba)) {
      throw ValidationError("OneVsOneClassifier: " + e->type_name() +
                            " has neither decision_function nor predict_proba");
    }
    if (e->n_features_in() != estimators_.front()->n_features_in())
      throw ValidationError("OneVsOneClassifier: the estimators differ in n_features_in_");
  }
  set_type_name("sklearn.multiclass.OneVsOneClassifier");
  set_n_features_in(estimators_.front()->n_features_in());
}

namespace {

std::vector<double> flat(const NdArray& a, std::int64_t n, const std::string& who) {
  if (static_cast<std::int64_t>(a.size()) != n) {
    throw UnsupportedError("OneVsOneClassifier: " + who + " gave " + std::to_string(a.size()) +
                           " values for " + std::to_string(n) + " rows");
  }
  return a.to_vector<double>();
}

// _predict_binary: a regressor's predict, else the raveled decision_function, else
// predict_proba[:, 1].
std::vector<double> confidence(const Estimator& e, const MatrixView& X) {
  const std::int64_t n = X.rows();
  if (e.role() == Role::Regressor) return flat(e.run(Method::Predict, X), n, e.type_name());
  if (e.supports(Method::DecisionFunction)) {
    return flat(e.run(Method::DecisionFunction, X), n, e.type_name());
  }
  const NdArray p = e.run(Method::PredictProba, X);
  if (p.ndim() != 2 || p.dim(0) != n || p.dim(1) < 2) {
    throw UnsupportedError("OneVsOneClassifier: " + e.type_name() + " predict_proba is not (n, 2)");
  }
  const auto v = p.to_vector<double>();
  std::vector<double> out(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) out[static_cast<std::size_t>(i)] = v[static_cast<std::size_t>(i * p.dim(1) + 1)];
  return out;
}

}  // namespace

Matrix OneVsOneClassifier::decision(const MatrixView& X) const {
  // _validate_data(force_all_finite=False): each estimator checks its own input.
  check_input(X);
  const Eigen::Index n = X.rows();
  const auto k = static_cast<Eigen::Index>(classes_.dim(0));
  Matrix votes = Matrix::Zero(n, k), sums = Matrix::Zero(n, k);
  std::size_t pair = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    for (Eigen::Index j = i + 1; j < k; ++j, ++pair) {
      const Estimator& e = *estimators_[pair];
      const std::vector<double> pred = flat(e.run(Method::Predict, X), n, e.type_name());
      const std::vector<double> conf = confidence(e, X);
      for (Eigen::Index r = 0; r < n; ++r) {
        const auto rr = static_cast<std::size_t>(r);
        sums(r, i) -= conf[rr];
        sums(r, j) += conf[rr];
        if (pred[rr] == 0) votes(r, i) += 1;
        if (pred[rr] == 1) votes(r, j) += 1;
      }
    }
  }
  for (Eigen::Index r = 0; r < n; ++r) {
    for (Eigen::Index c = 0; c < k; ++c) {
      const double s = sums(r, c);
      votes(r, c) += s / (3 * (std::abs(s) + 1));
    }
  }
  return votes;
}

NdArray OneVsOneClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  const Matrix Y = decision(X);
  const bool binary = Y.cols() == 2;
  if (m == Method::DecisionFunction) {
    if (binary) return to_ndarray(Eigen::VectorXd(Y.col(1)));
    return to_ndarray(Y);
  }
  std::vector<std::int64_t> idx(static_cast<std::size_t>(Y.rows()));
  for (Eigen::Index r = 0; r < Y.rows(); ++r) {
    if (binary) {
      const Estimator& e = *estimators_.front();
      const double thresh =
          e.supports(Method::DecisionFunction) && e.role() == Role::Classifier ? 0.0 : 0.5;
      idx[static_cast<std::size_t>(r)] = Y(r, 1) > thresh ? 1 : 0;
    } else {
      Eigen::Index best = 0;
      for (Eigen::Index c = 1; c < Y.cols(); ++c) {
        if (Y(r, c) > Y(r, best)) best = c;
      }
      idx[static_cast<std::size_t>(r)] = best;
    }
  }
  return detail::take_labels(classes_, idx);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::multiclass {

std::unique_ptr<OneVsOneClassifier> build_one_vs_one(const ObjectView& obj) {
  if (auto pi = obj.find("pairwise_indices_"); pi && !pi->is_none()) {
    throw UnsupportedError("OneVsOneClassifier with pairwise_indices_ (a precomputed kernel) is not supported",
                           {}, pi->pointer());
  }
  NdArray classes = detail::read_classes(obj.at("classes_"));
  const ValueView list = obj.at("estimators_");
  // A tuple in scikit-learn (list(zip(*...))[0]).
  if (list.node().kind != NodeKind::Tuple && list.node().kind != NodeKind::List) {
    list.fail("estimators_ must be a tuple");
  }
  for (const auto& it : list.items()) {
    if (it.node().kind != NodeKind::Object) it.fail("estimators_ entries must be estimators");
  }
  std::vector<EstimatorPtr> ests = list.estimators();
  auto est = detail::located(obj, [&] {
    return std::make_unique<OneVsOneClassifier>(std::move(ests), classes);
  });
  if (auto n = obj.find("n_features_in_")) {
    if (est->n_features_in() >= 0 && n->as_int() != est->n_features_in())
      n->fail("n_features_in_ differs from the estimators'");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_one_vs_one(const OneVsOneClassifier& est, ObjectWriter& w) {
  // Built only from files, as OneVsRestClassifier: the rest is kept as read.
  if (!est.original_state())
    throw UnsupportedError("OneVsOneClassifier is written only as loaded from a file");
  std::vector<NodePtr> ests;
  for (const auto& e : est.estimators()) ests.push_back(w.ctx().save(*e));
  // The container kind read (scikit-learn's tuple) is kept.
  bool as_list = false;
  for (const auto& entry : est.original_state()->entries) {
    if (entry.key == "estimators_") as_list = entry.value && entry.value->kind == NodeKind::List;
  }
  w.set("estimators_", as_list ? make::list(std::move(ests)) : make::tuple(std::move(ests)));
}

}  // namespace skops::estimators::detail::multiclass
