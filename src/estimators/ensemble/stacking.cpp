// StackingClassifier / StackingRegressor: sklearn/ensemble/_stacking.py. transform runs each
// estimator's stack_method_ and concatenates (_concatenate_predictions: 1-d outputs become
// a column; for two classes the first predict_proba column is dropped); passthrough appends
// X. The final estimator runs on that; the classifier's predict maps the final estimator's
// label positions back through _label_encoder.

#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/ensemble/meta.hpp"
#include "estimators/ensemble/base.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::ensemble::result_matrix;

Stacking::Stacking(std::vector<EstimatorPtr> estimators, std::vector<std::string> names,
                   std::vector<Method> stack_methods, EstimatorPtr final_estimator,
                   bool passthrough, NdArray classes)
    : estimators_(std::move(estimators)),
      names_(std::move(names)),
      methods_(std::move(stack_methods)),
      final_(std::move(final_estimator)),
      passthrough_(passthrough),
      classes_(std::move(classes)) {
  if (estimators_.empty()) throw ValidationError("Stacking needs estimators");
  if (!final_) throw ValidationError("Stacking needs a final estimator");
  if (methods_.size() != estimators_.size())
    throw ValidationError("Stacking: one stack method per estimator");
  if (!names_.empty() && names_.size() != estimators_.size())
    throw ValidationError("Stacking: one name per estimator");
  if (classes_.ndim() > 1 || (classes_.ndim() == 1 && classes_.dim(0) < 1))
    throw ValidationError("Stacking: classes must be 1-d and non-empty");
  for (std::size_t i = 0; i < estimators_.size(); ++i) {
    const Method m = methods_[i];
    if (!estimators_[i]) throw ValidationError("Stacking: null estimator");
    if (m != Method::Predict && m != Method::PredictProba && m != Method::DecisionFunction)
      throw ValidationError(
          "Stacking: stack methods are predict, predict_proba, decision_function");
    if (!estimators_[i]->supports(m)) {
      throw ValidationError("Stacking: estimator " + std::to_string(i) + " has no " + to_string(m));
    }
  }
  set_type_name(is_classifier() ? "sklearn.ensemble._stacking.StackingClassifier"
                                : "sklearn.ensemble._stacking.StackingRegressor");
  set_n_features_in(estimators_.front()->n_features_in());
}

bool Stacking::supports(Method m) const noexcept {
  if (m == Method::Transform) return true;
  if (m == Method::Predict) return final_->supports(m);
  if (m == Method::PredictProba || m == Method::DecisionFunction)
    return is_classifier() && final_->supports(m);
  return false;
}

Matrix Stacking::meta_features(const MatrixView& X, std::vector<std::int64_t>* widths,
                               bool* all_integer) const {
  check_input(X);
  std::vector<Matrix> parts;
  *all_integer = !passthrough_;
  for (std::size_t i = 0; i < estimators_.size(); ++i) {
    const NdArray out = estimators_[i]->run(methods_[i], X);
    const DTypeKind kind = out.dtype().kind();
    if (kind != DTypeKind::Int && kind != DTypeKind::UInt && kind != DTypeKind::Bool)
      *all_integer = false;
    Matrix r = result_matrix(out, std::string("a stacked estimator's ") + to_string(methods_[i]));
    if (r.rows() != X.rows()) throw UnsupportedError("a stacked estimator returned the wrong rows");
    if (out.ndim() == 2 && methods_[i] == Method::PredictProba && is_classifier() &&
        classes_.dim(0) == 2) {
      // Both columns are perfectly collinear: keep the second.
      r = Matrix(r.rightCols(r.cols() - 1));
    }
    parts.push_back(std::move(r));
  }
  if (passthrough_) parts.emplace_back(X);
  Eigen::Index cols = 0;
  for (const Matrix& p : parts) cols += p.cols();
  Matrix meta(X.rows(), cols);
  Eigen::Index at = 0;
  if (widths) widths->clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    meta.middleCols(at, parts[i].cols()) = parts[i];
    at += parts[i].cols();
    if (widths && i < estimators_.size()) widths->push_back(parts[i].cols());
  }
  return meta;
}

NdArray Stacking::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  bool all_integer = false;
  const Matrix meta = meta_features(X, nullptr, &all_integer);
  if (m == Method::Transform) {
    if (!all_integer) return to_ndarray(meta);
    // np.hstack of integer arrays stays integer.
    std::vector<std::int64_t> v(static_cast<std::size_t>(meta.size()));
    for (Eigen::Index i = 0; i < meta.size(); ++i)
      v[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(meta.data()[i]);
    return NdArray::from_vector(v, {meta.rows(), meta.cols()});
  }
  NdArray out = final_->run(m, meta);
  if (m != Method::Predict || !is_classifier()) return out;
  const auto pos =
      detail::ensemble::encoded_positions(out, classes_.dim(0), "the final estimator's predict");
  return detail::take_labels(classes_, pos);
}

