#pragma once
/// \file multiclass.hpp
/// sklearn.multiclass: OneVsRestClassifier (binary and multiclass targets) and
/// OneVsOneClassifier.

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

/// sklearn.multiclass.OneVsOneClassifier: one binary estimator per class pair (i, j), i < j,
/// fitted with class i as 0 and j as 1. decision_function is scikit-learn's
/// _ovr_decision_function: per class the votes of the pairwise predict plus the summed
/// confidences c (each estimator's predict for regressors, else its raveled
/// decision_function, else predict_proba[:, 1]) mapped by c / (3 (|c| + 1)); column 1 only
/// for two classes. predict: the class of the first highest value (two classes: classes_[
/// value > 0] for a classifier with decision_function, else > 0.5). Files whose estimators
/// see column subsets (pairwise_indices_, precomputed kernels) are refused at load.
class OneVsOneClassifier final : public Estimator {
 public:
  /// Throws ValidationError unless there are K (K - 1) / 2 estimators for K >= 2 classes.
  OneVsOneClassifier(std::vector<EstimatorPtr> estimators, NdArray classes);
  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const NdArray& classes() const noexcept { return classes_; }
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override {
    return m == Method::Predict || m == Method::DecisionFunction;
  }
  NdArray run(Method m, const MatrixView& X) const override;

 private:
  Matrix decision(const MatrixView& X) const;
  std::vector<EstimatorPtr> estimators_;
  NdArray classes_;
};

}  // namespace skops::estimators
