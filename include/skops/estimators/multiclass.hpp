#pragma once
/// \file multiclass.hpp
/// sklearn.multiclass: OneVsRestClassifier (binary and multiclass targets),
/// OneVsOneClassifier, OutputCodeClassifier and the _ConstantPredictor these fit for a
/// column with one class.

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
/// predict_proba[:, 1], [1 - p, p] when binary, normalised to sum to 1. Multilabel
/// (indicator) targets: see the constructor; a file fitted on a sparse target (its predict
/// would be a sparse matrix) is refused at load.
class OneVsRestClassifier final : public Estimator {
 public:
  /// `multilabel`: fitted on an indicator matrix (label_binarizer_.y_type_
  /// "multilabel-indicator"): one estimator per column of classes_; predict is the int64
  /// indicator matrix (n_samples, n_classes) of score > threshold (0 when estimators_[0] is a
  /// classifier with decision_function, else 0.5), predict_proba each estimator's
  /// predict_proba[:, 1] unnormalised, decision_function as for multiclass.
  OneVsRestClassifier(std::vector<EstimatorPtr> estimators, NdArray classes, bool multilabel = false);
  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const NdArray& classes() const noexcept { return classes_; }
  bool multilabel() const noexcept { return multilabel_; }
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
  bool multilabel_ = false;
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

/// sklearn.multiclass.OutputCodeClassifier: one binary estimator per column of code_book_
/// (n_classes × n_estimators). predict: each estimator's score as _predict_binary gives it
/// (a regressor's predict, else the raveled decision_function, else predict_proba[:, 1]),
/// side by side, and the class of the nearest code word in euclidean distance (the first on
/// ties). The distances follow scikit-learn's arithmetic: ‖x‖² − 2 x·c + ‖c‖² clipped at 0,
/// and its square root up to 1.3 (euclidean_distances) but not from 1.4
/// (pairwise_distances_argmin), so that near-ties fall the same way. Non-finite scores are
/// an InputError (check_pairwise_arrays).
class OutputCodeClassifier final : public Estimator {
 public:
  /// Throws ValidationError unless code_book is n_classes × estimators.size() with finite
  /// values, n_classes >= 1, and every estimator scores alike (n_features_in_).
  /// `squared_argmin`: the 1.4 arithmetic.
  OutputCodeClassifier(std::vector<EstimatorPtr> estimators, NdArray classes, Matrix code_book,
                       bool squared_argmin = true);
  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const NdArray& classes() const noexcept { return classes_; }
  const Matrix& code_book() const noexcept { return code_book_; }
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;
  /// predict passes X on unconverted: float32 reaches the estimators as float32.
  NdArray run_float32(Method m, const MatrixView& X) const override;
  /// predict does not validate X itself: a table with strings reaches the estimators when
  /// every one takes them (pipelines starting with an encoder, _ConstantPredictor).
  bool accepts_strings() const noexcept override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;

 private:
  template <class Run>
  NdArray compute(Run run_one) const;
  std::vector<EstimatorPtr> estimators_;
  NdArray classes_;
  Matrix code_book_;
  bool squared_argmin_;
};

/// sklearn.multiclass._ConstantPredictor: what OneVsRest, OneVsOne and OutputCode classifiers
/// fit on a column holding one value y_. predict and decision_function repeat y_ (its
/// dtype), predict_proba is [1 - y_, y_] per row (float64). It is neither a classifier nor a
/// regressor (a BaseEstimator).
class ConstantPredictor final : public Estimator {
 public:
  /// `y`: a 1-element numeric array. Throws ValidationError.
  ConstantPredictor(NdArray y, std::int64_t n_features_in);
  const NdArray& y() const noexcept { return y_; }
  Role role() const noexcept override { return Role::Other; }
  bool supports(Method m) const noexcept override {
    return m == Method::Predict || m == Method::DecisionFunction || m == Method::PredictProba;
  }
  NdArray run(Method m, const MatrixView& X) const override;
  /// dtype=None: any column type, only the row and column counts matter.
  bool accepts_strings() const noexcept override { return true; }

 protected:
  NdArray on_table(Method m, const Table& X) const override;

 private:
  NdArray rows(Method m, std::int64_t n) const;
  NdArray y_;
};

}  // namespace skops::estimators
