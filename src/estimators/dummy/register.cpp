// sklearn.dummy: DummyClassifier and DummyRegressor (dummy.cpp).

#include "estimators/builtins.hpp"
#include "estimators/dummy/internal.hpp"

namespace skops::estimators {

void register_dummy(TypeRegistry& reg) {
  using detail::dummy::Access;
  reg.add<DummyClassifier>("sklearn.dummy.DummyClassifier", Access::build_classifier,
                           Access::save_classifier);
  reg.add<DummyRegressor>("sklearn.dummy.DummyRegressor", Access::build_regressor,
                          Access::save_regressor);
}

}  // namespace skops::estimators
