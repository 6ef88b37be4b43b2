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
// indices < n_features, array shapes), and then traverses without checks. Implemented in
// tree_state.cpp (read, built from arrays, written), flat_tree.cpp (validation and the
// compact layout) and traverse.cpp (leaf ids).

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/ndarray.hpp"
#include "skops/sklearn_version.hpp"
#include "skops/node.hpp"

namespace skops::estimators::detail {

/// One node as seen through `FlatTree::nodes()`. Leaves have left == -1. Node ids are
/// scikit-learn's, so `apply` returns them unchanged and `values` is indexed by them.
struct FlatTreeNode {
  double threshold;
  std::int32_t left;
  std::int32_t right;
  std::int32_t feature;
  std::uint8_t missing_go_to_left;
};

/// The node records of a tree in scikit-learn's own layout: left_child, right_child,
/// feature (int64) and threshold (float64) at offsets 0, 8, 16, 24 of a 56-byte (<= 1.2) or
/// 64-byte (>= 1.3, missing_go_to_left at 56) record. A file in that layout (every file
/// scikit-learn writes) is traversed in place, without a copy: from the mapping when the
/// archive is memory-mapped. Reads go through memcpy (no alignment needed).
class TreeRecords {
 public:
  TreeRecords() = default;
  TreeRecords(const std::uint8_t* base, std::size_t stride, std::size_t count, bool missing)
      : base_(base), stride_(stride), count_(count), missing_(missing) {}
  std::size_t size() const noexcept { return count_; }
  const std::uint8_t* record(std::int64_t i) const noexcept {
    return base_ + static_cast<std::size_t>(i) * stride_;
  }
  static std::int64_t i64(const std::uint8_t* p) noexcept {
    std::int64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static double f64(const std::uint8_t* p) noexcept {
    double v;
    std::memcpy(&v, p, 8);
    return v;
  }
  std::int64_t left(std::int64_t i) const noexcept { return i64(record(i)); }
  std::int64_t right(std::int64_t i) const noexcept { return i64(record(i) + 8); }
  std::int64_t feature(std::int64_t i) const noexcept { return i64(record(i) + 16); }
  double threshold(std::int64_t i) const noexcept { return f64(record(i) + 24); }
  std::uint8_t missing_go_to_left(std::int64_t i) const noexcept {
    return missing_ ? record(i)[56] : 0;
  }
  /// A node by value (leaves: feature 0).
  FlatTreeNode operator[](std::size_t i) const noexcept {
    const auto id = static_cast<std::int64_t>(i);
    const std::int64_t l = left(id);
    return FlatTreeNode{threshold(id), static_cast<std::int32_t>(l),
                        static_cast<std::int32_t>(right(id)),
                        l < 0 ? 0 : static_cast<std::int32_t>(feature(id)), missing_go_to_left(id)};
  }

 private:
  const std::uint8_t* base_ = nullptr;
  std::size_t stride_ = 64;
  std::size_t count_ = 0;
  bool missing_ = false;
};

/// The n_outputs × max_n_classes values of one node, read in place: the values array of a
/// file written by Python is rarely 8-byte aligned, and copying it costs more (fresh pages)
/// than unaligned loads do.
class ValueRow {
 public:
  explicit ValueRow(const std::uint8_t* p) noexcept : p_(p) {}
  double operator[](std::int64_t k) const noexcept {
    double d;
    std::memcpy(&d, p_ + static_cast<std::size_t>(k) * sizeof(double), sizeof(double));
    return d;
  }
  double operator*() const noexcept { return (*this)[0]; }
  ValueRow operator+(std::int64_t k) const noexcept {
    return ValueRow(p_ + static_cast<std::size_t>(k) * sizeof(double));
  }

 private:
  const std::uint8_t* p_;
};

/// The node of the compact copy used for batch traversal: 12 bytes, in depth-first preorder
/// so that a node's left child is the next node. A leaf has a NaN threshold (so every row
/// goes right) and itself as `right`. Bit 30 of `feature` is missing_go_to_left.
/// `threshold` is the largest float32 <= scikit-learn's float64 threshold, so that for a
/// float32 x, `x <= threshold` here is exactly `float64(x) <= threshold` there. Trees from
/// depth-first builders are already in preorder and keep their node ids; others are
/// renumbered, with the scikit-learn id of each slot kept aside.
struct CompactNode {
  float threshold;
  std::int32_t feature;
  std::int32_t right;
};

/// std::allocator whose value-less construct leaves trivial types uninitialised: a compact
/// tree is written node by node once, and zero-filling tens of MB first costs as much.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
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
  /// The nodes (indexable, `size()`); each read by value from the records.
  const TreeRecords& nodes() const noexcept { return nodes_; }

  /// Leaf ids of one row (float32, `cols` values) in each of `n` trees: out[t] for
  /// trees[t]. A one-row call of a forest is bound by memory latency, one cache miss per
  /// level, so groups of trees are walked in lockstep and their misses overlap.
  static void row_leaves(const FlatTree* const* trees, std::size_t n, const float* x,
                         std::int64_t cols, std::int32_t* out) noexcept;

