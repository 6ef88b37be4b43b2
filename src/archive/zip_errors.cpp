#include <cstring>
#include <string>

#include "archive/zip_handles.hpp"
#include "skops/error.hpp"

namespace skops::archive_detail {

namespace {

std::string system_detail(const zip_error_t* error) {
  const int sys = zip_error_code_system(error);
  if (zip_error_system_type(error) == ZIP_ET_SYS && sys != 0) return std::strerror(sys);
  return {};
}

}  // namespace

void throw_zip_error(const zip_error_t* error, ZipContext context, const std::string& entry) {
  const int code = zip_error_code_zip(error);
  switch (code) {
    case ZIP_ER_NOZIP:
      throw ArchiveError("not a zip archive", entry);
    case ZIP_ER_EOF:
      throw ArchiveError("truncated archive (premature end of file)", entry);
    case ZIP_ER_CRC:
      throw ArchiveError("CRC mismatch", entry);
    case ZIP_ER_INCONS:
      // libzip's CRC layer reports a length that differs from the header as INCONS.
      if (context == ZipContext::Read) throw ArchiveError("size mismatch", entry);
      throw ArchiveError("inconsistent archive (local and central headers disagree)", entry);
    case ZIP_ER_EXISTS:
      throw ArchiveError(
          context == ZipContext::Write ? "duplicate member name" : "duplicate member names", entry);
    case ZIP_ER_MULTIDISK:
      throw ArchiveError("multi-disk archives are not supported", entry);
    case ZIP_ER_COMPNOTSUPP:
      throw UnsupportedError("compression method not supported by this build of libzip", entry);
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
      throw ArchiveError("encryption not supported", entry);
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA:
      throw ArchiveError("corrupt compressed data", entry);
    case ZIP_ER_MEMORY:
      throw LimitError("out of memory while handling the archive", entry);
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_TELL:
    case ZIP_ER_WRITE:
    case ZIP_ER_CLOSE:
    case ZIP_ER_RENAME:
    case ZIP_ER_REMOVE:
    case ZIP_ER_TMPOPEN: {
      ZipError copy(code);
      std::string detail = zip_error_strerror(copy.get());
      const std::string sys = system_detail(error);
      if (!sys.empty()) detail += ": " + sys;
      throw IoError(detail, entry);
    }
    default: {
      ZipError copy(code);
      throw ArchiveError(std::string("libzip: ") + zip_error_strerror(copy.get()), entry);
    }
  }
}

}  // namespace skops::archive_detail
