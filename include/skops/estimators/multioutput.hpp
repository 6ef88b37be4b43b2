#pragma once
/// \file multioutput.hpp
/// sklearn.multioutput: MultiOutputRegressor and MultiOutputClassifier, one fitted
/// estimator per target; ClassifierChain and RegressorChain, one per target in a chain.

#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// sklearn.multioutput.MultiOutputRegressor / MultiOutputClassifier: predict is
/// np.asarray([e.predict(X) for e in estimators_]).T, an (n_samples, n_outputs) array.
/// Labels of several dtypes combine as numpy does for the supported cases (same dtype;
/// unicode of several widths: the widest; numbers of several dtypes: float64).
/// MultiOutputClassifier's predict_proba (a list of arrays) is not supported.
class MultiOutput final : public Estimator {
 public:
  /// `classifier`: MultiOutputClassifier (Role::Classifier) rather than the regressor.
  MultiOutput(std::vector<EstimatorPtr> estimators, bool classifier, std::string type_name);
  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  Role role() const noexcept override {
    return classifier_ ? Role::Classifier : Role::Regressor;
  }
  /// predict; and predict_proba for a classifier whose estimators all have it, which
  /// returns a list (one array per output: returns_list, run_list).
  bool supports(Method m) const noexcept override;
  bool returns_list(Method m) const noexcept override { return m == Method::PredictProba; }
  NdArray run(Method m, const MatrixView& X) const override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;
  std::vector<NdArray> on_list(Method m, const MatrixView& X) const override;
  std::vector<NdArray> on_list_table(Method m, const Table& X) const override;

 private:
  NdArray stack(std::vector<NdArray> columns) const;
  [[noreturn]] void refuse(Method m) const;
  std::vector<EstimatorPtr> estimators_;
  bool classifier_;
};

/// sklearn.multioutput.ClassifierChain / RegressorChain: estimators_[j] predicts target
/// order_[j] from X followed by the predictions (predict, cast to float64) of estimators_[0..j)
/// — also for predict_proba and decision_function, and also for chains fitted with cv (cv
/// only changes what the estimators were fitted on). Every method returns an (n_samples,
/// n_targets) float64 array in target order: predict; predict_proba (each estimator's
/// predict_proba[:, 1]) and decision_function (each estimator's 1-d decision_function) when
/// every estimator has them; predict_log_proba = log(predict_proba), from scikit-learn 1.4.
/// The input must be finite (check_array). Chains that feed other than predictions
/// (chain_method_ of scikit-learn 1.5) are refused at load.
class Chain final : public Estimator {
 public:
  /// `estimators` in chain order, estimators[j] taking n_features + j columns (when it
  /// records n_features_in_); `order` a permutation of 0..k-1; `classifier`: ClassifierChain
  /// (Role::Classifier, with the probability methods), else RegressorChain. `classes` (the
  /// estimators' classes_, for writing a natively built ClassifierChain; may be empty).
  /// `log_proba`: predict_log_proba exists (scikit-learn 1.4 and later). Throws
  /// ValidationError.
  Chain(std::vector<EstimatorPtr> estimators, std::vector<std::int64_t> order,
        std::int64_t n_features, bool classifier, bool log_proba = true,
        std::vector<NdArray> classes = {});
  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const std::vector<std::int64_t>& order() const noexcept { return order_; }
  const std::vector<NdArray>& classes() const noexcept { return classes_; }
  bool classifier() const noexcept { return classifier_; }
  Role role() const noexcept override {
    return classifier_ ? Role::Classifier : Role::Regressor;
  }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

 private:
  std::vector<EstimatorPtr> estimators_;
  std::vector<std::int64_t> order_;
  bool classifier_;
  bool log_proba_;
  std::vector<NdArray> classes_;
};

}  // namespace skops::estimators
