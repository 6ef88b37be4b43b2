#include "estimators/tree/flat_tree.hpp"

// FlatTree state I/O: reading the `tree_` node of a file (the structured `nodes` array
// with the field offsets its dtype gives), building one from plain arrays, and writing
// it back in the node layout of the target scikit-learn version.


#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

#include "estimators/utils/versions.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail {
namespace {

constexpr std::int64_t kMaxNodes = std::numeric_limits<std::int32_t>::max() - 1;

struct FieldSpec {
  const char* name;
  DTypeKind kind;
  std::uint64_t size;
  bool required;
};

// sklearn/tree/_tree.pyx NODE_DTYPE: the 1.2 layout, plus missing_go_to_left from 1.3 on.
constexpr FieldSpec kNodeFields[] = {
    {"left_child", DTypeKind::Int, 8, true},
    {"right_child", DTypeKind::Int, 8, true},
    {"feature", DTypeKind::Int, 8, true},
    {"threshold", DTypeKind::Float, 8, true},
    {"impurity", DTypeKind::Float, 8, true},
    {"n_node_samples", DTypeKind::Int, 8, true},
    {"weighted_n_node_samples", DTypeKind::Float, 8, true},
    {"missing_go_to_left", DTypeKind::UInt, 1, false},
};
constexpr std::size_t kNumNodeFields = sizeof(kNodeFields) / sizeof(kNodeFields[0]);

template <class T>
T read_at(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// Offsets of the node fields (or -1 for an absent optional one); refuses any dtype that is
// not a node record: a missing or mistyped field, an unknown named field.
std::vector<std::int64_t> node_field_offsets(const NdArray& nodes, const ValueView& at) {
  const DType& dt = nodes.dtype();
  if (!dt.is_structured())
    at.fail("tree nodes array is not a structured array (dtype " + dt.name() + ")");
  std::vector<std::int64_t> offsets(kNumNodeFields, -1);
  for (const DTypeField& f : dt.fields()) {
    if (f.name.empty()) {
      if (f.type && f.type->kind() == DTypeKind::Void && f.subshape.empty()) continue;  // padding
      at.fail("tree nodes dtype has an unnamed non-padding field");
    }
    std::size_t k = 0;
    while (k < kNumNodeFields && f.name != kNodeFields[k].name) ++k;
    if (k == kNumNodeFields) at.fail("tree nodes dtype has an unexpected field '" + f.name + "'");
    const FieldSpec& spec = kNodeFields[k];
    if (!f.type || f.type->kind() != spec.kind || f.type->itemsize() != spec.size ||
        !f.subshape.empty()) {
      at.fail("tree nodes field '" + f.name + "' has dtype " + (f.type ? f.type->name() : "?") +
              ", not the node record layout");
    }
    if (offsets[k] >= 0) at.fail("tree nodes dtype repeats field '" + f.name + "'");
    if (f.offset > dt.itemsize() || spec.size > dt.itemsize() - f.offset) {
      at.fail("tree nodes field '" + f.name + "' lies outside the record");
    }
    offsets[k] = static_cast<std::int64_t>(f.offset);
  }
  for (std::size_t k = 0; k < kNumNodeFields; ++k) {
    if (kNodeFields[k].required && offsets[k] < 0) {
      at.fail(std::string("tree nodes dtype lacks the field '") + kNodeFields[k].name + "'");
    }
  }
  return offsets;
}

}  // namespace

bool classifier_values_are_fractions(const SklearnVersion& sklearn_version) {
  return sklearn_version.at_least(1, 4, 1);
}

std::shared_ptr<const FlatTree> FlatTree::from_node(const ValueView& tree,
                                                    std::int64_t n_features_in) {
  const Node& n = tree.node();
  if (n.kind != NodeKind::Tree || n.type_name() != "sklearn.tree._tree.Tree") {
    tree.fail("expected a sklearn.tree._tree.Tree (TreeNode), got " + n.type_name());
  }
  NodePtr args_node = n.child("args");
  NodePtr state_node = n.child("content");
  if (!args_node || !state_node) tree.fail("tree: constructor arguments or state missing");
  ValueView args(args_node, tree.ctx());
  ValueView state(state_node, tree.ctx());
  const std::vector<ValueView> a = args.items();
  if (a.size() != 3)
    args.fail("tree: expected 3 constructor arguments (n_features, n_classes, n_outputs)");

  auto t = std::make_shared<FlatTree>();
  t->n_features_ = a[0].as_int();
  if (n_features_in >= 0 && t->n_features_ != n_features_in) {
    a[0].fail("tree: n_features " + std::to_string(t->n_features_) +
              " differs from the estimator's n_features_in_ " + std::to_string(n_features_in));
  }
  if (t->n_features_ < 1 || t->n_features_ > std::numeric_limits<std::int32_t>::max()) {
    a[0].fail("tree: n_features " + std::to_string(t->n_features_) + " out of range");
  }
  t->n_outputs_ = a[2].as_int();
  const NdArray ncls = a[1].as_array();
  if (ncls.dtype().kind() != DTypeKind::Int && ncls.dtype().kind() != DTypeKind::UInt) {
    a[1].fail("tree: n_classes must be an integer array, got " + ncls.dtype().name());
  }
  if (ncls.ndim() != 1 || t->n_outputs_ < 1 || ncls.dim(0) != t->n_outputs_) {
    a[2].fail("tree: n_outputs " + std::to_string(t->n_outputs_) +
              " does not match n_classes of shape (" +
              (ncls.ndim() == 1 ? std::to_string(ncls.dim(0)) : std::string("?")) + ",)");
  }
  t->n_classes_ = ncls.to_vector<std::int64_t>();
  if (ncls.dtype().kind() == DTypeKind::UInt) {
    for (std::int64_t& c : t->n_classes_) {
      if (c < 0) c = std::numeric_limits<std::int64_t>::max();  // wrapped u8 value: refused below
    }
  }
  t->max_n_classes_ = 1;
  for (std::int64_t c : t->n_classes_) {
    if (c < 1) a[1].fail("tree: n_classes entries must be >= 1");
    t->max_n_classes_ = std::max(t->max_n_classes_, c);
  }

  t->max_depth_ = state.at("max_depth").as_int();
  const std::int64_t node_count = state.at("node_count").as_int();
  const ValueView nodes_v = state.at("nodes");
  const ValueView values_v = state.at("values");
  const NdArray nodes = nodes_v.as_array();
  const NdArray values = values_v.as_array();
  if (nodes.ndim() != 1)
    nodes_v.fail("tree: nodes must be 1-D, got " + std::to_string(nodes.ndim()) + " dimensions");
  const std::vector<std::int64_t> off = node_field_offsets(nodes, nodes_v);
  if (node_count < 1 || node_count > kMaxNodes || nodes.dim(0) != node_count) {
    nodes_v.fail("tree: node_count " + std::to_string(node_count) + " does not match the " +
                 std::to_string(nodes.dim(0)) + " nodes");
  }
  if (values.dtype() != DType::float64())
    values_v.fail("tree: values must be float64, got " + values.dtype().name());
  if (values.ndim() != 3 || values.dim(0) != node_count || values.dim(1) != t->n_outputs_ ||
      values.dim(2) != t->max_n_classes_) {
    std::string shape;
    for (std::size_t i = 0; i < values.ndim(); ++i)
      shape += (i ? ", " : "") + std::to_string(values.dim(i));
    values_v.fail("tree: values shape (" + shape +
                  ") differs from (node_count, n_outputs, max_n_classes) = (" +
                  std::to_string(node_count) + ", " + std::to_string(t->n_outputs_) + ", " +
                  std::to_string(t->max_n_classes_) + ")");
  }

  t->missing_layout_ = off[7] >= 0;
  const std::size_t item = nodes.dtype().itemsize();
  const auto count = static_cast<std::size_t>(node_count);
  const bool standard = off[0] == 0 && off[1] == 8 && off[2] == 16 && off[3] == 24 &&
                        (t->missing_layout_ ? off[7] == 56 && item >= 57 : item >= 32);
  if (standard) {
    // scikit-learn's own record layout: traversed in place (no copy; from the mapping when
    // the file is memory-mapped).
    t->nodes_ = TreeRecords(nodes.bytes(), item, count, t->missing_layout_);
  } else {
    // Same fields at other offsets: repacked once into the standard 64-byte record.
    constexpr std::size_t kStd = 64;
    t->own_nodes_.assign(count * kStd, 0);
    const std::uint8_t* base = nodes.bytes();
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint8_t* rec = base + i * item;
      std::uint8_t* dst = t->own_nodes_.data() + i * kStd;
      for (int k = 0; k < 4; ++k)
        std::memcpy(dst + 8 * k, rec + off[static_cast<std::size_t>(k)], 8);
      dst[56] = t->missing_layout_ ? rec[off[7]] : 0;
    }
    t->nodes_ = TreeRecords(t->own_nodes_.data(), kStd, count, t->missing_layout_);
  }
  t->build_compact("tree", &nodes_v);

