#pragma once
// Reading and validating the arrays of linear models (coef_, intercept_, classes_,
// n_features_in_) from the node graph, and writing them back.

#include <cstdint>
#include <string>

#include "skops/build.hpp"
#include "skops/estimators/linear_model.hpp"

namespace skops::estimators::linear {

/// The array at `v`, refused (ValidationError at v's pointer) unless its dtype is real
/// floating point (float16/32/64) and it has 0 to 2 dimensions.
NdArray real_array(const ValueView& v, const std::string& what);

/// coef_ (1-d or 2-d) and intercept_ (Python float/int, numpy scalar, 0-d or 1-d array),
/// validated against each other: intercept length equals the number of coef_ rows (a scalar
/// intercept only goes with a 1-d coef_), both finite-size and real.
LinearCoefficients read_coefficients(const ObjectView& obj, const char* coef_key = "coef_",
                                     const char* intercept_key = "intercept_");
/// The same checks for natively given arrays (errors name `who`).
LinearCoefficients make_coefficients(NdArray coef, NdArray intercept, const std::string& who);

/// n_features_in_ when present (must be a positive int equal to `expected`, -1 meaning "no
/// expectation"), else `expected`.
std::int64_t read_n_features(const ObjectView& obj, std::int64_t expected);

/// Class labels: a 1-d numpy array of bool/int/uint/float/unicode, or an object ("json")
/// array of strings (returned as '<U'). Refuses empty or multi-dimensional labels.
NdArray read_labels(const ValueView& v);
/// Checks natively given labels (1-d, non-empty, supported dtype).
void check_labels(const NdArray& labels, const std::string& who);

/// Writes coef_ / intercept_ with their original Python types.
void write_coefficients(const LinearCoefficients& c, ObjectWriter& w);
/// The node to save classes_ as: the node read, else a numpy array.
NodePtr labels_node(const NdArray& labels, const NodePtr& original);

/// "1.4.2" → 10402 (major*10000 + minor*100 + patch); unparsable → 0.
int version_code(const std::string& version);
/// The `_sklearn_version` of a file ("" when absent).
std::string file_version(const ObjectView& obj);

}  // namespace skops::estimators::linear
