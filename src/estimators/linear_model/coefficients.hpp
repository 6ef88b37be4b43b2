#pragma once
// coef_ and intercept_ of linear models (and of the estimators scikit-learn builds on them:
// LDA, LinearSVC/LinearSVR): read and validated against each other, and written back with
// their original Python types.

#include <string>

#include "skops/estimators/linear_model.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::linear_model {

/// coef_ (1-d or 2-d) and intercept_ (Python float/int, numpy scalar, 0-d or 1-d array),
/// validated against each other: intercept length equals the number of coef_ rows (a numpy
/// scalar intercept only goes with a 1-d coef_, the Python float of fit_intercept=False with
/// any), both finite-size and real.
LinearCoefficients read_coefficients(const ObjectView& obj, const char* coef_key = "coef_",
                                     const char* intercept_key = "intercept_");
/// The same checks for natively given arrays (errors name `who`).
LinearCoefficients make_coefficients(NdArray coef, NdArray intercept, const std::string& who);

/// Writes coef_ / intercept_ with their original Python types.
void write_coefficients(const LinearCoefficients& c, ObjectWriter& w);

}  // namespace skops::estimators::detail::linear_model
