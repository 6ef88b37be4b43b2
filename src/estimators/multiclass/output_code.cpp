// OutputCodeClassifier: the nearest code word to the estimators' scores.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/multiclass.py
// (_predict_binary, OutputCodeClassifier.predict: euclidean_distances(Y, code_book_).argmin)
// https://github.com/scikit-learn/scikit-learn/blob/1.4.2/sklearn/multiclass.py
// (the same scores through pairwise_distances_argmin(Y, code_book_), whose euclidean
// ArgKmin ranks ‖c‖² − 2 x·c: sklearn/metrics/_pairwise_distances_reduction).

#include <algorithm>
#include <cmath>

#include "estimators/multiclass/internal.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/utils/versions.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

OutputCodeClassifier::OutputCodeClassifier(std::vector<EstimatorPtr> estimators, NdArray classes,
                                           Matrix code_book, bool squared_argmin)
    : estimators_(std::move(estimators)),
      classes_(std::move(classes)),
      code_book_(std::move(code_book)),
      squared_argmin_(squared_argmin) {
  detail::check_classes(classes_, detail::native_fail("OutputCodeClassifier"));
  const auto k = static_cast<Eigen::Index>(estimators_.size());
  if (k == 0) throw ValidationError("OutputCodeClassifier: estimators_ is empty");
  if (code_book_.rows() != classes_.dim(0) || code_book_.cols() != k)
    throw ValidationError(
        "OutputCodeClassifier: code_book_ is " + std::to_string(code_book_.rows()) + " x " +
        std::to_string(code_book_.cols()) + ", not n_classes (" + std::to_string(classes_.dim(0)) +
        ") x n_estimators (" + std::to_string(k) + ")");
  if (!code_book_.allFinite())
    throw ValidationError("OutputCodeClassifier: code_book_ has NaN or infinite values");
  for (const auto& e : estimators_) {
    if (!e) throw ValidationError("OutputCodeClassifier: missing estimator");
    const bool scores = e->role() == Role::Regressor ? e->supports(Method::Predict)
                                                     : e->supports(Method::DecisionFunction) ||
                                                           e->supports(Method::PredictProba);
    if (!scores)
      throw ValidationError("OutputCodeClassifier: " + e->type_name() +
                            " has neither decision_function nor predict_proba");
  }
  // n_features_in_ is estimators_[0]'s (fit copies it); a _ConstantPredictor records its own.
  for (const auto& e : estimators_) {
    if (e->n_features_in() >= 0 && estimators_.front()->n_features_in() >= 0 &&
        e->n_features_in() != estimators_.front()->n_features_in())
      throw ValidationError("OutputCodeClassifier: the estimators differ in n_features_in_");
  }
  set_type_name("sklearn.multiclass.OutputCodeClassifier");
  set_n_features_in(estimators_.front()->n_features_in());
  if (!estimators_.front()->feature_names_in().empty())
    set_feature_names_in(estimators_.front()->feature_names_in());
}

namespace {

// _predict_binary's score of one estimator as n doubles.
template <class Run>
Eigen::VectorXd binary_score(const Estimator& e, Run run_one) {
  auto flat = [&](const NdArray& a) {
    if (!a.is_numeric() || a.ndim() < 1)
      throw UnsupportedError("OutputCodeClassifier: " + e.type_name() + " gave non-numeric scores");
    const std::vector<double> v = a.to_vector<double>();  // np.ravel
    return Eigen::VectorXd(
        Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size())));
  };
  if (e.role() == Role::Regressor) return flat(run_one(e, Method::Predict));
  if (e.supports(Method::DecisionFunction)) return flat(run_one(e, Method::DecisionFunction));
  const NdArray p = run_one(e, Method::PredictProba);
  if (p.ndim() != 2 || p.dim(1) < 2)
    throw UnsupportedError("OutputCodeClassifier: " + e.type_name() +
                           " predict_proba is not (n_samples, >= 2)");
  return to_matrix(p).col(1);
}

}  // namespace

