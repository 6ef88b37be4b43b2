// Building tree estimators from files, natively from arrays, and saving them.

#include <algorithm>

#include "estimators/utils/versions.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/tree/decision_tree.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::FlatTree;

namespace detail::tree {
namespace {

std::int64_t read_n_features(const ObjectView& obj) {
  std::optional<ValueView> v = obj.find("n_features_in_");
  if (!v) v = obj.find("n_features_");  // scikit-learn < 1.0
  if (!v) obj.fail("required attribute n_features_in_ missing");
  const std::int64_t n = v->as_int();
  if (n < 1 || n > std::numeric_limits<std::int32_t>::max())
    v->fail("n_features_in_ out of range: " + std::to_string(n));
  return n;
}

std::int64_t read_n_outputs(const ObjectView& obj, const FlatTree& tree) {
  std::int64_t n = tree.n_outputs();
  if (auto v = obj.find("n_outputs_")) {
    n = v->as_int();
    if (n != tree.n_outputs()) {
      v->fail("n_outputs_ " + std::to_string(n) + " differs from the tree's " +
              std::to_string(tree.n_outputs()));
    }
  }
  return n;
}

bool optional_str_is(const ObjectView& obj, const char* key,
                     std::initializer_list<const char*> values) {
  auto v = obj.find(key);
  if (!v || v->node().kind != NodeKind::Json || v->node().scalar != ScalarKind::Str) return false;
  const std::string s = v->as_str();
  return std::any_of(values.begin(), values.end(), [&](const char* x) { return s == x; });
}

// Hyper-parameters of a natively built tree (scikit-learn defaults), written only when
// absent so that loaded estimators keep theirs.
void write_default_params(ObjectWriter& w, bool classifier, bool extra) {
  const bool v14 = w.ctx().target_at_least(1, 4, 0);
  w.set_default("criterion", make::str(classifier ? "gini" : "squared_error"));
  w.set_default("splitter", make::str(extra ? "random" : "best"));
  w.set_default("max_depth", make::none());
  w.set_default("min_samples_split", make::integer(2));
  w.set_default("min_samples_leaf", make::integer(1));
  w.set_default("min_weight_fraction_leaf", make::real(0.0));
  if (extra) {
    w.set_default("max_features", classifier ? make::str("sqrt") : make::real(1.0));
  } else {
    w.set_default("max_features", make::none());
  }
  w.set_default("max_leaf_nodes", make::none());
  w.set_default("random_state", make::none());
  w.set_default("min_impurity_decrease", make::real(0.0));
  w.set_default("class_weight", make::none());
  w.set_default("ccp_alpha", make::real(0.0));
  if (v14) w.set_default("monotonic_cst", make::none());
}

NdArray int64_scalar(std::int64_t v) {
  return NdArray::from_vector(std::vector<std::int64_t>{v}, {});
}

}  // namespace

bool tree_allows_nan(const ObjectView& obj, const FlatTree& tree, bool classifier) {
  // sklearn/tree/_classes.py (>= 1.3): _support_missing_values = allow_nan tag and
  // monotonic_cst is None; the tag needs splitter "best" and a supported criterion.
  if (!tree.has_missing_layout()) return false;
  if (!optional_str_is(obj, "splitter", {"best"})) return false;
  const bool criterion_ok =
      classifier ? optional_str_is(obj, "criterion", {"gini", "log_loss", "entropy"})
                 : optional_str_is(obj, "criterion", {"squared_error", "friedman_mse", "poisson"});
  if (!criterion_ok) return false;
  auto mono = obj.find("monotonic_cst");
  return !mono || mono->is_none();
}

std::unique_ptr<DecisionTreeClassifier> build_classifier(const ObjectView& obj) {
  const std::int64_t n_features = read_n_features(obj);
  auto tree = FlatTree::from_node(obj.at("tree_"), n_features);
  const std::int64_t n_outputs = read_n_outputs(obj, *tree);
  bool multi = false;
  const ValueView cv = obj.at("classes_");
  std::vector<NdArray> classes = detail::read_class_sets(cv, n_outputs, multi);
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (classes[k].dim(0) != tree->n_classes()[k]) {
      cv.fail("classes_ has " + std::to_string(classes[k].dim(0)) + " labels for output " +
              std::to_string(k) + " but the tree has " + std::to_string(tree->n_classes()[k]) +
              " classes");
    }
  }
  const bool nan_ok = tree_allows_nan(obj, *tree, true);
  const bool fractions = detail::classifier_values_are_fractions(detail::file_version(obj));
  auto est =
      std::make_unique<DecisionTreeClassifier>(tree, std::move(classes), multi, nan_ok, fractions);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

std::unique_ptr<DecisionTreeRegressor> build_regressor(const ObjectView& obj) {
  const std::int64_t n_features = read_n_features(obj);
  auto tree = FlatTree::from_node(obj.at("tree_"), n_features);
  read_n_outputs(obj, *tree);
  if (tree->max_n_classes() != 1)
    obj.at("tree_").fail("tree: a regression tree must have n_classes 1 per output");
  const bool nan_ok = tree_allows_nan(obj, *tree, false);
  auto est = std::make_unique<DecisionTreeRegressor>(tree, nan_ok);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_classifier(const DecisionTreeClassifier& est, ObjectWriter& w) {
  const FlatTree& t = est.tree();
  const bool extra = est.type_name().find("ExtraTree") != std::string::npos;
  write_default_params(w, true, extra);
  w.set_int("n_features_in_", t.n_features());
  w.set_int("n_outputs_", t.n_outputs());
  if (est.multi_output_classes()) {
    std::vector<NodePtr> items;
    for (const NdArray& c : est.classes()) items.push_back(make::array(c));
    w.set("classes_", make::list(items));
    w.set_array("n_classes_", NdArray::from_vector(t.n_classes()));
  } else {
    w.set_array("classes_", est.classes()[0]);
    w.set("n_classes_", make::numpy_scalar(int64_scalar(t.n_classes()[0])));
  }
  w.set_default("max_features_", make::integer(t.n_features()));
  w.set("tree_", t.to_node(w.ctx().target(), true));
}

void save_regressor(const DecisionTreeRegressor& est, ObjectWriter& w) {
  const FlatTree& t = est.tree();
  const bool extra = est.type_name().find("ExtraTree") != std::string::npos;
  write_default_params(w, false, extra);
  w.set_int("n_features_in_", t.n_features());
  w.set_int("n_outputs_", t.n_outputs());
  w.set_default("max_features_", make::integer(t.n_features()));
  w.set("tree_", t.to_node(w.ctx().target(), false));
}

}  // namespace detail::tree

std::unique_ptr<DecisionTreeClassifier> DecisionTreeClassifier::from_arrays(
    const TreeArrays& tree, std::vector<NdArray> classes, bool extra) {
  auto flat = FlatTree::from_arrays(tree);
  if (classes.size() != tree.n_classes.size())
    throw ValidationError("one classes array per output is required");
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (classes[k].ndim() != 1 || classes[k].dim(0) != tree.n_classes[k]) {
      throw ValidationError("classes of output " + std::to_string(k) +
                            " must be 1-d of length n_classes");
    }
  }
  const bool multi = classes.size() > 1;
  auto est = std::make_unique<DecisionTreeClassifier>(flat, std::move(classes), multi,
                                                      flat->has_missing_layout());
  est->set_type_name(extra ? "sklearn.tree._classes.ExtraTreeClassifier"
                           : "sklearn.tree._classes.DecisionTreeClassifier");
  return est;
}

std::unique_ptr<DecisionTreeRegressor> DecisionTreeRegressor::from_arrays(const TreeArrays& tree,
                                                                          bool extra) {
  for (std::int64_t c : tree.n_classes) {
    if (c != 1) throw ValidationError("a regression tree has n_classes 1 per output");
  }
  auto flat = FlatTree::from_arrays(tree);
  auto est = std::make_unique<DecisionTreeRegressor>(flat, flat->has_missing_layout());
  est->set_type_name(extra ? "sklearn.tree._classes.ExtraTreeRegressor"
                           : "sklearn.tree._classes.DecisionTreeRegressor");
  return est;
}

}  // namespace skops::estimators
