// OneVsRestClassifier on a binary, multiclass or multilabel (indicator) target.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/multiclass.py
// (_predict_binary, _threshold_for_binary_predict, OneVsRestClassifier.predict,
// predict_proba, decision_function; unchanged in 1.4.2).

#include <cmath>
#include <limits>

#include "estimators/multiclass/internal.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

OneVsRestClassifier::OneVsRestClassifier(std::vector<EstimatorPtr> estimators, NdArray classes,
                                         bool multilabel)
    : estimators_(std::move(estimators)), classes_(std::move(classes)), multilabel_(multilabel) {
  const auto k = static_cast<std::int64_t>(estimators_.size());
  if (classes_.ndim() != 1 || classes_.dim(0) < 2)
    throw ValidationError("OneVsRestClassifier: classes_ must hold at least 2 labels");
  // Multilabel: one estimator per indicator column, also for two columns.
  if (classes_.dim(0) == 2 && !multilabel_ ? k != 1 : k != classes_.dim(0))
    throw ValidationError("OneVsRestClassifier: " + std::to_string(k) +
                          " estimators for " + std::to_string(classes_.dim(0)) + " classes");
  for (const auto& e : estimators_) {
    if (!e) throw ValidationError("OneVsRestClassifier: missing estimator");
    const bool scores = e->role() == Role::Regressor ? e->supports(Method::Predict)
                                                     : e->supports(Method::DecisionFunction) ||
                                                           e->supports(Method::PredictProba);
    if (!scores)
      throw ValidationError("OneVsRestClassifier: " + e->type_name() +
                            " has neither decision_function nor predict_proba");
    if (e->n_features_in() != estimators_.front()->n_features_in())
      throw ValidationError("OneVsRestClassifier: the estimators differ in n_features_in_");
  }
  set_type_name("sklearn.multiclass.OneVsRestClassifier");
  set_n_features_in(estimators_.front()->n_features_in());
  if (!estimators_.front()->feature_names_in().empty())
    set_feature_names_in(estimators_.front()->feature_names_in());
}

bool OneVsRestClassifier::supports(Method m) const noexcept {
  // available_if(_estimators_has(...)): estimators_[0]'s methods.
  const Estimator& first = *estimators_.front();
  switch (m) {
    case Method::Predict: return true;
    case Method::PredictProba: return first.supports(Method::PredictProba);
    case Method::DecisionFunction: return first.supports(Method::DecisionFunction);
    default: return false;
  }
}

namespace {
// An (n,) or (n, 1) float result as a vector; anything else is refused.
Eigen::VectorXd column(const NdArray& a, std::int64_t n, const std::string& who) {
  if (!a.is_numeric() || a.size() != static_cast<std::uint64_t>(n) ||
      (a.ndim() != 1 && !(a.ndim() == 2 && a.dim(1) == 1)))
    throw UnsupportedError(who + " gave scores of an unexpected shape");
  const Matrix m = to_matrix(NdArray(a.dtype(), {n, 1}, a.view()));
  return m.col(0);
}
Eigen::VectorXd proba_1(const NdArray& p, std::int64_t n, const std::string& who) {
  if (p.ndim() != 2 || p.dim(0) != n || p.dim(1) != 2)
    throw UnsupportedError(who + ": predict_proba is not (n_samples, 2)");
  return to_matrix(p).col(1);
}
}  // namespace

