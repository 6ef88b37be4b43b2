#pragma once
// A small, bounds-checked reader of the zip end records, central directory and local
// headers. libzip (1.7) exposes no local-header offsets and accepts some ambiguous archives
// (data before the first entry, concatenated archives), so the reader checks the layout
// itself before libzip opens the archive.

#include <cstdint>
#include <string>
#include <vector>

#include "archive/file_input.hpp"
#include "skops/limits.hpp"

namespace skops::archive_detail {

struct CdEntry {
  std::string name;  ///< raw bytes as stored
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint32_t crc = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t size = 0;
  std::uint64_t local_offset = 0;
  std::uint64_t data_offset = 0;  ///< after the local header, name and extra field
};

struct CentralDirectory {
  std::vector<CdEntry> entries;  ///< in central-directory order (libzip's index order)
  std::uint64_t cd_offset = 0;
  std::uint64_t cd_size = 0;
  bool zip64 = false;
};

/// Reads and checks the archive layout. Throws ArchiveError (not a zip, truncated, entry
/// count mismatch, offsets beyond the file, data before the first entry or between the last
/// entry and the central directory's end, unsafe or duplicate names, encryption, unknown
/// compression, overlapping entries, local/central name mismatch), LimitError (too many
/// members) and UnsupportedError (bzip2/lzma without a codec). Messages name the entry.
CentralDirectory read_central_directory(const RandomAccess& input, const Limits& limits);

}  // namespace skops::archive_detail
