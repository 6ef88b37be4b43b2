#pragma once
// Re-throwing an error at another location: a nested reader (a sparse matrix's .npz inside
// the .skops) knows only its own member names; its caller adds where that reader was.

#include <string>

#include "skops/error.hpp"

namespace skops::detail {

/// Throws `e` again, same kind and same C++ type, with `entry` and `pointer` as its location
/// (an empty `pointer` keeps e's). Call it from the catch block that caught `e`: kinds that
/// cannot be re-made with a new location (untrusted types) are rethrown unchanged.
[[noreturn]] inline void rethrow_at(const Error& e, const std::string& entry,
                                    const std::string& pointer = {}) {
  const std::string& ptr = pointer.empty() ? e.json_pointer() : pointer;
  // clang-format off
  switch (e.kind()) {
    case ErrorKind::Archive: throw ArchiveError(e.detail(), entry, ptr);
    case ErrorKind::Limit: throw LimitError(e.detail(), entry, ptr);
    case ErrorKind::Schema: throw SchemaError(e.detail(), entry, ptr);
    case ErrorKind::Npy: throw NpyError(e.detail(), entry, ptr);
    case ErrorKind::Unsupported: throw UnsupportedError(e.detail(), entry, ptr);
    case ErrorKind::Validation: throw ValidationError(e.detail(), entry, ptr);
    case ErrorKind::Input: throw InputError(e.detail(), entry, ptr);
    case ErrorKind::Registry: throw RegistryError(e.detail(), entry, ptr);
    case ErrorKind::Io: throw IoError(e.detail(), entry, ptr);
    case ErrorKind::Untrusted: break;
  }
  // clang-format on
  throw;
}

}  // namespace skops::detail
