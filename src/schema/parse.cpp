// schema.json → node graph. Python's memo semantics: the first node processed with a
// given `__id__` wins and is registered before its children; a later object with that id
// resolves to it (its state must match), a descendant resolving to an ancestor is a cycle.

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "json_value.hpp"
#include "skops/error.hpp"
#include "skops/schema.hpp"

namespace skops {

namespace {

using detail::JsonValue;
using JT = JsonValue::Type;

class GraphBuilder {
 public:
  GraphBuilder(const Limits& limits, int protocol) : limits_(limits), protocol_(protocol) {}

  NodePtr node(const JsonValue& j, const std::string& ptr) {
    if (!j.is_object()) throw SchemaError("a node must be a JSON object", {}, ptr);
    if (++count_ > limits_.max_nodes) {
      throw LimitError("more than " + std::to_string(limits_.max_nodes) + " nodes", {}, ptr);
    }
    const std::int64_t id = read_id(j, ptr);
    if (id != 0) {
      auto it = memo_.find(id);
      if (it != memo_.end()) {
        if (in_progress_.count(id)) {
          throw SchemaError("reference cycle: __id__ " + std::to_string(id) + " refers to an enclosing node", {}, ptr);
        }
        if (!detail::same_state(*it->second.json, j) && !is_cached_ref(j)) {
          throw SchemaError("__id__ " + std::to_string(id) + " is reused with a different state (first at " +
                                display(it->second.node->pointer) + ")", {}, ptr);
        }
        return it->second.node;
      }
    }
    const JsonValue* loader = j.find("__loader__");
    if (!loader) throw SchemaError("missing __loader__", {}, ptr);
    if (!loader->is_string()) throw SchemaError("unknown __loader__ (not a string)", {}, ptr);
    if (loader->s == "CachedNode") {
      throw SchemaError("dangling reference: CachedNode to __id__ " + std::to_string(id) + " never defined", {}, ptr);
    }
    const auto kind = kind_from_loader(loader->s);
    if (!kind) throw SchemaError("unknown __loader__ \"" + loader->s + "\"", {}, ptr);

    auto n = std::make_shared<Node>();
    n->kind = *kind;
    n->id = id;
    n->pointer = ptr;
    n->cls = name_field(j, "__class__", ptr);
    n->module = name_field(j, "__module__", ptr);
    if (id != 0) {
      memo_.emplace(id, Memo{n, &j});
      in_progress_.insert(id);
    }
    fill(*n, j, ptr);
    if (id != 0) in_progress_.erase(id);
    return n;
  }

 private:
  struct Memo {
    NodePtr node;
    const JsonValue* json;
  };

  static std::string display(const std::string& ptr) { return ptr.empty() ? "/" : ptr; }

  static bool is_cached_ref(const JsonValue& j) {
    const JsonValue* l = j.find("__loader__");
    return l && l->is_string() && l->s == "CachedNode";
  }

