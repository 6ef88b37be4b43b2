#pragma once
// The builder and writer of sklearn.compose's ColumnTransformer (column_transformer.cpp),
// registered in register.cpp.

#include <memory>

#include "skops/estimators/compose.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::compose {

std::unique_ptr<ColumnTransformer> build_column_transformer(const ObjectView& obj);
void save_column_transformer(const ColumnTransformer& ct, ObjectWriter& w);

}  // namespace skops::estimators::detail::compose
