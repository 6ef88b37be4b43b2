// Phase 3 of a load starts here: after the audit, every stored array is read (with the
// archive's limits) into a copy of the graph, so estimators never touch the archive.
//
// The reads (CRC, .npy header, byte order) are independent, so they run on a few threads;
// the nodes are listed first in the order the copy visits them, so that the error reported
// is the one a serial copy would meet first.

#include <unordered_map>
#include <unordered_set>

#include "core/parallel.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"

namespace skops {

namespace {

bool reads_array(const Node& n) {
  return n.kind == NodeKind::NdArray && n.storage == "numpy" && !n.array;
}

bool reads_member(const Node& n) {
  return (n.kind == NodeKind::Bytes || n.kind == NodeKind::Bytearray ||
          n.kind == NodeKind::SparseMatrix) &&
         !n.bytes;
}

/// Visits every node once, in the order Materializer::copy does (the node, then items,
/// key_types, entries, children, json_shape).
template <class Fn>
void visit_in_copy_order(const NodePtr& root, Fn&& fn) {
  std::unordered_set<const Node*> seen;
  std::vector<const Node*> stack;
  if (root) stack.push_back(root.get());
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    fn(*n);
    // Pushed in reverse so that they are popped in copy order.
    std::vector<const Node*> next;
    for (const auto& item : n->items) next.push_back(item.get());
    next.push_back(n->key_types.get());
    for (std::size_t i = 0; i < n->entries.size(); ++i) {
      if (!(n->key_types && i < n->key_types->items.size()))
        next.push_back(n->entries[i].key_type.get());
      next.push_back(n->entries[i].value.get());
    }
    for (const auto& c : n->children) next.push_back(c.node.get());
    next.push_back(n->json_shape.get());
    for (auto it = next.rbegin(); it != next.rend(); ++it) {
      if (*it != nullptr && seen.count(*it) == 0) stack.push_back(*it);
    }
  }
}

class Materializer {
 public:
  Materializer(const Document& doc, unsigned threads) : doc_(doc) {
    std::vector<const Node*> reads;
    visit_in_copy_order(doc.root(), [&](const Node& n) {
      if (reads_array(n) || reads_member(n)) reads.push_back(&n);
    });
    // Threads pay off for large members (CRC, page faults); many small ones mostly contend
    // on shared counters and the allocator (hgb's 1 377 headers: 5.3 ms on one thread,
    // 8.5 ms on two).
    constexpr std::uint64_t kParallelBytes = 8ull << 20;
    std::uint64_t bytes = 0;
    for (const Node* n : reads) {
      if (const ArchiveEntry* e = doc.archive().find(n->file)) bytes += e->size;
    }
    if (bytes < kParallelBytes) threads = 1;
    std::vector<std::shared_ptr<const NdArray>> arrays(reads.size());
    std::vector<std::shared_ptr<const std::vector<std::uint8_t>>> members(reads.size());
    detail::parallel_for(reads.size(), threads, [&](std::size_t i) {
      const Node& n = *reads[i];
      if (reads_array(n)) {
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
