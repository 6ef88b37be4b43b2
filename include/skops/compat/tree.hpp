#pragma once
/// \file compat/tree.hpp
/// Spellings of skops/estimators/tree.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/tree.hpp"

namespace skops {
using estimators::TreeArrays;
using estimators::DecisionTreeClassifier;
using estimators::DecisionTreeRegressor;
}  // namespace skops
