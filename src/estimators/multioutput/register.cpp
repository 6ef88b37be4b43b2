// sklearn.multioutput: MultiOutputRegressor and MultiOutputClassifier (multi_output.cpp),
// ClassifierChain and RegressorChain (chain.cpp).

#include "estimators/builtins.hpp"
#include "estimators/multioutput/internal.hpp"

namespace skops::estimators {

void register_multioutput(TypeRegistry& reg) {
  using namespace detail::multioutput;
  reg.add<Chain>("sklearn.multioutput.ClassifierChain", build_chain, save_chain);
  reg.add<MultiOutput>("sklearn.multioutput.MultiOutputClassifier", build_multi_output,
                       save_multi_output);
  reg.add<MultiOutput>("sklearn.multioutput.MultiOutputRegressor", build_multi_output,
                       save_multi_output);
  reg.add<Chain>("sklearn.multioutput.RegressorChain", build_chain, save_chain);
}

}  // namespace skops::estimators
