// IsolationForest: sklearn/ensemble/_iforest.py (_compute_score_samples). For each tree in
// order, depths += path_length[leaf] + _average_path_length(n_node_samples[leaf]) - 1.0,
// where path_length counts the nodes from the root to the leaf (decision_path row sums in
// 1.2; the stored _decision_path_lengths from 1.3 on, likewise the stored
// _average_path_length_per_tree). score_samples = -2 ** (-depths / (n_trees *
// _average_path_length(max_samples))); decision_function = score_samples - offset_.

#include <cmath>
#include <cstring>

#include "estimators/tree/flat_tree.hpp"
#include "estimators/ensemble/meta.hpp"
#include "estimators/ensemble/base.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

constexpr double kEulerGamma = 0.5772156649015329;  // np.euler_gamma

// Nodes from the root to every node (root = 1): Tree.compute_node_depths.
std::vector<double> node_path_lengths(const detail::FlatTree& t) {
  std::vector<double> depth(static_cast<std::size_t>(t.node_count()), 0.0);
  depth[0] = 1.0;
  const auto& nodes = t.nodes();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].left >= 0) {
      depth[static_cast<std::size_t>(nodes[i].left)] = depth[i] + 1.0;
      depth[static_cast<std::size_t>(nodes[i].right)] = depth[i] + 1.0;
    }
  }
  return depth;
}

}  // namespace

double isolation_average_path_length(double n) {
  if (n <= 1) return 0.0;
  if (n == 2) return 1.0;
  return 2.0 * (std::log(n - 1.0) + kEulerGamma) - 2.0 * (n - 1.0) / n;
}

IsolationForest::IsolationForest(std::vector<Member> members, std::int64_t n_features,
                                 std::int64_t max_features, std::int64_t max_samples, double offset)
    : members_(std::move(members)),
      max_features_(max_features),
      max_samples_(max_samples),
      offset_(offset) {
  if (members_.empty()) throw ValidationError("IsolationForest needs at least one tree");
  if (n_features < 1) throw ValidationError("IsolationForest: n_features must be positive");
  for (std::size_t i = 0; i < members_.size(); ++i) {
    const Member& m = members_[i];
    const std::string where = "IsolationForest tree " + std::to_string(i) + ": ";
    if (!m.tree) throw ValidationError(where + "null tree");
    if (m.tree->tree().n_outputs() != 1) throw ValidationError(where + "must have one output");
    const std::int64_t seen =
        max_features_ != n_features ? static_cast<std::int64_t>(m.features.size()) : n_features;
    if (seen != m.tree->n_features_in()) {
      throw ValidationError(where + "sees " + std::to_string(seen) + " features, the tree has " +
                            std::to_string(m.tree->n_features_in()));
    }
    for (std::int64_t f : m.features) {
      if (f < 0 || f >= n_features) throw ValidationError(where + "feature index out of range");
    }
    const auto nodes = static_cast<std::size_t>(m.tree->tree().node_count());
    if (m.path_lengths.size() != nodes || m.average_path_length.size() != nodes)
      throw ValidationError(where + "per-node arrays must have node_count entries");
  }
  set_type_name("sklearn.ensemble._iforest.IsolationForest");
  set_n_features_in(n_features);
}

std::unique_ptr<IsolationForest> IsolationForest::from_trees(
    const std::vector<TreeArrays>& trees, std::vector<std::vector<std::int64_t>> features,
    std::int64_t n_features, std::int64_t max_features, std::int64_t max_samples, double offset) {
  if (features.size() != trees.size())
    throw ValidationError("IsolationForest: one feature list per tree");
  std::vector<Member> members;
  for (std::size_t i = 0; i < trees.size(); ++i) {
    Member m;
    m.tree = DecisionTreeRegressor::from_arrays(trees[i], true);
    if (trees[i].n_node_samples.size() != static_cast<std::size_t>(m.tree->tree().node_count()))
      throw ValidationError("IsolationForest: each tree needs n_node_samples for every node");
    m.features = std::move(features[i]);
    m.path_lengths = node_path_lengths(m.tree->tree());
    for (std::int64_t c : trees[i].n_node_samples)
      m.average_path_length.push_back(isolation_average_path_length(static_cast<double>(c)));
    members.push_back(std::move(m));
  }
  auto est = std::make_unique<IsolationForest>(std::move(members), n_features, max_features,
                                               max_samples, offset);
  est->set_type_name("sklearn.ensemble._iforest.IsolationForest");
  return est;
}

bool IsolationForest::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::DecisionFunction || m == Method::ScoreSamples;
}