template <class Run>
NdArray OneVsRestClassifier::compute(Method m, Run run_one) const {
  if (!supports(m))
    throw UnsupportedError("OneVsRestClassifier (" + estimators_.front()->type_name() +
                           ") has no method " + to_string(m));
  const auto k = static_cast<Eigen::Index>(estimators_.size());
  if (m == Method::DecisionFunction) {
    if (k == 1) return run_one(*estimators_.front(), Method::DecisionFunction);
    std::vector<NdArray> outs;
    for (const auto& e : estimators_) outs.push_back(run_one(*e, Method::DecisionFunction));
    const std::int64_t n = static_cast<std::int64_t>(outs.front().size());
    Matrix d(n, k);
    for (Eigen::Index j = 0; j < k; ++j) {
      if (static_cast<std::int64_t>(outs[j].size()) != n)
        throw UnsupportedError("OneVsRestClassifier: decision_function sizes differ");
      d.col(j) = column(NdArray(outs[j].dtype(), {n}, outs[j].view()), n, estimators_[j]->type_name());
    }
    return to_ndarray(d);
  }
  if (m == Method::PredictProba) {
    std::vector<Eigen::VectorXd> cols;
    for (const auto& e : estimators_) {
      const NdArray p = run_one(*e, Method::PredictProba);
      cols.push_back(proba_1(p, p.ndim() ? p.dim(0) : 0, e->type_name()));
    }
    const Eigen::Index n = cols.front().size();
    Matrix Y(n, k == 1 ? 2 : k);
    if (k == 1) {
      Y.col(0) = (1.0 - cols[0].array()).matrix();
      Y.col(1) = cols[0];
    } else {
      for (Eigen::Index j = 0; j < k; ++j) {
        if (cols[j].size() != n) throw UnsupportedError("OneVsRestClassifier: sizes differ");
        Y.col(j) = cols[j];
      }
    }
    // not multilabel: Y /= Y.sum(axis=1)[:, None]
    if (multilabel_) return to_ndarray(Y);
    for (Eigen::Index i = 0; i < n; ++i) {
      double s = 0;
      for (Eigen::Index j = 0; j < Y.cols(); ++j) s += Y(i, j);
      for (Eigen::Index j = 0; j < Y.cols(); ++j) Y(i, j) /= s;
    }
    return to_ndarray(Y);
  }
  // predict
  auto score = [&](const Estimator& e) -> Eigen::VectorXd {
    if (e.role() == Role::Regressor) {
      const NdArray p = run_one(e, Method::Predict);
      return column(p, static_cast<std::int64_t>(p.size()), e.type_name());
    }
    if (e.supports(Method::DecisionFunction)) {
      const NdArray d = run_one(e, Method::DecisionFunction);
      return column(NdArray(d.dtype(), {static_cast<std::int64_t>(d.size())}, d.view()),
                    static_cast<std::int64_t>(d.size()), e.type_name());
    }
    const NdArray p = run_one(e, Method::PredictProba);
    return proba_1(p, p.ndim() ? p.dim(0) : 0, e.type_name());
  };
  std::vector<std::int64_t> idx;
  if (multilabel_) {
    // label_binarizer_.inverse_transform of the indicator (score > thresh): the int64
    // matrix itself, dense (sparse_input_ is refused at load).
    const Estimator& first = *estimators_.front();
    const double thresh =
        first.supports(Method::DecisionFunction) && first.role() == Role::Classifier ? 0.0 : 0.5;
    std::vector<std::int64_t> out;
    Eigen::Index n = -1;
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::VectorXd s = score(*estimators_[j]);
      if (n < 0) {
        n = s.size();
        out.assign(static_cast<std::size_t>(n * k), 0);
      }
      if (s.size() != n) throw UnsupportedError("OneVsRestClassifier: sizes differ");
      for (Eigen::Index i = 0; i < n; ++i)
        out[static_cast<std::size_t>(i * k + j)] = s(i) > thresh ? 1 : 0;
    }
    return NdArray::from_vector(out, {static_cast<std::int64_t>(n), static_cast<std::int64_t>(k)});
  }
  if (k == 1) {
    const Estimator& e = *estimators_.front();
    const double thresh =
        e.supports(Method::DecisionFunction) && e.role() == Role::Classifier ? 0.0 : 0.5;
    const Eigen::VectorXd s = score(e);
    for (Eigen::Index i = 0; i < s.size(); ++i) idx.push_back(s(i) > thresh ? 1 : 0);
    return detail::take_labels(classes_, idx);
  }
  Eigen::VectorXd maxima;
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::VectorXd pred = score(*estimators_[j]);
    if (j == 0) {
      maxima = Eigen::VectorXd::Constant(pred.size(), -std::numeric_limits<double>::infinity());
      idx.assign(static_cast<std::size_t>(pred.size()), 0);
    }
    if (pred.size() != maxima.size()) throw UnsupportedError("OneVsRestClassifier: sizes differ");
    for (Eigen::Index i = 0; i < pred.size(); ++i) {
      // np.maximum propagates NaN; argmaxima[maxima == pred] = j
      const double a = maxima(i), b = pred(i);
      maxima(i) = (std::isnan(a) || std::isnan(b)) ? std::numeric_limits<double>::quiet_NaN()
                                                   : (a > b ? a : b);
      if (maxima(i) == b) idx[static_cast<std::size_t>(i)] = j;
    }
  }
  return detail::take_labels(classes_, idx);
}

