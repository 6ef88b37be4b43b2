// feature_importances_ of tree-based estimators, as scikit-learn's properties compute it
// (SelectFromModel's importance_getter="auto" when the estimator has no coef_). Same code
// in 1.2.1 and 1.4.2:
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/tree/_classes.py
//   (BaseDecisionTree.feature_importances_: tree_.compute_feature_importances())
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/ensemble/_forest.py
//   (BaseForest.feature_importances_: the trees with node_count > 1, np.mean(axis=0) of
//   their normalised importances, divided by np.sum; all zeros when no tree qualifies)
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/ensemble/_gb.py
//   (BaseGradientBoosting.feature_importances_: the same over every stage tree, stage by
//   stage, with unnormalised importances)
// np.mean(list, axis=0) reduces the stacked (n_trees, n_features) array along its outer axis,
// which numpy does one row after another (no pairwise blocks) when n_features > 1, then
// divides by the count (checked against numpy for 3 to 1000 trees).

#include "estimators/ensemble/gradient_boosting.hpp"
#include "estimators/tree/flat_tree.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/error.hpp"
#include "skops/estimators/ensemble.hpp"
#include "skops/estimators/feature_selection.hpp"
#include "skops/estimators/tree.hpp"

namespace skops::estimators {

namespace {

// The importances of the trees with more than one node, averaged and normalised; zeros of
// n_features when there is none.
std::vector<double> ensemble_importances(const std::vector<const detail::FlatTree*>& trees,
                                         std::int64_t n_features, bool normalize_each) {
  if (n_features < 0 && !trees.empty()) n_features = trees.front()->n_features();
  if (n_features < 0) throw ValidationError("feature importances: n_features_in_ unknown");
  std::vector<double> sum(static_cast<std::size_t>(n_features), 0.0);
  std::vector<double> single;  // n_features == 1: the column of per-tree values
  std::size_t used = 0;
  for (const detail::FlatTree* t : trees) {
    if (t->node_count() <= 1) continue;
    if (t->n_features() != n_features) {
      throw ValidationError("feature importances: the trees differ in n_features");
    }
    const std::vector<double> imp = t->compute_feature_importances(normalize_each);
    for (std::size_t j = 0; j < sum.size(); ++j) sum[j] = used == 0 ? imp[j] : sum[j] + imp[j];
    if (n_features == 1) single.push_back(imp[0]);
    ++used;
  }
  if (used == 0) return sum;
  // With one feature the stacked array is contiguous along the reduced axis and numpy sums
  // it pairwise, as np.sum of a 1-d array.
  if (n_features == 1) sum[0] = detail::numpy_sum(single.data(), static_cast<std::int64_t>(used));
  for (double& v : sum) v /= static_cast<double>(used);
  const double total = detail::numpy_sum(sum.data(), static_cast<std::int64_t>(sum.size()));
  // No guard: scikit-learn divides unconditionally (0/0 gives NaN, as there).
  for (double& v : sum) v /= total;
  return sum;
}

template <class Tree>
std::vector<const detail::FlatTree*> flat_trees(const std::vector<std::shared_ptr<const Tree>>& v) {
  std::vector<const detail::FlatTree*> out;
  out.reserve(v.size());
  for (const auto& t : v) out.push_back(&t->tree());
  return out;
}

}  // namespace

std::vector<double> feature_importances(const Estimator& est) {
  if (const auto* t = dynamic_cast<const DecisionTreeClassifier*>(&est))
    return t->tree().compute_feature_importances(true);
  if (const auto* t = dynamic_cast<const DecisionTreeRegressor*>(&est))
    return t->tree().compute_feature_importances(true);
  if (const auto* f = dynamic_cast<const ForestClassifier*>(&est))
    return ensemble_importances(flat_trees(f->trees()), f->n_features_in(), true);
  if (const auto* f = dynamic_cast<const ForestRegressor*>(&est))
    return ensemble_importances(flat_trees(f->trees()), f->n_features_in(), true);
  if (const auto* gb = dynamic_cast<const detail::ensemble::GradientBoosting*>(&est)) {
    std::vector<const detail::FlatTree*> trees;
    for (const EstimatorPtr& e : gb->tree_estimators()) {
      const auto* t = dynamic_cast<const DecisionTreeRegressor*>(e.get());
      if (t == nullptr) throw ValidationError("GradientBoosting: a stage estimator is not a tree");
      trees.push_back(&t->tree());
    }
    return ensemble_importances(trees, gb->n_features_in(), false);
  }
  throw UnsupportedError(est.type_name() + " has no feature_importances_ that skops-cpp computes");
}

}  // namespace skops::estimators
