#pragma once
// The builders and writers of sklearn.impute's SimpleImputer (simple_imputer.cpp),
// MissingIndicator (missing_indicator.cpp) and IterativeImputer (iterative_imputer.cpp),
// registered in register.cpp.

#include <cstdint>
#include <memory>
#include <vector>

#include "skops/estimators/impute.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::impute {

std::unique_ptr<SimpleImputer> build_imputer(const ObjectView& obj);
void save_imputer(const SimpleImputer& e, ObjectWriter& w);

/// missing_values of a numeric imputer or indicator: a Python int or float (NaN included).
double missing_value_of(const ValueView& v);

/// indicator_ of an imputer (a MissingIndicator node): its features_, checked to be strictly
/// increasing column indices < n.
std::vector<std::int64_t> read_indicator(const ValueView& ind, std::int64_t n);

// missing_indicator.cpp
std::unique_ptr<MissingIndicator> build_indicator(const ObjectView& obj);
void save_indicator(const MissingIndicator& e, ObjectWriter& w);

// iterative_imputer.cpp
std::unique_ptr<IterativeImputer> build_iterative(const ObjectView& obj);
void save_iterative(const IterativeImputer& e, ObjectWriter& w);

}  // namespace skops::estimators::detail::impute
