// node graph → schema.json, in Python's layout (json.dumps(indent=2), key order of §2.2) so
// that the file reads like one Python wrote. Shared nodes keep one `__id__` and repeat
// their state at every reference, as Python does.

#include <unordered_map>

#include "json_value.hpp"
#include "skops/schema.hpp"

namespace skops {

namespace {

class SchemaWriter {
 public:
  explicit SchemaWriter(const SchemaWriteOptions& o) : opts_(o) {}

  std::string run(const Node& root) {
    out_.reserve(1 << 16);
    NodePtr alias(NodePtr(), &root);
    node(alias, 0,
         {{"protocol", std::to_string(kWriteProtocol)},
          {"_skops_version", detail::json_escape_string(opts_.skops_version)}});
    out_ += '\n';
    return std::move(out_);
  }

 private:
  using Extra = std::vector<std::pair<std::string, std::string>>;

  std::int64_t id_of(const Node* n) {
    auto it = ids_.find(n);
    if (it != ids_.end()) return it->second;
    const std::int64_t id = next_id_++;
    ids_.emplace(n, id);
    return id;
  }

  void newline(int depth) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth * opts_.indent), ' ');
  }

  // An object is written key by key; `first` tracks the separator.
  struct Obj {
    SchemaWriter& w;
    int depth;
    bool first = true;
    void key(const std::string& k) {
      if (!first) w.out_ += ',';
      first = false;
      w.newline(depth + 1);
      w.out_ += detail::json_escape_string(k);
      w.out_ += ": ";
    }
    void raw(const std::string& k, const std::string& json) {
      key(k);
      w.out_ += json;
    }
    void str(const std::string& k, const std::string& s) { raw(k, detail::json_escape_string(s)); }
  };

  void open() { out_ += '{'; }
  void close(const Obj& o) {
    if (!o.first) newline(o.depth);
    out_ += '}';
  }

  void node_list(const std::vector<NodePtr>& items, int depth) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ',';
      newline(depth + 1);
      node(items[i], depth + 1, {});
    }
    if (!items.empty()) newline(depth);
    out_ += ']';
  }

  void named_object(const Node& n, int depth) {
    open();
    Obj o{*this, depth};
    for (const auto& c : n.children) {
      o.key(c.name);
      node(c.node, depth + 1, {});
    }
    close(o);
  }

  std::string scalar_text(const Node& n) {
    if (!n.raw_json.empty()) return n.raw_json;
    switch (n.scalar) {
      case ScalarKind::None:
        return "null";
      case ScalarKind::Bool:
        return n.bool_value ? "true" : "false";
      case ScalarKind::Int:
        return std::to_string(n.int_value);
      case ScalarKind::BigInt:
        return n.str_value;
      case ScalarKind::Float:
        return python_float_repr(n.float_value);
      case ScalarKind::Str:
        return detail::json_escape_string(n.str_value);
      case ScalarKind::OtherJson:
        return n.str_value;
    }
    return "null";
  }

  std::string member_name(const Node& n, std::int64_t id) {
    if (opts_.member_name) return opts_.member_name(n, id);
    if (!n.file.empty()) return n.file;
    const char* ext =
        n.kind == NodeKind::SparseMatrix ? ".npz" : (n.kind == NodeKind::NdArray ? ".npy" : ".bin");
    return std::to_string(id) + ext;
  }

  void node(const NodePtr& p, int depth, const Extra& extra) {
    const Node& n = *p;
    const std::int64_t id = id_of(p.get());
    open();
    Obj o{*this, depth};
    o.str("__class__", n.cls);
    o.str("__module__", n.module);
    const bool reduce =
        n.kind == NodeKind::Tree || n.kind == NodeKind::Loss || n.kind == NodeKind::QuantileForest;
    if (!reduce) o.str("__loader__", loader_name(n.kind));
    switch (n.kind) {
      case NodeKind::Json:
        o.str("content", scalar_text(n));
        o.raw("is_json", "true");
        break;
      case NodeKind::Dict: {
        o.key("content");
        open();
        Obj c{*this, depth + 1};
        for (const auto& e : n.entries) {
          c.key(e.key);
          node(e.value, depth + 2, {});
        }
        close(c);
        o.key("key_types");
        if (n.key_types) {
          node(n.key_types, depth + 1, {});
        } else {
          std::vector<NodePtr> kts;
          for (const auto& e : n.entries)
            kts.push_back(e.key_type ? e.key_type : make::type_ref("builtins", "str"));
          node(make::list(std::move(kts)), depth + 1, {});
        }
        break;
      }
      case NodeKind::List:
      case NodeKind::Tuple:
      case NodeKind::Set:
        o.key("content");
        node_list(n.items, depth + 1);
        break;
      case NodeKind::Slice: {
        o.key("content");
        open();
        Obj c{*this, depth + 1};
        c.raw("start", n.slice_start);
        c.raw("stop", n.slice_stop);
        c.raw("step", n.slice_step);
        close(c);
        break;
      }
      case NodeKind::Type:
      case NodeKind::Function:
        break;
      case NodeKind::Method: {
        o.key("content");
        open();
        Obj c{*this, depth + 1};
        c.str("func", n.method_name);
        c.key("obj");
        node(n.child("obj"), depth + 2, {});
        close(c);
        break;
      }
      case NodeKind::OperatorFunc:
        o.key("attrs");
        node(n.child("attrs"), depth + 1, {});
        break;
      case NodeKind::Bytes:
      case NodeKind::Bytearray:
        o.str("file", member_name(n, id));
        break;
      case NodeKind::Object:
      case NodeKind::ConstructorFromReduce:
      case NodeKind::RandomState:
      case NodeKind::DType:
        if (auto c = n.child("content")) {
          o.key("content");
          node(c, depth + 1, {});
        }
        break;
      case NodeKind::NdArray:
        if (n.storage == "json") {
          o.key("content");
          node_list(n.items, depth + 1);
          o.str("type", "json");
          o.key("shape");
          node(n.json_shape, depth + 1, {});
        } else {
          o.str("type", "numpy");
          o.str("file", member_name(n, id));
        }
        break;
      case NodeKind::SparseMatrix:
        o.str("type", "scipy");
        o.str("file", member_name(n, id));
        break;
      case NodeKind::DefaultDict:
      case NodeKind::Partial:
      case NodeKind::MaskedArray:
      case NodeKind::RandomGenerator:
      case NodeKind::DictWithDeprecatedKeys:
        o.key("content");
        named_object(n, depth + 1);
        break;
      case NodeKind::Tree:
      case NodeKind::Loss:
      case NodeKind::QuantileForest: {
        o.key("__reduce__");
        open();
        Obj r{*this, depth + 1};
        r.key("args");
        node(n.child("args"), depth + 2, {});
        close(r);
        o.key("content");
        node(n.child("content"), depth + 1, {});
        o.str("__loader__", loader_name(n.kind));
        break;
      }
    }
    o.raw("__id__", std::to_string(id));
    for (const auto& kv : extra) o.raw(kv.first, kv.second);
    close(o);
  }

  const SchemaWriteOptions& opts_;
  std::string out_;
  std::unordered_map<const Node*, std::int64_t> ids_;
  std::int64_t next_id_ = 1;
};

}  // namespace

std::string write_schema(const Node& root, const SchemaWriteOptions& options) {
  SchemaWriter w(options);
  return w.run(root);
}

}  // namespace skops
