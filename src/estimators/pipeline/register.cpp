// sklearn.pipeline: Pipeline (pipeline.cpp) and FeatureUnion (feature_union.cpp).

#include "estimators/builtins.hpp"
#include "estimators/pipeline/steps.hpp"

namespace skops::estimators {

void register_pipeline(TypeRegistry& reg) {
  using namespace detail::pipeline;
  reg.add<Pipeline>("sklearn.pipeline.Pipeline", build_pipeline, save_pipeline);
  reg.add<FeatureUnion>("sklearn.pipeline.FeatureUnion", build_feature_union, save_feature_union);
}

}  // namespace skops::estimators
