// FlatTree::compute_feature_importances: the mean decrease in impurity scikit-learn returns
// as a tree's feature_importances_ (not stored in files: a property computed from tree_).
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/tree/_tree.pyx
// (Tree.compute_feature_importances; the same arithmetic in 1.4.2): nodes visited in id
// order, each split adding  w*imp(node) - w*imp(left) - w*imp(right)  (left to right) to
// its feature; then every entry divided by the root's weighted_n_node_samples, and, when
// normalising, by np.sum of the entries if it is positive.

#include <cstring>

#include "estimators/tree/flat_tree.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail {

std::vector<double> FlatTree::compute_feature_importances(bool normalize) const {
  const auto count = static_cast<std::size_t>(node_count());
  std::vector<double> impurity(count), weighted(count);
  if (stat_records_ != nullptr) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint8_t* r = stat_records_ + i * stat_stride_;
      std::memcpy(&impurity[i], r + impurity_offset_, sizeof(double));
      std::memcpy(&weighted[i], r + weighted_offset_, sizeof(double));
    }
  } else {
    if (impurity_.size() != count || weighted_n_node_samples_.size() != count) {
      throw UnsupportedError(
          "tree: feature importances need impurity and weighted_n_node_samples per node");
    }
    impurity = impurity_;
    weighted = weighted_n_node_samples_;
  }
  std::vector<double> out(static_cast<std::size_t>(n_features_), 0.0);
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t l = nodes_.left(static_cast<std::int64_t>(i));
    if (l < 0) continue;  // a leaf (_TREE_LEAF)
    const auto r = static_cast<std::size_t>(nodes_.right(static_cast<std::int64_t>(i)));
    const auto li = static_cast<std::size_t>(l);
    // Feature and children were range-checked when the tree was built.
    const auto f = static_cast<std::size_t>(nodes_.feature(static_cast<std::int64_t>(i)));
    out[f] += weighted[i] * impurity[i] - weighted[li] * impurity[li] - weighted[r] * impurity[r];
  }
  for (double& v : out) v /= weighted[0];
  if (normalize) {
    const double normalizer = numpy_sum(out.data(), static_cast<std::int64_t>(out.size()));
    if (normalizer > 0.0) {
      for (double& v : out) v /= normalizer;
    }
  }
  return out;
}

}  // namespace skops::estimators::detail
