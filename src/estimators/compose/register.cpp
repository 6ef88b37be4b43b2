// sklearn.compose: ColumnTransformer (column_transformer.cpp).

#include "estimators/builtins.hpp"
#include "estimators/compose/internal.hpp"

namespace skops::estimators {

void register_compose(TypeRegistry& reg) {
  using namespace detail::compose;
  reg.add<ColumnTransformer>("sklearn.compose._column_transformer.ColumnTransformer",
                             build_column_transformer, save_column_transformer);
}

}  // namespace skops::estimators
