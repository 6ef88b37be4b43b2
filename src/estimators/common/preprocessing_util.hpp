#pragma once
// Helpers shared by the preprocessing and compose families: reading fitted vectors with
// their invariants, scikit-learn's input checks, dtype parameters, and result arrays.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skops/build.hpp"
#include "skops/error.hpp"
#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"

namespace skops::estimators::pp {

/// A 1-d floating-point array attribute of exactly `n` elements (n < 0: any length ≥ 1).
/// Refuses integer, complex, string and object arrays (a fitted float vector of another
/// dtype means the file was tampered with). Throws ValidationError naming the attribute.
std::vector<double> float_vector(const ValueView& v, std::int64_t n, const std::string& what);
std::vector<double> float_vector(const ObjectView& obj, const std::string& key, std::int64_t n);
/// Same, or an empty vector when the attribute is absent or None.
std::vector<double> optional_float_vector(const ObjectView& obj, const std::string& key,
                                          std::int64_t n);

/// `n_features_in_` when present (must be in [1, 2^31)), else -1.
std::int64_t optional_n_features(const ObjectView& obj);
/// `n_features_in_`, required.
std::int64_t required_n_features(const ObjectView& obj);

/// scikit-learn's check_array(force_all_finite="allow-nan"): NaN passes, ±inf does not.
/// Also checks the column count and that there is at least one row.
void check_allow_nan(const Estimator& est, const MatrixView& X);

/// Reads a `dtype=` parameter (TypeNode `numpy.float64`, `builtins.float`, ...). Returns the
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

/// Whether the target scikit-learn version (e.g. "1.4.2") is at least major.minor.
bool version_at_least(const std::string& version, int major, int minor);

/// Optional bool attribute (a hyper-parameter absent from older files).
bool flag(const ObjectView& obj, const char* key, bool dflt);

/// Runs a native constructor; a ValidationError it throws gets the object's JSON pointer.
template <class F>
auto located(const ObjectView& obj, F make) -> decltype(make()) {
  try {
    return make();
  } catch (const ValidationError& e) {
    if (!e.json_pointer().empty()) throw;
    obj.fail(e.detail());
  }
}

/// Sets type name, n_features_in and original state of a built estimator from its file.
void adopt_identity(Estimator& est, const ObjectView& obj, std::int64_t n_features_in);

}  // namespace skops::estimators::pp
