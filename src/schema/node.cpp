#include "skops/node.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "skops/schema.hpp"

namespace skops {

namespace {
struct LoaderName {
  NodeKind kind;
  const char* name;
};
constexpr LoaderName kLoaders[] = {
    {NodeKind::Json, "JsonNode"},
    {NodeKind::Dict, "DictNode"},
    {NodeKind::List, "ListNode"},
    {NodeKind::Tuple, "TupleNode"},
    {NodeKind::Set, "SetNode"},
    {NodeKind::DefaultDict, "DefaultDictNode"},
    {NodeKind::Slice, "SliceNode"},
    {NodeKind::Type, "TypeNode"},
    {NodeKind::Function, "FunctionNode"},
    {NodeKind::Partial, "PartialNode"},
    {NodeKind::Method, "MethodNode"},
    {NodeKind::OperatorFunc, "OperatorFuncNode"},
    {NodeKind::Bytes, "BytesNode"},
    {NodeKind::Bytearray, "BytearrayNode"},
    {NodeKind::Object, "ObjectNode"},
    {NodeKind::ConstructorFromReduce, "ConstructorFromReduceNode"},
    {NodeKind::NdArray, "NdArrayNode"},
    {NodeKind::MaskedArray, "MaskedArrayNode"},
    {NodeKind::DType, "DTypeNode"},
    {NodeKind::RandomState, "RandomStateNode"},
    {NodeKind::RandomGenerator, "RandomGeneratorNode"},
    {NodeKind::SparseMatrix, "SparseMatrixNode"},
    {NodeKind::Tree, "TreeNode"},
    {NodeKind::Loss, "LossNode"},
    {NodeKind::QuantileForest, "QuantileForestNode"},
    {NodeKind::DictWithDeprecatedKeys, "_DictWithDeprecatedKeysNode"},
};
}  // namespace

const char* loader_name(NodeKind kind) noexcept {
  for (const auto& l : kLoaders) {
    if (l.kind == kind) return l.name;
  }
  return "?";
}

std::optional<NodeKind> kind_from_loader(const std::string& loader) noexcept {
  for (const auto& l : kLoaders) {
    if (loader == l.name) return l.kind;
  }
  // skops <= 0.10 wrote SGD losses with this name; the layout is LossNode's.
  if (loader == "SGDNode") return NodeKind::Loss;
  return std::nullopt;
}

void append_pointer_escaped(std::string& out, const std::string& key) {
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

std::string pointer_escape(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  append_pointer_escaped(out, key);
  return out;
}

void ChildSegment::append_to(std::string& out) const {
  out += prefix_;
  if (key_) append_pointer_escaped(out, *key_);
  if (indexed_) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, index_);
    out.append(digits, r.ptr);
  }
}

NodePtr Node::child(const std::string& name) const noexcept {
  for (const auto& c : children) {
    if (c.name == name) return c.node;
  }
  return nullptr;
}

NodePtr Node::get(const std::string& key) const noexcept {
  for (const auto& e : entries) {
    if (e.key == key) return e.value;
  }
  return nullptr;
}

const Node* Node::state_dict() const noexcept {
  const NodePtr c = child("content");
  return c && c->kind == NodeKind::Dict ? c.get() : nullptr;
}

