#include "archive/names.hpp"

#include <zip.h>

#include <cstdio>

#include "archive/codecs.hpp"
#include "core/text.hpp"
#include "skops/error.hpp"

namespace skops {

const char* to_string(Compression c) noexcept {
  switch (c) {
    case Compression::Stored:
      return "stored";
    case Compression::Deflate:
      return "deflate";
    case Compression::Bzip2:
      return "bzip2";
    case Compression::Lzma:
      return "lzma";
    case Compression::Zstd:
      return "zstd";
    case Compression::Other:
      return "other";
  }
  return "other";
}

bool compression_supported(Compression c) noexcept {
  switch (c) {
    case Compression::Stored:
    case Compression::Deflate:
    case Compression::Lzma:  // liblzma, through archive/codecs.cpp
    case Compression::Zstd:  // libzstd, through archive/codecs.cpp
      return true;
    case Compression::Bzip2:
      // Reading and writing both need the codec; Debian's libzip has bzip2.
      return zip_compression_method_supported(archive_detail::method_of(c), 0) != 0 &&
             zip_compression_method_supported(archive_detail::method_of(c), 1) != 0;
    case Compression::Other:
      return false;
  }
  return false;
}

void check_member_name(const std::string& name, const Limits& limits) {
  using archive_detail::display_name;
  if (name.empty()) throw ArchiveError("unsafe member name: empty", "");
  if (name.size() > limits.max_name_bytes) {
    throw ArchiveError("unsafe member name: " + std::to_string(name.size()) +
                           " bytes, longer than the limit of " +
                           std::to_string(limits.max_name_bytes) + " (max_name_bytes)",
                       display_name(name));
  }
  if (name.find('\0') != std::string::npos) {
    throw ArchiveError("unsafe member name: contains a NUL byte", display_name(name));
  }
  if (name.find('\\') != std::string::npos) {
    throw ArchiveError("unsafe member name: contains a backslash", display_name(name));
  }
  const bool drive = name.size() >= 2 && name[1] == ':' &&
                     ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
  if (name[0] == '/' || drive) {
    throw ArchiveError("unsafe member name: absolute path", display_name(name));
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0) {
      throw ArchiveError("unsafe member name: '..' path component", display_name(name));
    }
    start = end + 1;
  }
}

namespace archive_detail {

std::string display_name(const std::string& name) {
  // Hostile names can be 64 KiB long: 200 bytes are enough to recognise one.
  return detail::printable(name, 200);
}

Compression compression_of(std::uint16_t method) noexcept {
  switch (method) {
    case ZIP_CM_STORE:
      return Compression::Stored;
    case ZIP_CM_DEFLATE:
      return Compression::Deflate;
    case ZIP_CM_BZIP2:
      return Compression::Bzip2;
    case ZIP_CM_LZMA:
      return Compression::Lzma;
    case kMethodZstd:
      return Compression::Zstd;
    default:
      return Compression::Other;
  }
}

int method_of(Compression c) noexcept {
  switch (c) {
    case Compression::Stored:
      return ZIP_CM_STORE;
    case Compression::Deflate:
      return ZIP_CM_DEFLATE;
    case Compression::Bzip2:
      return ZIP_CM_BZIP2;
    case Compression::Lzma:
      return ZIP_CM_LZMA;
    case Compression::Zstd:
      return kMethodZstd;
    case Compression::Other:
      return -1;
  }
  return -1;
}

void check_method_readable(std::uint16_t method, const std::string& name) {
  const Compression c = compression_of(method);
  if (c == Compression::Other) {
    throw ArchiveError("unsupported compression method " + std::to_string(method),
                       display_name(name));
  }
  if (c == Compression::Bzip2 &&
      zip_compression_method_supported(method, 0) == 0) {
    throw UnsupportedError("compression method " + std::to_string(method) + " (" + to_string(c) +
                               ") is not supported by this build of libzip",
                           display_name(name));
  }
}

}  // namespace archive_detail
}  // namespace skops
