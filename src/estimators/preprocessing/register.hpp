#pragma once
// Registration functions of the preprocessing family's files (called by register.cpp).

#include "skops/registry.hpp"

namespace skops::estimators::detail::preprocessing {

void register_scalers(TypeRegistry& reg);
void register_simple_transformers(TypeRegistry& reg);  // Normalizer, Binarizer, Polynomial
void register_encoders(TypeRegistry& reg);
void register_label_encoder(TypeRegistry& reg);
void register_function_transformer(TypeRegistry& reg);

}  // namespace skops::estimators::detail::preprocessing
