#pragma once
/// \file compat/pipeline.hpp
/// Spellings of skops/estimators/pipeline.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/pipeline.hpp"

namespace skops::compose {
using estimators::FeatureUnion;
using estimators::Pipeline;
using estimators::Step;
}  // namespace skops::compose
