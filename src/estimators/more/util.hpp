#pragma once
// Small helpers shared by the naive_bayes, neighbors, cluster and QDA families: array
// checks with a caller-supplied failure (ValidationError naming a JSON pointer for files,
// the estimator for native construction), Eigen conversions, and the output forms of
// classifiers (labels, log-probabilities).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "skops/build.hpp"
#include "skops/estimator.hpp"

namespace skops::estimators::more {

/// Throws; `what` is the message without location.
using Fail = std::function<void(const std::string& what)>;

/// A fail that throws ValidationError("<who>: what").
Fail native_fail(const std::string& who);
/// A fail for files: a message starting with an attribute name of `obj` ("theta_ has ...",
/// "scalings_[1] ...") is thrown at that attribute's JSON pointer, others at the object's.
Fail attribute_fail(const ObjectView& obj);

bool is_real_float(const DType& d);
/// Real float, int, uint or bool (values usable as doubles).
bool is_real_numeric(const DType& d);

/// Checks `a` is a real floating-point array of `ndim` dimensions and, where a dimension
/// in `dims` is ≥ 0, of that size; `what` names it in the message.
void check_float_array(const NdArray& a, const std::string& what, std::size_t ndim,
                       const std::vector<std::int64_t>& dims, const Fail& fail);

/// float64 copies.
Matrix to_matrix2d(const NdArray& a);
Eigen::VectorXd to_vector1d(const NdArray& a);

/// The array of `v`, refused unless it is a numpy-stored array (not a JSON object array).
NdArray numpy_array(const ValueView& v, const std::string& what);

/// Optional float attribute that may be None (returns false then).
bool optional_real(const ObjectView& obj, const std::string& key, double& out);

/// labels[idx[i]] (1-d, dtype of labels).
NdArray take(const NdArray& labels, const std::vector<std::int64_t>& idx);
/// Index of the first maximum of each row (NaN counts as the maximum, as numpy's argmax).
std::vector<std::int64_t> argmax_rows(const Matrix& s);
/// numpy's pairwise add.reduce of a contiguous run.
double np_sum(const double* p, std::int64_t n);
/// np.einsum("ij,ij->i", X, X) for one contiguous row (sklearn.utils.extmath.row_norms,
/// squared): numpy's two-lane SIMD accumulation of the baseline x86-64 build (blocks of 8
/// accumulated last pair first, then pairs, then the two lanes added), which differs from a
/// sequential sum in the last bits.
double einsum_sq_norm(const double* p, std::int64_t n);
/// scipy.special.logsumexp(a, axis=1) as scipy 1.10 computes it: the finite row maximum
/// m, then log(sum(exp(a - m))) + m.
Eigen::VectorXd logsumexp_rows(const Matrix& a);

/// Reads classes_ (1-d numeric/bool/unicode array, or an object array of strings).
NdArray read_classes(const ValueView& v);
/// Checks natively given class labels.
void check_classes(const NdArray& labels, const Fail& fail);

/// "1.4.2" → 10402 (0 when unparsable).
int version_code(const std::string& v);

}  // namespace skops::estimators::more
