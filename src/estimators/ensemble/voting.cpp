// VotingClassifier / VotingRegressor: sklearn/ensemble/_voting.py. The classifier's
// estimators are fitted on label positions (le_). Soft voting averages predict_proba with
// np.average over the estimators (sequential sum, then / n or / sum(weights)); hard voting
// takes per row argmax(np.bincount(positions, weights)). The regressor averages predict
// the same way.

#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/ensemble/meta.hpp"
#include "estimators/ensemble/base.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::numpy_sum;
using detail::ensemble::result_matrix;

namespace {

void validate_common(const std::vector<EstimatorPtr>& ests, const std::vector<std::string>& names,
                     const std::vector<double>& weights, const char* who) {
  const std::string w(who);
  if (ests.empty()) throw ValidationError(w + " needs estimators");
  for (const auto& e : ests) {
    if (!e) throw ValidationError(w + ": null estimator");
  }
  if (!names.empty() && names.size() != ests.size())
    throw ValidationError(w + ": one name per estimator");
  if (!weights.empty() && weights.size() != ests.size())
    throw ValidationError(w + ": one weight per (not dropped) estimator");
}

// np.average over the estimators of equally shaped matrices.
Matrix average(const std::vector<Matrix>& parts, const std::vector<double>& weights) {
  Matrix acc = Matrix::Zero(parts.front().rows(), parts.front().cols());
  if (weights.empty()) {
    for (const Matrix& p : parts) acc += p;
    return acc / static_cast<double>(parts.size());
  }
  for (std::size_t e = 0; e < parts.size(); ++e) acc += parts[e] * weights[e];
  return acc / numpy_sum(weights.data(), static_cast<std::int64_t>(weights.size()));
}

}  // namespace

// --- classifier ------------------------------------------------------------------------

VotingClassifier::VotingClassifier(std::vector<EstimatorPtr> estimators,
                                   std::vector<std::string> names, NdArray classes, bool soft,
                                   std::vector<double> weights, bool flatten_transform)
    : estimators_(std::move(estimators)),
      names_(std::move(names)),
      classes_(std::move(classes)),
      soft_(soft),
      weights_(std::move(weights)),
      flatten_(flatten_transform) {
  validate_common(estimators_, names_, weights_, "VotingClassifier");
  if (classes_.ndim() != 1 || classes_.dim(0) < 1)
    throw ValidationError("VotingClassifier: classes must be 1-d and non-empty");
  for (const auto& e : estimators_) {
    if (!e->supports(soft_ ? Method::PredictProba : Method::Predict))
      throw ValidationError("VotingClassifier: an estimator cannot vote");
  }
  set_type_name("sklearn.ensemble._voting.VotingClassifier");
  set_n_features_in(estimators_.front()->n_features_in());
}

bool VotingClassifier::supports(Method m) const noexcept {
  if (m == Method::PredictProba) return soft_;
  return m == Method::Predict || m == Method::Transform;
}

Matrix VotingClassifier::average_proba(const MatrixView& X) const {
  std::vector<Matrix> probas;
  for (const auto& e : estimators_) {
    probas.push_back(result_matrix(e->predict_proba(X), "a voting estimator's predict_proba"));
    if (probas.back().rows() != X.rows() || probas.back().cols() != classes_.dim(0))
      throw UnsupportedError(
          "a voting estimator's predict_proba does not have one column per class");
  }
  return average(probas, weights_);
}

std::vector<std::int64_t> VotingClassifier::hard_votes(const MatrixView& X,
                                                       std::int64_t* n_cols) const {
  const auto n_est = static_cast<std::int64_t>(estimators_.size());
  *n_cols = n_est;
  std::vector<std::int64_t> out(static_cast<std::size_t>(X.rows() * n_est));
  for (std::int64_t e = 0; e < n_est; ++e) {
    const auto pos =
        detail::ensemble::encoded_positions(estimators_[static_cast<std::size_t>(e)]->predict(X),
                                           classes_.dim(0), "a voting estimator's predict");
    if (static_cast<Eigen::Index>(pos.size()) != X.rows())
      throw UnsupportedError("a voting estimator's predict has the wrong length");
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      out[static_cast<std::size_t>(i * n_est + e)] = pos[static_cast<std::size_t>(i)];
  }
  return out;
}

