#pragma once
// The builder and writer of sklearn.isotonic's IsotonicRegression (isotonic_regression.cpp),
// registered in register.cpp.

#include <memory>

#include "skops/estimators/isotonic.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::isotonic {

std::unique_ptr<IsotonicRegression> build_isotonic_regression(const ObjectView& obj);
void save_isotonic_regression(const IsotonicRegression& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::isotonic
