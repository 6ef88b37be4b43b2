#pragma once
/// \file object_view.hpp
/// Reading an estimator out of the node graph: ValueView and ObjectView give typed,
/// validating access to a node and an object's attribute dict; BuildContext builds
/// sub-estimators through the registry. Every accessor that fails throws a ValidationError
/// naming the JSON pointer of the offending attribute.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/node.hpp"

namespace skops {

class TypeRegistry;
class BuildContext;

/// A read-only view of one node, with typed accessors that validate as they read.
class ValueView {
 public:
  ValueView(NodePtr node, BuildContext& ctx) : node_(std::move(node)), ctx_(&ctx) {}

  const Node& node() const noexcept { return *node_; }
  const NodePtr& ptr() const noexcept { return node_; }
  const std::string& pointer() const noexcept { return node_->pointer; }
  BuildContext& ctx() const noexcept { return *ctx_; }

  bool is_none() const noexcept;
  /// Python bool (JsonNode), or numpy.bool_ scalar.
  bool as_bool() const;
  /// Python int (JsonNode int) or a 0-d integer numpy scalar; BigInt, floats, and
  /// booleans are refused.
  std::int64_t as_int() const;
  /// Python int or float, or a 0-d numeric numpy scalar (NaN/inf allowed).
  double as_double() const;
  std::string as_str() const;
  /// An NdArray node (stored or held); object ("json") arrays are refused.
  NdArray as_array() const;
  /// An array converted to float64 values; refuses non-real dtypes (complex, strings, void).
  std::vector<double> as_doubles() const;
  /// A SparseMatrixNode of class scipy.sparse._csr.csr_matrix (scipy.sparse.csr.csr_matrix
  /// before scipy 1.8, scipy.sparse._arrays.csr_array in 1.8-1.10), read and validated while
  /// materialising (read_sparse_npz): canonical, validate() holds. Other classes (csc_matrix,
  /// coo_matrix...) and other nodes are refused with a ValidationError.
  CsrMatrix as_sparse() const;
  /// Items of a List/Tuple/Set, or of a 1-d object array.
  std::vector<ValueView> items() const;
  /// Dict value by key; throws ValidationError if absent or not a dict.
  ValueView at(const std::string& key) const;
  /// Dict value by key, or nullopt.
  std::optional<ValueView> find(const std::string& key) const;
  /// Builds this node as an estimator through the registry (shared when referenced twice).
  EstimatorPtr estimator() const;
  /// The items (as items()) built as estimators, possibly in parallel: see
  /// BuildContext::build_all.
  std::vector<EstimatorPtr> estimators() const;
  [[noreturn]] void fail(const std::string& what) const;

 private:
  NodePtr node_;
  BuildContext* ctx_;
};

/// The attribute dict of an ObjectNode (an estimator or helper object).
class ObjectView {
 public:
  ObjectView(NodePtr object_node, BuildContext& ctx);

  const Node& node() const noexcept { return *object_; }
  const NodePtr& ptr() const noexcept { return object_; }
  std::string type_name() const { return object_->type_name(); }
  BuildContext& ctx() const noexcept { return *ctx_; }
  /// The state dict node (null when the object has no dict state).
  const NodePtr& state() const noexcept { return state_; }

  bool has(const std::string& key) const;
  /// Required attribute; throws ValidationError "required attribute X missing".
  ValueView at(const std::string& key) const;
  std::optional<ValueView> find(const std::string& key) const;

  std::int64_t integer(const std::string& key) const { return at(key).as_int(); }
  double real(const std::string& key) const { return at(key).as_double(); }
  std::string str(const std::string& key) const { return at(key).as_str(); }
  bool boolean(const std::string& key) const { return at(key).as_bool(); }
  NdArray array(const std::string& key) const { return at(key).as_array(); }
  EstimatorPtr estimator(const std::string& key) const { return at(key).estimator(); }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  NodePtr object_;
  NodePtr state_;
  BuildContext* ctx_;
};

/// State of one build: the registry and the memo of estimators built so far.
class BuildContext {
 public:
  /// `threads`: how many threads build_all may use (0: hardware concurrency, 1: none).
  explicit BuildContext(const TypeRegistry& registry, unsigned threads = 1)
      : registry_(registry), threads_(threads) {}
  BuildContext(const BuildContext&) = delete;
  BuildContext& operator=(const BuildContext&) = delete;

  const TypeRegistry& registry() const noexcept { return registry_; }
  /// Threads a builder may use for work on its own nodes (0: hardware concurrency).
  unsigned threads() const noexcept { return threads_; }
  /// Builds the estimator of an ObjectNode via the registry; the same node gives the same
  /// estimator. Throws UnsupportedError (no builder for the type), ValidationError.
  EstimatorPtr build(const NodePtr& node);
  /// build() of each node (a forest's trees, an ensemble's members). When the nodes'
  /// subgraphs share no ObjectNode and hold only built-in types (whose builders are pure),
  /// they are built on up to `threads` threads; the results, and the error thrown (that of
  /// the first failing node in order), are those of building them one by one.
  std::vector<EstimatorPtr> build_all(const std::vector<NodePtr>& nodes);
  /// Builds the root estimator (owned by the caller; never shared).
  std::unique_ptr<Estimator> build_root(const NodePtr& node);

 private:
  bool independent_builtins(const std::vector<NodePtr>& nodes) const;

  const TypeRegistry& registry_;
  unsigned threads_;
  std::mutex mutex_;  ///< guards memo_ during build_all
  std::map<const Node*, EstimatorPtr> memo_;
};

}  // namespace skops
