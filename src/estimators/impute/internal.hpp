#pragma once
// The builder and writer of sklearn.impute's SimpleImputer (simple_imputer.cpp), registered
// in register.cpp.

#include <memory>

#include "skops/estimators/impute.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::impute {

std::unique_ptr<SimpleImputer> build_imputer(const ObjectView& obj);
void save_imputer(const SimpleImputer& e, ObjectWriter& w);

}  // namespace skops::estimators::detail::impute
