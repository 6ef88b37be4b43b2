#pragma once
// Shared pieces of the neural_network family: type names, validation, build/save.

#include <memory>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/neural_network.hpp"

namespace skops::estimators::detail::neural_network {

constexpr const char* kClassifierType =
    "sklearn.neural_network._multilayer_perceptron.MLPClassifier";
constexpr const char* kRegressorType = "sklearn.neural_network._multilayer_perceptron.MLPRegressor";

/// Every invariant the forward pass relies on (see MLP::from_arrays).
void validate(const MLPParams& p, bool classifier, const detail::Fail& fail);

std::unique_ptr<MLP> build_mlp(const ObjectView& obj, bool classifier);
void save_mlp(const MLP& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::neural_network
