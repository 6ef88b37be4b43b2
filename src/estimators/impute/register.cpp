// sklearn.impute: SimpleImputer (simple_imputer.cpp).

#include "estimators/builtins.hpp"

namespace skops::estimators {

namespace detail::impute {
void register_simple_imputer(TypeRegistry& reg);  // SimpleImputer, MissingIndicator (helper)
}  // namespace detail::impute

void register_impute(TypeRegistry& reg) { detail::impute::register_simple_imputer(reg); }

}  // namespace skops::estimators
