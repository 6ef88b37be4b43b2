#pragma once
/// \file multioutput.hpp
/// sklearn.multioutput: MultiOutputRegressor and MultiOutputClassifier, one fitted
/// estimator per target.

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

}  // namespace skops::estimators
