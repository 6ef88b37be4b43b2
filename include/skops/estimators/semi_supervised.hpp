#pragma once
/// \file semi_supervised.hpp
/// sklearn.semi_supervised: SelfTrainingClassifier.

#include <string>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// sklearn.semi_supervised.SelfTrainingClassifier: predict, predict_proba,
/// predict_log_proba and decision_function are the fitted estimator's (base_estimator_ up to
/// scikit-learn 1.5, estimator_ from 1.6), available when it has them, after the column
/// count is checked (NaN passes: force_all_finite=False). Like scikit-learn, which gives it
/// no ClassifierMixin, it is not a classifier to the meta-estimators around it (Role::Other:
/// OneVsRestClassifier's binary threshold is then 0.5). The fit's record (transduction_,
/// labeled_iter_, n_iter_, termination_condition_) is written back as read; a natively built
/// one cannot be written.
class SelfTrainingClassifier final : public Estimator {
 public:
  /// `classes`: classes_ (the estimator's). Throws ValidationError.
  SelfTrainingClassifier(EstimatorPtr estimator, NdArray classes);
  const EstimatorPtr& estimator() const noexcept { return estimator_; }
  const NdArray& classes() const noexcept { return classes_; }
  Role role() const noexcept override { return Role::Other; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  NdArray run_float32(Method m, const MatrixView& X) const override;

 private:
  EstimatorPtr estimator_;
  NdArray classes_;
};

}  // namespace skops::estimators
