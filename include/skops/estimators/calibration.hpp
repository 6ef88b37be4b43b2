#pragma once
/// \file calibration.hpp
/// sklearn.calibration: CalibratedClassifierCV (predict, predict_proba).

#include <memory>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/isotonic.hpp"
#include "skops/node.hpp"

namespace skops::estimators {

/// sklearn.calibration.CalibratedClassifierCV, fitted. predict_proba: the mean over
/// calibrated_classifiers_ of each _CalibratedClassifier.predict_proba: the estimator's
/// decision_function (else predict_proba, its positive column when binary), one calibrator
/// per class (one on the positive class when binary): _SigmoidCalibration
/// (1 / (1 + exp(a_ * F + b_))) or IsotonicRegression; binary: [1 - p, p]; multiclass:
/// divided by the row sum (uniform 1 / n_classes where that sum is 0); values in
/// (1, 1 + 1e-5] set to 1. predict: classes_[argmax(predict_proba)].
/// _CalibratedClassifier and _SigmoidCalibration are not trusted by default (as in skops).
class CalibratedClassifierCV final : public Estimator {
 public:
  /// One calibrator: sigmoid (a, b) or an IsotonicRegression.
  struct Calibrator {
    double a = 0, b = 0;
    std::shared_ptr<const IsotonicRegression> isotonic;  ///< null: sigmoid
    NodePtr node;  ///< the node read (written back for sigmoids)
  };
  /// One _CalibratedClassifier: a fitted classifier whose classes_ are the classes, and its
  /// calibrators (1 when binary, else one per class, in classes order).
  struct Calibrated {
    EstimatorPtr estimator;
    std::vector<Calibrator> calibrators;
    NodePtr node;  ///< the _CalibratedClassifier ObjectNode read
  };
  CalibratedClassifierCV(std::vector<Calibrated> calibrated, NdArray classes);
  const std::vector<Calibrated>& calibrated() const noexcept { return calibrated_; }
  const NdArray& classes() const noexcept { return classes_; }
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;

 private:
  template <class Run>
  NdArray compute(Method m, Run run_one) const;
  std::vector<Calibrated> calibrated_;
  NdArray classes_;
};

}  // namespace skops::estimators
