#pragma once
/// \file model_selection.hpp
/// sklearn.model_selection: GridSearchCV, RandomizedSearchCV and the successive-halving
/// HalvingGridSearchCV / HalvingRandomSearchCV, which predict through their refitted
/// best_estimator_.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// The schedule a successive-halving search ran (sklearn.model_selection.
/// _search_successive_halving.BaseSuccessiveHalving): read from the file and checked for
/// consistency; informational (prediction uses best_estimator_ only).
struct HalvingSchedule {
  std::vector<std::int64_t> n_resources;   ///< n_resources_, one per iteration
  std::vector<std::int64_t> n_candidates;  ///< n_candidates_, one per iteration
  std::int64_t n_iterations = 0;           ///< n_iterations_
  std::int64_t n_required_iterations = 0;  ///< n_required_iterations_
  std::int64_t n_possible_iterations = 0;  ///< n_possible_iterations_
  std::int64_t min_resources = 0;          ///< min_resources_
  std::int64_t max_resources = 0;          ///< max_resources_
  std::string resource;                    ///< "n_samples" or a parameter name
  double factor = 0;
  bool aggressive_elimination = false;
};

/// sklearn.model_selection._search.GridSearchCV / RandomizedSearchCV (BaseSearchCV) and
/// sklearn.model_selection._search_successive_halving.HalvingGridSearchCV /
/// HalvingRandomSearchCV (BaseSuccessiveHalving, a BaseSearchCV): every
/// method (predict, predict_proba, predict_log_proba, decision_function, transform,
/// inverse_transform, score_samples) is best_estimator_'s, available when it has it. Built
/// only from files fitted with refit (refit=False leaves no best_estimator_: refused at
/// load). Everything else (cv_results_, scorer_, the unfitted estimator, a halving search's
/// splitter _checked_cv_orig and schedule) is kept as read and
/// written back unchanged; nothing of it is built or run.
class SearchCV final : public Estimator {
 public:
  /// `best`: the refitted best estimator; `type_name`: the search class's full name.
  SearchCV(EstimatorPtr best, std::string type_name);
  const EstimatorPtr& best_estimator() const noexcept { return best_; }
  /// The halving schedule of HalvingGridSearchCV / HalvingRandomSearchCV (else empty).
  const std::optional<HalvingSchedule>& halving() const noexcept { return halving_; }
  void set_halving(HalvingSchedule s) { halving_ = std::move(s); }
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
  std::optional<HalvingSchedule> halving_;
};

}  // namespace skops::estimators
