// sklearn.impute: SimpleImputer (simple_imputer.cpp).

#include "estimators/builtins.hpp"
#include "estimators/impute/internal.hpp"

namespace skops::estimators {

void register_impute(TypeRegistry& reg) {
  using namespace detail::impute;
  reg.add<SimpleImputer>("sklearn.impute._base.SimpleImputer", build_imputer, save_imputer);
  // Read directly by the builder (SimpleImputer._fit_dtype, indicator_).
  reg.add_helper_types({"numpy.dtype", "sklearn.impute._base.MissingIndicator"});
}

}  // namespace skops::estimators
