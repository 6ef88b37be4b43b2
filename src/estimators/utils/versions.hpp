#pragma once
// The scikit-learn version a file's object was fitted with (`_sklearn_version`): node
// layouts, tree values and prediction formulas change with it. One rule for every builder;
// writers ask their SaveContext for the target version instead.

#include "skops/object_view.hpp"
#include "skops/sklearn_version.hpp"

namespace skops::estimators::detail {

/// The object's `_sklearn_version`. A missing attribute means a file not written by
/// scikit-learn's pickling (which always records it): 0.0.0, the oldest semantics. A value
/// that is not a str, or a str that is not a version, is a ValidationError at the attribute.
SklearnVersion file_version(const ObjectView& obj);

/// file_version(obj) is major.minor.patch or later.
bool file_at_least(const ObjectView& obj, int major, int minor, int patch = 0);

}  // namespace skops::estimators::detail
