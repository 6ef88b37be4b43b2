// Phase 3 of a load starts here: after the audit, every stored array is read (with the
// archive's limits) into a copy of the graph, so estimators never touch the archive.

#include <unordered_map>

#include "skops/api.hpp"
#include "skops/error.hpp"

namespace skops {

namespace {

class Materializer {
 public:
  explicit Materializer(const Document& doc) : doc_(doc) {}

  NodePtr copy(const NodePtr& p) {
    if (!p) return p;
    auto it = done_.find(p.get());
    if (it != done_.end()) return it->second;
    auto n = make::clone(*p);
    if (n->kind == NodeKind::NdArray && n->storage == "numpy" && !n->array) {
      n->array = std::make_shared<const NdArray>(doc_.array_of(*p));
    }
    if ((n->kind == NodeKind::Bytes || n->kind == NodeKind::Bytearray || n->kind == NodeKind::SparseMatrix) &&
        !n->bytes) {
      const ByteView v = doc_.member_of(*p);
      n->bytes = std::make_shared<const std::vector<std::uint8_t>>(v.data, v.data + v.size);
    }
    for (auto& item : n->items) item = copy(item);
    n->key_types = copy(n->key_types);
    // Entries' key types are the key_types list's items: keep them pointing at the copies.
    for (std::size_t i = 0; i < n->entries.size(); ++i) {
      n->entries[i].key_type = (n->key_types && i < n->key_types->items.size()) ? n->key_types->items[i]
                                                                                 : copy(n->entries[i].key_type);
      n->entries[i].value = copy(n->entries[i].value);
    }
    for (auto& c : n->children) c.node = copy(c.node);
    n->json_shape = copy(n->json_shape);
    NodePtr out = std::move(n);
    done_.emplace(p.get(), out);
    return out;
  }

 private:
  const Document& doc_;
  std::unordered_map<const Node*, NodePtr> done_;
};

}  // namespace

NodePtr materialize(const Document& doc) {
  Materializer m(doc);
  return m.copy(doc.root());
}

}  // namespace skops
