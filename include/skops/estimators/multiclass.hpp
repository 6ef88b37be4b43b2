#pragma once
/// \file multiclass.hpp
/// sklearn.multiclass: OneVsRestClassifier (binary and multiclass targets).

#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// sklearn.multiclass.OneVsRestClassifier fitted on a binary or multiclass target (one
/// binary estimator per class, or one for a binary target). Each estimator's score is its
/// predict (regressors), else its raveled decision_function, else predict_proba[:, 1]
/// (_predict_binary). predict: the class of the highest score, the last one on ties
/// (multiclass), or classes_[score > threshold] with threshold 0 for a classifier with
/// decision_function, else 0.5 (binary). decision_function: the estimators' scores side by
/// side (the single estimator's output when binary). predict_proba: each estimator's
/// predict_proba[:, 1], [1 - p, p] when binary, normalised to sum to 1.
/// Multilabel targets are refused at load.
class OneVsRestClassifier final : public Estimator {
 public:
  OneVsRestClassifier(std::vector<EstimatorPtr> estimators, NdArray classes);
  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const NdArray& classes() const noexcept { return classes_; }
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;

 private:
  template <class Run>
  NdArray compute(Method m, Run run_one) const;
  std::vector<EstimatorPtr> estimators_;
  NdArray classes_;
};

}  // namespace skops::estimators
