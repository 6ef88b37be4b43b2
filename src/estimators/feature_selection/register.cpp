// Registrations of the feature_selection family (module paths are the same in
// scikit-learn 1.2 to 1.4).

#include "estimators/feature_selection/internal.hpp"
#include "estimators/more_families.hpp"

namespace skops::estimators {

void register_feature_selection(TypeRegistry& reg) {
  for (SelectorKind kind :
       {SelectorKind::KBest, SelectorKind::Percentile, SelectorKind::Fpr, SelectorKind::Fdr,
        SelectorKind::Fwe, SelectorKind::Generic, SelectorKind::VarianceThreshold}) {
    reg.add<FeatureSelector>(
        fs::type_name(kind),
        [kind](const ObjectView& obj) { return fs::build_selector(kind, obj); }, fs::save_selector);
  }
  // score_func of the univariate selectors: a reference to one of these functions, kept
  // and written back, never called.
  reg.add_helper_types(fs::score_function_types());
}

}  // namespace skops::estimators