namespace make {

namespace {
std::shared_ptr<Node> base(NodeKind kind, std::string module, std::string cls) {
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->module = std::move(module);
  n->cls = std::move(cls);
  return n;
}
std::shared_ptr<Node> json(ScalarKind k) {
  auto n = base(NodeKind::Json, "builtins", "str");
  n->scalar = k;
  return n;
}
}  // namespace

NodePtr none() { return json(ScalarKind::None); }
NodePtr boolean(bool v) {
  auto n = json(ScalarKind::Bool);
  n->bool_value = v;
  return n;
}
NodePtr integer(std::int64_t v) {
  auto n = json(ScalarKind::Int);
  n->int_value = v;
  return n;
}
NodePtr real(double v) {
  auto n = json(ScalarKind::Float);
  n->float_value = v;
  return n;
}
NodePtr str(std::string v) {
  auto n = json(ScalarKind::Str);
  n->str_value = std::move(v);
  return n;
}
NodePtr json_raw(std::string text) {
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Json;
  n->module = "builtins";
  n->cls = "str";
  decode_json_scalar(*n, text);
  return n;
}
NodePtr list(std::vector<NodePtr> items) {
  auto n = base(NodeKind::List, "builtins", "list");
  n->items = std::move(items);
  return n;
}
NodePtr tuple(std::vector<NodePtr> items) {
  auto n = base(NodeKind::Tuple, "builtins", "tuple");
  n->items = std::move(items);
  return n;
}
NodePtr set(std::vector<NodePtr> items) {
  auto n = base(NodeKind::Set, "builtins", "set");
  n->items = std::move(items);
  return n;
}
NodePtr type_ref(std::string module, std::string name) {
  return base(NodeKind::Type, std::move(module), std::move(name));
}
NodePtr function_ref(std::string module, std::string name) {
  return base(NodeKind::Function, std::move(module), std::move(name));
}
NodePtr dict_entries(std::vector<DictEntry> entries, std::string module, std::string cls) {
  auto n = base(NodeKind::Dict, std::move(module), std::move(cls));
  std::vector<NodePtr> kts;
  for (auto& e : entries) {
    if (!e.key_type) e.key_type = type_ref("builtins", "str");
    kts.push_back(e.key_type);
  }
  n->key_types = list(std::move(kts));
  n->entries = std::move(entries);
  return n;
}
NodePtr dict(std::vector<std::pair<std::string, NodePtr>> entries) {
  std::vector<DictEntry> es;
  es.reserve(entries.size());
  const NodePtr str_type = type_ref("builtins", "str");
  for (auto& kv : entries) es.push_back({std::move(kv.first), str_type, std::move(kv.second)});
  return dict_entries(std::move(es));
}
NodePtr object_with_state(std::string module, std::string cls, NodePtr state) {
  auto n = base(NodeKind::Object, std::move(module), std::move(cls));
  if (state) n->children.push_back({"content", std::move(state)});
  return n;
}
NodePtr object(std::string module, std::string cls,
               std::vector<std::pair<std::string, NodePtr>> attrs) {
  return object_with_state(std::move(module), std::move(cls), dict(std::move(attrs)));
}
NodePtr array(NdArray a, std::string cls) {
  auto n = base(NodeKind::NdArray, "numpy", std::move(cls));
  n->storage = "numpy";
  n->array = std::make_shared<const NdArray>(std::move(a));
  return n;
}
NodePtr numpy_scalar(NdArray zero_d) {
  const DType& d = zero_d.dtype();
  std::string cls;
  switch (d.kind()) {
    case DTypeKind::Bool:
      cls = "bool_";
      break;
    case DTypeKind::Int:
      cls = "int" + std::to_string(d.itemsize() * 8);
      break;
    case DTypeKind::UInt:
      cls = "uint" + std::to_string(d.itemsize() * 8);
      break;
    case DTypeKind::Float:
      cls = "float" + std::to_string(d.itemsize() * 8);
      break;
    case DTypeKind::Complex:
      cls = "complex" + std::to_string(d.itemsize() * 8);
      break;
    case DTypeKind::Unicode:
      cls = "str_";
      break;
    case DTypeKind::Bytes:
      cls = "bytes_";
      break;
    default:
      cls = "void";
      break;
  }
  return array(std::move(zero_d), cls);
}
NodePtr object_array(std::vector<NodePtr> items, std::vector<std::int64_t> shape) {
  auto n = base(NodeKind::NdArray, "numpy", "ndarray");
  n->storage = "json";
  n->items = std::move(items);
  std::vector<NodePtr> dims;
  for (auto d : shape) dims.push_back(integer(d));
  n->json_shape = tuple(std::move(dims));
  return n;
}
NodePtr slice(std::string start_json, std::string stop_json, std::string step_json) {
  auto n = base(NodeKind::Slice, "builtins", "slice");
  n->slice_start = std::move(start_json);
  n->slice_stop = std::move(stop_json);
  n->slice_step = std::move(step_json);
  return n;
}
NodePtr sparse_matrix(CsrMatrix m, std::string module, std::string cls) {
  m.validate("sparse matrix");
  auto n = base(NodeKind::SparseMatrix, std::move(module), std::move(cls));
  n->storage = "scipy";
  n->sparse = std::make_shared<const CsrMatrix>(std::move(m));
  return n;
}
std::shared_ptr<Node> clone(const Node& node) { return std::make_shared<Node>(node); }

}  // namespace make

