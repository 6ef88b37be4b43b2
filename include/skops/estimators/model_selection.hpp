#pragma once
/// \file model_selection.hpp
/// sklearn.model_selection: GridSearchCV and RandomizedSearchCV, which predict through
/// their refitted best_estimator_.

#include <string>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// sklearn.model_selection._search.GridSearchCV / RandomizedSearchCV (BaseSearchCV): every
/// method (predict, predict_proba, predict_log_proba, decision_function, transform,
/// inverse_transform, score_samples) is best_estimator_'s, available when it has it. Built
/// only from files fitted with refit (refit=False leaves no best_estimator_: refused at
/// load). Everything else (cv_results_, scorer_, the unfitted estimator) is kept as read and
/// written back unchanged; nothing of it is built or run.
class SearchCV final : public Estimator {
 public:
  /// `best`: the refitted best estimator; `type_name`: the search class's full name.
  SearchCV(EstimatorPtr best, std::string type_name);
  const EstimatorPtr& best_estimator() const noexcept { return best_; }
  bool accepts_strings() const noexcept override { return best_->accepts_strings(); }
  Role role() const noexcept override { return best_->role(); }
  bool supports(Method m) const noexcept override;
  bool returns_list(Method m) const noexcept override { return best_->returns_list(m); }
  NdArray run(Method m, const MatrixView& X) const override;
  NdArray run_float32(Method m, const MatrixView& X) const override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;
  TableTransform on_table_transform(const Table& X) const override;
  std::vector<NdArray> on_list(Method m, const MatrixView& X) const override;
  std::vector<NdArray> on_list_table(Method m, const Table& X) const override;

 private:
  void require(Method m) const;
  EstimatorPtr best_;
};

}  // namespace skops::estimators
