#pragma once
// The file an ArchiveWriter writes: created beside the target so that a crash leaves nothing
// behind where the system allows it, filled through a file descriptor, then published over
// the target atomically.
//
// On Linux the file is opened with O_TMPFILE: an inode with no name, freed by the kernel if
// the process dies (even by SIGKILL) before publishing. Publishing gives it a name with
// linkat("/proc/self/fd/N", AT_SYMLINK_FOLLOW) (or AT_EMPTY_PATH where /proc is missing and
// the process may use it):
//   - target absent: linked straight to the target name. Atomic, nothing else ever named.
//   - target present: linkat cannot replace a name and renameat2 cannot take a nameless
//     file, so the file is linked to a unique temporary name beside the target and that is
//     renamed over it. A SIGKILL in the few microseconds between the two calls leaves that
//     name (".<target>.tmp-<16 hex>"); it is the only residual window, and the target itself
//     is always either the old file or the complete new one.
// Where O_TMPFILE is unsupported (EOPNOTSUPP, EISDIR, EINVAL: old kernels, some file
// systems), the file is created under that same ".<target>.tmp-<16 hex>" name from the
// start and renamed over the target at the end; a SIGKILL while writing leaves it.
//
// Such leftovers do not pile up: every writer holds an exclusive flock on its file from the
// moment it exists, and before publishing removes the ".<target>.tmp-<16 hex>" names beside
// the target whose lock it can take — their writer is dead (the kernel drops a dead
// process's locks). A service killed in a loop therefore leaves at most one such name per
// target, removed by the next successful write. Where flock is unsupported the sweep is
// skipped.

#include <string>

#include "archive/file_input.hpp"
#include "archive/zip_handles.hpp"

namespace skops::archive_detail {

class OutputFile {
 public:
  /// Creates the (unnamed where possible) file beside `target`. Throws IoError.
  explicit OutputFile(std::string target);
  /// Removes the temporary name of a file never published (the unnamed one vanishes alone).
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Read-write descriptor of the file.
  int fd() const noexcept { return fd_.get(); }
  /// Whether the file has no name (O_TMPFILE) until published.
  bool anonymous() const noexcept { return temp_path_.empty(); }
  /// Flushes the file, gives it the target's name (replacing any file there) and flushes the
  /// directory. Throws IoError.
  void publish();

 private:
  std::string target_;
  std::string dir_;
  std::string temp_path_;  ///< the named fallback's path; empty for an O_TMPFILE file
  UniqueFd fd_;
  bool published_ = false;
};

/// A writable libzip source over `fd` (an empty file; libzip writes the archive through it
/// and seeks back to complete local headers). `state` must outlive the source; libzip's
/// ZIP_SOURCE_FREE leaves it alone.
struct FdSinkState {
  int fd = -1;
  std::uint64_t pos = 0;
  std::uint64_t size = 0;
  ZipError error;
};
zip_source_t* fd_write_source(FdSinkState& state, zip_error_t* error);

}  // namespace skops::archive_detail