Eigen::VectorXd IsolationForest::score_samples_vector(const MatrixView& X) const {
  // _validate_data (force_all_finite=True), then each tree sees X[:, features] as float32.
  check_finite_input(X);
  const Eigen::Index n = X.rows();
  Eigen::VectorXd depths = Eigen::VectorXd::Zero(n);
  const bool subsample = max_features_ != n_features_in();
  const auto x32_all = subsample ? std::vector<float>() : detail::to_float32_rows(X, false);
  for (const Member& m : members_) {
    const Matrix sub = subsample ? detail::ensemble::take_columns(X, m.features) : Matrix();
    const auto x32 = subsample ? detail::to_float32_rows(sub, false) : std::vector<float>();
    const float* rows = subsample ? x32.data() : x32_all.data();
    const Eigen::Index cols = subsample ? sub.cols() : X.cols();
    const detail::FlatTree& t = m.tree->tree();
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto leaf = static_cast<std::size_t>(t.leaf(rows + i * cols));
      depths(i) += m.path_lengths[leaf] + m.average_path_length[leaf] - 1.0;
    }
  }
  const double denominator = static_cast<double>(members_.size()) *
                             isolation_average_path_length(static_cast<double>(max_samples_));
  Eigen::VectorXd scores(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    // np.divide(..., out=ones, where=denominator != 0)
    const double ratio = denominator != 0 ? depths(i) / denominator : 1.0;
    scores(i) = -std::pow(2.0, -ratio);
  }
  return scores;
}

NdArray IsolationForest::run(Method m, const MatrixView& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  Eigen::VectorXd s = score_samples_vector(X);
  if (m == Method::ScoreSamples) return to_ndarray(s);
  s.array() -= offset_;
  if (m == Method::DecisionFunction) return to_ndarray(s);
  std::vector<std::int64_t> inlier(static_cast<std::size_t>(s.size()));
  for (Eigen::Index i = 0; i < s.size(); ++i)
    inlier[static_cast<std::size_t>(i)] = s(i) < 0 ? -1 : 1;
  return NdArray::from_vector(inlier);
}

// --- build / save ----------------------------------------------------------------------

