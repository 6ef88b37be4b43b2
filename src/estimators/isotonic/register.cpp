// sklearn.isotonic: IsotonicRegression (isotonic_regression.cpp).

#include "estimators/builtins.hpp"
#include "estimators/isotonic/internal.hpp"

namespace skops::estimators {

void register_isotonic(TypeRegistry& reg) {
  using namespace detail::isotonic;
  reg.add<IsotonicRegression>("sklearn.isotonic.IsotonicRegression", build_isotonic_regression,
                              save_isotonic_regression);
}

}  // namespace skops::estimators
