#pragma once
// The builder and writer of sklearn.impute's SimpleImputer (simple_imputer.cpp) and MissingIndicator
// (missing_indicator.cpp), registered
// in register.cpp.

#include <memory>

#include "skops/estimators/impute.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::impute {

std::unique_ptr<SimpleImputer> build_imputer(const ObjectView& obj);
void save_imputer(const SimpleImputer& e, ObjectWriter& w);

/// missing_values of a numeric imputer or indicator: a Python int or float (NaN included).
double missing_value_of(const ValueView& v);

// missing_indicator.cpp
std::unique_ptr<MissingIndicator> build_indicator(const ObjectView& obj);
void save_indicator(const MissingIndicator& e, ObjectWriter& w);

}  // namespace skops::estimators::detail::impute
