#pragma once
// Registration entry points of the built-in estimator families (called by
// TypeRegistry::with_builtins; explicit, no static initialisers).

#include "skops/registry.hpp"

namespace skops::estimators {

/// linear_model, svm (LinearSVC/LinearSVR), discriminant_analysis (LDA), dummy.
void register_linear_models(TypeRegistry& reg);
/// preprocessing, impute.
void register_preprocessing(TypeRegistry& reg);
/// pipeline, compose (ColumnTransformer), FeatureUnion.
void register_compose(TypeRegistry& reg);
/// tree.
void register_trees(TypeRegistry& reg);
/// ensemble.
void register_ensembles(TypeRegistry& reg);

}  // namespace skops::estimators
