// sklearn.impute: SimpleImputer (simple_imputer.cpp), MissingIndicator (missing_indicator.cpp).

#include "estimators/builtins.hpp"
#include "estimators/impute/internal.hpp"

namespace skops::estimators {

void register_impute(TypeRegistry& reg) {
  using namespace detail::impute;
  reg.add<SimpleImputer>("sklearn.impute._base.SimpleImputer", build_imputer, save_imputer);
  // A standalone MissingIndicator; SimpleImputer's indicator_ one is read by its builder.
  reg.add<MissingIndicator>("sklearn.impute._base.MissingIndicator", build_indicator,
                            save_indicator);
  // Read directly by the builder (SimpleImputer._fit_dtype).
  reg.add_helper_types({"numpy.dtype"});
}

}  // namespace skops::estimators
