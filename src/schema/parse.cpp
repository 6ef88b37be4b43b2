// schema.json → node graph. Python's memo semantics: the first node processed with a
// given `__id__` wins and is registered before its children; a later object with that id
// resolves to it (its state must match), a descendant resolving to an ancestor is a cycle.

#include <map>
#include <unordered_map>

#include "schema/parse_in_place.hpp"
#include "schema_json.hpp"
#include "skops/error.hpp"
#include "skops/schema.hpp"

namespace skops {

namespace {

using detail::find_member;
using detail::JsonElement;
using detail::string_of;
using JT = detail::JsonType;

class GraphBuilder {
 public:
  GraphBuilder(const Limits& limits, int protocol) : limits_(limits), protocol_(protocol) {
    path_.reserve(256);
  }

  // The root node (path "").
  NodePtr root(JsonElement j) {
    path_.clear();
    return node(j);
  }

 private:
  // Parses the node at the current path (`path_`, the JSON pointer of `j`). One path buffer
  // grows and shrinks with the walk; a node keeps a copy of it, nothing else is allocated
  // for paths.
  NodePtr node(JsonElement j) {
    if (j.type() != JT::OBJECT) throw SchemaError("a node must be a JSON object", {}, path_);
    if (++count_ > limits_.max_nodes) {
      throw LimitError("more than " + std::to_string(limits_.max_nodes) + " nodes (max_nodes)", {},
                       path_);
    }
    const std::int64_t id = read_id(j);
    if (id != 0) {
      auto it = memo_.find(id);
      if (it != memo_.end()) {
        if (it->second.open) {
          throw SchemaError(
              "reference cycle: __id__ " + std::to_string(id) + " refers to an enclosing node", {},
              path_);
        }
        if (!detail::same_state(it->second.json, j) && !is_cached_ref(j)) {
          throw SchemaError("__id__ " + std::to_string(id) +
                                " is reused with a different state (first at " +
                                display(it->second.node->pointer) + ")",
                            {}, path_);
        }
        return it->second.node;
      }
    }
    const auto loader_field = find_member(j, "__loader__");
    if (!loader_field) throw SchemaError("missing __loader__", {}, path_);
    if (loader_field->type() != JT::STRING)
      throw SchemaError("unknown __loader__ (not a string)", {}, path_);
    const std::string loader(string_of(*loader_field));
    if (loader == "CachedNode") {
      throw SchemaError(
          "dangling reference: CachedNode to __id__ " + std::to_string(id) + " never defined", {},
          path_);
    }
    const auto kind = kind_from_loader(loader);
    if (!kind) throw SchemaError("unknown __loader__ \"" + loader + "\"", {}, path_);

    auto n = std::make_shared<Node>();
    n->kind = *kind;
    n->id = id;
    n->pointer = path_;
    n->cls = name_field(j, "__class__");
    n->module = name_field(j, "__module__");
    Memo* memo = nullptr;
    if (id != 0) memo = &memo_.emplace(id, Memo{n, j, true}).first->second;
    fill(*n, j);
    if (memo) memo->open = false;
    return n;
  }

  struct Memo {
    NodePtr node;
    JsonElement json;
    bool open;  ///< still being built: a reference to it from below is a cycle
  };

  static std::string display(const std::string& ptr) { return ptr.empty() ? "/" : ptr; }

  // The current path followed by `suffix` (for error messages).
  std::string here(const char* suffix) const { return path_ + suffix; }

  // The node `j` at the current path followed by the segment(s) `seg` spells.
  NodePtr at(JsonElement j, const ChildSegment& seg) {
    const std::size_t len = path_.size();
    seg.append_to(path_);
    NodePtr n = node(j);
    path_.resize(len);
    return n;
  }

  static bool is_cached_ref(JsonElement j) {
    const auto l = find_member(j, "__loader__");
    return l && l->type() == JT::STRING && string_of(*l) == "CachedNode";
  }

  std::int64_t read_id(JsonElement j) const {
    const auto id = find_member(j, "__id__");
    if (!id) return 0;
    if (id->type() == JT::INT64) return detail::int64_of(*id);
    if (id->type() == JT::UINT64 &&
        detail::uint64_of(*id) <= static_cast<std::uint64_t>(INT64_MAX)) {
      return static_cast<std::int64_t>(detail::uint64_of(*id));
    }
    throw SchemaError("__id__ must be a 64-bit integer", {}, path_);
  }

