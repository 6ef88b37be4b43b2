// Phase 3 of a load starts here: after the audit, every stored array is read (with the
// archive's limits) into a copy of the graph, so estimators never touch the archive.
//
// The reads (CRC, .npy header, byte order) are independent, so they run on a few threads;
// the nodes are listed first in graph order (Document::member_nodes), so that the error
// reported is the one a serial read in that order would meet first.

#include <unordered_map>

#include "core/parallel.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"

namespace skops {

namespace {

class Materializer {
 public:
  Materializer(const Document& doc, unsigned threads) : doc_(doc) {
    const std::vector<const Node*> reads = doc.member_nodes();
    std::uint64_t bytes = 0;
    for (const Node* n : reads) {
      if (const ArchiveEntry* e = doc.archive().find(n->file)) bytes += e->size;
    }
    if (bytes < detail::kParallelMinBytes) threads = 1;
    std::vector<std::shared_ptr<const NdArray>> arrays(reads.size());
    std::vector<std::shared_ptr<const std::vector<std::uint8_t>>> members(reads.size());
    std::vector<std::shared_ptr<const CsrMatrix>> sparse(reads.size());
    detail::parallel_for(reads.size(), threads, [&](std::size_t i) {
      const Node& n = *reads[i];
      if (n.kind == NodeKind::NdArray) {
        arrays[i] = doc_.shared_array_of(n);
      } else {
        const ByteView v = doc_.member_of(n);
        members[i] = std::make_shared<const std::vector<std::uint8_t>>(v.data, v.data + v.size);
        // A sparse matrix is read and validated here, like an array: builders get a checked
        // matrix, and the .npz bytes stay for a lossless re-save.
        if (n.kind == NodeKind::SparseMatrix) sparse[i] = doc_.sparse_of(n, v);
      }
    });
    for (std::size_t i = 0; i < reads.size(); ++i) {
      read_.emplace(reads[i],
                    Read{std::move(arrays[i]), std::move(members[i]), std::move(sparse[i])});
    }
  }

  // A node is copied only when it, or something below it, has data read from a member;
  // every other subgraph is immutable and shared with the document's graph as it is.
  NodePtr copy(const NodePtr& p) {
    if (!p) return p;
    auto it = done_.find(p.get());
    if (it != done_.end()) return it->second;
    const Node& n = *p;
    const auto r = read_.find(p.get());
    bool changed = r != read_.end();
    std::vector<NodePtr> items;
    items.reserve(n.items.size());
    for (const auto& item : n.items) {
      items.push_back(copy(item));
      changed = changed || items.back() != item;
    }
    const NodePtr key_types = copy(n.key_types);
    changed = changed || key_types != n.key_types;
    std::vector<NodePtr> values;
    values.reserve(n.entries.size());
    for (const auto& e : n.entries) {
      values.push_back(copy(e.value));
      changed = changed || values.back() != e.value;
    }
    std::vector<NodePtr> children;
    children.reserve(n.children.size());
    for (const auto& c : n.children) {
      children.push_back(copy(c.node));
      changed = changed || children.back() != c.node;
    }
    const NodePtr json_shape = copy(n.json_shape);
    changed = changed || json_shape != n.json_shape;
    if (!changed) {
      done_.emplace(p.get(), p);
      return p;
    }
    auto out = make::clone(n);
    if (r != read_.end()) {
      if (r->second.array) out->array = r->second.array;
      if (r->second.bytes) out->bytes = r->second.bytes;
      if (r->second.sparse) out->sparse = r->second.sparse;
    }
    out->items = std::move(items);
    out->key_types = key_types;
    // Entries' key types are the key_types list's items: keep them pointing at the copies.
    for (std::size_t i = 0; i < out->entries.size(); ++i) {
      out->entries[i].key_type = (key_types && i < key_types->items.size())
                                     ? key_types->items[i]
                                     : copy(out->entries[i].key_type);
      out->entries[i].value = std::move(values[i]);
    }
    for (std::size_t i = 0; i < out->children.size(); ++i)
      out->children[i].node = std::move(children[i]);
    out->json_shape = json_shape;
    NodePtr result = std::move(out);
    done_.emplace(p.get(), result);
    return result;
  }

 private:
  struct Read {
    std::shared_ptr<const NdArray> array;
    std::shared_ptr<const std::vector<std::uint8_t>> bytes;
    std::shared_ptr<const CsrMatrix> sparse;
  };
  const Document& doc_;
  std::unordered_map<const Node*, Read> read_;
  std::unordered_map<const Node*, NodePtr> done_;
};

}  // namespace

NodePtr materialize(const Document& doc, unsigned threads) {
  Materializer m(doc, threads);
  return m.copy(doc.root());
}

}  // namespace skops
