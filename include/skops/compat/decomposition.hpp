#pragma once
/// \file compat/decomposition.hpp
/// Spellings of skops/estimators/decomposition.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/decomposition.hpp"

namespace skops::decomposition {
using estimators::PCA;
using estimators::TruncatedSVD;
}  // namespace skops::decomposition
