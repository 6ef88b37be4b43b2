#pragma once
/// \file compat/compose.hpp
/// Spellings of skops/estimators/compose.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/compose.hpp"

namespace skops::compose {
using estimators::ColumnTransformer;
}  // namespace skops::compose
