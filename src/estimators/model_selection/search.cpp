// GridSearchCV and RandomizedSearchCV: the methods of best_estimator_.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/model_selection/_search.py
// (BaseSearchCV.predict ... score_samples: check_is_fitted, then best_estimator_'s method;
// available_if(_estimator_has(...)) looks at best_estimator_ once fitted). Same in 1.4.2.

#include "estimators/model_selection/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

SearchCV::SearchCV(EstimatorPtr best, std::string type_name) : best_(std::move(best)) {
  if (!best_) throw ValidationError("SearchCV: no best_estimator_");
  set_type_name(std::move(type_name));
  // n_features_in_ and feature_names_in_ are best_estimator_'s (a property / copied at fit).
  set_n_features_in(best_->n_features_in());
  if (!best_->feature_names_in().empty()) set_feature_names_in(best_->feature_names_in());
}

bool SearchCV::supports(Method m) const noexcept {
  return m != Method::Apply && best_->supports(m);
}

void SearchCV::require(Method m) const {
  if (!supports(m)) {
    throw UnsupportedError(type_name() + " (best_estimator_ " + best_->type_name() +
                           ") has no method " + to_string(m));
  }
}

NdArray SearchCV::run(Method m, const MatrixView& X) const {
  require(m);
  return best_->run(m, X);
}

NdArray SearchCV::run_float32(Method m, const MatrixView& X) const {
  require(m);
  return best_->run_float32(m, X);
}

NdArray SearchCV::on_table(Method m, const Table& X) const {
  require(m);
  return best_->run_table(m, X);
}

TableTransform SearchCV::on_table_transform(const Table& X) const {
  require(Method::Transform);
  return best_->transform_any(X);
}

std::vector<NdArray> SearchCV::on_list(Method m, const MatrixView& X) const {
  require(m);
  return best_->run_list(m, X);
}

std::vector<NdArray> SearchCV::on_list_table(Method m, const Table& X) const {
  require(m);
  return best_->run_list_table(m, X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::model_selection {

std::unique_ptr<SearchCV> build_search(const ObjectView& obj) {
  // refit=False: no best_estimator_, and scikit-learn has no predict/transform at all.
  if (auto refit = obj.find("refit");
      refit && refit->node().kind == NodeKind::Json && refit->node().scalar == ScalarKind::Bool &&
      !refit->as_bool()) {
    throw UnsupportedError(obj.type_name() +
                               " fitted with refit=False has no best_estimator_ and no methods",
                           {}, refit->pointer());
  }
  if (!obj.has("best_estimator_")) {
    obj.fail("required attribute best_estimator_ missing (refit=False or not fitted)");
  }
  const ValueView best = obj.at("best_estimator_");
  if (best.node().kind != NodeKind::Object) best.fail("best_estimator_ must be an estimator");
  EstimatorPtr b = best.estimator();
  auto est = detail::located(obj, [&] { return std::make_unique<SearchCV>(b, obj.type_name()); });
  if (auto n = obj.find("n_features_in_")) {
    if (b->n_features_in() >= 0 && n->as_int() != b->n_features_in())
      n->fail("n_features_in_ differs from best_estimator_'s");
  }
  est->set_original_state(obj.state());
  return est;
}

void save_search(const SearchCV& est, ObjectWriter& w) {
  // Built only from files: the original state (best_estimator_, cv_results_ with its masked
  // arrays, scorer_, the unfitted estimator, ...) is written back unchanged.
  if (!est.original_state())
    throw UnsupportedError(est.type_name() + " is written only as loaded from a file");
  (void)w;
}

}  // namespace skops::estimators::detail::model_selection
