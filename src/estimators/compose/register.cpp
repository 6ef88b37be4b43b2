// sklearn.compose: ColumnTransformer (column_transformer.cpp), TransformedTargetRegressor
// (target.cpp).

#include "estimators/builtins.hpp"
#include "estimators/compose/internal.hpp"

namespace skops::estimators {

void register_compose(TypeRegistry& reg) {
  using namespace detail::compose;
  reg.add<ColumnTransformer>("sklearn.compose._column_transformer.ColumnTransformer",
                             build_column_transformer, save_column_transformer);
  reg.add<TransformedTargetRegressor>("sklearn.compose._target.TransformedTargetRegressor",
                                      build_transformed_target, save_transformed_target);
}

}  // namespace skops::estimators
