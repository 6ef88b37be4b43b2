// sklearn.multiclass: OneVsRestClassifier (one_vs_rest.cpp), OneVsOneClassifier (one_vs_one.cpp),
// OutputCodeClassifier (output_code.cpp), and the _ConstantPredictor all three fit for a
// one-class column (constant_predictor.cpp).

#include "estimators/builtins.hpp"
#include "estimators/multiclass/internal.hpp"

namespace skops::estimators {

void register_multiclass(TypeRegistry& reg) {
  using namespace detail::multiclass;
  reg.add<OneVsOneClassifier>("sklearn.multiclass.OneVsOneClassifier", build_one_vs_one,
                              save_one_vs_one);
  reg.add<OneVsRestClassifier>("sklearn.multiclass.OneVsRestClassifier", build_one_vs_rest,
                               save_one_vs_rest);
  reg.add<OutputCodeClassifier>("sklearn.multiclass.OutputCodeClassifier", build_output_code,
                                save_output_code);
  reg.add<ConstantPredictor>("sklearn.multiclass._ConstantPredictor", build_constant_predictor,
                             save_constant_predictor);
}

}  // namespace skops::estimators
