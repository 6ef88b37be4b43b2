#pragma once
/// \file ensemble.hpp
/// scikit-learn's tree ensembles (`sklearn.ensemble`) that can be built natively:
/// RandomForest{Classifier,Regressor} and ExtraTrees{Classifier,Regressor}. (Gradient
/// boosting models are loaded from files; their classes are internal.)
///
/// Forests average their trees as scikit-learn does: the per-tree probabilities (or
/// predictions) are summed in tree order and divided by the number of trees.

#include <cstdint>
#include <memory>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/tree.hpp"

namespace skops {

/// RandomForestClassifier / ExtraTreesClassifier. Methods: predict, predict_proba,
/// predict_log_proba (single output), apply (leaf ids, shape (n, n_estimators)).
class ForestClassifier final : public Estimator {
 public:
  /// A forest of fitted trees (same n_features and classes) with the given labels per
  /// output. `extra` names it ExtraTreesClassifier. Throws ValidationError.
  static std::unique_ptr<ForestClassifier> from_trees(
      std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees,
      std::vector<NdArray> classes, bool extra = false);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// Averaged class probabilities of every output.
  std::vector<Matrix> predict_proba_outputs(const MatrixView& X) const;

  const std::vector<std::shared_ptr<const DecisionTreeClassifier>>& trees() const noexcept {
    return trees_;
  }
  const std::vector<NdArray>& classes() const noexcept { return classes_; }

  // Internal (builders and writers).
  ForestClassifier(std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees,
                   std::vector<NdArray> classes, bool multi_output_classes);
  bool multi_output_classes() const noexcept { return multi_output_; }

 private:
  std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees_;
  std::vector<NdArray> classes_;
  bool multi_output_ = false;
};

/// RandomForestRegressor / ExtraTreesRegressor. Methods: predict, apply.
class ForestRegressor final : public Estimator {
 public:
  /// `extra` names it ExtraTreesRegressor. Throws ValidationError.
  static std::unique_ptr<ForestRegressor> from_trees(
      std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees, bool extra = false);

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const std::vector<std::shared_ptr<const DecisionTreeRegressor>>& trees() const noexcept {
    return trees_;
  }

  // Internal (builders and writers).
  explicit ForestRegressor(std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees);

 private:
  std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees_;
};

}  // namespace skops
