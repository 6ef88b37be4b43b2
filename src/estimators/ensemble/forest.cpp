// RandomForest/ExtraTrees classifiers and regressors: sklearn/ensemble/_forest.py
// (ForestClassifier.predict_proba sums the trees' predict_proba in order, then divides by
// the number of trees; ForestRegressor.predict likewise with predict).

#include "estimators/ensemble/forest.hpp"

#include "estimators/utils/versions.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/tree/decision_tree.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::FlatTree;
using detail::ValueRow;

namespace {

NdArray forest_apply(const std::vector<const FlatTree*>& trees, const std::vector<float>& x32,
                     Eigen::Index rows, Eigen::Index cols) {
  return NdArray::from_vector(
      detail::leaf_ids(trees, x32, rows, cols),
      {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(trees.size())});
}

// The leaf of each tree for a one-row X (all trees walked together: FlatTree::row_leaves);
// empty for any other row count, which goes tree by tree over the rows.
template <class Trees>
std::vector<std::int32_t> one_row_leaves(const Trees& trees, const std::vector<float>& x32,
                                         Eigen::Index rows, Eigen::Index cols) {
  if (rows != 1) return {};
  std::vector<const FlatTree*> flat;
  flat.reserve(trees.size());
  for (const auto& t : trees) flat.push_back(&t->tree());
  std::vector<std::int32_t> out(flat.size());
  FlatTree::row_leaves(flat.data(), flat.size(), x32.data(), cols, out.data());
  return out;
}

}  // namespace

// --- classifier ------------------------------------------------------------------------

ForestClassifier::ForestClassifier(std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees,
                                   std::vector<NdArray> classes, bool multi_output_classes)
    : trees_(std::move(trees)), classes_(std::move(classes)), multi_output_(multi_output_classes) {
  set_n_features_in(trees_.front()->n_features_in());
}

bool ForestClassifier::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba ||
         m == Method::Apply;
}

std::vector<Matrix> ForestClassifier::predict_proba_outputs(const MatrixView& X) const {
  check_input(X);
  const auto x32 = detail::to_float32_rows(X, trees_.front()->allow_nan());
  const FlatTree& first = trees_.front()->tree();
  std::vector<Matrix> out;
  for (std::int64_t k = 0; k < first.n_outputs(); ++k) {
    out.push_back(Matrix::Zero(X.rows(), first.n_classes()[static_cast<std::size_t>(k)]));
  }
  const std::vector<std::int32_t> one_row = one_row_leaves(trees_, x32, X.rows(), X.cols());
  std::vector<std::int32_t> leaves(static_cast<std::size_t>(X.rows()));
  for (std::size_t e = 0; e < trees_.size(); ++e) {
    const auto& est = trees_[e];
    const FlatTree& t = est->tree();
    if (one_row.empty()) {
      t.leaves(x32.data(), X.rows(), X.cols(), leaves.data());
    } else {
      leaves[0] = one_row[e];
    }
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      const std::int32_t leaf = leaves[static_cast<std::size_t>(i)];
      for (std::int64_t k = 0; k < t.n_outputs(); ++k) {
        Matrix& p = out[static_cast<std::size_t>(k)];
        detail::tree::add_proba(t, leaf, k, p.cols(), est->values_are_fractions(), p.row(i).data());
      }
    }
  }
  const double n = static_cast<double>(trees_.size());
  for (Matrix& p : out) p /= n;
  return out;
}

NdArray ForestClassifier::run(Method m, const MatrixView& X) const {
  switch (m) {
    case Method::Predict: {
      const auto probas = predict_proba_outputs(X);
      const auto n_out = static_cast<std::int64_t>(probas.size());
      std::vector<std::int64_t> idx(static_cast<std::size_t>(X.rows() * n_out));
      for (std::int64_t k = 0; k < n_out; ++k) {
        const Matrix& p = probas[static_cast<std::size_t>(k)];
        for (Eigen::Index i = 0; i < X.rows(); ++i)
          idx[static_cast<std::size_t>(i * n_out + k)] = detail::argmax(p.row(i).data(), p.cols());
      }
      if (n_out == 1) return detail::take_labels(classes_[0], idx);
      return detail::take_labels_2d(classes_, idx, X.rows());
    }
    case Method::PredictProba:
    case Method::PredictLogProba: {
      if (trees_.front()->tree().n_outputs() != 1) {
        throw UnsupportedError(std::string(to_string(m)) +
                               " of a multi-output forest returns one array per output; "
                               "use predict_proba_outputs");
      }
      const auto p = predict_proba_outputs(X);
      return m == Method::PredictProba ? to_ndarray(p[0]) : to_ndarray(detail::log_of(p[0]));
    }
    case Method::Apply: {
      check_input(X);
      const auto x32 = detail::to_float32_rows(X, trees_.front()->allow_nan());
      std::vector<const FlatTree*> flat;
      for (const auto& t : trees_) flat.push_back(&t->tree());
      return forest_apply(flat, x32, X.rows(), X.cols());
    }
    default:
      throw UnsupportedError(type_name() + " has no method " + to_string(m));
  }
}

