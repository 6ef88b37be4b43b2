#pragma once
/// \file error.hpp
/// One error root for everything skops-cpp throws. Each error carries its kind, the zip
/// entry (if any) and the JSON pointer into schema.json (if any), so a single catch site
/// gets a message that locates the fault.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace skops {

/// The failure vocabulary (after abseil's status codes):
/// - Archive: the zip container is malformed (not a zip, bad CRC, unsafe or duplicate names).
/// - Limit: a configured cap (`Limits`) was exceeded; the input may be valid but too large.
/// - Schema: schema.json is malformed (bad JSON, bad node shape, dangling or cyclic ids).
/// - Npy: a `.npy` member is malformed or missing.
/// - Untrusted: the file names a type the trust policy does not allow.
/// - Unsupported: valid input this build cannot handle (compression method, type without
///   a registered builder, dtype an estimator cannot use).
/// - Validation: an estimator's invariants do not hold (shapes, tree links, indices).
/// - Input: the caller's data is wrong (feature count, NaN where not allowed).
/// - Registry: misuse of the type registry (duplicate registration).
/// - Io: the operating system refused a file operation.
enum class ErrorKind { Archive, Limit, Schema, Npy, Untrusted, Unsupported, Validation, Input, Registry, Io };

/// Short lowercase name of a kind ("archive", "schema", ...), as printed in messages.
const char* to_string(ErrorKind kind) noexcept;

/// Base of every exception skops-cpp throws. `what()` is
/// "<kind>: [<entry>: ][<json pointer>: ]<detail>". Entry, pointer and detail (and so what())
/// are stored escaped and capped: text a file controls (names, JSON snippets, parser echoes)
/// never reaches a message raw. Control characters (newline included) and invalid UTF-8 bytes
/// appear as \xNN, direction-changing characters as \uNNNN, valid non-ASCII UTF-8 as is; the
/// entry is cut after 512 bytes, the pointer after 1024, the detail after 8192.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string detail, std::string entry = {}, std::string json_pointer = {});
  ErrorKind kind() const noexcept { return kind_; }
  /// Zip member the error concerns, or empty.
  const std::string& entry() const noexcept { return entry_; }
  /// JSON pointer into schema.json (RFC 6901), or empty.
  const std::string& json_pointer() const noexcept { return pointer_; }
  /// The message without kind and location.
  const std::string& detail() const noexcept { return detail_; }

 private:
  ErrorKind kind_;
  std::string detail_;
  std::string entry_;
  std::string pointer_;
};

#define SKOPS_DECLARE_ERROR(Name, Kind)                                                    \
  class Name : public Error {                                                              \
   public:                                                                                 \
    explicit Name(std::string detail, std::string entry = {}, std::string json_pointer = {}) \
        : Error(ErrorKind::Kind, std::move(detail), std::move(entry), std::move(json_pointer)) {} \
  };

SKOPS_DECLARE_ERROR(ArchiveError, Archive)
SKOPS_DECLARE_ERROR(LimitError, Limit)
SKOPS_DECLARE_ERROR(SchemaError, Schema)
SKOPS_DECLARE_ERROR(NpyError, Npy)
SKOPS_DECLARE_ERROR(UnsupportedError, Unsupported)
SKOPS_DECLARE_ERROR(ValidationError, Validation)
SKOPS_DECLARE_ERROR(InputError, Input)
SKOPS_DECLARE_ERROR(RegistryError, Registry)
SKOPS_DECLARE_ERROR(IoError, Io)

#undef SKOPS_DECLARE_ERROR

/// One untrusted type and the JSON pointers where it occurs.
struct UntrustedUse {
  std::string type;
  std::vector<std::string> paths;
};

/// The file names types the trust policy does not allow. Lists every offending type
/// (sorted) with every path where it occurs.
class UntrustedTypeError : public Error {
 public:
  explicit UntrustedTypeError(std::vector<UntrustedUse> uses);
  const std::vector<UntrustedUse>& uses() const noexcept { return uses_; }
  /// The sorted type names alone.
  std::vector<std::string> types() const;

 private:
  std::vector<UntrustedUse> uses_;
};

}  // namespace skops