NdArray VotingClassifier::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  const Eigen::Index n = X.rows();
  const std::int64_t k = classes_.dim(0);
  if (m == Method::PredictProba) return to_ndarray(average_proba(X));
  if (m == Method::Transform) {
    if (!soft_) {
      std::int64_t cols = 0;
      const auto votes = hard_votes(X, &cols);
      return NdArray::from_vector(votes, {static_cast<std::int64_t>(n), cols});
    }
    const auto n_est = static_cast<std::int64_t>(estimators_.size());
    std::vector<double> out(static_cast<std::size_t>(n * n_est * k));
    for (std::int64_t e = 0; e < n_est; ++e) {
      const Matrix p = result_matrix(estimators_[static_cast<std::size_t>(e)]->predict_proba(X),
                                     "a voting estimator's predict_proba");
      if (p.rows() != n || p.cols() != k)
        throw UnsupportedError(
            "a voting estimator's predict_proba does not have one column per class");
      for (Eigen::Index i = 0; i < n; ++i) {
        for (std::int64_t j = 0; j < k; ++j) {
          // flatten_transform: np.hstack (n, E*K); else the stacked (E, n, K) array.
          const std::size_t at = flatten_ ? static_cast<std::size_t>(i * n_est * k + e * k + j)
                                          : static_cast<std::size_t>((e * n + i) * k + j);
          out[at] = p(i, j);
        }
      }
    }
    if (flatten_) return NdArray::from_vector(out, {static_cast<std::int64_t>(n), n_est * k});
    return NdArray::from_vector(out, {n_est, static_cast<std::int64_t>(n), k});
  }
  // predict
  std::vector<std::int64_t> maj(static_cast<std::size_t>(n));
  if (soft_) {
    const Matrix p = average_proba(X);
    for (Eigen::Index i = 0; i < n; ++i)
      maj[static_cast<std::size_t>(i)] = detail::argmax(p.row(i).data(), k);
  } else {
    std::int64_t n_est = 0;
    const auto votes = hard_votes(X, &n_est);
    std::vector<double> counts(static_cast<std::size_t>(k));
    for (Eigen::Index i = 0; i < n; ++i) {
      std::fill(counts.begin(), counts.end(), 0.0);
      std::int64_t top = 0;  // bincount has max(x) + 1 bins
      for (std::int64_t e = 0; e < n_est; ++e) {
        const std::int64_t v = votes[static_cast<std::size_t>(i * n_est + e)];
        counts[static_cast<std::size_t>(v)] +=
            weights_.empty() ? 1.0 : weights_[static_cast<std::size_t>(e)];
        top = std::max(top, v);
      }
      maj[static_cast<std::size_t>(i)] = detail::argmax(counts.data(), top + 1);
    }
  }
  return detail::take_labels(classes_, maj);
}

// --- regressor -------------------------------------------------------------------------

VotingRegressor::VotingRegressor(std::vector<EstimatorPtr> estimators,
                                 std::vector<std::string> names, std::vector<double> weights)
    : estimators_(std::move(estimators)), names_(std::move(names)), weights_(std::move(weights)) {
  validate_common(estimators_, names_, weights_, "VotingRegressor");
  for (const auto& e : estimators_) {
    if (!e->supports(Method::Predict))
      throw ValidationError("VotingRegressor: an estimator has no predict");
  }
  set_type_name("sklearn.ensemble._voting.VotingRegressor");
  set_n_features_in(estimators_.front()->n_features_in());
}

Matrix VotingRegressor::predictions(const MatrixView& X) const {
  Matrix out(X.rows(), static_cast<Eigen::Index>(estimators_.size()));
  for (std::size_t e = 0; e < estimators_.size(); ++e) {
    const Matrix p = result_matrix(estimators_[e]->predict(X), "a voting estimator's predict");
    if (p.rows() != X.rows() || p.cols() != 1)
      throw UnsupportedError("a voting regressor's estimator must predict one value per row");
    out.col(static_cast<Eigen::Index>(e)) = p.col(0);
  }
  return out;
}

NdArray VotingRegressor::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  const Matrix p = predictions(X);
  if (m == Method::Transform) return to_ndarray(p);
  std::vector<Matrix> cols;
  for (Eigen::Index e = 0; e < p.cols(); ++e) cols.emplace_back(p.col(e));
  return to_ndarray(Eigen::VectorXd(average(cols, weights_).col(0)));
}

// --- build / save ----------------------------------------------------------------------

