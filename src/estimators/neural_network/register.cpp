// Registrations of the neural_network family (module paths are the same in scikit-learn
// 1.2 to 1.4).

#include "estimators/more_families.hpp"
#include "estimators/neural_network/internal.hpp"

namespace skops::estimators {

void register_neural_network(TypeRegistry& reg) {
  reg.add<MLP>(
      nn::kClassifierType, [](const ObjectView& obj) { return nn::build_mlp(obj, true); },
      nn::save_mlp);
  reg.add<MLP>(
      nn::kRegressorType, [](const ObjectView& obj) { return nn::build_mlp(obj, false); },
      nn::save_mlp);
  // Training state kept verbatim in the files (never built): the solver's optimizer and the
  // classifier's label binarizer (read directly by build_mlp).
  reg.add_helper_types({"sklearn.neural_network._stochastic_optimizers.AdamOptimizer",
                        "sklearn.neural_network._stochastic_optimizers.SGDOptimizer",
                        "sklearn.preprocessing._label.LabelBinarizer"});
}

}  // namespace skops::estimators
