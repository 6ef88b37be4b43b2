// Typed, validating access to the node graph for estimator builders.

#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.hpp"
#include "skops/object_view.hpp"
#include "skops/error.hpp"
#include "skops/registry.hpp"

namespace skops {

namespace {
std::string describe(const Node& n) {
  if (n.kind == NodeKind::Json) {
    switch (n.scalar) {
      case ScalarKind::None:
        return "None";
      case ScalarKind::Bool:
        return "a bool";
      case ScalarKind::Int:
        return "an int";
      case ScalarKind::BigInt:
        return "an int beyond 64 bits";
      case ScalarKind::Float:
        return "a float";
      case ScalarKind::Str:
        return "a str";
      case ScalarKind::OtherJson:
        return "a JSON value";
    }
  }
  return std::string("a ") + loader_name(n.kind) + " " + n.type_name();
}

// The classes whose SparseMatrixNode holds a csr matrix: scipy >= 1.8, scipy < 1.8, and
// the sparse arrays of scipy 1.8-1.10 (csr_matrix subclasses then; from 1.11 they are no
// spmatrix and Python skops does not write them as SparseMatrixNode).
bool is_csr_class(const std::string& type_name) {
  return type_name == "scipy.sparse._csr.csr_matrix" ||
         type_name == "scipy.sparse.csr.csr_matrix" ||
         type_name == "scipy.sparse._arrays.csr_array" ||
         type_name == "scipy.sparse._csr.csr_array";
}

bool is_zero_d_array(const Node& n) {
  return n.kind == NodeKind::NdArray && n.array && n.array->ndim() == 0;
}
}  // namespace

void ValueView::fail(const std::string& what) const {
  throw ValidationError(what, {}, node_->pointer);
}

bool ValueView::is_none() const noexcept { return node_->is_none(); }

bool ValueView::as_bool() const {
  const Node& n = *node_;
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Bool) return n.bool_value;
  if (is_zero_d_array(n) && n.array->dtype().kind() == DTypeKind::Bool)
    return n.array->bytes()[0] != 0;
  fail("expected a bool, found " + describe(n));
}

std::int64_t ValueView::as_int() const {
  const Node& n = *node_;
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Int) return n.int_value;
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::BigInt)
    fail("integer " + n.str_value + " is out of range");
  if (is_zero_d_array(n)) {
    const auto k = n.array->dtype().kind();
    if (k == DTypeKind::Int) return n.array->to_vector<std::int64_t>()[0];
    if (k == DTypeKind::UInt) {
      const auto u = n.array->to_vector<std::uint64_t>()[0];
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail("integer is out of range");
      return static_cast<std::int64_t>(u);
    }
  }
  fail("expected an int, found " + describe(n));
}

double ValueView::as_double() const {
  const Node& n = *node_;
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Float) return n.float_value;
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Int)
    return static_cast<double>(n.int_value);
  if (is_zero_d_array(n) && n.array->is_numeric()) return n.array->to_vector<double>()[0];
  fail("expected a number, found " + describe(n));
}

std::string ValueView::as_str() const {
  const Node& n = *node_;
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Str) return n.str_value;
  if (is_zero_d_array(n) && n.array->dtype().kind() == DTypeKind::Unicode)
    return n.array->string_at(0);
  fail("expected a str, found " + describe(n));
}

NdArray ValueView::as_array() const {
  const Node& n = *node_;
  if (n.kind != NodeKind::NdArray || n.storage != "numpy")
    fail("expected a numpy array, found " + describe(n));
  if (!n.array) fail("array data was not read");
  return *n.array;
}

std::vector<double> ValueView::as_doubles() const {
  const NdArray a = as_array();
  if (!a.is_numeric()) fail("expected a real numeric array, found dtype " + a.dtype().name());
  return a.to_vector<double>();
}

CsrMatrix ValueView::as_sparse() const {
  const Node& n = *node_;
  if (n.kind != NodeKind::SparseMatrix)
    fail("expected a scipy sparse matrix, found " + describe(n));
  if (!is_csr_class(n.type_name()))
    fail("expected a csr matrix, found " + n.type_name() + " (only csr is supported)");
  if (!n.sparse) fail("sparse matrix data was not read");
  return *n.sparse;
}

std::vector<ValueView> ValueView::items() const {
  const Node& n = *node_;
  const bool container = n.kind == NodeKind::List || n.kind == NodeKind::Tuple ||
                         n.kind == NodeKind::Set ||
                         (n.kind == NodeKind::NdArray && n.storage == "json");
  if (!container) fail("expected a list, tuple or object array, found " + describe(n));
  std::vector<ValueView> out;
  out.reserve(n.items.size());
  for (const auto& it : n.items) out.emplace_back(it, *ctx_);
  return out;
}

std::optional<ValueView> ValueView::find(const std::string& key) const {
  if (node_->kind != NodeKind::Dict) fail("expected a dict, found " + describe(*node_));
  if (auto v = node_->get(key)) return ValueView(v, *ctx_);
  return std::nullopt;
}

