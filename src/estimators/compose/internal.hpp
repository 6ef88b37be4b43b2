#pragma once
// The builders and writers of sklearn.compose's ColumnTransformer (column_transformer.cpp) and
// TransformedTargetRegressor (target.cpp),
// registered in register.cpp.

#include <memory>

#include "skops/estimators/compose.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::compose {

std::unique_ptr<ColumnTransformer> build_column_transformer(const ObjectView& obj);
void save_column_transformer(const ColumnTransformer& ct, ObjectWriter& w);
// target.cpp
std::unique_ptr<TransformedTargetRegressor> build_transformed_target(const ObjectView& obj);
void save_transformed_target(const TransformedTargetRegressor& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::compose