namespace detail::ensemble {
namespace {

// n_node_samples of the tree_ of an ExtraTreeRegressor node (scikit-learn 1.2 files, which
// do not store _average_path_length_per_tree).
std::vector<std::int64_t> node_samples(const ValueView& item, std::int64_t node_count) {
  const ObjectView est(item.ptr(), item.ctx());
  const ValueView tree = est.at("tree_");
  const NodePtr content = tree.node().child("content");
  if (!content) tree.fail("tree: state missing");
  const ValueView nodes_v = ValueView(content, item.ctx()).at("nodes");
  const NdArray nodes = nodes_v.as_array();
  const DTypeField* f = nodes.dtype().field("n_node_samples");
  if (!f || !f->type || f->type->kind() != DTypeKind::Int || f->type->itemsize() != 8 ||
      nodes.ndim() != 1 || nodes.dim(0) != node_count) {
    nodes_v.fail("tree nodes lack an int64 n_node_samples field");
  }
  std::vector<std::int64_t> out(static_cast<std::size_t>(node_count));
  const std::size_t item_size = nodes.dtype().itemsize();
  for (std::int64_t i = 0; i < node_count; ++i) {
    std::memcpy(&out[static_cast<std::size_t>(i)],
                nodes.bytes() + static_cast<std::size_t>(i) * item_size + f->offset, 8);
  }
  return out;
}

std::vector<std::vector<double>> per_tree_arrays(const ValueView& v, std::size_t count,
                                                 const char* name) {
  const auto items = v.items();
  if (items.size() != count) v.fail(std::string(name) + " must have one array per tree");
  std::vector<std::vector<double>> out;
  for (const ValueView& item : items) {
    const NdArray a = item.as_array();
    if (a.ndim() != 1) item.fail(std::string(name) + " entries must be 1-d");
    out.push_back(item.as_doubles());
  }
  return out;
}

}  // namespace

std::unique_ptr<IsolationForest> build_isolation_forest(const ObjectView& obj) {
  const std::int64_t n_features = obj.integer("n_features_in_");
  if (n_features < 1) obj.at("n_features_in_").fail("n_features_in_ must be positive");
  const ValueView list = obj.at("estimators_");
  const auto items = list.items();
  if (items.empty()) list.fail("estimators_ is empty");
  auto features = read_feature_lists(obj, "estimators_features_", items.size(), n_features);
  const std::int64_t max_features = obj.integer("_max_features");

  const auto apl_v = obj.find("_average_path_length_per_tree");
  const auto dpl_v = obj.find("_decision_path_lengths");
  if (apl_v.has_value() != dpl_v.has_value())
    obj.fail("_average_path_length_per_tree and _decision_path_lengths come together");
  const bool stored = apl_v.has_value();
  std::vector<std::vector<double>> apl, dpl;
  if (stored) {
    apl = per_tree_arrays(*apl_v, items.size(), "_average_path_length_per_tree");
    dpl = per_tree_arrays(*dpl_v, items.size(), "_decision_path_lengths");
  }
  // scikit-learn >= 1.3 divides by _average_path_length([_max_samples]), 1.2 by max_samples_.
  const std::int64_t max_samples = obj.integer(stored ? "_max_samples" : "max_samples_");

  const std::vector<EstimatorPtr> built = list.estimators();  // trees in parallel
  std::vector<IsolationForest::Member> members;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto tree = std::dynamic_pointer_cast<const DecisionTreeRegressor>(built[i]);
    if (!tree) items[i].fail("estimators_ item is not a tree regressor");
    IsolationForest::Member m;
    m.features = std::move(features[i]);
    // _compute_chunked_score_samples subsamples only when _max_features != n_features.
    const std::int64_t seen =
        max_features != n_features ? static_cast<std::int64_t>(m.features.size()) : n_features;
    if (tree->n_features_in() != seen) {
      items[i].fail("tree has " + std::to_string(tree->n_features_in()) + " features, expected " +
                    std::to_string(seen));
    }
    const std::int64_t nodes = tree->tree().node_count();
    if (stored) {
      m.average_path_length = std::move(apl[i]);
      m.path_lengths = std::move(dpl[i]);
      if (static_cast<std::int64_t>(m.path_lengths.size()) != nodes ||
          static_cast<std::int64_t>(m.average_path_length.size()) != nodes) {
        items[i].fail("stored per-node path lengths do not match the tree's node_count");
      }
    } else {
      m.path_lengths = node_path_lengths(tree->tree());
      for (std::int64_t c : node_samples(items[i], nodes))
        m.average_path_length.push_back(isolation_average_path_length(static_cast<double>(c)));
    }
    m.tree = std::move(tree);
    members.push_back(std::move(m));
  }
  auto est = std::make_unique<IsolationForest>(std::move(members), n_features, max_features,
                                               max_samples, obj.real("offset_"));
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_isolation_forest(const IsolationForest& est, ObjectWriter& w) {
  const bool v13 = w.ctx().target_at_least(1, 3);
  const bool v14 = w.ctx().target_at_least(1, 4);
  std::vector<EstimatorPtr> trees;
  std::vector<NodePtr> features, apl, dpl;
  for (const auto& m : est.members()) {
    trees.push_back(m.tree);
    features.push_back(make::array(NdArray::from_vector(m.features)));
    apl.push_back(make::array(NdArray::from_vector(m.average_path_length)));
    std::vector<std::int64_t> d(m.path_lengths.begin(), m.path_lengths.end());
    dpl.push_back(make::array(NdArray::from_vector(d)));
  }
  NodePtr list = save_estimator_list(w, trees);
  w.set_default("estimator", list->items.front());
  w.set_default("n_estimators", make::integer(static_cast<std::int64_t>(trees.size())));
  w.set_default("estimator_params", make::tuple({}));
  if (!v14) w.set_default("base_estimator", make::str("deprecated"));
  w.set_default("max_samples", make::str("auto"));
  w.set_default("max_features", make::real(1.0));
  w.set_default("bootstrap", make::boolean(false));
  w.set_default("bootstrap_features", make::boolean(false));
  w.set_default("oob_score", make::boolean(false));
  w.set_default("warm_start", make::boolean(false));
  w.set_default("n_jobs", make::none());
  w.set_default("random_state", make::none());
  w.set_default("verbose", make::integer(0));
  w.set_default("contamination", make::str("auto"));
  w.set_int("n_features_in_", est.n_features_in());
  w.set_default("max_samples_", make::integer(est.max_samples()));
  w.set_default(v14 ? "estimator_" : "_estimator", list->items.front());
  w.set_default("_max_samples", make::integer(est.max_samples()));
  w.set_int("_max_features", est.max_features());
  w.set("estimators_", list);
  w.set("estimators_features_", make::list(features));
  // Loaded estimators keep their layout; native ones follow the target version.
  const NodePtr& orig = est.original_state();
  if (orig ? orig->get("_decision_path_lengths") != nullptr : v13) {
    w.set("_average_path_length_per_tree", make::tuple(apl));
    w.set("_decision_path_lengths", make::tuple(dpl));
  }
  w.set_real("offset_", est.offset());
}

}  // namespace detail::ensemble
}  // namespace skops::estimators