  t->stat_records_ = nodes.bytes();
  t->stat_stride_ = item;
  t->impurity_offset_ = off[4];
  t->weighted_offset_ = off[6];
  t->values_ = values.bytes();  // in place, aligned or not
  t->stride_ = static_cast<std::size_t>(t->n_outputs_ * t->max_n_classes_);
  t->nodes_array_ = nodes;
  t->values_array_ = values;
  t->n_classes_array_ = ncls;
  return t;
}


std::shared_ptr<const FlatTree> FlatTree::from_arrays(const skops::TreeArrays& arr) {
  auto t = std::make_shared<FlatTree>();
  const std::size_t count = arr.left_child.size();
  auto bad = [](const std::string& what) { throw ValidationError("tree: " + what); };
  if (count < 1 || count > static_cast<std::size_t>(kMaxNodes)) bad("node count out of range");
  if (arr.right_child.size() != count || arr.feature.size() != count ||
      arr.threshold.size() != count) {
    bad("node arrays differ in length");
  }
  if (!arr.missing_go_to_left.empty() && arr.missing_go_to_left.size() != count)
    bad("missing_go_to_left length");
  if (arr.n_features < 1 || arr.n_features > std::numeric_limits<std::int32_t>::max())
    bad("n_features out of range");
  if (arr.n_classes.empty()) bad("n_classes must have one entry per output");
  t->n_features_ = arr.n_features;
  t->n_outputs_ = static_cast<std::int64_t>(arr.n_classes.size());
  t->n_classes_ = arr.n_classes;
  for (std::int64_t c : arr.n_classes) {
    if (c < 1 || c > (std::int64_t{1} << 31)) bad("n_classes entries must be >= 1");
    t->max_n_classes_ = std::max(t->max_n_classes_, c);
  }
  t->stride_ = static_cast<std::size_t>(t->n_outputs_ * t->max_n_classes_);
  if (arr.values.size() / t->stride_ != count || arr.values.size() % t->stride_ != 0) {
    bad("values must hold node_count x n_outputs x max(n_classes) entries");
  }
  auto opt_len = [&](std::size_t n) { return n == 0 || n == count; };
  if (!opt_len(arr.impurity.size()) || !opt_len(arr.n_node_samples.size()) ||
      !opt_len(arr.weighted_n_node_samples.size())) {
    bad("per-node statistics differ in length");
  }
  constexpr std::size_t kStd = 64;
  t->own_nodes_.assign(count * kStd, 0);
  for (std::size_t i = 0; i < count; ++i) {
    // Children and features are checked by build_compact, as for a tree read from a file.
    const std::int64_t l = arr.left_child[i], r = arr.right_child[i], f = arr.feature[i];
    const bool leaf = l == -1 && r == -1;
    std::uint8_t* dst = t->own_nodes_.data() + i * kStd;
    const std::int64_t feat = leaf ? 0 : f;
    std::memcpy(dst, &l, 8);
    std::memcpy(dst + 8, &r, 8);
    std::memcpy(dst + 16, &feat, 8);
    std::memcpy(dst + 24, &arr.threshold[i], 8);
    dst[56] = arr.missing_go_to_left.empty() ? std::uint8_t{0} : arr.missing_go_to_left[i];
  }
  t->missing_layout_ = !arr.missing_go_to_left.empty();
  t->nodes_ = TreeRecords(t->own_nodes_.data(), kStd, count, t->missing_layout_);
  t->native_ = true;
  t->build_compact("tree", nullptr);
  // max_depth as scikit-learn records it: depth of the deepest leaf.
  std::vector<std::pair<std::int32_t, std::int64_t>> stack{{0, 0}};
  while (!stack.empty()) {
    auto [id, d] = stack.back();
    stack.pop_back();
    t->max_depth_ = std::max(t->max_depth_, d);
    const FlatTreeNode n = t->nodes_[static_cast<std::size_t>(id)];
    if (n.left >= 0) {
      stack.push_back({n.left, d + 1});
      stack.push_back({n.right, d + 1});
    }
  }
  t->own_values_ = arr.values;
  t->values_ = reinterpret_cast<const std::uint8_t*>(t->own_values_.data());
  t->impurity_ = arr.impurity;
  t->n_node_samples_ = arr.n_node_samples;
  t->weighted_n_node_samples_ = arr.weighted_n_node_samples;
  return t;
}

