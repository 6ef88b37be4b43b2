#pragma once
/// \file compat/ensemble.hpp
/// Spellings of skops/estimators/ensemble.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/ensemble.hpp"

namespace skops {
using estimators::ForestClassifier;
using estimators::isolation_average_path_length;
using estimators::ForestRegressor;
using estimators::AdaBoostClassifier;
using estimators::AdaBoostRegressor;
using estimators::BaggingMembers;
using estimators::BaggingClassifier;
using estimators::BaggingRegressor;
using estimators::IsolationForest;
using estimators::VotingClassifier;
using estimators::VotingRegressor;
using estimators::Stacking;
}  // namespace skops
