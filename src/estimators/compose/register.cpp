// sklearn.compose: ColumnTransformer (column_transformer.cpp).

#include "estimators/builtins.hpp"

namespace skops::estimators {

namespace detail::compose {
void register_column_transformer(TypeRegistry& reg);
}  // namespace detail::compose

void register_compose(TypeRegistry& reg) { detail::compose::register_column_transformer(reg); }

}  // namespace skops::estimators