namespace detail::ensemble {
namespace {

struct VotingParts {
  std::vector<EstimatorPtr> estimators;
  std::vector<std::string> names;
  std::vector<double> weights;
};

VotingParts read_voting(const ObjectView& obj) {
  VotingParts p;
  p.estimators = read_estimators(obj, "estimators_");
  const NamedParam named = read_named_param(obj);
  for (std::size_t i = 0; i < named.names.size(); ++i) {
    if (!named.dropped[i]) p.names.push_back(named.names[i]);
  }
  if (!named.names.empty() && p.names.size() != p.estimators.size())
    obj.at("estimators_").fail("estimators_ does not match the estimators that are not dropped");
  if (auto w = obj.find("weights"); w && !w->is_none()) {
    const std::vector<double> all = read_number_list(*w);
    // _weights_not_none: the weights of the estimators that are not 'drop'.
    if (named.names.empty()) {
      p.weights = all;
    } else {
      if (all.size() != named.names.size()) w->fail("one weight per estimator is required");
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (!named.dropped[i]) p.weights.push_back(all[i]);
      }
    }
    if (p.weights.size() != p.estimators.size())
      w->fail("weights do not match the fitted estimators");
  }
  return p;
}

template <class T>
void finish(T& est, const ObjectView& obj) {
  est.set_type_name(obj.type_name());
  est.set_original_state(obj.state());
}

// estimators (the parameter, for natively built ensembles), estimators_, named_estimators_.
void write_members(const std::vector<EstimatorPtr>& ests, const std::vector<std::string>& names,
                   ObjectWriter& w, const NodePtr& original) {
  NodePtr list = save_estimator_list(w, ests);
  std::vector<std::string> keys = names;
  for (std::size_t i = keys.size(); i < ests.size(); ++i) keys.push_back("est" + std::to_string(i));
  if (!original || !original->get("estimators")) {
    std::vector<NodePtr> pairs;
    for (std::size_t i = 0; i < ests.size(); ++i)
      pairs.push_back(make::tuple({make::str(keys[i]), list->items[i]}));
    w.set("estimators", make::list(pairs));
  }
  w.set("estimators_", list);
  // named_estimators_: the same nodes under their names ('drop' kept for dropped ones).
  std::vector<std::string> bunch_names;
  std::vector<NodePtr> bunch_values;
  if (original && original->get("named_estimators_")) {
    const Node& old = *original->get("named_estimators_");
    std::size_t next = 0;
    for (const DictEntry& e : old.entries) {
      const bool dropped =
          e.value && e.value->kind == NodeKind::Json && e.value->scalar == ScalarKind::Str;
      bunch_names.push_back(e.key);
      bunch_values.push_back(dropped || next >= ests.size() ? e.value : list->items[next++]);
    }
  } else {
    bunch_names = keys;
    bunch_values = list->items;
  }
  w.set("named_estimators_", bunch_of(bunch_names, bunch_values));
}

NodePtr label_encoder(const NdArray& classes, const std::string& version) {
  return make::object(
      "sklearn.preprocessing._label", "LabelEncoder",
      {{"classes_", make::array(classes)}, {"_sklearn_version", make::str(version)}});
}

NodePtr weights_node(const std::vector<double>& weights) {
  if (weights.empty()) return make::none();
  std::vector<NodePtr> items;
  for (double x : weights) items.push_back(make::real(x));
  return make::list(items);
}

}  // namespace

std::unique_ptr<VotingClassifier> build_voting_classifier(const ObjectView& obj) {
  VotingParts p = read_voting(obj);
  const std::string voting = obj.str("voting");
  if (voting != "soft" && voting != "hard")
    obj.at("voting").fail("voting must be 'soft' or 'hard'");
  bool flatten = true;
  if (auto f = obj.find("flatten_transform")) flatten = f->as_bool();
  // predict maps positions back through le_.inverse_transform, i.e. le_.classes_.
  NdArray classes = encoder_classes(obj, "le_");
  auto est = std::make_unique<VotingClassifier>(std::move(p.estimators), std::move(p.names),
                                                std::move(classes), voting == "soft",
                                                std::move(p.weights), flatten);
  finish(*est, obj);
  return est;
}

std::unique_ptr<VotingRegressor> build_voting_regressor(const ObjectView& obj) {
  VotingParts p = read_voting(obj);
  auto est = std::make_unique<VotingRegressor>(std::move(p.estimators), std::move(p.names),
                                               std::move(p.weights));
  finish(*est, obj);
  return est;
}

void save_voting_classifier(const VotingClassifier& est, ObjectWriter& w) {
  write_members(est.estimators(), est.names(), w, est.original_state());
  w.set_default("voting", make::str(est.soft() ? "soft" : "hard"));
  w.set_default("weights", weights_node(est.weights()));
  w.set_default("n_jobs", make::none());
  w.set_default("flatten_transform", make::boolean(est.flatten_transform()));
  w.set_default("verbose", make::boolean(false));
  w.set_default("le_", label_encoder(est.classes(), w.ctx().sklearn_version()));
  w.set_array("classes_", est.classes());
}

void save_voting_regressor(const VotingRegressor& est, ObjectWriter& w) {
  write_members(est.estimators(), est.names(), w, est.original_state());
  w.set_default("weights", weights_node(est.weights()));
  w.set_default("n_jobs", make::none());
  w.set_default("verbose", make::boolean(false));
}

}  // namespace detail::ensemble
}  // namespace skops::estimators