template <class Run>
NdArray OutputCodeClassifier::compute(Run run_one) const {
  const auto k = static_cast<Eigen::Index>(estimators_.size());
  Eigen::Index n = -1;
  Matrix Y;
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::VectorXd s = binary_score(*estimators_[static_cast<std::size_t>(j)], run_one);
    if (j == 0) {
      n = s.size();
      Y.resize(n, k);
    }
    if (s.size() != n)
      throw UnsupportedError("OutputCodeClassifier: the estimators' scores differ in length");
    Y.col(j) = s;
  }
  // check_pairwise_arrays: the scores must be finite.
  if (!Y.allFinite())
    throw InputError("OutputCodeClassifier: the estimators' scores contain NaN or infinity");
  const Eigen::Index c = code_book_.rows();
  Eigen::VectorXd cc(c);
  for (Eigen::Index r = 0; r < c; ++r) cc(r) = code_book_.row(r).squaredNorm();
  std::vector<std::int64_t> idx(static_cast<std::size_t>(n), 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double xx = Y.row(i).squaredNorm();
    double best = 0.0;
    for (Eigen::Index r = 0; r < c; ++r) {
      // Both releases: max(‖x‖² + (−2 x·c) + ‖c‖², 0); 1.2's euclidean_distances then takes
      // the square root (which can make near values equal), 1.4's ArgKmin ranks the square.
      double d = std::max(0.0, xx + -2.0 * Y.row(i).dot(code_book_.row(r)) + cc(r));
      if (!squared_argmin_) d = std::sqrt(d);
      if (r == 0 || d < best) {  // argmin: the first minimum
        best = d;
        idx[static_cast<std::size_t>(i)] = r;
      }
    }
  }
  return detail::take_labels(classes_, idx);
}

NdArray OutputCodeClassifier::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  // predict does no validation of its own: each estimator checks X.
  check_input(X);
  return compute([&](const Estimator& e, Method mm) { return e.run(mm, X); });
}

NdArray OutputCodeClassifier::run_float32(Method m, const MatrixView& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  return compute([&](const Estimator& e, Method mm) { return e.run_float32(mm, X); });
}

bool OutputCodeClassifier::accepts_strings() const noexcept {
  for (const auto& e : estimators_) {
    if (!e->accepts_strings()) return false;
  }
  return true;
}

NdArray OutputCodeClassifier::on_table(Method m, const Table& X) const {
  if (m != Method::Predict) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  return compute([&](const Estimator& e, Method mm) { return e.run_table(mm, X); });
}

}  // namespace skops::estimators

namespace skops::estimators::detail::multiclass {

std::unique_ptr<OutputCodeClassifier> build_output_code(const ObjectView& obj) {
  NdArray classes = detail::read_classes(obj.at("classes_"));
  const ValueView cb = obj.at("code_book_");
  const NdArray book = detail::real_array(cb, "code_book_");
  if (book.ndim() != 2) cb.fail("code_book_ must be 2-d");
  const ValueView list = obj.at("estimators_");
  if (list.node().kind != NodeKind::List) list.fail("estimators_ must be a list");
  const auto items = list.items();
  for (const auto& it : items) {
    if (it.node().kind != NodeKind::Object) it.fail("estimators_ entries must be estimators");
  }
  if (book.dim(0) != classes.dim(0) || book.dim(1) != static_cast<std::int64_t>(items.size()))
    cb.fail("code_book_ is " + std::to_string(book.dim(0)) + " x " + std::to_string(book.dim(1)) +
            ", not n_classes (" + std::to_string(classes.dim(0)) + ") x n_estimators (" +
            std::to_string(items.size()) + ")");
  std::vector<EstimatorPtr> ests = list.estimators();
  const bool squared = detail::file_at_least(obj, 1, 4);
  auto est = detail::located(obj, [&] {
    return std::make_unique<OutputCodeClassifier>(std::move(ests), classes, to_matrix(book),
                                                  squared);
  });
  if (auto n = obj.find("n_features_in_")) {
    if (est->n_features_in() >= 0 && n->as_int() != est->n_features_in())
      n->fail("n_features_in_ differs from the estimators'");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_output_code(const OutputCodeClassifier& est, ObjectWriter& w) {
  std::vector<NodePtr> ests;
  for (const auto& e : est.estimators()) ests.push_back(w.ctx().save(*e));
  w.set("estimators_", make::list(std::move(ests)));
  if (est.original_state()) return;  // classes_, code_book_ and the parameters as read
  // Natively built: the unfitted estimator is the first fitted one (a clone's parameters).
  w.set_default("estimator", w.ctx().save(*est.estimators().front()));
  w.set_default("code_size", make::real(static_cast<double>(est.code_book().cols()) /
                                        static_cast<double>(est.code_book().rows())));
  w.set_default("random_state", make::none());
  w.set_default("n_jobs", make::none());
  w.set("classes_", detail::labels_node(est.classes(), nullptr));
  w.set_array("code_book_", to_ndarray(est.code_book()));
  if (est.n_features_in() >= 0) w.set_int("n_features_in_", est.n_features_in());
}

}  // namespace skops::estimators::detail::multiclass
