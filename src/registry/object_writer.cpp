// Saving estimators: attributes are written over the estimator's original state so that
// what a class does not model survives a load → save.

#include <cmath>

#include "skops/object_writer.hpp"
#include "skops/error.hpp"
#include "skops/registry.hpp"

namespace skops {

namespace {

// A value re-written from C++ state equals what was read: keep the original node so its
// exact Python type (numpy scalar vs int, float text, array class) survives.
bool same_value(const Node& a, const Node& b) {
  auto scalar_number = [](const Node& n, double& out) {
    if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Int) {
      out = static_cast<double>(n.int_value);
      return true;
    }
    if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Float) {
      out = n.float_value;
      return true;
    }
    if (n.kind == NodeKind::NdArray && n.array && n.array->ndim() == 0 && n.array->is_numeric()) {
      out = n.array->to_vector<double>()[0];
      return true;
    }
    return false;
  };
  double x, y;
  if (scalar_number(a, x) && scalar_number(b, y)) {
    return (x == y) || (std::isnan(x) && std::isnan(y));
  }
  if (a.kind == NodeKind::NdArray && b.kind == NodeKind::NdArray && a.array && b.array) {
    if (a.array->shape() != b.array->shape()) return false;
    if (*a.array == *b.array) return true;
    // Same values in another dtype (e.g. int32 read, int64 written): keep the original dtype.
    if (a.array->is_numeric() && b.array->is_numeric()) {
      return a.array->to_vector<double>() == b.array->to_vector<double>();
    }
    return false;
  }
  return graphs_equal(a, b);
}

std::pair<std::string, std::string> split_type(const std::string& type_name) {
  const auto dot = type_name.rfind('.');
  if (dot == std::string::npos) throw UnsupportedError("type name \"" + type_name + "\" has no module");
  return {type_name.substr(0, dot), type_name.substr(dot + 1)};
}

}  // namespace

ObjectWriter::ObjectWriter(std::string module, std::string cls, const NodePtr& original_state, SaveContext& ctx)
    : module_(std::move(module)), cls_(std::move(cls)), ctx_(&ctx) {
  if (original_state && original_state->kind == NodeKind::Dict) entries_ = original_state->entries;
}

void ObjectWriter::set(const std::string& key, NodePtr value) {
  for (auto& e : entries_) {
    if (e.key == key) {
      if (!e.value || !same_value(*e.value, *value)) e.value = std::move(value);
      return;
    }
  }
  entries_.push_back({key, make::type_ref("builtins", "str"), std::move(value)});
}

void ObjectWriter::set_sparse(const std::string& key, CsrMatrix m) {
  set(key, make::sparse_matrix(std::move(m)));
}

void ObjectWriter::set_default(const std::string& key, NodePtr value) {
  for (const auto& e : entries_) {
    if (e.key == key) return;
  }
  entries_.push_back({key, make::type_ref("builtins", "str"), std::move(value)});
}

void ObjectWriter::set_estimator(const std::string& key, const Estimator& est) { set(key, ctx_->save(est)); }

NodePtr ObjectWriter::finish() {
  set_default("_sklearn_version", make::str(ctx_->sklearn_version()));
  return make::object_with_state(module_, cls_, make::dict_entries(entries_));
}

SaveContext::SaveContext(const TypeRegistry& registry, std::string sklearn_version)
    : registry_(registry), sklearn_version_(std::move(sklearn_version)) {
  const auto v = SklearnVersion::parse(sklearn_version_);
  if (!v) {
    throw InputError("sklearn_version \"" + sklearn_version_.substr(0, 40) +
                     "\" is not a scikit-learn version (major.minor[.patch], e.g. 1.4.2)");
  }
  target_ = *v;
}

NodePtr SaveContext::save(const Estimator& est) {
  auto it = memo_.find(&est);
  if (it != memo_.end()) return it->second;
  const TypeRegistry::Entry* entry = registry_.find(est.type_name());
  if (!entry) throw UnsupportedError("no writer is registered for " + est.type_name());
  const auto [module, cls] = split_type(est.type_name());
  ObjectWriter w(module, cls, est.original_state(), *this);
  entry->save(est, w);
  // Fitted on named columns: scikit-learn's feature_names_in_ (an object array of str), for
  // every class alike; a loaded estimator keeps the one its file holds.
  if (!est.feature_names_in().empty() && !est.original_state()) {
    std::vector<NodePtr> names;
    for (const auto& n : est.feature_names_in()) names.push_back(make::str(n));
    const auto count = static_cast<std::int64_t>(names.size());
    w.set("feature_names_in_", make::object_array(std::move(names), {count}));
  }
  NodePtr node = w.finish();
  memo_.emplace(&est, node);
  return node;
}

}  // namespace skops