namespace {

class GraphComparer {
 public:
  GraphComparer(const ArrayLookup* la, const ArrayLookup* lb) : la_(la), lb_(lb) {}

  bool eq(const NodePtr& a, const NodePtr& b) {
    if (!a || !b) return !a && !b;
    if (a.get() == b.get() && la_ == lb_) return true;
    auto key = std::make_pair(a.get(), b.get());
    if (done_.count(key)) return true;
    done_.insert(key);
    return eq_node(*a, *b);
  }

 private:
  bool eq_scalar(const Node& a, const Node& b) {
    if (a.scalar != b.scalar) return false;
    switch (a.scalar) {
      case ScalarKind::None:
        return true;
      case ScalarKind::Bool:
        return a.bool_value == b.bool_value;
      case ScalarKind::Int:
        return a.int_value == b.int_value;
      case ScalarKind::Float:
        return (a.float_value != a.float_value && b.float_value != b.float_value) ||
               (a.float_value == b.float_value &&
                std::signbit(a.float_value) == std::signbit(b.float_value));
      default:
        return a.str_value == b.str_value;
    }
  }

  bool eq_array(const Node& a, const Node& b) {
    if (a.storage != b.storage) return false;
    if (a.storage == "json") return eq_list(a.items, b.items) && eq(a.json_shape, b.json_shape);
    auto fetch = [](const Node& n, const ArrayLookup* l) -> std::optional<NdArray> {
      if (n.array) return *n.array;
      if (l) return l->array_of(n);
      return std::nullopt;
    };
    auto xa = fetch(a, la_);
    auto xb = fetch(b, lb_);
    if (xa && xb) return *xa == *xb;
    return !xa && !xb && a.file == b.file;
  }

  bool eq_list(const std::vector<NodePtr>& a, const std::vector<NodePtr>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!eq(a[i], b[i])) return false;
    }
    return true;
  }

  bool eq_node(const Node& a, const Node& b) {
    if (a.kind != b.kind || a.module != b.module || a.cls != b.cls) return false;
    switch (a.kind) {
      case NodeKind::Json:
        return eq_scalar(a, b);
      case NodeKind::Dict:
        if (a.entries.size() != b.entries.size()) return false;
        for (std::size_t i = 0; i < a.entries.size(); ++i) {
          if (a.entries[i].key != b.entries[i].key ||
              !eq(a.entries[i].key_type, b.entries[i].key_type) ||
              !eq(a.entries[i].value, b.entries[i].value)) {
            return false;
          }
        }
        return eq(a.key_types, b.key_types);
      case NodeKind::NdArray:
        return eq_array(a, b);
      case NodeKind::Slice:
        return a.slice_start == b.slice_start && a.slice_stop == b.slice_stop &&
               a.slice_step == b.slice_step;
      case NodeKind::Method:
        if (a.method_name != b.method_name) return false;
        break;
      case NodeKind::Bytes:
      case NodeKind::Bytearray:
      case NodeKind::SparseMatrix: {
        if (a.storage != b.storage) return false;
        if (a.sparse && b.sparse) return a.sparse->identical(*b.sparse);
        auto fetch = [](const Node& n, const ArrayLookup* l) -> std::string {
          if (n.bytes) return std::string(n.bytes->begin(), n.bytes->end());
          if (l) {
            auto v = l->member_of(n);
            return std::string(reinterpret_cast<const char*>(v.data), v.size);
          }
          return "file:" + n.file;
        };
        return fetch(a, la_) == fetch(b, lb_);
      }
      default:
        break;
    }
    if (!eq_list(a.items, b.items) || a.children.size() != b.children.size()) return false;
    for (std::size_t i = 0; i < a.children.size(); ++i) {
      if (a.children[i].name != b.children[i].name || !eq(a.children[i].node, b.children[i].node))
        return false;
    }
    return true;
  }

  const ArrayLookup* la_;
  const ArrayLookup* lb_;
  std::set<std::pair<const Node*, const Node*>> done_;
};

}  // namespace

bool graphs_equal(const Node& a, const Node& b, const ArrayLookup* arrays_a,
                  const ArrayLookup* arrays_b) {
  GraphComparer c(arrays_a, arrays_b);
  // Non-owning aliases: the comparer only needs identities.
  NodePtr pa(NodePtr(), &a);
  NodePtr pb(NodePtr(), &b);
  return c.eq(pa, pb);
}

}  // namespace skops
