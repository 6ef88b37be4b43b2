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
    detail::parallel_for(reads.size(), threads, [&](std::size_t i) {
      const Node& n = *reads[i];
      if (n.kind == NodeKind::NdArray) {
        arrays[i] = std::make_shared<const NdArray>(doc_.array_of(n));
      } else {
        const ByteView v = doc_.member_of(n);
        members[i] = std::make_shared<const std::vector<std::uint8_t>>(v.data, v.data + v.size);
      }
    });
    for (std::size_t i = 0; i < reads.size(); ++i) {
      read_.emplace(reads[i], Read{std::move(arrays[i]), std::move(members[i])});
    }
  }

  NodePtr copy(const NodePtr& p) {
    if (!p) return p;
    auto it = done_.find(p.get());
    if (it != done_.end()) return it->second;
    auto n = make::clone(*p);
    const auto r = read_.find(p.get());
    if (r != read_.end()) {
      if (r->second.array) n->array = r->second.array;
      if (r->second.bytes) n->bytes = r->second.bytes;
    }
    for (auto& item : n->items) item = copy(item);
    n->key_types = copy(n->key_types);
    // Entries' key types are the key_types list's items: keep them pointing at the copies.
    for (std::size_t i = 0; i < n->entries.size(); ++i) {
      n->entries[i].key_type = (n->key_types && i < n->key_types->items.size())
                                   ? n->key_types->items[i]
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
  struct Read {
    std::shared_ptr<const NdArray> array;
    std::shared_ptr<const std::vector<std::uint8_t>> bytes;
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