// --- build / save ----------------------------------------------------------------------

namespace detail::ensemble {

std::unique_ptr<Stacking> build_stacking(const ObjectView& obj, bool classifier) {
  auto ests = read_estimators(obj, "estimators_");
  const NamedParam named = read_named_param(obj);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < named.names.size(); ++i) {
    if (!named.dropped[i]) names.push_back(named.names[i]);
  }
  if (!named.names.empty() && names.size() != ests.size())
    obj.at("estimators_").fail("estimators_ does not match the estimators that are not dropped");
  std::vector<Method> methods;
  const ValueView sm = obj.at("stack_method_");
  for (const ValueView& v : sm.items()) methods.push_back(stack_method_from(v));
  if (methods.size() != ests.size()) sm.fail("stack_method_ must have one entry per estimator");
  for (std::size_t i = 0; i < ests.size(); ++i) {
    if (!ests[i]->supports(methods[i]))
      sm.fail("estimator " + std::to_string(i) + " has no " + to_string(methods[i]));
  }
  NdArray classes;
  if (classifier) {
    if (auto enc = obj.find("_label_encoder"); enc && enc->node().kind != NodeKind::Object)
      enc->fail("multilabel StackingClassifier (a list of label encoders) is not supported");
    classes = encoder_classes(obj, "_label_encoder");
  }
  EstimatorPtr final_est = obj.estimator("final_estimator_");
  const std::int64_t n_features =
      obj.find("n_features_in_") ? obj.integer("n_features_in_") : ests.front()->n_features_in();
  for (const auto& e : ests) {
    if (e->n_features_in() >= 0 && n_features >= 0 && e->n_features_in() != n_features)
      obj.at("estimators_").fail("the stacked estimators disagree in n_features_in_");
  }
  const bool passthrough = obj.boolean("passthrough");
  auto est = std::make_unique<Stacking>(std::move(ests), std::move(names), std::move(methods),
                                        std::move(final_est), passthrough, std::move(classes));
  est->set_type_name(obj.type_name());
  est->set_n_features_in(n_features);
  est->set_original_state(obj.state());
  return est;
}

void save_stacking(const Stacking& est, ObjectWriter& w) {
  NodePtr list = save_estimator_list(w, est.estimators());
  const NodePtr final_node = w.ctx().save(*est.final_estimator());
  std::vector<std::string> keys = est.names();
  for (std::size_t i = keys.size(); i < est.estimators().size(); ++i)
    keys.push_back("est" + std::to_string(i));
  const NodePtr& orig = est.original_state();
  if (!orig || !orig->get("estimators")) {
    std::vector<NodePtr> pairs;
    for (std::size_t i = 0; i < keys.size(); ++i)
      pairs.push_back(make::tuple({make::str(keys[i]), list->items[i]}));
    w.set("estimators", make::list(pairs));
  }
  w.set_default("final_estimator", final_node);
  w.set_default("cv", make::none());
  w.set_default("stack_method", make::str(est.is_classifier() ? "auto" : "predict"));
  w.set_default("n_jobs", make::none());
  w.set_default("verbose", make::integer(0));
  w.set_bool("passthrough", est.passthrough());
  if (est.is_classifier()) {
    w.set_default("_label_encoder",
                  make::object("sklearn.preprocessing._label", "LabelEncoder",
                               {{"classes_", make::array(est.classes())},
                                {"_sklearn_version", make::str(w.ctx().sklearn_version())}}));
    w.set_array("classes_", est.classes());
  }
  w.set("final_estimator_", final_node);
  w.set("estimators_", list);
  // named_estimators_: the same nodes under their names ('drop' entries kept).
  std::vector<std::string> bunch_names;
  std::vector<NodePtr> bunch_values;
  if (orig && orig->get("named_estimators_")) {
    std::size_t next = 0;
    for (const DictEntry& e : orig->get("named_estimators_")->entries) {
      const bool dropped = e.value && e.value->kind == NodeKind::Json;
      bunch_names.push_back(e.key);
      bunch_values.push_back(dropped || next >= list->items.size() ? e.value : list->items[next++]);
    }
  } else {
    bunch_names = keys;
    bunch_values = list->items;
  }
  w.set("named_estimators_", bunch_of(bunch_names, bunch_values));
  std::vector<NodePtr> methods;
  for (Method m : est.stack_methods()) methods.push_back(make::str(to_string(m)));
  w.set("stack_method_", make::list(methods));
}

}  // namespace detail::ensemble
}  // namespace skops::estimators
