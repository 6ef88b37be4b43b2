// ClassifierChain / RegressorChain: each estimator sees X and the previous predictions.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/multioutput.py
// (_BaseChain.predict, ClassifierChain.predict_proba, decision_function; 1.4.2 adds
// predict_log_proba = np.log(predict_proba), scikit-learn PR 27720; every method feeds the
// estimators' predict to the next ones, whatever cv was in fit).

#include <cmath>
#include <string>

#include "estimators/multioutput/internal.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/utils/versions.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

Chain::Chain(std::vector<EstimatorPtr> estimators, std::vector<std::int64_t> order,
             std::int64_t n_features, bool classifier, bool log_proba, std::vector<NdArray> classes)
    : estimators_(std::move(estimators)),
      order_(std::move(order)),
      classifier_(classifier),
      log_proba_(log_proba),
      classes_(std::move(classes)) {
  const std::string who = classifier_ ? "ClassifierChain" : "RegressorChain";
  const auto k = static_cast<std::int64_t>(estimators_.size());
  if (k == 0) throw ValidationError(who + ": estimators_ is empty");
  if (n_features < 1 || n_features > (std::int64_t{1} << 31))
    throw ValidationError(who + ": n_features_in_ must be in [1, 2^31]");
  if (static_cast<std::int64_t>(order_.size()) != k)
    throw ValidationError(who + ": order_ has " + std::to_string(order_.size()) + " entries for " +
                          std::to_string(k) + " estimators");
  // order_ indexes the output columns: a permutation of 0..k-1 (fit checks the same).
  std::vector<bool> seen(static_cast<std::size_t>(k), false);
  for (const std::int64_t t : order_) {
    if (t < 0 || t >= k || seen[static_cast<std::size_t>(t)])
      throw ValidationError(who + ": order_ is not a permutation of 0.." + std::to_string(k - 1));
    seen[static_cast<std::size_t>(t)] = true;
  }
  if (!classes_.empty() && static_cast<std::int64_t>(classes_.size()) != k)
    throw ValidationError(who + ": classes_ has " + std::to_string(classes_.size()) +
                          " entries for " + std::to_string(k) + " estimators");
  for (std::int64_t j = 0; j < k; ++j) {
    const auto& e = estimators_[static_cast<std::size_t>(j)];
    if (!e || !e->supports(Method::Predict))
      throw ValidationError(who + ": estimator " + std::to_string(j) + " cannot predict");
    // Estimator j was fitted on X and the j earlier targets.
    if (e->n_features_in() >= 0 && e->n_features_in() != n_features + j)
      throw ValidationError(who + ": estimator " + std::to_string(j) + " takes " +
                            std::to_string(e->n_features_in()) + " features, not " +
                            std::to_string(n_features + j));
  }
  for (const auto& c : classes_) {
    // The predictions go into a float64 array: numeric labels only.
    if (c.ndim() != 1 || c.size() == 0 || !c.is_numeric())
      throw ValidationError(who + ": classes_ entries must be non-empty numeric label arrays");
  }
  set_type_name("sklearn.multioutput." + who);
  set_n_features_in(n_features);
}

bool Chain::supports(Method m) const noexcept {
  // _available_if_base_estimator_has: every fitted estimator has the method.
  auto all = [&](Method mm) {
    for (const auto& e : estimators_) {
      if (!e->supports(mm)) return false;
    }
    return true;
  };
  switch (m) {
    case Method::Predict:
      return true;
    case Method::PredictProba:
      return classifier_ && all(Method::PredictProba);
    case Method::PredictLogProba:
      return classifier_ && log_proba_ && all(Method::PredictProba);
    case Method::DecisionFunction:
      return classifier_ && all(Method::DecisionFunction);
    default:
      return false;
  }
}

namespace {

// A 1-d result of n numbers as doubles (numpy's assignment into a float64 column).
Eigen::VectorXd column_of(const NdArray& a, Eigen::Index n, const Estimator& e, const char* what) {
  if (a.ndim() != 1 || a.dim(0) != n || !a.is_numeric())
    throw UnsupportedError(e.type_name() + " in a chain: " + what +
                           " is not a 1-d numeric array of n_samples values");
  const std::vector<double> v = a.to_vector<double>();
  return Eigen::Map<const Eigen::VectorXd>(v.data(), n);
}

}  // namespace

