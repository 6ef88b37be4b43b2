#pragma once
// Shared pieces of the feature_selection family: type names, validation, the support mask,
// build/save.

#include <memory>
#include <vector>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/feature_selection.hpp"

namespace skops::estimators::detail::feature_selection {

/// sklearn.feature_selection.<module>.<Class> of a kind.
const char* type_name(SelectorKind kind) noexcept;
/// The score functions a file may name (trusted as helpers; never called).
std::vector<std::string> score_function_types();

/// Every invariant the mask and transform rely on.
void validate(const SelectorParams& p, const detail::Fail& fail);
/// `_get_support_mask` of the selector.
std::vector<bool> support_mask(const SelectorParams& p);

std::unique_ptr<FeatureSelector> build_selector(SelectorKind kind, const ObjectView& obj);
void save_selector(const FeatureSelector& est, ObjectWriter& w);

// wrapper.cpp: RFE, RFECV (with estimator_) and SequentialFeatureSelector (without).
std::unique_ptr<WrapperFeatureSelector> build_wrapper(const std::string& type, bool has_estimator,
                                                      const ObjectView& obj);
void save_wrapper(const WrapperFeatureSelector& est, ObjectWriter& w);
// from_model.cpp: SelectFromModel, a transform-only WrapperFeatureSelector whose mask comes
// from estimator_.coef_, threshold and max_features.
std::unique_ptr<WrapperFeatureSelector> build_from_model(const ObjectView& obj);
void save_from_model(const WrapperFeatureSelector& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::feature_selection
