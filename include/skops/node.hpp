#pragma once
/// \file node.hpp
/// The node graph: the parsed, immutable form of schema.json, and at the same time the
/// generic value model through which estimator code reads and writes Python objects.
///
/// One `Node` per skops node (`__loader__`). Scalars (`JsonNode`) are decoded into a
/// `ScalarKind`; arrays stored in `.npy` members are referenced by member name (`file`)
/// and read on demand through a `Document`, or held directly (`array`) when built in C++.
/// A node reached through several references (a repeated `__id__`) is one shared object.
/// Everything a node carries is kept, so writing a graph back is lossless.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skops/ndarray.hpp"
#include "skops/sparse.hpp"

namespace skops {

/// Node types of protocols 0, 1 and 2 (skops-format.md §3, §7). `SGDNode` files read as
/// Loss; `CachedNode` references are resolved while parsing and never appear in a graph.
enum class NodeKind {
  Json,
  Dict,
  List,
  Tuple,
  Set,
  DefaultDict,
  Slice,
  Type,
  Function,
  Partial,
  Method,
  OperatorFunc,
  Bytes,
  Bytearray,
  Object,
  ConstructorFromReduce,
  NdArray,
  MaskedArray,
  DType,
  RandomState,
  RandomGenerator,
  SparseMatrix,
  Tree,
  Loss,
  QuantileForest,
  DictWithDeprecatedKeys,
};

/// "JsonNode", "DictNode", ... as written in `__loader__`.
const char* loader_name(NodeKind kind) noexcept;
/// Kind for a `__loader__` string (accepts the old alias "SGDNode"), or nullopt.
std::optional<NodeKind> kind_from_loader(const std::string& loader) noexcept;

/// The Python value of a JsonNode.
enum class ScalarKind { None, Bool, Int, BigInt, Float, Str, OtherJson };

class Node;
using NodePtr = std::shared_ptr<const Node>;

/// One key of a DictNode: the JSON key string, the TypeNode of the original key, the value.
struct DictEntry {
  std::string key;
  NodePtr key_type;
  NodePtr value;
};

/// A named child of a structured node: "content" (Object/ConstructorFromReduce/RandomState/
/// DType/Tree/Loss state), "args" (`__reduce__.args` of Tree/Loss/QuantileForest), "attrs"
/// (OperatorFunc), "main"/"default_factory" (DefaultDict), "func"/"args"/"kwds"/"namespace"
/// (Partial), "obj" (Method), "data"/"mask" (MaskedArray), "bit_generator"/"seed_seq"
/// (RandomGenerator), "_deprecated_key_to_new_key" (DictWithDeprecatedKeys).
struct NamedChild {
  std::string name;
  NodePtr node;
};

class Node {
 public:
  NodeKind kind = NodeKind::Json;
  std::string module;  ///< `__module__`
  std::string cls;     ///< `__class__`
  /// `__id__` as read (0: none). Writers assign fresh ids; this is informational.
  std::int64_t id = 0;
  /// JSON pointer of the first occurrence in schema.json ("" for the root; empty also for
  /// nodes built in C++).
  std::string pointer;

  // --- JsonNode ---------------------------------------------------------------------
  ScalarKind scalar = ScalarKind::None;
  bool bool_value = false;
  std::int64_t int_value = 0;
  double float_value = 0.0;
  /// Str: the string (UTF-8). BigInt: the decimal digits (with '-' if negative).
  /// OtherJson: the JSON text of a list/object.
  std::string str_value;
  /// The content text exactly as stored (written back verbatim when present).
  std::string raw_json;

  // --- containers -------------------------------------------------------------------
  /// List/Tuple/Set items; NdArray "json" content (rows are List nodes for ndim > 1).
  std::vector<NodePtr> items;
  /// Dict entries in file order.
  std::vector<DictEntry> entries;
  /// Dict: the `key_types` ListNode itself (its items are the entries' key types).
  NodePtr key_types;
  /// Structured children (see NamedChild). Content absent ⇒ no "content" child.
  std::vector<NamedChild> children;

  // --- arrays, bytes, sparse ----------------------------------------------------------
  /// NdArray: "numpy" or "json"; SparseMatrix: "scipy".
  std::string storage;
  /// Member name of a `.npy`/`.npz`/`.bin` payload (as read; writers may rename).
  std::string file;
  /// NdArray "json": the stored shape (a Tuple node of int JsonNodes).
  NodePtr json_shape;
  /// Array or bytes data held directly (nodes built in C++, or after materialisation).
  std::shared_ptr<const NdArray> array;
  std::shared_ptr<const std::vector<std::uint8_t>> bytes;
  /// SparseMatrix: the matrix, held (built in C++, or read from `bytes` and validated while
  /// materialising). Written as a fresh `.npz` when `bytes` is absent.
  std::shared_ptr<const CsrMatrix> sparse;

  // --- small raw fields ---------------------------------------------------------------
  /// Slice: JSON texts of start/stop/step ("null", "1").
  std::string slice_start = "null", slice_stop = "null", slice_step = "null";
  /// Method: the method name (`content.func`).
  std::string method_name;
  /// Protocol-0 FunctionNode: `content.module_path`/`content.function` are folded into
  /// module/cls; this remembers the layout for lossless re-save.
  bool protocol0_function = false;

