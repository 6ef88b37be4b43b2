#pragma once
// Values writers put into the node graph with the Python types scikit-learn gives them
// (numpy scalars, dtype objects, float arrays), and numpy's astype for result arrays.

#include <cstdint>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"
#include "skops/object_view.hpp"

namespace skops::estimators::detail {

/// Reads a `dtype=` parameter (TypeNode `numpy.float64`, `builtins.float`, ..., or a
/// numpy.dtype instance of such a type: DTypeNode). Returns the
/// numeric dtype, or fails for anything else.
DType dtype_param(const ValueView& v);
/// TypeNode for a numeric dtype (`numpy.float64`, ...).
NodePtr dtype_type_node(const DType& d);

/// A 2-d array of `dtype` from a double matrix (values cast as numpy's astype does for the
/// 0/1 and small-integer values encoders produce; floats are rounded to float32 if asked).
NdArray matrix_as(const Matrix& m, const DType& dtype);

/// A float64 1-d array node.
NodePtr float_array_node(const std::vector<double>& v);
/// A numpy int64 scalar node (e.g. `n_samples_seen_`).
NodePtr int64_scalar_node(std::int64_t v);
/// A JSON float that may be NaN (written as the JSON text `NaN`).
NodePtr real_node(double v);

}  // namespace skops::estimators::detail