  std::string name_field(JsonElement j, const char* key) const {
    const auto v = find_member(j, key);
    if (!v) throw SchemaError(std::string("missing ") + key, {}, path_);
    if (v->type() != JT::STRING)
      throw SchemaError(std::string(key) + " must be a string", {}, path_);
    const std::string_view s = string_of(*v);
    if (s.find('\0') != std::string_view::npos)
      throw SchemaError(std::string(key) + " contains a NUL character", {}, path_);
    return std::string(s);
  }

  // Member `key` of `j` with JSON type `type`; errors name `ptr` (the path of `j`).
  static JsonElement field(JsonElement j, const char* key, JT type, const std::string& ptr) {
    const auto v = find_member(j, key);
    if (!v) throw SchemaError(std::string("missing \"") + key + "\"", {}, ptr);
    if (v->type() != type)
      throw SchemaError(std::string("\"") + key + "\" has the wrong JSON type", {}, ptr);
    return *v;
  }
  JsonElement field(JsonElement j, const char* key, JT type) const {
    return field(j, key, type, path_);
  }

  static std::string string_field(JsonElement j, const char* key, const std::string& ptr) {
    return std::string(string_of(field(j, key, JT::STRING, ptr)));
  }

  // The node under member `key` of the current node (segment "/key").
  NodePtr child(JsonElement parent, const char* key, const char* segment) {
    const auto v = find_member(parent, key);
    if (!v) throw SchemaError(std::string("missing \"") + key + "\"", {}, path_);
    return at(*v, ChildSegment(segment));
  }

  // Items of the list `arr` at the current path's "/content".
  void items(Node& n, JsonElement arr) {
    const auto array = detail::array_of(arr);
    n.items.reserve(array.size());
    std::size_t i = 0;
    for (const auto item : array) n.items.push_back(at(item, ChildSegment("/content/", i++)));
  }

  // Named children from the object of nodes at the current path's "/content", in the listed
  // order (Python's order).
  void named(Node& n, JsonElement content, std::initializer_list<const char*> names) {
    for (const char* name : names) {
      const auto v = find_member(content, name);
      if (!v) throw SchemaError(std::string("missing \"") + name + "\"", {}, here("/content"));
      const std::string key(name);
      n.children.push_back({name, at(*v, ChildSegment("/content/", key))});
    }
  }

