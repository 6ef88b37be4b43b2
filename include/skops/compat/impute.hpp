#pragma once
/// \file compat/impute.hpp
/// Spellings of skops/estimators/impute.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/impute.hpp"

namespace skops::preprocessing {
using estimators::SimpleImputer;
}  // namespace skops::preprocessing
