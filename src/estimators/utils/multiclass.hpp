#pragma once
// Class labels (sklearn.utils.multiclass and the `classes_` of every classifier): one rule
// for what a file may store as labels, and numpy's `classes_.take(indices)`.

#include <cstdint>
#include <string>
#include <vector>

#include "estimators/utils/validation.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"
#include "skops/object_view.hpp"

namespace skops::estimators::detail {

/// Whether labels of this dtype are supported: bool, int, uint, float16/32/64, unicode,
/// bytes.
bool label_dtype_ok(const DType& d);

/// Reads a `classes_` array: a 1-d, non-empty numpy array of a label dtype, or an object
/// array of Python strings (skops stores those as JSON; returned as '<U'). Throws
/// ValidationError naming the attribute.
NdArray read_classes(const ValueView& v);
/// Reads `classes_` of a (possibly multi-output) classifier: one array, or a list of arrays
/// when n_outputs > 1. `multi` tells which form was read.
std::vector<NdArray> read_class_sets(const ValueView& v, std::int64_t n_outputs, bool& multi);
/// The same rule for natively given labels.
void check_classes(const NdArray& labels, const Fail& fail);

/// classes[idx[i]] for every i: a 1-d array of classes' dtype (numpy `classes_.take`).
NdArray take_labels(const NdArray& classes, const std::vector<std::int64_t>& idx);
/// An (n, n_outputs) array in the dtype of classes[0] with column k = classes[k][idx]
/// (scikit-learn's multi-output predict). Numeric labels are converted to classes[0]'s
/// dtype as numpy assignment does; unicode labels are truncated to its width.
NdArray take_labels_2d(const std::vector<NdArray>& classes, const std::vector<std::int64_t>& idx,
                       std::int64_t n);

/// The node to save classes_ as: the node read (its exact Python form), else a numpy array.
NodePtr labels_node(const NdArray& labels, const NodePtr& original);

}  // namespace skops::estimators::detail