// --- regressor -------------------------------------------------------------------------

ForestRegressor::ForestRegressor(std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees)
    : trees_(std::move(trees)) {
  set_n_features_in(trees_.front()->n_features_in());
}

bool ForestRegressor::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::Apply;
}

NdArray ForestRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict && m != Method::Apply)
    throw UnsupportedError(type_name() + " has no method " + to_string(m));
  check_input(X);
  const auto x32 = detail::to_float32_rows(X, trees_.front()->allow_nan());
  if (m == Method::Apply) {
    std::vector<const FlatTree*> flat;
    for (const auto& t : trees_) flat.push_back(&t->tree());
    return forest_apply(flat, x32, X.rows(), X.cols());
  }
  const std::int64_t n_out = trees_.front()->tree().n_outputs();
  const auto rows = static_cast<std::int64_t>(X.rows());
  std::vector<double> y(static_cast<std::size_t>(rows * n_out), 0.0);
  const std::vector<std::int32_t> one_row = one_row_leaves(trees_, x32, X.rows(), X.cols());
  std::vector<std::int32_t> leaves(static_cast<std::size_t>(rows));
  for (std::size_t e = 0; e < trees_.size(); ++e) {
    const FlatTree& t = trees_[e]->tree();
    if (one_row.empty()) {
      t.leaves(x32.data(), rows, X.cols(), leaves.data());
    } else {
      leaves[0] = one_row[e];
    }
    for (std::int64_t i = 0; i < rows; ++i) {
      const ValueRow v = t.value(leaves[static_cast<std::size_t>(i)]);
      for (std::int64_t k = 0; k < n_out; ++k) y[static_cast<std::size_t>(i * n_out + k)] += v[k];
    }
  }
  const double n = static_cast<double>(trees_.size());
  for (double& v : y) v /= n;
  if (n_out == 1) return NdArray::from_vector(y);
  return NdArray::from_vector(y, {rows, n_out});
}

// --- build / save ----------------------------------------------------------------------

namespace detail::ensemble {
namespace {

template <class Tree>
std::vector<std::shared_ptr<const Tree>> read_trees(const ObjectView& obj, std::int64_t n_features,
                                                    const char* what) {
  const ValueView list = obj.at("estimators_");
  std::vector<std::shared_ptr<const Tree>> trees;
  const std::vector<ValueView> items = list.items();
  const std::vector<EstimatorPtr> built = list.estimators();  // trees validated in parallel
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ValueView& item = items[i];
    auto est = std::dynamic_pointer_cast<const Tree>(built[i]);
    if (!est) item.fail(std::string("estimators_ item is not a ") + what);
    if (est->n_features_in() != n_features) {
      item.fail("tree has " + std::to_string(est->n_features_in()) + " features, the forest " +
                std::to_string(n_features));
    }
    trees.push_back(std::move(est));
  }
  if (trees.empty()) list.fail("estimators_ is empty");
  return trees;
}

}  // namespace

std::unique_ptr<ForestClassifier> build_forest_classifier(const ObjectView& obj) {
  const std::int64_t n_features = obj.integer("n_features_in_");
  auto trees = read_trees<DecisionTreeClassifier>(obj, n_features, "tree classifier");
  const std::int64_t n_outputs = obj.integer("n_outputs_");
  bool multi = false;
  const ValueView cv = obj.at("classes_");
  auto classes = detail::read_class_sets(cv, n_outputs, multi);
  for (const auto& t : trees) {
    if (t->tree().n_outputs() != n_outputs)
      obj.fail("a tree's n_outputs differs from the forest's n_outputs_");
    for (std::size_t k = 0; k < classes.size(); ++k) {
      if (t->tree().n_classes()[k] != classes[k].dim(0)) {
        cv.fail("a tree has " + std::to_string(t->tree().n_classes()[k]) + " classes for output " +
                std::to_string(k) + ", classes_ has " + std::to_string(classes[k].dim(0)));
      }
    }
  }
  auto est = std::make_unique<ForestClassifier>(std::move(trees), std::move(classes), multi);
  est->set_type_name(obj.type_name());
  est->set_n_features_in(n_features);
  est->set_original_state(obj.state());
  return est;
}

std::unique_ptr<ForestRegressor> build_forest_regressor(const ObjectView& obj) {
  const std::int64_t n_features = obj.integer("n_features_in_");
  auto trees = read_trees<DecisionTreeRegressor>(obj, n_features, "tree regressor");
  const std::int64_t n_outputs = obj.integer("n_outputs_");
  for (const auto& t : trees) {
    if (t->tree().n_outputs() != n_outputs)
      obj.fail("a tree's n_outputs differs from the forest's n_outputs_");
  }
  auto est = std::make_unique<ForestRegressor>(std::move(trees));
  est->set_type_name(obj.type_name());
  est->set_n_features_in(n_features);
  est->set_original_state(obj.state());
  return est;
}

