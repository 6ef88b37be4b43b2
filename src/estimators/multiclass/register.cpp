// sklearn.multiclass: OneVsRestClassifier (one_vs_rest.cpp), OneVsOneClassifier (one_vs_one.cpp).

#include "estimators/builtins.hpp"
#include "estimators/multiclass/internal.hpp"

namespace skops::estimators {

void register_multiclass(TypeRegistry& reg) {
  using namespace detail::multiclass;
  reg.add<OneVsRestClassifier>("sklearn.multiclass.OneVsRestClassifier", build_one_vs_rest,
                               save_one_vs_rest);
  reg.add<OneVsOneClassifier>("sklearn.multiclass.OneVsOneClassifier", build_one_vs_one,
                              save_one_vs_one);
}

}  // namespace skops::estimators
