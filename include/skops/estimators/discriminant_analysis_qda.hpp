#pragma once
/// \file discriminant_analysis_qda.hpp
/// Before 0.2: QuadraticDiscriminantAnalysis. Kept for one release (docs/versioning.md);
/// include skops/estimators/discriminant_analysis.hpp.

#include "skops/estimators/discriminant_analysis.hpp"  // IWYU pragma: export