namespace {

void write_forest_params(ObjectWriter& w, std::int64_t n_trees, bool classifier, bool extra) {
  const bool v14 = w.ctx().target_at_least(1, 4, 0);
  w.set_default("n_estimators", make::integer(n_trees));
  w.set_default("bootstrap", make::boolean(!extra));
  w.set_default("oob_score", make::boolean(false));
  w.set_default("n_jobs", make::none());
  w.set_default("random_state", make::none());
  w.set_default("verbose", make::integer(0));
  w.set_default("warm_start", make::boolean(false));
  if (classifier) w.set_default("class_weight", make::none());
  w.set_default("max_samples", make::none());
  w.set_default("criterion", make::str(classifier ? "gini" : "squared_error"));
  w.set_default("max_depth", make::none());
  w.set_default("min_samples_split", make::integer(2));
  w.set_default("min_samples_leaf", make::integer(1));
  w.set_default("min_weight_fraction_leaf", make::real(0.0));
  w.set_default("max_features", classifier ? make::str("sqrt") : make::real(1.0));
  w.set_default("max_leaf_nodes", make::none());
  w.set_default("min_impurity_decrease", make::real(0.0));
  w.set_default("ccp_alpha", make::real(0.0));
  if (v14) w.set_default("monotonic_cst", make::none());
}

}  // namespace

void save_forest_classifier(const ForestClassifier& est, ObjectWriter& w) {
  const bool extra = est.type_name().find("ExtraTrees") != std::string::npos;
  write_forest_params(w, static_cast<std::int64_t>(est.trees().size()), true, extra);
  w.set_int("n_features_in_", est.n_features_in());
  const FlatTree& first = est.trees().front()->tree();
  w.set_int("n_outputs_", first.n_outputs());
  if (est.multi_output_classes()) {
    std::vector<NodePtr> items;
    std::vector<NodePtr> counts;
    for (const NdArray& c : est.classes()) {
      items.push_back(make::array(c));
      counts.push_back(make::integer(c.dim(0)));
    }
    w.set("classes_", make::list(items));
    w.set("n_classes_", make::list(counts));
  } else {
    w.set_array("classes_", est.classes()[0]);
    w.set_int("n_classes_", est.classes()[0].dim(0));
  }
  std::vector<NodePtr> trees;
  for (const auto& t : est.trees()) trees.push_back(w.ctx().save(*t));
  w.set("estimators_", make::list(trees));
}

void save_forest_regressor(const ForestRegressor& est, ObjectWriter& w) {
  const bool extra = est.type_name().find("ExtraTrees") != std::string::npos;
  write_forest_params(w, static_cast<std::int64_t>(est.trees().size()), false, extra);
  w.set_int("n_features_in_", est.n_features_in());
  w.set_int("n_outputs_", est.trees().front()->tree().n_outputs());
  std::vector<NodePtr> trees;
  for (const auto& t : est.trees()) trees.push_back(w.ctx().save(*t));
  w.set("estimators_", make::list(trees));
}

}  // namespace detail::ensemble

std::unique_ptr<ForestClassifier> ForestClassifier::from_trees(
    std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees, std::vector<NdArray> classes,
    bool extra) {
  if (trees.empty()) throw ValidationError("a forest needs at least one tree");
  for (const auto& t : trees) {
    if (!t || t->n_features_in() != trees.front()->n_features_in() ||
        t->tree().n_classes() != trees.front()->tree().n_classes()) {
      throw ValidationError("forest trees must agree in n_features and classes");
    }
  }
  if (classes.size() != trees.front()->tree().n_classes().size())
    throw ValidationError("one classes array per output");
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (classes[k].ndim() != 1 || classes[k].dim(0) != trees.front()->tree().n_classes()[k]) {
      throw ValidationError("classes of output " + std::to_string(k) +
                            " must be 1-d of length n_classes");
    }
  }
  const bool multi = classes.size() > 1;
  auto est = std::make_unique<ForestClassifier>(std::move(trees), std::move(classes), multi);
  est->set_type_name(extra ? "sklearn.ensemble._forest.ExtraTreesClassifier"
                           : "sklearn.ensemble._forest.RandomForestClassifier");
  return est;
}

std::unique_ptr<ForestRegressor> ForestRegressor::from_trees(
    std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees, bool extra) {
  if (trees.empty()) throw ValidationError("a forest needs at least one tree");
  for (const auto& t : trees) {
    if (!t || t->n_features_in() != trees.front()->n_features_in() ||
        t->tree().n_outputs() != trees.front()->tree().n_outputs()) {
      throw ValidationError("forest trees must agree in n_features and n_outputs");
    }
  }
  auto est = std::make_unique<ForestRegressor>(std::move(trees));
  est->set_type_name(extra ? "sklearn.ensemble._forest.ExtraTreesRegressor"
                           : "sklearn.ensemble._forest.RandomForestRegressor");
  return est;
}

}  // namespace skops::estimators
