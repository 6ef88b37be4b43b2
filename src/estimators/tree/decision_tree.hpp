#pragma once
// Internal interface of the tree family: traversal helpers shared with the ensembles, and
// the build/save functions registered in register.cpp.

#include <cstdint>
#include <memory>
#include <vector>

#include "estimators/tree/flat_tree.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/tree.hpp"

namespace skops::estimators::detail::tree {

/// Leaf id of every row of a float32 row-major matrix.
std::vector<std::int32_t> leaves(const detail::FlatTree& tree, const std::vector<float>& x32,
                                 Eigen::Index rows, Eigen::Index cols);
/// Adds the class probabilities of `leaf` for `output` to row[0..n_classes): the values as
/// they are when `fractions` (scikit-learn >= 1.4.1), else normalised to sum 1.
void add_proba(const detail::FlatTree& tree, std::int32_t leaf, std::int64_t output,
               std::int64_t n_classes, bool fractions, double* row);

/// Whether a tree estimator routes NaN (scikit-learn >= 1.3 `_support_missing_values`):
/// the node layout has missing_go_to_left, splitter "best", a criterion that supports
/// missing values, no monotonic constraints.
bool tree_allows_nan(const ObjectView& obj, const detail::FlatTree& tree, bool classifier);

std::unique_ptr<DecisionTreeClassifier> build_classifier(const ObjectView& obj);
std::unique_ptr<DecisionTreeRegressor> build_regressor(const ObjectView& obj);
void save_classifier(const DecisionTreeClassifier& est, ObjectWriter& w);
void save_regressor(const DecisionTreeRegressor& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::tree
