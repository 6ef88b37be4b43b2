// sklearn.pipeline: Pipeline (pipeline.cpp) and FeatureUnion (feature_union.cpp).

#include "estimators/builtins.hpp"
#include "estimators/pipeline/steps.hpp"

namespace skops::estimators {

void register_pipeline(TypeRegistry& reg) {
  detail::pipeline::register_pipeline(reg);
  detail::pipeline::register_feature_union(reg);
}

}  // namespace skops::estimators