  static std::int64_t read_id(const JsonValue& j, const std::string& ptr) {
    const JsonValue* id = j.find("__id__");
    if (!id) return 0;
    if (id->type == JT::Int) return id->i;
    if (id->type == JT::UInt && id->u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(id->u);
    throw SchemaError("__id__ must be a 64-bit integer", {}, ptr);
  }

  static std::string name_field(const JsonValue& j, const char* key, const std::string& ptr) {
    const JsonValue* v = j.find(key);
    if (!v) throw SchemaError(std::string("missing ") + key, {}, ptr);
    if (!v->is_string()) throw SchemaError(std::string(key) + " must be a string", {}, ptr);
    if (v->s.find('\0') != std::string::npos) throw SchemaError(std::string(key) + " contains a NUL character", {}, ptr);
    return v->s;
  }

  static const JsonValue& field(const JsonValue& j, const char* key, JT type, const std::string& ptr) {
    const JsonValue* v = j.find(key);
    if (!v) throw SchemaError(std::string("missing \"") + key + "\"", {}, ptr);
    if (v->type != type) throw SchemaError(std::string("\"") + key + "\" has the wrong JSON type", {}, ptr);
    return *v;
  }

  static std::string string_field(const JsonValue& j, const char* key, const std::string& ptr) {
    return field(j, key, JT::String, ptr).s;
  }

  NodePtr child(const JsonValue& parent, const char* key, const std::string& ptr) {
    const JsonValue* v = parent.find(key);
    if (!v) throw SchemaError(std::string("missing \"") + key + "\"", {}, ptr);
    return node(*v, ptr + "/" + pointer_escape(key));
  }

  void items(Node& n, const JsonValue& arr, const std::string& ptr) {
    n.items.reserve(arr.array.size());
    for (std::size_t i = 0; i < arr.array.size(); ++i) {
      n.items.push_back(node(arr.array[i], ptr + "/" + std::to_string(i)));
    }
  }

  // Named children from an object of nodes, in the listed order (Python's order).
  void named(Node& n, const JsonValue& content, const std::string& ptr, std::initializer_list<const char*> names,
             bool all_required = true) {
    for (const char* name : names) {
      const JsonValue* v = content.find(name);
      if (!v) {
        if (all_required) throw SchemaError(std::string("missing \"") + name + "\"", {}, ptr);
        continue;
      }
      n.children.push_back({name, node(*v, ptr + "/" + pointer_escape(name))});
    }
  }

  void fill(Node& n, const JsonValue& j, const std::string& ptr) {
    const std::string cptr = ptr + "/content";
    switch (n.kind) {
      case NodeKind::Json: {
        const JsonValue& c = field(j, "content", JT::String, ptr);
        try {
          decode_json_scalar(n, c.s, limits_);
        } catch (const Error& e) {
          if (e.kind() == ErrorKind::Limit) throw LimitError(e.detail(), {}, cptr);
          throw SchemaError(e.detail(), {}, cptr);
        }
        return;
      }
      case NodeKind::Dict:
      case NodeKind::DictWithDeprecatedKeys: {
        if (n.kind == NodeKind::DictWithDeprecatedKeys) {
          const JsonValue& c = field(j, "content", JT::Object, ptr);
          named(n, c, cptr, {"main", "_deprecated_key_to_new_key"});
          return;
        }
        // Python processes key_types before the values (memo order matters).
        const JsonValue& content = field(j, "content", JT::Object, ptr);
        const JsonValue* kt = j.find("key_types");
        if (!kt) throw SchemaError("missing \"key_types\"", {}, ptr);
        n.key_types = node(*kt, ptr + "/key_types");
        if (n.key_types->kind != NodeKind::List) {
          throw SchemaError("key_types must be a ListNode", {}, ptr + "/key_types");
        }
        if (n.key_types->items.size() != content.object.size()) {
          throw SchemaError("key_types has " + std::to_string(n.key_types->items.size()) + " entries for " +
                                std::to_string(content.object.size()) + " keys",
                            {}, ptr + "/key_types");
        }
        for (std::size_t i = 0; i < n.key_types->items.size(); ++i) {
          if (n.key_types->items[i]->kind != NodeKind::Type) {
            throw SchemaError("key type is not a TypeNode", {}, ptr + "/key_types/content/" + std::to_string(i));
          }
        }
        n.entries.reserve(content.object.size());
        for (std::size_t i = 0; i < content.object.size(); ++i) {
          const auto& kv = content.object[i];
          n.entries.push_back({kv.first, n.key_types->items[i], node(kv.second, cptr + "/" + pointer_escape(kv.first))});
        }
        return;
      }
      case NodeKind::List:
      case NodeKind::Tuple:
      case NodeKind::Set:
        items(n, field(j, "content", JT::Array, ptr), cptr);
        return;
      case NodeKind::DefaultDict:
        named(n, field(j, "content", JT::Object, ptr), cptr, {"main", "default_factory"});
        return;
      case NodeKind::Slice: {
        const JsonValue& c = field(j, "content", JT::Object, ptr);
        auto bound = [&](const char* k) -> std::string {
          const JsonValue* v = c.find(k);
          if (!v) return "null";
          if (v->type != JT::Null && !v->is_integer()) {
            throw SchemaError(std::string("slice ") + k + " must be an integer or null", {}, cptr);
          }
          return detail::to_json_text(*v);
        };
        n.slice_start = bound("start");
        n.slice_stop = bound("stop");
        n.slice_step = bound("step");
        return;
      }
      case NodeKind::Type:
        return;
      case NodeKind::Function: {
        const JsonValue* c = j.find("content");
        if (c && protocol_ == 0) {
          // Protocol 0: {"content": {"module_path": M, "function": F}}; the name audited is M.F.
          if (!c->is_object()) throw SchemaError("FunctionNode content must be an object", {}, cptr);
          n.module = string_field(*c, "module_path", cptr);
          n.cls = string_field(*c, "function", cptr);
          n.protocol0_function = true;
        }
        return;
      }
      case NodeKind::Partial:
        named(n, field(j, "content", JT::Object, ptr), cptr, {"func", "args", "kwds", "namespace"});
        return;
      case NodeKind::Method: {
        const JsonValue& c = field(j, "content", JT::Object, ptr);
        n.method_name = string_field(c, "func", cptr);
        named(n, c, cptr, {"obj"});
        const Node& obj = *n.children.front().node;
        // Since skops 0.12 the node names its object's type; files from older skops say "method".
        if (n.cls != "method" && (obj.module != n.module || obj.cls != n.cls)) {
          throw SchemaError("MethodNode claims " + n.type_name() + " but wraps " + obj.type_name(), {}, ptr);
        }
        return;
      }
      case NodeKind::OperatorFunc:
        if (n.module != "operator") {
          throw SchemaError("OperatorFuncNode must name module 'operator', not '" + n.module + "'", {}, ptr);
        }
        n.children.push_back({"attrs", child(j, "attrs", ptr)});
        return;
      case NodeKind::Bytes:
      case NodeKind::Bytearray:
        n.file = string_field(j, "file", ptr);
        return;
      case NodeKind::Object:
        if (j.find("content")) n.children.push_back({"content", child(j, "content", ptr)});
        return;
      case NodeKind::ConstructorFromReduce:
      case NodeKind::RandomState:
      case NodeKind::DType:
        n.children.push_back({"content", child(j, "content", ptr)});
        if (n.kind == NodeKind::DType && n.children.front().node->kind != NodeKind::NdArray) {
          throw SchemaError("DTypeNode content must be an NdArrayNode", {}, cptr);
        }
        return;
      case NodeKind::NdArray: {
        const JsonValue& type = field(j, "type", JT::String, ptr);
        n.storage = type.s;
        if (type.s == "numpy") {
          n.file = string_field(j, "file", ptr);
        } else if (type.s == "json") {
          items(n, field(j, "content", JT::Array, ptr), cptr);
          n.json_shape = child(j, "shape", ptr);
          if (n.json_shape->kind != NodeKind::Tuple) throw SchemaError("shape must be a TupleNode", {}, ptr + "/shape");
        } else {
          throw SchemaError("unknown array storage type \"" + type.s + "\"", {}, ptr + "/type");
        }
        return;
      }
      case NodeKind::MaskedArray:
        named(n, field(j, "content", JT::Object, ptr), cptr, {"data", "mask"});
        return;
      case NodeKind::RandomGenerator: {
        const JsonValue& c = field(j, "content", JT::Object, ptr);
        if (protocol_ == 0) {
          // Protocol 0 kept the bit generator state as raw JSON, which cannot be audited.
          throw UnsupportedError("protocol-0 RandomGeneratorNode (raw state) cannot be audited", {}, cptr);
        }
        if (protocol_ == 1) {
          named(n, c, cptr, {"bit_generator"});
        } else {
          named(n, c, cptr, {"bit_generator", "seed_seq"});
        }
        return;
      }
      case NodeKind::SparseMatrix: {
        const std::string type = string_field(j, "type", ptr);
        if (type != "scipy") throw SchemaError("unknown sparse storage type \"" + type + "\"", {}, ptr + "/type");
        n.storage = type;
        n.file = string_field(j, "file", ptr);
        return;
      }
      case NodeKind::Tree:
      case NodeKind::Loss:
      case NodeKind::QuantileForest: {
        const JsonValue& reduce = field(j, "__reduce__", JT::Object, ptr);
        // State first, then constructor arguments: Python's processing order.
        n.children.push_back({"content", child(j, "content", ptr)});
        n.children.push_back({"args", child(reduce, "args", ptr + "/__reduce__")});
        return;
      }
    }
  }

  const Limits& limits_;
  int protocol_;
  std::uint64_t count_ = 0;
  std::unordered_map<std::int64_t, Memo> memo_;
  std::unordered_set<std::int64_t> in_progress_;

 public:
  std::uint64_t count() const { return count_; }
};

}  // namespace

ParsedSchema parse_schema(const std::string& text, const Limits& limits) {
  if (text.size() > limits.max_schema_bytes) {
    throw LimitError("schema.json is " + std::to_string(text.size()) + " bytes, over the limit of " +
                     std::to_string(limits.max_schema_bytes));
  }
  detail::JsonParseOptions opts;
  opts.max_depth = limits.max_json_depth;
  const JsonValue doc = detail::parse_json(text, opts);
  if (!doc.is_object()) throw SchemaError("schema.json must be a JSON object (the root node)", {}, "");
  ParsedSchema out;
  const JsonValue* protocol = doc.find("protocol");
  if (!protocol) throw SchemaError("missing \"protocol\"", {}, "");
  if (!protocol->is_integer()) throw SchemaError("\"protocol\" must be an integer", {}, "/protocol");
  const std::int64_t p = protocol->type == JT::Int ? protocol->i
                         : protocol->u <= static_cast<std::uint64_t>(kMaxProtocol) ? static_cast<std::int64_t>(protocol->u)
                                                                                  : -1;
  if (p < kMinProtocol || p > kMaxProtocol) {
    throw SchemaError("unsupported protocol " + detail::to_json_text(*protocol) + " (this build reads " +
                          std::to_string(kMinProtocol) + " to " + std::to_string(kMaxProtocol) + ")",
                      {}, "/protocol");
  }
  out.protocol = static_cast<int>(p);
  if (const JsonValue* v = doc.find("_skops_version"); v && v->is_string()) out.skops_version = v->s;
  GraphBuilder builder(limits, out.protocol);
  out.root = builder.node(doc, "");
  out.node_count = builder.count();
  return out;
}

}  // namespace skops
