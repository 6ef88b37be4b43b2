#pragma once
/// \file ensemble_meta.hpp
/// Before 0.2: the ensembles of other estimators. Kept for one release
/// (docs/versioning.md); include skops/estimators/ensemble.hpp.

#include "skops/estimators/ensemble.hpp"  // IWYU pragma: export
