// sklearn.impute: SimpleImputer (simple_imputer.cpp), MissingIndicator (missing_indicator.cpp),
// IterativeImputer (iterative_imputer.cpp).

#include "estimators/builtins.hpp"
#include "estimators/impute/internal.hpp"

namespace skops::estimators {

void register_impute(TypeRegistry& reg) {
  using namespace detail::impute;
  reg.add<SimpleImputer>("sklearn.impute._base.SimpleImputer", build_imputer, save_imputer);
  // A standalone MissingIndicator; SimpleImputer's indicator_ one is read by its builder.
  reg.add<MissingIndicator>("sklearn.impute._base.MissingIndicator", build_indicator,
                            save_indicator);
  reg.add<IterativeImputer>("sklearn.impute._iterative.IterativeImputer", build_iterative,
                            save_iterative);
  // Read directly by the builders: SimpleImputer._fit_dtype; the items of IterativeImputer's
  // imputation_sequence_, a namedtuple stored as a TupleNode of that class (its three items
  // are audited as nodes of their own, and the builder accepts exactly that shape).
  reg.add_helper_types({"numpy.dtype", "sklearn.impute._iterative._ImputerTriplet"});
}

}  // namespace skops::estimators
