#include "skops/document.hpp"

#include <atomic>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "core/parallel.hpp"
#include "core/relocate.hpp"
#include "schema/parse_in_place.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"

namespace skops {

std::shared_ptr<Document> Document::from_archive(std::shared_ptr<ArchiveReader> archive,
                                                 const Limits& limits) {
  std::shared_ptr<Document> doc(new Document());
  if (!archive->find("schema.json")) throw ArchiveError("schema.json missing from the archive");
  const ByteView bytes = archive->read("schema.json", limits.max_schema_bytes);
  try {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data), bytes.size);
    // A stored schema.json is followed by other members or the central directory: parsed
    // where it is, without a padded copy, whenever the parser's read-ahead stays inside.
    doc->schema_ = archive->readable_after(bytes, detail::kSchemaReadAhead)
                       ? detail::parse_schema_in_place(text, limits)
                       : parse_schema(text, limits);
  } catch (const Error& e) {
    // Attach the member name; parse errors already carry the JSON pointer.
    if (e.kind() == ErrorKind::Limit) throw LimitError(e.detail(), "schema.json", e.json_pointer());
    if (e.kind() == ErrorKind::Unsupported)
      throw UnsupportedError(e.detail(), "schema.json", e.json_pointer());
    throw SchemaError(e.detail(), "schema.json", e.json_pointer());
  }
  doc->archive_ = std::move(archive);
  doc->limits_ = limits;
  doc->npy_headers_ = std::make_unique<NpyHeaderCache>(limits);
  return doc;
}

namespace {

/// Runs ArchiveReader::precheck_stored on another thread for as long as it lives: the CRC
/// pass over a large file (and, mapped, the page faults it takes) overlaps the parsing of
/// schema.json. Stopped and joined on destruction, exception or not.
class BackgroundPrecheck {
 public:
  BackgroundPrecheck(const ArchiveReader& archive, unsigned threads) {
    // Worth a thread only for large archives; never when asked for one thread.
    if (threads == 1 || archive.stored_bytes() < detail::kParallelMinBytes) return;
    try {
      thread_ = std::thread([this, &archive] { archive.precheck_stored(stop_); });
    } catch (const std::system_error&) {
      // No thread: reads check their CRCs themselves, as always.
    }
  }
  ~BackgroundPrecheck() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }
  BackgroundPrecheck(const BackgroundPrecheck&) = delete;
  BackgroundPrecheck& operator=(const BackgroundPrecheck&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

std::shared_ptr<Document> Document::read_file(const std::string& path, const ReadOptions& options) {
  const std::shared_ptr<ArchiveReader> archive =
      options.memory_map ? ArchiveReader::open_mapped(path, options.limits)
                         : ArchiveReader::open_file(path, options.limits, options.threads);
  // Declared after `archive`, so joined before this reference to the reader is dropped.
  const BackgroundPrecheck precheck(*archive, options.threads);
  return from_archive(archive, options.limits);
}

std::shared_ptr<Document> Document::read_bytes(std::vector<std::uint8_t> bytes,
                                               const ReadOptions& options) {
  auto archive = ArchiveReader::open_bytes(std::move(bytes), options.limits);
  return from_archive(std::move(archive), options.limits);
}

NdArray Document::array_of(const Node& n) const { return *shared_array_of(n); }

std::shared_ptr<const NdArray> Document::shared_array_of(const Node& n) const {
  if (n.array) return n.array;
  if (n.kind != NodeKind::NdArray || n.storage != "numpy") {
    throw SchemaError("node is not an array stored in a .npy member", {}, n.pointer);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(n.file);
    if (it != cache_.end()) return it->second;
  }
  if (!archive_->find(n.file)) {
    throw NpyError("referenced member \"" + n.file + "\" is missing from the archive", n.file,
                   n.pointer);
  }
  std::shared_ptr<const NdArray> array;
  try {
    const ByteView bytes = archive_->read(n.file);
    array = std::make_shared<const NdArray>(read_npy(bytes, *npy_headers_, n.file));
  } catch (const Error& e) {
    detail::rethrow_at(e, n.file, n.pointer);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.emplace(n.file, array);
  return array;
}

ByteView Document::member_of(const Node& n) const {
  if (n.bytes) return ByteView::copy_of(n.bytes->data(), n.bytes->size());
  if (n.file.empty()) throw SchemaError("node has no member", {}, n.pointer);
  if (!archive_->find(n.file)) {
    throw ArchiveError("referenced member \"" + n.file + "\" is missing from the archive", n.file,
                       n.pointer);
  }
  return archive_->read(n.file);
}

std::shared_ptr<const CsrMatrix> Document::sparse_of(const Node& n) const {
  if (n.sparse) return n.sparse;
  if (n.kind != NodeKind::SparseMatrix)
    throw SchemaError("node is not a sparse matrix", {}, n.pointer);
  return sparse_of(n, member_of(n));
}

std::shared_ptr<const CsrMatrix> Document::sparse_of(const Node& n, const ByteView& npz) const {
  // The nested archive may inflate what is left of the file's budget, no more; what it did
  // inflate is added, so that many matrices cannot add up past max_total_bytes either.
  Limits inner = limits_;
  const std::uint64_t used = archive_->bytes_read() + nested_bytes_.load();
  inner.max_total_bytes = used < limits_.max_total_bytes ? limits_.max_total_bytes - used : 0;
  const std::string entry = n.file.empty() ? std::string("<held .npz>") : n.file;
  std::uint64_t inflated = 0;
  try {
    auto m = std::make_shared<const CsrMatrix>(read_sparse_npz(npz, inner, entry, &inflated));
    const std::uint64_t total = nested_bytes_.fetch_add(inflated) + inflated;
    if (archive_->bytes_read() + total > limits_.max_total_bytes) {
      throw LimitError("archive and its nested .npz members inflate to more than the limit of " +
                           std::to_string(limits_.max_total_bytes) +
                           " bytes in total (max_total_bytes)",
                       entry);
    }
    return m;
  } catch (const Error& e) {
    detail::rethrow_at(e, e.entry(), n.pointer);
  }
}

void Document::verify_members() const {
  for (const auto& e : archive_->entries()) {
    if (e.name == "schema.json") continue;  // already read and parsed
    archive_->read(e.name);
  }
}

std::vector<const Node*> Document::member_nodes() const {
  std::vector<const Node*> out;
  std::vector<const Node*> stack{root().get()};
  std::unordered_set<const Node*> seen;
  std::vector<const Node*> children;
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr || !seen.insert(n).second) continue;
    const bool array = n->kind == NodeKind::NdArray && n->storage == "numpy" && !n->array;
    // A sparse matrix counts until its matrix is held (held .npz bytes are parsed too).
    const bool bytes =
        ((n->kind == NodeKind::Bytes || n->kind == NodeKind::Bytearray) && !n->bytes) ||
        (n->kind == NodeKind::SparseMatrix && !n->sparse);
    if (array || bytes) out.push_back(n);
    // Pushed in reverse, so that they are visited in order.
    children.clear();
    for_each_child(*n, [&](const NodePtr& c, const ChildSegment&) { children.push_back(c.get()); });
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return out;
}

void Document::read_all_arrays() const {
  for (const Node* n : member_nodes()) {
    if (n->kind == NodeKind::NdArray) {
      array_of(*n);
    } else if (n->kind == NodeKind::SparseMatrix) {
      sparse_of(*n);
    } else {
      member_of(*n);
    }
  }
}

}  // namespace skops
