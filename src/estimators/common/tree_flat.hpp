#pragma once
// A validated scikit-learn `sklearn.tree._tree.Tree` in a flat, cache-friendly layout.
//
// scikit-learn stores a tree as a structured `nodes` array (left_child, right_child,
// feature, threshold, impurity, n_node_samples, weighted_n_node_samples and, from 1.3 on,
// missing_go_to_left) plus a float64 `values` array of shape
// (node_count, n_outputs, max_n_classes); see
// https://scikit-learn.org/stable/auto_examples/tree/plot_unveil_tree_structure.html.
// FlatTree reads the field offsets from the file's dtype, checks every invariant traversal
// relies on once (children in range, every node reached exactly once from the root, feature
// indices < n_features, array shapes), and then traverses without checks.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/build.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"

namespace skops::detail {

/// One node: 24 bytes. Leaves have left == -1. Node ids are scikit-learn's, so `apply`
/// returns them unchanged and `values` is indexed by them.
struct FlatTreeNode {
  double threshold;
  std::int32_t left;
  std::int32_t right;
  std::int32_t feature;
  std::uint8_t missing_go_to_left;
};

class FlatTree {
 public:
  /// Reads and validates a TreeNode (`tree_` of a tree estimator). `n_features_in` is the
  /// owning estimator's n_features_in_. Throws ValidationError naming the tree and node.
  static std::shared_ptr<const FlatTree> from_node(const ValueView& tree,
                                                   std::int64_t n_features_in);
  /// Builds and validates a tree from plain arrays. Throws ValidationError.
  static std::shared_ptr<const FlatTree> from_arrays(const skops::TreeArrays& arrays);

  std::int64_t n_features() const noexcept { return n_features_; }
  std::int64_t n_outputs() const noexcept { return n_outputs_; }
  std::int64_t max_n_classes() const noexcept { return max_n_classes_; }
  const std::vector<std::int64_t>& n_classes() const noexcept { return n_classes_; }
  std::int64_t node_count() const noexcept { return static_cast<std::int64_t>(nodes_.size()); }
  /// Whether the node layout has `missing_go_to_left` (scikit-learn >= 1.3).
  bool has_missing_layout() const noexcept { return missing_layout_; }
  const std::vector<FlatTreeNode>& nodes() const noexcept { return nodes_; }

  /// Leaf id for one row of float32 features (scikit-learn's `Tree.apply`: go left when
  /// `float64(x) <= threshold`, NaN by `missing_go_to_left`).
  std::int32_t leaf(const float* x) const noexcept {
    const FlatTreeNode* nodes = nodes_.data();
    std::int32_t id = 0;
    while (nodes[id].left >= 0) {
      const FlatTreeNode& n = nodes[id];
      const float v = x[n.feature];
      if (v != v) {
        id = n.missing_go_to_left ? n.left : n.right;
      } else {
        id = static_cast<double>(v) <= n.threshold ? n.left : n.right;
      }
    }
    return id;
  }
  /// The n_outputs × max_n_classes values of a node.
  const double* value(std::int32_t node) const noexcept {
    return values_.data() + static_cast<std::size_t>(node) * stride_;
  }

  /// The TreeNode to save: the arrays read from the file when there are any (lossless),
  /// else arrays in the node layout of `sklearn_version`.
  NodePtr to_node(const std::string& sklearn_version) const;

 private:
  void validate_structure(const std::string& where, const ValueView* at) const;

  std::int64_t n_features_ = 0;
  std::int64_t n_outputs_ = 1;
  std::int64_t max_n_classes_ = 1;
  std::int64_t max_depth_ = 0;
  std::vector<std::int64_t> n_classes_;
  std::vector<FlatTreeNode> nodes_;
  std::vector<double> values_;
  std::size_t stride_ = 1;
  bool missing_layout_ = false;
  // Arrays as read (kept for lossless re-save); empty for natively built trees.
  NdArray nodes_array_;
  NdArray values_array_;
  NdArray n_classes_array_;
  // Per-node statistics of natively built trees (optional).
  std::vector<double> impurity_;
  std::vector<std::int64_t> n_node_samples_;
  std::vector<double> weighted_n_node_samples_;
};

/// X converted as scikit-learn's `check_array(X, dtype=np.float32)` does (row-major copy).
/// Throws InputError on infinities (also values that overflow float32) and, unless
/// `allow_nan`, on NaN, with scikit-learn's wording.
std::vector<float> to_float32_rows(
    const Eigen::Ref<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>&
        X,
    bool allow_nan);

/// Major.minor of a scikit-learn version string ("1.4.2" → {1, 4}); {0, 0} if unparsable.
std::pair<int, int> sklearn_minor_version(const std::string& version);

}  // namespace skops::detail
