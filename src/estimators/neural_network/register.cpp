// Registrations of the neural_network family (module paths are the same in scikit-learn
// 1.2 to 1.4).

#include "estimators/builtins.hpp"
#include "estimators/neural_network/internal.hpp"

namespace skops::estimators {

void register_neural_network(TypeRegistry& reg) {
  reg.add<MLP>(
      detail::neural_network::kClassifierType, [](const ObjectView& obj) { return detail::neural_network::build_mlp(obj, true); },
      detail::neural_network::save_mlp);
  reg.add<MLP>(
      detail::neural_network::kRegressorType, [](const ObjectView& obj) { return detail::neural_network::build_mlp(obj, false); },
      detail::neural_network::save_mlp);
  // Training state kept verbatim in the files (never built): the solver's optimizer and the
  // classifier's label binarizer (read directly by build_mlp).
  reg.add_helper_types({"sklearn.neural_network._stochastic_optimizers.AdamOptimizer",
                        "sklearn.neural_network._stochastic_optimizers.SGDOptimizer",
                        "sklearn.preprocessing._label.LabelBinarizer"});
}

}  // namespace skops::estimators