  /// `module + "." + cls` (the name trust decisions use).
  std::string type_name() const { return module + "." + cls; }
  /// Named child or nullptr.
  NodePtr child(const std::string& name) const noexcept;
  /// Dict value by key, or nullptr (Dict only).
  NodePtr get(const std::string& key) const noexcept;
  /// For an Object node: its state dict (the "content" child if it is a Dict), or nullptr.
  const Node* state_dict() const noexcept;
  bool is_none() const noexcept { return kind == NodeKind::Json && scalar == ScalarKind::None; }
};

/// Builders for nodes made in C++ (the value model's writing side). Each returns a fresh
/// immutable node with Python's usual module/class spelling.
namespace make {
NodePtr none();
NodePtr boolean(bool v);
NodePtr integer(std::int64_t v);
NodePtr real(double v);
NodePtr str(std::string v);
/// A JsonNode from raw JSON text (kept verbatim), e.g. "NaN" or a big integer.
NodePtr json_raw(std::string text);
NodePtr list(std::vector<NodePtr> items);
NodePtr tuple(std::vector<NodePtr> items);
NodePtr set(std::vector<NodePtr> items);
/// TypeNode `module.name` (e.g. "builtins", "str").
NodePtr type_ref(std::string module, std::string name);
NodePtr function_ref(std::string module, std::string name);
/// Dict with str keys.
NodePtr dict(std::vector<std::pair<std::string, NodePtr>> entries);
NodePtr dict_entries(std::vector<DictEntry> entries, std::string module = "builtins",
                     std::string cls = "dict");
/// An ObjectNode with a Dict state.
NodePtr object(std::string module, std::string cls, std::vector<std::pair<std::string, NodePtr>> attrs);
NodePtr object_with_state(std::string module, std::string cls, NodePtr state);
/// NdArrayNode "numpy" holding `a`; `cls` "ndarray" or a numpy scalar type for 0-d scalars.
NodePtr array(NdArray a, std::string cls = "ndarray");
/// A numpy scalar (0-d array node with class float64/int64/...).
NodePtr numpy_scalar(NdArray zero_d);
/// NdArrayNode "json" (object array) of the given items and shape.
NodePtr object_array(std::vector<NodePtr> items, std::vector<std::int64_t> shape);
NodePtr slice(std::string start_json, std::string stop_json, std::string step_json);
/// SparseMatrixNode "scipy" holding `m` (written as scipy.sparse.save_npz would). Throws
/// InputError when `m` is not valid (CsrMatrix::validate).
NodePtr sparse_matrix(CsrMatrix m, std::string module = "scipy.sparse._csr",
                      std::string cls = "csr_matrix");
/// A copy of `node` with its kind/module/class/fields, to edit before freezing.
std::shared_ptr<Node> clone(const Node& node);
}  // namespace make

/// Escapes a key for a JSON pointer segment (RFC 6901: "~" → "~0", "/" → "~1").
std::string pointer_escape(const std::string& key);
/// Appends `key` escaped as by pointer_escape to `out`.
void append_pointer_escaped(std::string& out, const std::string& key);

/// The JSON-pointer segment(s) from a node to one of its children ("/content/coef_",
/// "/content/3", "/key_types"), spelled only when asked: most walks never need it, and
/// spelling it for every child cost a graph walk one allocation per node.
class ChildSegment {
 public:
  /// A fixed segment ("/key_types", "/content", "/__reduce__/args").
  explicit ChildSegment(const char* fixed) noexcept : prefix_(fixed) {}
  /// `prefix` followed by the escaped `key` (a dict key or a child's name).
  ChildSegment(const char* prefix, const std::string& key) noexcept : prefix_(prefix), key_(&key) {}
  /// `prefix` followed by a decimal list index.
  ChildSegment(const char* prefix, std::size_t index) noexcept
      : prefix_(prefix), index_(index), indexed_(true) {}

  void append_to(std::string& out) const;
  std::string str() const {
    std::string s;
    append_to(s);
    return s;
  }
  /// Walks written against the older `const std::string&` signature keep compiling.
  operator std::string() const { return str(); }  // NOLINT(google-explicit-constructor)

 private:
  const char* prefix_;
  const std::string* key_ = nullptr;
  std::size_t index_ = 0;
  bool indexed_ = false;
};

/// Calls `fn(child, segment)` for every child node of `n`, in the order Python processes
/// them, with the ChildSegment leading from `n` to the child (e.g. "/content/coef_",
/// "/key_types", "/__reduce__/args"). The single definition of reachability: parse, audit,
/// materialisation, writing and comparison all use it.
template <class Fn>
void for_each_child(const Node& n, Fn&& fn);

/// Structural equality of two graphs: kinds, names, scalars, containers and children;
/// arrays compared by value (held arrays, or read through `arrays_a`/`arrays_b`), else by
/// member name; sparse matrices by value when both are held, else by their `.npz` bytes.
/// Ids and JSON pointers are ignored.
struct ArrayLookup {
  virtual ~ArrayLookup() = default;
  /// The array of an NdArray node stored in a member; throws NpyError/ArchiveError.
  virtual NdArray array_of(const Node& n) const = 0;
  /// Raw bytes of a Bytes/Bytearray/SparseMatrix node's member.
  virtual ByteView member_of(const Node& n) const = 0;
};
bool graphs_equal(const Node& a, const Node& b, const ArrayLookup* arrays_a = nullptr,
                  const ArrayLookup* arrays_b = nullptr);

}  // namespace skops

#include "skops/node_inl.hpp"
