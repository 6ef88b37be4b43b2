// The compose family: sklearn.pipeline (Pipeline, FeatureUnion) and
// sklearn.compose.ColumnTransformer.
#include "estimators/compose/internal.hpp"
#include "estimators/families.hpp"

namespace skops::estimators {

void register_compose(TypeRegistry& reg) {
  compose_detail::register_pipeline(reg);
  compose_detail::register_column_transformer(reg);
  compose_detail::register_feature_union(reg);
}

}  // namespace skops::estimators
