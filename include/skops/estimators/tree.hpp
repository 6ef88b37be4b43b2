#pragma once
/// \file tree.hpp
/// scikit-learn's decision trees (`sklearn.tree`): DecisionTreeClassifier/Regressor and
/// ExtraTreeClassifier/Regressor, loaded from `.skops` files or built natively from plain
/// arrays.
///
/// A tree is validated once when built (children in range, every node reached exactly once
/// from the root, feature indices < n_features, array shapes agree); prediction is then
/// const, unchecked and safe from many threads. Decisions follow scikit-learn exactly: the
/// input is converted to float32 and a sample goes left when `float32(x) <= threshold`
/// (threshold float64); NaN follows `missing_go_to_left` for trees of scikit-learn >= 1.3
/// that support missing values, and is refused otherwise.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

namespace detail {
class FlatTree;
}  // namespace detail

/// One fitted tree as scikit-learn's `Tree` holds it (node arrays of equal length).
struct TreeArrays {
  std::int64_t n_features = 0;
  /// Classes per output (all 1 for regression); its length is n_outputs.
  std::vector<std::int64_t> n_classes = {1};
  /// -1 for leaves (both children), else node ids in [1, node_count).
  std::vector<std::int64_t> left_child, right_child;
  /// Split feature (ignored for leaves; scikit-learn writes -2 there).
  std::vector<std::int64_t> feature;
  std::vector<double> threshold;
  /// Optional (empty: all 0, i.e. NaN goes right).
  std::vector<std::uint8_t> missing_go_to_left;
  /// node_count × n_outputs × max(n_classes), C order: class weights or fractions for
  /// classifiers (written as fractions, normalised per output, for scikit-learn >= 1.4.1),
  /// the mean target for regressors.
  std::vector<double> values;
  /// Optional per-node statistics (empty: zeros are written).
  std::vector<double> impurity;
  std::vector<std::int64_t> n_node_samples;
  std::vector<double> weighted_n_node_samples;
};

/// DecisionTreeClassifier / ExtraTreeClassifier. Methods: predict, predict_proba,
/// predict_log_proba (single output), apply.
class DecisionTreeClassifier final : public Estimator {
 public:
  /// Builds a classifier from a tree and its class labels per output (each a 1-d int64,
  /// float64 or unicode array of length n_classes[k]). `extra` names it
  /// ExtraTreeClassifier. Throws ValidationError.
  static std::unique_ptr<DecisionTreeClassifier> from_arrays(const TreeArrays& tree,
                                                             std::vector<NdArray> classes,
                                                             bool extra = false);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// Leaf id of every row (int64, shape (n,)).
  NdArray apply(const MatrixView& X) const;
  /// Class probabilities of every output (multi-output form of predict_proba).
  std::vector<Matrix> predict_proba_outputs(const MatrixView& X) const;

  const detail::FlatTree& tree() const noexcept { return *tree_; }
  const std::vector<NdArray>& classes() const noexcept { return classes_; }
  /// Whether NaN input is routed by missing_go_to_left (else refused).
  bool allow_nan() const noexcept { return allow_nan_; }

  // Internal (builders and writers).
  /// `values_are_fractions`: the tree is scikit-learn >= 1.4.1's, whose values are weighted
  /// class fractions that predict_proba returns unchanged (older ones store weighted counts,
  /// normalised by predict_proba).
  DecisionTreeClassifier(std::shared_ptr<const detail::FlatTree> tree, std::vector<NdArray> classes,
                         bool multi_output_classes, bool allow_nan,
                         bool values_are_fractions = false);
  bool multi_output_classes() const noexcept { return multi_output_; }
  bool values_are_fractions() const noexcept { return values_are_fractions_; }

 private:
  std::shared_ptr<const detail::FlatTree> tree_;
  std::vector<NdArray> classes_;
  bool multi_output_ = false;  // classes_ stored as a list (n_outputs_ > 1)
  bool allow_nan_ = false;
  bool values_are_fractions_ = false;
};

/// DecisionTreeRegressor / ExtraTreeRegressor. Methods: predict, apply.
class DecisionTreeRegressor final : public Estimator {
 public:
  /// Builds a regressor from a tree (n_classes all 1). `extra` names it
  /// ExtraTreeRegressor. Throws ValidationError.
  static std::unique_ptr<DecisionTreeRegressor> from_arrays(const TreeArrays& tree,
                                                            bool extra = false);

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  NdArray apply(const MatrixView& X) const;

  const detail::FlatTree& tree() const noexcept { return *tree_; }
  bool allow_nan() const noexcept { return allow_nan_; }

  // Internal (builders and writers).
  DecisionTreeRegressor(std::shared_ptr<const detail::FlatTree> tree, bool allow_nan);

 private:
  std::shared_ptr<const detail::FlatTree> tree_;
  bool allow_nan_ = false;
};

}  // namespace skops::estimators

#include "skops/compat/tree.hpp"  // spellings before 0.2, for one release