  void fill(Node& n, JsonElement j) {
    switch (n.kind) {
      case NodeKind::Json: {
        const JsonElement c = field(j, "content", JT::STRING);
        try {
          decode_json_scalar(n, std::string(string_of(c)), limits_);
        } catch (const Error& e) {
          if (e.kind() == ErrorKind::Limit) throw LimitError(e.detail(), {}, here("/content"));
          throw SchemaError(e.detail(), {}, here("/content"));
        }
        return;
      }
      case NodeKind::Dict:
      case NodeKind::DictWithDeprecatedKeys: {
        if (n.kind == NodeKind::DictWithDeprecatedKeys) {
          const JsonElement c = field(j, "content", JT::OBJECT);
          named(n, c, {"main", "_deprecated_key_to_new_key"});
          return;
        }
        // Python processes key_types before the values (memo order matters).
        const auto content = detail::object_of(field(j, "content", JT::OBJECT));
        const auto kt = find_member(j, "key_types");
        if (!kt) throw SchemaError("missing \"key_types\"", {}, path_);
        n.key_types = at(*kt, ChildSegment("/key_types"));
        if (n.key_types->kind != NodeKind::List) {
          throw SchemaError("key_types must be a ListNode", {}, here("/key_types"));
        }
        if (n.key_types->items.size() != content.size()) {
          throw SchemaError("key_types has " + std::to_string(n.key_types->items.size()) +
                                " entries for " + std::to_string(content.size()) + " keys",
                            {}, here("/key_types"));
        }
        for (std::size_t i = 0; i < n.key_types->items.size(); ++i) {
          if (n.key_types->items[i]->kind != NodeKind::Type) {
            throw SchemaError("key type is not a TypeNode", {},
                              here("/key_types/content/") + std::to_string(i));
          }
        }
        n.entries.reserve(content.size());
        std::size_t i = 0;
        for (const auto kv : content) {
          std::string key(kv.key);
          NodePtr value = at(kv.value, ChildSegment("/content/", key));
          n.entries.push_back({std::move(key), n.key_types->items[i++], std::move(value)});
        }
        return;
      }
      case NodeKind::List:
      case NodeKind::Tuple:
      case NodeKind::Set:
        items(n, field(j, "content", JT::ARRAY));
        return;
      case NodeKind::DefaultDict:
        named(n, field(j, "content", JT::OBJECT), {"main", "default_factory"});
        return;
      case NodeKind::Slice: {
        const JsonElement c = field(j, "content", JT::OBJECT);
        auto bound = [&](const char* k) -> std::string {
          const auto v = find_member(c, k);
          if (!v) return "null";
          if (v->type() != JT::NULL_VALUE && !detail::is_integer(*v)) {
            throw SchemaError(std::string("slice ") + k + " must be an integer or null", {},
                              here("/content"));
          }
          return detail::integer_or_null_text(*v);
        };
        n.slice_start = bound("start");
        n.slice_stop = bound("stop");
        n.slice_step = bound("step");
        return;
      }
      case NodeKind::Type:
        return;
      case NodeKind::Function: {
        const auto c = find_member(j, "content");
        if (c && protocol_ == 0) {
          // Protocol 0: {"content": {"module_path": M, "function": F}}; the name audited is M.F.
          const std::string cptr = here("/content");
          if (c->type() != JT::OBJECT)
            throw SchemaError("FunctionNode content must be an object", {}, cptr);
          n.module = string_field(*c, "module_path", cptr);
          n.cls = string_field(*c, "function", cptr);
          n.protocol0_function = true;
        }
        return;
      }
      case NodeKind::Partial:
        named(n, field(j, "content", JT::OBJECT), {"func", "args", "kwds", "namespace"});
        return;
      case NodeKind::Method: {
        const JsonElement c = field(j, "content", JT::OBJECT);
        n.method_name = string_field(c, "func", here("/content"));
        named(n, c, {"obj"});
        const Node& obj = *n.children.front().node;
        // Since skops 0.12 the node names its object's type; files from older skops say "method".
        if (n.cls != "method" && (obj.module != n.module || obj.cls != n.cls)) {
          throw SchemaError("MethodNode claims " + n.type_name() + " but wraps " + obj.type_name(),
                            {}, path_);
        }
        return;
      }
      case NodeKind::OperatorFunc:
        if (n.module != "operator") {
          throw SchemaError("OperatorFuncNode must name module 'operator', not '" + n.module + "'",
                            {}, path_);
        }
        n.children.push_back({"attrs", child(j, "attrs", "/attrs")});
        return;
      case NodeKind::Bytes:
      case NodeKind::Bytearray:
        n.file = string_field(j, "file", path_);
        return;
      case NodeKind::Object:
        if (find_member(j, "content"))
          n.children.push_back({"content", child(j, "content", "/content")});
        return;
      case NodeKind::ConstructorFromReduce:
      case NodeKind::RandomState:
      case NodeKind::DType:
        n.children.push_back({"content", child(j, "content", "/content")});
        if (n.kind == NodeKind::DType && n.children.front().node->kind != NodeKind::NdArray) {
          throw SchemaError("DTypeNode content must be an NdArrayNode", {}, here("/content"));
        }
        return;
      case NodeKind::NdArray: {
        n.storage = string_field(j, "type", path_);
        if (n.storage == "numpy") {
          n.file = string_field(j, "file", path_);
        } else if (n.storage == "json") {
          items(n, field(j, "content", JT::ARRAY));
          n.json_shape = child(j, "shape", "/shape");
          if (n.json_shape->kind != NodeKind::Tuple)
            throw SchemaError("shape must be a TupleNode", {}, here("/shape"));
        } else {
          throw SchemaError("unknown array storage type \"" + n.storage + "\"", {}, here("/type"));
        }
        return;
      }
      case NodeKind::MaskedArray:
        named(n, field(j, "content", JT::OBJECT), {"data", "mask"});
        return;
      case NodeKind::RandomGenerator: {
        const JsonElement c = field(j, "content", JT::OBJECT);
        if (protocol_ == 0) {
          // Protocol 0 kept the bit generator state as raw JSON, which cannot be audited.
          throw UnsupportedError("protocol-0 RandomGeneratorNode (raw state) cannot be audited", {},
                                 here("/content"));
        }
        if (protocol_ == 1) {
          named(n, c, {"bit_generator"});
        } else {
          named(n, c, {"bit_generator", "seed_seq"});
        }
        return;
      }
      case NodeKind::SparseMatrix: {
        const std::string type = string_field(j, "type", path_);
        if (type != "scipy")
          throw SchemaError("unknown sparse storage type \"" + type + "\"", {}, here("/type"));
        n.storage = type;
        n.file = string_field(j, "file", path_);
        return;
      }
      case NodeKind::Tree:
      case NodeKind::Loss:
      case NodeKind::QuantileForest: {
        const JsonElement reduce = field(j, "__reduce__", JT::OBJECT);
        // State first, then constructor arguments: Python's processing order.
        n.children.push_back({"content", child(j, "content", "/content")});
        const auto args = find_member(reduce, "args");
        if (!args) throw SchemaError("missing \"args\"", {}, here("/__reduce__"));
        n.children.push_back({"args", at(*args, ChildSegment("/__reduce__/args"))});
        return;
      }
    }
  }

