// Graph → .skops: schema.json plus one member per distinct payload. Arrays are re-encoded
// (C order, little-endian, 64-byte aligned data when stored); bytes are copied; a sparse
// matrix built in C++ is written as scipy.sparse.save_npz writes it.

#include <map>
#include <set>

#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"

namespace skops {

namespace {

struct Payloads {
  std::vector<std::pair<std::string, NdArray>> arrays;
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> blobs;
};

// Names every payload node and collects its data; distinct nodes that referenced one member
// in the source keep sharing it.
std::string plan(const Node& root, const WriteOptions& options, const ArrayLookup* lookup, Payloads& out) {
  std::map<const Node*, std::string> names;
  std::set<std::string> used;
  std::map<std::string, std::string> source_member_to_name;
  std::uint64_t counter = 0;
  auto fresh = [&](const char* ext) {
    std::string name;
    do {
      name = "m" + std::to_string(++counter) + ext;
    } while (used.count(name));
    used.insert(name);
    return name;
  };
  SchemaWriteOptions so;
  so.skops_version = options.skops_version;
  so.member_name = [&](const Node& n, std::int64_t) -> std::string {
    auto it = names.find(&n);
    if (it != names.end()) return it->second;
    const bool is_array = n.kind == NodeKind::NdArray;
    const char* ext = is_array ? ".npy" : (n.kind == NodeKind::SparseMatrix ? ".npz" : ".bin");
    std::string name;
    if (!n.array && !n.bytes && !n.sparse && !n.file.empty()) {
      auto s = source_member_to_name.find(n.file);
      if (s != source_member_to_name.end()) {
        names.emplace(&n, s->second);
        return s->second;
      }
      name = fresh(ext);
      source_member_to_name.emplace(n.file, name);
    } else {
      name = fresh(ext);
    }
    names.emplace(&n, name);
    if (is_array) {
      if (!n.array && !lookup) throw ArchiveError("array member \"" + n.file + "\" has no source to copy from");
      out.arrays.emplace_back(name, n.array ? *n.array : lookup->array_of(n));
    } else {
      if (n.bytes) {
        out.blobs.emplace_back(name, *n.bytes);
      } else if (n.sparse) {
        out.blobs.emplace_back(name, write_sparse_npz(*n.sparse));
      } else {
        if (!lookup) throw ArchiveError("member \"" + n.file + "\" has no source to copy from");
        const ByteView v = lookup->member_of(n);
        out.blobs.emplace_back(name, std::vector<std::uint8_t>(v.data, v.data + v.size));
      }
    }
    return name;
  };
  return write_schema(root, so);
}

}  // namespace

void write_document(const Node& root, const std::string& path, const WriteOptions& options,
                    const ArrayLookup* arrays) {
  Payloads payloads;
  std::string schema = plan(root, options, arrays, payloads);
  ArchiveWriter writer(path, options.compression);
  for (auto& a : payloads.arrays) writer.add_npy(a.first, a.second);
  for (auto& b : payloads.blobs) writer.add(b.first, std::move(b.second));
  writer.add("schema.json", std::vector<std::uint8_t>(schema.begin(), schema.end()));
  writer.commit();
}

std::vector<std::uint8_t> write_document_bytes(const Node& root, const WriteOptions& options,
                                               const ArrayLookup* arrays) {
  Payloads payloads;
  std::string schema = plan(root, options, arrays, payloads);
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
  for (auto& a : payloads.arrays) members.emplace_back(a.first, write_npy(a.second, 0, 64));
  for (auto& b : payloads.blobs) members.emplace_back(b.first, std::move(b.second));
  members.emplace_back("schema.json", std::vector<std::uint8_t>(schema.begin(), schema.end()));
  return write_archive_bytes(members, options.compression);
}

}  // namespace skops