ValueView ValueView::at(const std::string& key) const {
  auto v = find(key);
  if (!v) fail("required key \"" + key + "\" missing");
  return *v;
}

EstimatorPtr ValueView::estimator() const { return ctx_->build(node_); }

std::vector<EstimatorPtr> ValueView::estimators() const {
  std::vector<NodePtr> nodes;
  for (const ValueView& item : items()) nodes.push_back(item.ptr());
  return ctx_->build_all(nodes);
}

ObjectView::ObjectView(NodePtr object_node, BuildContext& ctx)
    : object_(std::move(object_node)), ctx_(&ctx) {
  if (auto c = object_->child("content"); c && c->kind == NodeKind::Dict) state_ = c;
}

void ObjectView::fail(const std::string& what) const {
  throw ValidationError(object_->type_name() + ": " + what, {}, object_->pointer);
}

bool ObjectView::has(const std::string& key) const { return state_ && state_->get(key) != nullptr; }

std::optional<ValueView> ObjectView::find(const std::string& key) const {
  if (!state_) return std::nullopt;
  if (auto v = state_->get(key)) return ValueView(v, *ctx_);
  return std::nullopt;
}

ValueView ObjectView::at(const std::string& key) const {
  if (!state_) fail("has no attribute dict (required attribute " + key + " missing)");
  auto v = find(key);
  if (!v) fail("required attribute " + key + " missing");
  return *v;
}

namespace {
std::unique_ptr<Estimator> build_one(const NodePtr& node, const TypeRegistry& registry,
                                     BuildContext& ctx) {
  if (node->kind != NodeKind::Object) {
    throw ValidationError("expected an estimator object, found " + describe(*node), {},
                          node->pointer);
  }
  const TypeRegistry::Entry* entry = registry.find(node->type_name());
  if (!entry) {
    throw UnsupportedError("no C++ builder is registered for " + node->type_name() +
                               " (trusted, but this build cannot construct it; register one with "
                               "TypeRegistry::add)",
                           {}, node->pointer);
  }
  std::unique_ptr<Estimator> est = entry->build(ObjectView(node, ctx));
  if (!est)
    throw ValidationError("builder for " + node->type_name() + " returned nothing", {},
                          node->pointer);
  if (est->type_name().empty()) est->set_type_name(node->type_name());
  if (!est->original_state()) {
    if (auto c = node->child("content")) est->set_original_state(c);
  }
  // feature_names_in_ (an object array of str) for every class alike: run_table checks it.
  if (est->feature_names_in().empty()) {
    const ObjectView obj(node, ctx);
    if (auto names = obj.find("feature_names_in_"); names && !names->is_none()) {
      std::vector<std::string> v;
      for (const auto& item : names->items()) v.push_back(item.as_str());
      try {
        est->set_feature_names_in(std::move(v));
      } catch (const ValidationError& e) {
        names->fail(e.what());
      }
    }
  }
  return est;
}
}  // namespace

EstimatorPtr BuildContext::build(const NodePtr& node) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = memo_.find(node.get());
    if (it != memo_.end()) return it->second;
  }
  EstimatorPtr est = build_one(node, registry_, *this);
  std::lock_guard<std::mutex> lock(mutex_);
  return memo_.emplace(node.get(), std::move(est)).first->second;
}

bool BuildContext::independent_builtins(const std::vector<NodePtr>& nodes) const {
  // Which root's subgraph each ObjectNode was found in. Other nodes (Python's interned
  // None, small ints...) are shared freely: builders only read them.
  std::unordered_map<const Node*, std::size_t> owner;
  const auto& builtin = registry_.default_trusted_names();
  for (std::size_t r = 0; r < nodes.size(); ++r) {
    std::vector<const Node*> stack{nodes[r].get()};
    std::unordered_set<const Node*> seen;
    while (!stack.empty()) {
      const Node* n = stack.back();
      stack.pop_back();
      if (n == nullptr || !seen.insert(n).second) continue;
      if (n->kind == NodeKind::Object) {
        if (builtin.count(n->type_name()) == 0) return false;
        if (!owner.emplace(n, r).second) return false;  // reached from two roots
      }
      for_each_child(*n, [&](const NodePtr& c, const ChildSegment&) { stack.push_back(c.get()); });
    }
  }
  return true;
}

std::vector<EstimatorPtr> BuildContext::build_all(const std::vector<NodePtr>& nodes) {
  std::vector<EstimatorPtr> out(nodes.size());
  const unsigned threads = detail::resolve_threads(threads_);
  if (threads <= 1 || nodes.size() < 2 || !independent_builtins(nodes)) {
    for (std::size_t i = 0; i < nodes.size(); ++i) out[i] = build(nodes[i]);
    return out;
  }
  detail::parallel_for(nodes.size(), threads, [&](std::size_t i) { out[i] = build(nodes[i]); });
  return out;
}

std::unique_ptr<Estimator> BuildContext::build_root(const NodePtr& node) {
  return build_one(node, registry_, *this);
}

}  // namespace skops
