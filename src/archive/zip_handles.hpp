#pragma once
// RAII owners for libzip handles and the mapping of libzip errors onto skops errors.
// Internal to the archive component: libzip types never reach a public header.

#include <zip.h>

#include <memory>
#include <string>

namespace skops::archive_detail {

struct ZipDiscard {
  /// zip_discard, not zip_close: a reader never writes, and a failed writer must not.
  void operator()(zip_t* z) const noexcept { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const noexcept { zip_fclose(f); }
};
struct ZipSourceFree {
  void operator()(zip_source_t* s) const noexcept { zip_source_free(s); }
};

using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;
using ZipSourcePtr = std::unique_ptr<zip_source_t, ZipSourceFree>;

/// A zip_error_t that is always finalised.
class ZipError {
 public:
  ZipError() noexcept { zip_error_init(&error_); }
  explicit ZipError(int code) noexcept { zip_error_init_with_code(&error_, code); }
  ~ZipError() { zip_error_fini(&error_); }
  ZipError(const ZipError&) = delete;
  ZipError& operator=(const ZipError&) = delete;
  zip_error_t* get() noexcept { return &error_; }

 private:
  zip_error_t error_;
};

/// Where a libzip error happened; decides how an ambiguous code is worded.
enum class ZipContext { Open, Read, Write };

/// Throws the skops error for a libzip error: ArchiveError for malformed archives,
/// UnsupportedError for a missing codec, IoError for system errors. `entry` may be empty.
[[noreturn]] void throw_zip_error(const zip_error_t* error, ZipContext context,
                                  const std::string& entry = {});

}  // namespace skops::archive_detail
