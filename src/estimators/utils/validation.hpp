#pragma once
// Reading fitted attributes with their invariants, and scikit-learn's input checks
// (sklearn.utils.validation): what every builder checks before an estimator exists.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "skops/error.hpp"
#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"
#include "skops/object_view.hpp"

namespace skops::estimators::detail {

/// Throws; `what` is the message without location. Shared checks take one, so the same
/// check names a JSON pointer for files and the estimator for native construction.
using Fail = std::function<void(const std::string& what)>;

/// A fail that throws ValidationError("<who>: what").
Fail native_fail(const std::string& who);
/// A fail for files: a message starting with an attribute name of `obj` ("theta_ has ...",
/// "scalings_[1] ...") is thrown at that attribute's JSON pointer, others at the object's.
Fail attribute_fail(const ObjectView& obj);

/// float16, float32 or float64.
bool is_real_float(const DType& d);
/// Real float, int, uint or bool (values usable as doubles).
bool is_real_numeric(const DType& d);

/// Checks `a` is a real floating-point array of `ndim` dimensions and, where a dimension
/// in `dims` is ≥ 0, of that size; `what` names it in the message.
void check_float_array(const NdArray& a, const std::string& what, std::size_t ndim,
                       const std::vector<std::int64_t>& dims, const Fail& fail);

/// The array at `v`, refused (ValidationError at v's pointer) unless its dtype is real
/// floating point (float16/32/64) and it has 0 to 2 dimensions.
NdArray real_array(const ValueView& v, const std::string& what);

/// The array of `v`, refused unless it is a numpy-stored array (not a JSON object array).
NdArray numpy_array(const ValueView& v, const std::string& what);

/// A 1-d floating-point array attribute of exactly `n` elements (n < 0: any length ≥ 1).
/// Refuses integer, complex, string and object arrays (a fitted float vector of another
/// dtype means the file was tampered with). Throws ValidationError naming the attribute.
std::vector<double> float_vector(const ValueView& v, std::int64_t n, const std::string& what);
std::vector<double> float_vector(const ObjectView& obj, const std::string& key, std::int64_t n);
/// Same, or an empty vector when the attribute is absent or None.
std::vector<double> optional_float_vector(const ObjectView& obj, const std::string& key,
                                          std::int64_t n);

/// float64 copies.
Matrix to_matrix2d(const NdArray& a);
Eigen::VectorXd to_vector1d(const NdArray& a);

/// Optional float attribute that may be None (returns false then).
bool optional_real(const ObjectView& obj, const std::string& key, double& out);
/// Optional bool attribute (a hyper-parameter absent from older files).
bool flag(const ObjectView& obj, const char* key, bool dflt);

/// `n_features_in_` when present (must be in [1, 2^31)), else -1.
std::int64_t optional_n_features(const ObjectView& obj);
/// `n_features_in_`, required.
std::int64_t required_n_features(const ObjectView& obj);
/// n_features_in_ when present (in [1, 2^31) and equal to `expected`, -1 meaning "no
/// expectation"), else `expected`.
std::int64_t read_n_features(const ObjectView& obj, std::int64_t expected);

/// scikit-learn's check_array(force_all_finite="allow-nan"): NaN passes, ±inf does not.
/// Also checks the column count and that there is at least one row.
void check_allow_nan(const Estimator& est, const MatrixView& X);

/// check_array(accept_sparse=True) on CSR data: InputError naming the first NaN or
/// infinity (row, column). X is already validated (run_sparse).
void check_finite_sparse(const Estimator& est, const CsrMatrix& X);

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

}  // namespace skops::estimators::detail
