#pragma once
// Class labels and probability helpers shared by the tree and ensemble families.

#include <cstdint>
#include <string>
#include <vector>

#include "skops/build.hpp"
#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::detail {

/// Reads a classes_ array: 1-d, non-empty, of a label dtype (bool, int, uint, float,
/// unicode, bytes). Throws ValidationError naming the attribute.
NdArray read_labels(const ValueView& v);
/// Reads classes_ of a (possibly multi-output) classifier: one array, or a list of arrays
/// when n_outputs > 1. `multi` tells which form was read.
std::vector<NdArray> read_label_sets(const ValueView& v, std::int64_t n_outputs, bool& multi);

/// classes[idx[i]] for every i: a 1-d array of classes' dtype (numpy `classes_.take`).
NdArray take_labels(const NdArray& classes, const std::vector<std::int64_t>& idx);
/// An (n, n_outputs) array in the dtype of classes[0] with column k = classes[k][idx]
/// (scikit-learn's multi-output predict). Numeric labels are converted to classes[0]'s
/// dtype as numpy assignment does; unicode labels are truncated to its width.
NdArray take_labels_2d(const std::vector<NdArray>& classes, const std::vector<std::int64_t>& idx,
                       std::int64_t n);

/// Index of the first maximum of p[0..k) (numpy argmax; NaN counts as the maximum).
template <class Values>  // const double*, or a FlatTree node's ValueRow
std::int64_t argmax(const Values& p, std::int64_t k) noexcept {
  std::int64_t best = 0;
  for (std::int64_t j = 0; j < k; ++j) {
    if (p[j] != p[j]) return j;  // NaN
    if (p[j] > p[best]) best = j;
  }
  return best;
}

/// Element-wise natural log of a matrix as an NdArray (predict_log_proba).
NdArray log_of(const Matrix& m);

}  // namespace skops::detail