NdArray OneVsRestClassifier::run(Method m, const MatrixView& X) const {
  return compute(m, [&](const Estimator& e, Method mm) { return e.run(mm, X); });
}

NdArray OneVsRestClassifier::on_table(Method m, const Table& X) const {
  return compute(m, [&](const Estimator& e, Method mm) { return e.run_table(mm, X); });
}

}  // namespace skops::estimators

namespace skops::estimators::detail::multiclass {

std::unique_ptr<OneVsRestClassifier> build_one_vs_rest(const ObjectView& obj) {
  const ValueView lbv = obj.at("label_binarizer_");
  if (lbv.node().kind != NodeKind::Object ||
      lbv.node().type_name() != "sklearn.preprocessing._label.LabelBinarizer") {
    lbv.fail("label_binarizer_ must be a sklearn.preprocessing._label.LabelBinarizer object");
  }
  const ObjectView lb(lbv.ptr(), obj.ctx());
  const ValueView yt = lb.at("y_type_");
  const std::string y_type = yt.as_str();
  const bool multilabel = y_type == "multilabel-indicator";
  if (y_type != "binary" && y_type != "multiclass" && !multilabel)
    yt.fail("y_type_ must be 'binary', 'multiclass' or 'multilabel-indicator', not '" + y_type + "'");
  if (auto sparse = lb.find("sparse_input_")) {
    if (sparse->as_bool())
      throw UnsupportedError("OneVsRestClassifier fitted on a sparse target predicts a sparse matrix, "
                             "which is not modelled", {}, sparse->pointer());
  }
  NdArray classes = detail::read_classes(obj.at("classes_"));
  const NdArray lb_classes = detail::read_classes(lb.at("classes_"));
  if (!(lb_classes == classes)) obj.at("classes_").fail("classes_ differs from label_binarizer_.classes_");
  if (!multilabel && (y_type == "binary") != (classes.dim(0) == 2))
    yt.fail("y_type_ '" + y_type + "' does not match " + std::to_string(classes.dim(0)) + " classes");
  const ValueView list = obj.at("estimators_");
  if (list.node().kind != NodeKind::List) list.fail("estimators_ must be a list");
  for (const auto& it : list.items()) {
    if (it.node().kind != NodeKind::Object) it.fail("estimators_ entries must be estimators");
  }
  std::vector<EstimatorPtr> ests = list.estimators();
  auto est = detail::located(obj, [&] {
    return std::make_unique<OneVsRestClassifier>(std::move(ests), classes, multilabel);
  });
  if (auto n = obj.find("n_features_in_")) {
    if (est->n_features_in() >= 0 && n->as_int() != est->n_features_in())
      n->fail("n_features_in_ differs from the estimators'");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_one_vs_rest(const OneVsRestClassifier& est, ObjectWriter& w) {
  // Built only from files: the label binarizer and the rest are kept as read.
  if (!est.original_state())
    throw UnsupportedError("OneVsRestClassifier is written only as loaded from a file");
  std::vector<NodePtr> ests;
  for (const auto& e : est.estimators()) ests.push_back(w.ctx().save(*e));
  w.set("estimators_", make::list(std::move(ests)));
}

}  // namespace skops::estimators::detail::multiclass
