#pragma once
/// \file document.hpp
/// A `.skops` file as a whole: archive + parsed graph, with arrays read on demand.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "skops/archive.hpp"
#include "skops/limits.hpp"
#include "skops/node.hpp"
#include "skops/npy.hpp"
#include "skops/schema.hpp"

namespace skops {

struct ReadOptions {
  Limits limits;
  /// Memory-map the file; stored, aligned little-endian C-order arrays are used in place.
  bool memory_map = false;
  /// Threads that read the file (when not mapped): 0 for std::thread::hardware_concurrency().
  unsigned threads = 0;
};

/// Phase 1 of a load: the archive is opened and checked, schema.json parsed into an
/// immutable graph. Nothing is constructed; arrays are read only when asked for.
class Document : public ArrayLookup {
 public:
  /// Throws ArchiveError, LimitError, SchemaError, IoError.
  static std::shared_ptr<Document> read_file(const std::string& path,
                                             const ReadOptions& options = {});
  static std::shared_ptr<Document> read_bytes(std::vector<std::uint8_t> bytes,
                                              const ReadOptions& options = {});

  const NodePtr& root() const noexcept { return schema_.root; }
  int protocol() const noexcept { return schema_.protocol; }
  const ParsedSchema& schema() const noexcept { return schema_; }
  const ArchiveReader& archive() const noexcept { return *archive_; }
  const Limits& limits() const noexcept { return limits_; }

  /// The array of an NdArray node ("numpy" storage: read from its member, cached;
  /// held array: returned). Throws NpyError naming the member and the node's pointer,
  /// ArchiveError, LimitError. Thread-safe.
  NdArray array_of(const Node& n) const override;
  /// The same array, shared with the cache instead of copied.
  std::shared_ptr<const NdArray> shared_array_of(const Node& n) const;
  /// Raw member bytes of a Bytes/Bytearray/SparseMatrix node.
  ByteView member_of(const Node& n) const override;
  /// The matrix of a SparseMatrix node (held, or its `.npz` member read with
  /// read_sparse_npz under this document's limits; the nested archive's inflated bytes are
  /// charged to the same `max_total_bytes` as the file's own members). Errors name
  /// "<member>/<inner member>" and the node's pointer. Thread-safe.
  std::shared_ptr<const CsrMatrix> sparse_of(const Node& n) const;
  /// The same from the member's bytes already read (materialisation keeps them too, for a
  /// lossless re-save).
  std::shared_ptr<const CsrMatrix> sparse_of(const Node& n, const ByteView& npz) const;
  /// Every node whose data is in a member (stored arrays, bytes, sparse matrices) and not
  /// held yet (for a sparse matrix: its parsed matrix), each once, in graph order (depth first,
  /// children in `for_each_child` order).
  std::vector<const Node*> member_nodes() const;
  /// Reads every array header and body reachable from the root, and every sparse matrix
  /// (what `inspect` does).
  void read_all_arrays() const;
  /// Reads every member of the archive once (sizes, limits and CRC checked), referenced or
  /// not, so that a corrupt member is found without building anything (what `audit` does).
  void verify_members() const;

 private:
  Document() = default;
  static std::shared_ptr<Document> from_archive(std::shared_ptr<ArchiveReader> archive,
                                                const Limits& limits);
  std::shared_ptr<ArchiveReader> archive_;
  ParsedSchema schema_;
  Limits limits_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const NdArray>> cache_;
  std::unique_ptr<NpyHeaderCache> npy_headers_;
  /// Bytes inflated from nested archives (sparse matrices' .npz), beside archive_'s own.
  mutable std::atomic<std::uint64_t> nested_bytes_{0};
};

struct WriteOptions {
  Compression compression = Compression::Stored;
  std::string skops_version = "0.15.dev0+skops-cpp";
};

/// Writes a graph as a `.skops` file: schema.json plus one `.npy` member per distinct
/// array (held arrays, or read through `arrays` for nodes that reference a member).
/// Atomic: temporary file, then rename. Throws IoError, ArchiveError, NpyError.
void write_document(const Node& root, const std::string& path, const WriteOptions& options = {},
                    const ArrayLookup* arrays = nullptr);
std::vector<std::uint8_t> write_document_bytes(const Node& root, const WriteOptions& options = {},
                                               const ArrayLookup* arrays = nullptr);

}  // namespace skops
