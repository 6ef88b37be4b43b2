#pragma once
// GradientBoosting{Classifier,Regressor} (sklearn/ensemble/_gb.py): raw prediction =
// init raw prediction (from init_, or zeros for 'zero') + learning_rate * the sum of the
// stage trees' values, stage by stage; probabilities through the loss's link. Both the
// scikit-learn 1.2 loss objects (sklearn.ensemble._gb_losses) and the >= 1.3 ones
// (sklearn._loss.loss) are understood; where they round differently, each is followed.

#include <cstdint>
#include <memory>
#include <vector>

#include "estimators/tree/flat_tree.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimator.hpp"

namespace skops::estimators::detail::ensemble {

enum class GbLoss {
  // sklearn.ensemble._gb_losses (scikit-learn < 1.3)
  LegacyBinomial,
  LegacyMultinomial,
  LegacyExponential,
  LegacyRegression,
  // sklearn._loss.loss (scikit-learn >= 1.3)
  HalfBinomial,
  HalfMultinomial,
  Exponential,
  Regression,
};

/// How the raw predictions start.
struct GbInit {
  enum class Kind { Zero, Proba, Value, Estimator } kind = Kind::Zero;
  std::vector<double> proba;  // Proba: class probabilities of DummyClassifier
  double value = 0.0;         // Value: DummyRegressor constant
  EstimatorPtr estimator;     // Estimator: any other init estimator
};

class GradientBoosting final : public Estimator {
 public:
  GradientBoosting(bool classifier, GbLoss loss, GbInit init, double learning_rate, std::int64_t k,
                   std::vector<std::shared_ptr<const detail::FlatTree>> trees, NdArray classes,
                   std::vector<EstimatorPtr> tree_estimators);

  Role role() const noexcept override { return classifier_ ? Role::Classifier : Role::Regressor; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  /// Raw predictions (n × K).
  Matrix raw_predict(const MatrixView& X) const;
  /// Leaf id of every stage tree (float64, as scikit-learn): (n, n_stages, K) for a
  /// classifier, (n, n_stages) for a regressor.
  NdArray apply(const MatrixView& X) const;
  Matrix predict_proba_matrix(const Matrix& raw) const;

  double learning_rate() const noexcept { return learning_rate_; }
  std::int64_t k() const noexcept { return k_; }
  const std::vector<EstimatorPtr>& tree_estimators() const noexcept { return tree_estimators_; }

 private:
  Matrix init_raw(const std::vector<float>& x32, Eigen::Index rows, Eigen::Index cols) const;

  bool classifier_;
  GbLoss loss_;
  GbInit init_;
  double learning_rate_;
  std::int64_t k_;
  std::vector<std::shared_ptr<const detail::FlatTree>> trees_;  // n_stages × K, row-major
  NdArray classes_;
  std::vector<EstimatorPtr> tree_estimators_;  // the DecisionTreeRegressors (for saving)
};

std::unique_ptr<GradientBoosting> build_gradient_boosting(const ObjectView& obj, bool classifier);
void save_gradient_boosting(const GradientBoosting& est, ObjectWriter& w);

/// HalfMultinomialLoss.predict_proba (sklearn/_loss/_loss.pyx.tp, sum_exp_minus_max): the
/// row maximum, exp(raw - max) summed in class order, each divided by the sum. Not
/// sklearn.utils.extmath.softmax, whose numpy sum is pairwise from 8 classes on.
void loss_softmax_row(const double* raw, Eigen::Index k, double* out) noexcept;

/// The clipping epsilon scikit-learn uses (float32 eps).
constexpr double kFloat32Eps = 1.1920928955078125e-07;

}  // namespace skops::estimators::detail::ensemble