NdArray Chain::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_finite_input(X);  // _validate_data(X, accept_sparse=True, reset=False)
  const Eigen::Index n = X.rows(), p = X.cols();
  const auto k = static_cast<Eigen::Index>(estimators_.size());
  // X followed by the chain's predictions so far (np.hstack((X, Y_pred_chain[:, :j]))).
  Matrix aug = Matrix::Zero(n, p + k);
  aug.leftCols(p) = X;
  Matrix out(n, k);
  const Method score = m == Method::PredictLogProba ? Method::PredictProba : m;
  for (Eigen::Index j = 0; j < k; ++j) {
    const Estimator& e = *estimators_[static_cast<std::size_t>(j)];
    const MatrixView xa(aug.leftCols(p + j));
    if (score == Method::PredictProba) {
      const NdArray proba = e.run(Method::PredictProba, xa);
      if (proba.ndim() != 2 || proba.dim(0) != n || proba.dim(1) < 2)
        throw UnsupportedError(e.type_name() +
                               " in a chain: predict_proba is not (n_samples, >= 2)");
      out.col(j) = to_matrix(proba).col(1);
    } else if (score == Method::DecisionFunction) {
      out.col(j) = column_of(e.run(Method::DecisionFunction, xa), n, e, "decision_function");
    }
    const Eigen::VectorXd pred = column_of(e.run(Method::Predict, xa), n, e, "predict");
    aug.col(p + j) = pred;
    if (score == Method::Predict) out.col(j) = pred;
  }
  // Y_pred_chain[:, inv_order]: chain column j is target order_[j].
  Matrix Y(n, k);
  for (Eigen::Index j = 0; j < k; ++j) Y.col(order_[static_cast<std::size_t>(j)]) = out.col(j);
  if (m == Method::PredictLogProba) Y = Y.array().log().matrix();
  return to_ndarray(Y);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::multioutput {

namespace {

// order_: a numpy integer array (range, a permutation, or a tuple made an array) or the
// list given as `order` (kept as is by fit).
std::vector<std::int64_t> read_order(const ValueView& v) {
  std::vector<std::int64_t> order;
  if (v.node().kind == NodeKind::List || v.node().kind == NodeKind::Tuple) {
    const auto items = v.items();
    for (const auto& it : items) order.push_back(it.as_int());
    return order;
  }
  const NdArray a = detail::numpy_array(v, "order_");
  if (a.ndim() != 1 || (a.dtype().kind() != DTypeKind::Int && a.dtype().kind() != DTypeKind::UInt))
    v.fail("order_ must be a 1-d integer array");
  return a.to_vector<std::int64_t>();
}

}  // namespace

std::unique_ptr<Chain> build_chain(const ObjectView& obj) {
  const bool classifier = obj.type_name() == "sklearn.multioutput.ClassifierChain";
  if (auto cm = obj.find("chain_method_"); cm && !cm->is_none() && cm->as_str() != "predict")
    throw UnsupportedError("ClassifierChain with chain_method '" + cm->as_str() +
                               "' (the chain feeds other than predictions) is not supported",
                           {}, cm->pointer());
  const std::int64_t n_features = detail::required_n_features(obj);
  std::vector<std::int64_t> order = read_order(obj.at("order_"));
  const ValueView list = obj.at("estimators_");
  if (list.node().kind != NodeKind::List) list.fail("estimators_ must be a list");
  const auto items = list.items();
  if (items.empty()) list.fail("estimators_ is empty");
  for (const auto& it : items) {
    if (it.node().kind != NodeKind::Object) it.fail("estimators_ entries must be estimators");
  }
  std::vector<NdArray> classes;
  if (classifier) {
    const ValueView cv = obj.at("classes_");
    if (cv.node().kind != NodeKind::List) cv.fail("classes_ must be a list of arrays");
    const auto sets = cv.items();
    if (sets.size() != items.size())
      cv.fail("classes_ has " + std::to_string(sets.size()) + " entries for " +
              std::to_string(items.size()) + " estimators");
    for (const auto& s : sets) {
      NdArray c = detail::read_classes(s);
      if (!c.is_numeric()) s.fail("classes_ must be numeric (the chain feeds labels as float64)");
      classes.push_back(std::move(c));
    }
  }
  std::vector<EstimatorPtr> ests = list.estimators();
  const bool log_proba = detail::file_at_least(obj, 1, 4);
  auto est = detail::located(obj, [&] {
    return std::make_unique<Chain>(std::move(ests), std::move(order), n_features, classifier,
                                   log_proba, std::move(classes));
  });
  est->set_original_state(obj.state());
  return est;
}

void save_chain(const Chain& est, ObjectWriter& w) {
  std::vector<NodePtr> ests;
  for (const auto& e : est.estimators()) ests.push_back(w.ctx().save(*e));
  w.set("estimators_", make::list(std::move(ests)));
  if (est.original_state()) return;  // order_, classes_ and the parameters as read
  if (est.classifier() && est.classes().empty())
    throw UnsupportedError("a natively built ClassifierChain is written only with its classes_");
  // Natively built: the parameters of a chain fitted with an explicit order and cv=None;
  // the unfitted estimator is the first fitted one (a clone's parameters).
  w.set_default("base_estimator", w.ctx().save(*est.estimators().front()));
  std::vector<NodePtr> order;
  for (const std::int64_t t : est.order()) order.push_back(make::integer(t));
  w.set_default("order", make::list(std::move(order)));
  w.set_default("cv", make::none());
  w.set_default("random_state", make::none());
  w.set_default("verbose", make::boolean(false));
  w.set_int("n_features_in_", est.n_features_in());
  w.set_array("order_", NdArray::from_vector(est.order()));
  if (est.classifier()) {
    std::vector<NodePtr> cls;
    for (const auto& c : est.classes()) cls.push_back(make::array(c));
    w.set("classes_", make::list(std::move(cls)));
  }
}

}  // namespace skops::estimators::detail::multioutput