  /// Leaf id for one row of float32 features (scikit-learn's `Tree.apply`: go left when
  /// `float64(x) <= threshold`, NaN by `missing_go_to_left`, right in the 1.2 layout).
  std::int32_t leaf(const float* x) const noexcept {
    std::int64_t id = 0;
    for (;;) {
      const std::uint8_t* r = nodes_.record(id);
      const std::int64_t left = TreeRecords::i64(r);
      if (left < 0) return static_cast<std::int32_t>(id);
      const float v = x[TreeRecords::i64(r + 16)];
      const bool go_left = v != v ? (missing_layout_ && r[56] != 0)
                                  : static_cast<double>(v) <= TreeRecords::f64(r + 24);
      id = go_left ? left : TreeRecords::i64(r + 8);
    }
  }
  /// Leaf ids of `rows` rows (row-major float32, `cols` columns) into `out`. Rows go down
  /// the tree in small groups in lockstep, so that the memory accesses of several rows
  /// overlap; results are those of `leaf`.
  void leaves(const float* x, std::int64_t rows, std::int64_t cols,
              std::int32_t* out) const noexcept;

  /// The n_outputs × max_n_classes values of a node.
  ValueRow value(std::int32_t node) const noexcept {
    return ValueRow(values_ + static_cast<std::size_t>(node) * stride_ * sizeof(double));
  }

  /// scikit-learn's Tree.compute_feature_importances(normalize): for every split node, in
  /// node order, weighted_n_node_samples * impurity minus the same of each child, added to
  /// its feature; divided by the root's weighted_n_node_samples; with `normalize`, divided by
  /// numpy's sum of them when that is positive. Throws UnsupportedError for a natively built
  /// tree without impurity statistics. Implemented in feature_importances.cpp.
  std::vector<double> compute_feature_importances(bool normalize) const;

  /// The TreeNode to save: the arrays read from the file when there are any (lossless),
  /// else arrays in the node layout of `sklearn_version`, with a classifier's values as
  /// that version stores them (see classifier_values_are_fractions).
  NodePtr to_node(const SklearnVersion& sklearn_version, bool classifier) const;

 private:
  void validate_structure(const std::string& where, const ValueView* at) const;
  /// Checks child and feature ranges and that every node is reached exactly once from the
  /// root, building `compact_` in the same pass. Throws ValidationError naming the node.
  void build_compact(const std::string& where, const ValueView* at);
  /// Rebuilds `compact_` in preorder with `compact_ids_` (trees whose left children do not
  /// follow their parents).
  void renumber_compact();

  std::int64_t n_features_ = 0;
  std::int64_t n_outputs_ = 1;
  std::int64_t max_n_classes_ = 1;
  std::int64_t max_depth_ = 0;
  std::vector<std::int64_t> n_classes_;
  TreeRecords nodes_;
  const std::uint8_t* values_ = nullptr;
  std::size_t stride_ = 1;
  bool missing_layout_ = false;
  bool native_ = false;  ///< built from arrays (not read from a file)
  // The records and values traversed: the arrays read from the file (used in place, also
  // what is saved, losslessly) or, for natively built trees and unusual layouts, a copy in
  // scikit-learn's layout.
  NdArray nodes_array_;
  NdArray values_array_;
  NdArray n_classes_array_;
  std::vector<std::uint8_t> own_nodes_;
  std::vector<CompactNode, DefaultInitAllocator<CompactNode>>
      compact_;                            ///< empty when n_features >= 2**30
  std::vector<std::int32_t> compact_ids_;  ///< scikit-learn id of each slot; empty: the same
  std::vector<double> own_values_;
  // Where impurity and weighted_n_node_samples sit in the records read from a file
  // (nodes_array_ owns the bytes); -1 for natively built trees.
  const std::uint8_t* stat_records_ = nullptr;
  std::size_t stat_stride_ = 0;
  std::int64_t impurity_offset_ = -1;
  std::int64_t weighted_offset_ = -1;
  // Per-node statistics of natively built trees (optional).
  std::vector<double> impurity_;
  std::vector<std::int64_t> n_node_samples_;
  std::vector<double> weighted_n_node_samples_;
};

/// The leaf id of every row in every tree, row-major (rows × trees): an ensemble's `apply`.
/// `x32` holds `rows` × `cols` float32 values.
std::vector<std::int64_t> leaf_ids(const std::vector<const FlatTree*>& trees,
                                   const std::vector<float>& x32, std::int64_t rows,
                                   std::int64_t cols);

/// X converted as scikit-learn's `check_array(X, dtype=np.float32)` does (row-major copy).
/// Throws InputError on infinities (also values that overflow float32) and, unless
/// `allow_nan`, on NaN, with scikit-learn's wording.
std::vector<float> to_float32_rows(
    const Eigen::Ref<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>&
        X,
    bool allow_nan);

/// What DecisionTreeClassifier.predict_proba (< 1.4.1) divides a node's class values by: their
/// sum, or 1 when it is 0. Writers of >= 1.4.1 fractions use the same, so that a tree saved
/// and read back predicts the same bits.
template <class Values>
double class_value_sum(const Values& v, std::int64_t n_classes) noexcept {
  double sum = 0.0;
  for (std::int64_t j = 0; j < n_classes; ++j) sum += v[j];
  return sum == 0.0 ? 1.0 : sum;
}

/// scikit-learn >= 1.4.1 stores a classifier tree's values as weighted class fractions
/// (value / weighted_n_node_samples) and its predict_proba returns them as they are; earlier
/// versions store weighted counts and normalise them in predict_proba.
bool classifier_values_are_fractions(const SklearnVersion& sklearn_version);

}  // namespace skops::estimators::detail
