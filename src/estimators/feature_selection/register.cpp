// Registrations of the feature_selection family (module paths are the same in
// scikit-learn 1.2 to 1.4).

#include "estimators/builtins.hpp"
#include "estimators/feature_selection/internal.hpp"

namespace skops::estimators {

void register_feature_selection(TypeRegistry& reg) {
  for (SelectorKind kind :
       {SelectorKind::KBest, SelectorKind::Percentile, SelectorKind::Fpr, SelectorKind::Fdr,
        SelectorKind::Fwe, SelectorKind::Generic, SelectorKind::VarianceThreshold}) {
    reg.add<FeatureSelector>(
        detail::feature_selection::type_name(kind),
        [kind](const ObjectView& obj) { return detail::feature_selection::build_selector(kind, obj); }, detail::feature_selection::save_selector);
  }
  // Wrapper selectors: the same module paths in 1.2.1 and 1.4.2.
  for (const auto& [type, has_estimator] :
       {std::pair<std::string, bool>{"sklearn.feature_selection._rfe.RFE", true},
        {"sklearn.feature_selection._rfe.RFECV", true},
        {"sklearn.feature_selection._sequential.SequentialFeatureSelector", false}}) {
    reg.add<WrapperFeatureSelector>(
        type,
        [type = type, has = has_estimator](const ObjectView& obj) {
          return detail::feature_selection::build_wrapper(type, has, obj);
        },
        detail::feature_selection::save_wrapper);
  }
  reg.add<WrapperFeatureSelector>("sklearn.feature_selection._from_model.SelectFromModel",
                                  detail::feature_selection::build_from_model,
                                  detail::feature_selection::save_from_model);
  // score_func of the univariate selectors: a reference to one of these functions, kept
  // and written back, never called.
  reg.add_helper_types(detail::feature_selection::score_function_types());
}

}  // namespace skops::estimators
