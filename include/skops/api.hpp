#pragma once
/// \file api.hpp
/// Load and dump estimators; audit files without constructing anything.

#include <memory>
#include <string>
#include <vector>

#include "skops/archive.hpp"
#include "skops/document.hpp"
#include "skops/estimator.hpp"
#include "skops/limits.hpp"
#include "skops/registry.hpp"
#include "skops/trust.hpp"

namespace skops {

struct LoadOptions {
  /// Registry to build with; null: the built-in registry.
  const TypeRegistry* registry = nullptr;
  /// Exact type names trusted in addition to the registry's types and the primitives.
  std::vector<std::string> trusted;
  Limits limits;
  /// Memory-map the file (stored arrays used in place).
  bool memory_map = false;
  /// Threads a load may use for reading the file and checking its arrays (CRC, headers):
  /// 0 for std::thread::hardware_concurrency(), 1 to stay on the calling thread. Started for
  /// the load and joined before it returns; errors are those a serial load would report.
  unsigned threads = 0;
};

struct DumpOptions {
  /// Zip method of every member: Stored (default; arrays usable in place from a mapping),
  /// Deflate, Bzip2, Lzma (Python's zipfile reads all four) or Zstd (Python 3.14+ only).
  Compression compression = Compression::Stored;
  const TypeRegistry* registry = nullptr;
  /// scikit-learn version natively built estimators are written for.
  std::string sklearn_version = "1.4.2";
};

/// The trust policy a load uses: primitives + the registry's default-trusted names (the
/// built-in estimators and their helper types) + `extra`.
TrustPolicy default_trust(const TypeRegistry& registry, const std::vector<std::string>& extra = {});
/// The built-in registry (built once per call site; cheap to copy by reference).
const TypeRegistry& builtin_registry();

/// Loads an estimator: open and check the archive, parse schema.json, audit every type
/// (refusing untrusted ones before anything is constructed), read arrays, build and
/// validate. Throws ArchiveError, LimitError, SchemaError, NpyError, UntrustedTypeError,
/// UnsupportedError (trusted type without a C++ builder), ValidationError, IoError.
std::unique_ptr<Estimator> load(const std::string& path, const LoadOptions& options = {});
std::unique_ptr<Estimator> loads(const std::vector<std::uint8_t>& bytes,
                                 const LoadOptions& options = {});

/// Saves an estimator through its registered writer (atomic: temporary file then rename).
/// Throws UnsupportedError (no writer for its type), IoError, ArchiveError.
void dump(const Estimator& estimator, const std::string& path, const DumpOptions& options = {});
std::vector<std::uint8_t> dumps(const Estimator& estimator, const DumpOptions& options = {});
/// The node graph an estimator saves as.
NodePtr to_node(const Estimator& estimator, const DumpOptions& options = {});

/// Audits a file: every type with its JSON paths, and the untrusted ones under the
/// default trust plus `trusted`. Every member is read once to check its integrity (CRC,
/// sizes, limits); no array is parsed and nothing is built. Throws the archive/schema errors.
AuditReport audit_file(const std::string& path, const std::vector<std::string>& trusted = {},
                       const LoadOptions& options = {});
/// The same under a policy built once (default_trust) for scanning many files. With
/// `verify_members` false only the central directory and schema.json are read, as Python's
/// get_untrusted_types reads only the schema: a damaged array is then found by a load, not here.
AuditReport audit_file(const std::string& path, const TrustPolicy& policy,
                       const LoadOptions& options, bool verify_members);

/// A copy of the graph in which every stored array is read into memory (so the graph no
/// longer needs its archive), and every sparse matrix read and validated (Document::sparse_of;
/// its `.npz` bytes kept too); subgraphs without member data are shared with the document's
/// graph, not copied (nodes are immutable). Arrays are read on up to `threads` threads (0: hardware
/// concurrency); the error reported is the one a serial read in graph order meets first.
/// Throws NpyError, ArchiveError, LimitError, and for a sparse matrix ValidationError and
/// UnsupportedError (a format other than csr).
NodePtr materialize(const Document& doc, unsigned threads = 0);

}  // namespace skops
