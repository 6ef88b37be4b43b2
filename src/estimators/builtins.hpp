#pragma once
// The registration entry point of each scikit-learn module this library implements: one
// function per folder of src/estimators/, called only by TypeRegistry::with_builtins
// (builtins.cpp). Registration is an explicit call, never a static initialiser.

#include "skops/registry.hpp"

namespace skops::estimators {

void register_calibration(TypeRegistry& reg);
void register_cluster(TypeRegistry& reg);
void register_compose(TypeRegistry& reg);
void register_decomposition(TypeRegistry& reg);
void register_discriminant_analysis(TypeRegistry& reg);
void register_dummy(TypeRegistry& reg);
void register_feature_extraction(TypeRegistry& reg);
void register_ensemble(TypeRegistry& reg);
void register_feature_selection(TypeRegistry& reg);
void register_impute(TypeRegistry& reg);
void register_isotonic(TypeRegistry& reg);
void register_linear_model(TypeRegistry& reg);
void register_model_selection(TypeRegistry& reg);
void register_multiclass(TypeRegistry& reg);
void register_multioutput(TypeRegistry& reg);
void register_naive_bayes(TypeRegistry& reg);
void register_neighbors(TypeRegistry& reg);
void register_neural_network(TypeRegistry& reg);
void register_pipeline(TypeRegistry& reg);
void register_preprocessing(TypeRegistry& reg);
void register_semi_supervised(TypeRegistry& reg);
void register_svm(TypeRegistry& reg);
void register_tree(TypeRegistry& reg);

}  // namespace skops::estimators