  const Limits& limits_;
  int protocol_;
  std::uint64_t count_ = 0;
  std::string path_;  ///< JSON pointer of the node being parsed
  // Node-based map: Memo addresses stay valid while children are inserted.
  std::unordered_map<std::int64_t, Memo> memo_;

 public:
  std::uint64_t count() const { return count_; }
};

}  // namespace

namespace {

ParsedSchema parse(std::string_view text, const Limits& limits, bool in_place) {
  if (text.size() > limits.max_schema_bytes) {
    throw LimitError("schema.json is " + std::to_string(text.size()) +
                     " bytes, over the limit of " + std::to_string(limits.max_schema_bytes) +
                     " (max_schema_bytes)");
  }
  // Before the parser allocates per value: 500 MB of "0," would take it to 6.8 GB resident.
  // Each counted byte is one value at most, so a text no longer than the cap needs no count.
  std::uint64_t values = 0;
  if (text.size() > limits.max_json_values) {
    for (const char c : text) values += (c == ',') | (c == ':') | (c == '[') | (c == '{');
  }
  if (values > limits.max_json_values) {
    throw LimitError("schema.json has up to " + std::to_string(values) +
                     " JSON values, over the limit of " + std::to_string(limits.max_json_values) +
                     " (max_json_values)");
  }
  const detail::SchemaJson json(text, limits.max_json_depth, in_place);
  const JsonElement doc = json.root();
  if (doc.type() != JT::OBJECT)
    throw SchemaError("schema.json must be a JSON object (the root node)", {}, "");
  ParsedSchema out;
  const auto protocol = find_member(doc, "protocol");
  if (!protocol) throw SchemaError("missing \"protocol\"", {}, "");
  if (!detail::is_integer(*protocol))
    throw SchemaError("\"protocol\" must be an integer", {}, "/protocol");
  const std::uint64_t u = protocol->type() == JT::UINT64 ? detail::uint64_of(*protocol) : 0;
  const std::int64_t p = protocol->type() == JT::INT64 ? detail::int64_of(*protocol)
                         : u <= static_cast<std::uint64_t>(kMaxProtocol)
                             ? static_cast<std::int64_t>(u)
                             : -1;
  if (p < kMinProtocol || p > kMaxProtocol) {
    throw SchemaError("unsupported protocol " + detail::integer_or_null_text(*protocol) +
                          " (this build reads " + std::to_string(kMinProtocol) + " to " +
                          std::to_string(kMaxProtocol) + ")",
                      {}, "/protocol");
  }
  out.protocol = static_cast<int>(p);
  if (const auto v = find_member(doc, "_skops_version"); v && v->type() == JT::STRING) {
    out.skops_version = std::string(string_of(*v));
  }
  GraphBuilder builder(limits, out.protocol);
  out.root = builder.root(doc);
  out.node_count = builder.count();
  return out;
}

}  // namespace

ParsedSchema parse_schema(std::string_view text, const Limits& limits) {
  return parse(text, limits, false);
}

namespace detail {
static_assert(kSchemaReadAhead >= simdjson::SIMDJSON_PADDING,
              "simdjson reads further past its input");
ParsedSchema parse_schema_in_place(std::string_view text, const Limits& limits) {
  return parse(text, limits, true);
}
}  // namespace detail

}  // namespace skops
