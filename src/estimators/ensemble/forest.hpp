#pragma once
// Internal build/save functions of the forests (registered in register.cpp).

#include <memory>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/ensemble.hpp"

namespace skops::estimators::detail::ensemble {

std::unique_ptr<ForestClassifier> build_forest_classifier(const ObjectView& obj);
std::unique_ptr<ForestRegressor> build_forest_regressor(const ObjectView& obj);
void save_forest_classifier(const ForestClassifier& est, ObjectWriter& w);
void save_forest_regressor(const ForestRegressor& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::ensemble
