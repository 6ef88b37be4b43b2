#pragma once
// Member-name and compression-method helpers shared by the reader and the writer.

#include <cstdint>
#include <string>

#include "skops/archive.hpp"

namespace skops::archive_detail {

/// A name as it may appear in a message: detail::printable (control characters and invalid
/// UTF-8 escaped), cut after 200 bytes (hostile names can be 64 KiB long).
std::string display_name(const std::string& name);

/// The Compression of a raw zip method id (Other for anything unknown).
Compression compression_of(std::uint16_t method) noexcept;

/// libzip's method id of a Compression; -1 for Other.
int method_of(Compression c) noexcept;

/// Throws unless members of this method can be read: UnsupportedError for bzip2 without a
/// codec in libzip, ArchiveError for any method other than 0, 8, 12, 14, 93. `name` is the
/// member's name as stored: it is made displayable only for the error.
void check_method_readable(std::uint16_t method, const std::string& name);

}  // namespace skops::archive_detail
