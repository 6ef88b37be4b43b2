// sklearn.semi_supervised: SelfTrainingClassifier (self_training.cpp).

#include "estimators/builtins.hpp"
#include "estimators/semi_supervised/internal.hpp"

namespace skops::estimators {

void register_semi_supervised(TypeRegistry& reg) {
  using namespace detail::semi_supervised;
  reg.add<SelfTrainingClassifier>("sklearn.semi_supervised._self_training.SelfTrainingClassifier",
                                  build_self_training, save_self_training);
}

}  // namespace skops::estimators