NodePtr FlatTree::to_node(const SklearnVersion& sklearn_version, bool classifier) const {
  NdArray nodes = nodes_array_;
  NdArray values = values_array_;
  NdArray ncls = n_classes_array_;
  if (native_) {
    const bool with_missing = sklearn_version.at_least(1, 3);
    auto f64 = std::make_shared<const DType>(DType::float64());
    auto i64 = std::make_shared<const DType>(DType::int64());
    std::vector<DTypeField> fields = {{"left_child", i64, 0, {}},
                                      {"right_child", i64, 0, {}},
                                      {"feature", i64, 0, {}},
                                      {"threshold", f64, 0, {}},
                                      {"impurity", f64, 0, {}},
                                      {"n_node_samples", i64, 0, {}},
                                      {"weighted_n_node_samples", f64, 0, {}}};
    if (with_missing) {
      fields.push_back(
          {"missing_go_to_left", std::make_shared<const DType>(DType::uint8()), 0, {}});
      fields.push_back({"", std::make_shared<const DType>(DTypeKind::Void, 7), 0, {}});
    }
    const DType dt = DType::structured(fields);
    const std::size_t item = dt.itemsize();
    std::vector<std::uint8_t> bytes(item * nodes_.size(), 0);
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const FlatTreeNode n = nodes_[i];
      std::uint8_t* rec = bytes.data() + i * item;
      const bool leaf = n.left < 0;
      const std::int64_t l = n.left, r = n.right, f = leaf ? -2 : n.feature;
      const double thr = leaf ? -2.0 : n.threshold;
      const double imp = impurity_.empty() ? 0.0 : impurity_[i];
      const std::int64_t ns = n_node_samples_.empty() ? 0 : n_node_samples_[i];
      const double wns = weighted_n_node_samples_.empty() ? 0.0 : weighted_n_node_samples_[i];
      std::memcpy(rec + 0, &l, 8);
      std::memcpy(rec + 8, &r, 8);
      std::memcpy(rec + 16, &f, 8);
      std::memcpy(rec + 24, &thr, 8);
      std::memcpy(rec + 32, &imp, 8);
      std::memcpy(rec + 40, &ns, 8);
      std::memcpy(rec + 48, &wns, 8);
      if (with_missing) rec[56] = n.missing_go_to_left;
    }
    nodes =
        NdArray(dt, {static_cast<std::int64_t>(nodes_.size())}, ByteView::adopt(std::move(bytes)));
    std::vector<double> vals = own_values_;
    if (classifier && classifier_values_are_fractions(sklearn_version)) {
      // Per node and output: v / sum(v), as predict_proba normalises.
      for (std::size_t row = 0; row < vals.size();
           row += static_cast<std::size_t>(max_n_classes_)) {
        const std::size_t k =
            (row / static_cast<std::size_t>(max_n_classes_)) % static_cast<std::size_t>(n_outputs_);
        double* v = vals.data() + row;
        const std::int64_t nc = n_classes_[k];
        const double sum = class_value_sum(v, nc);
        for (std::int64_t j = 0; j < nc; ++j) v[j] /= sum;
      }
    }
    values = NdArray::from_vector(
        vals, {static_cast<std::int64_t>(nodes_.size()), n_outputs_, max_n_classes_});
    ncls = NdArray::from_vector(n_classes_);
  }
  auto node = std::make_shared<Node>();
  node->kind = NodeKind::Tree;
  node->module = "sklearn.tree._tree";
  node->cls = "Tree";
  NodePtr args =
      make::tuple({make::integer(n_features_), make::array(ncls), make::integer(n_outputs_)});
  NodePtr state =
      make::dict({{"max_depth", make::integer(max_depth_)},
                  {"node_count", make::integer(static_cast<std::int64_t>(nodes_.size()))},
                  {"nodes", make::array(nodes)},
                  {"values", make::array(values)}});
  node->children = {{"args", args}, {"content", state}};
  return node;
}

}  // namespace skops::estimators::detail
