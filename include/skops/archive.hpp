#pragma once
/// \file archive.hpp
/// The zip container, read and written through libzip (no libzip type appears here).

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/limits.hpp"
#include "skops/ndarray.hpp"

namespace skops {

/// Zip compression methods: Stored (0), Deflate (8), Bzip2 (12), Lzma (14), Zstd (93).
enum class Compression { Stored, Deflate, Bzip2, Lzma, Zstd, Other };
/// "stored", "deflate", "bzip2", "lzma", "zstd" or "other".
const char* to_string(Compression c) noexcept;
/// Whether this build can read and write members with this compression: always for Stored,
/// Deflate (libzip), Lzma and Zstd (liblzma and libzstd, decoded by skops-cpp itself), for
/// Bzip2 when libzip has the codec (Debian's has), never Other.
/// Python's zipfile reads Stored, Deflate, Bzip2 and Lzma; Zstd only from Python 3.14.
bool compression_supported(Compression c) noexcept;

/// Central-directory facts about one member.
struct ArchiveEntry {
  std::string name;
  std::uint64_t index = 0;
  std::uint64_t size = 0;  ///< uncompressed size as declared (not trusted)
  std::uint64_t compressed_size = 0;
  std::uint64_t local_offset = 0;  ///< offset of the local header in the file
  std::uint64_t data_offset = 0;   ///< offset of the (compressed) data in the file
  std::uint32_t crc = 0;
  Compression compression = Compression::Stored;
  std::uint16_t method = 0;  ///< raw zip method id
};

/// A read-only zip archive opened from a file or from memory. Checks at open, by skops-cpp's
/// own central-directory reader: the archive structure, entry count, member names (no
/// absolute paths, `..`, backslashes, NUL, over-long or duplicate names), overlapping
/// entries, local vs central headers, encryption, compression method. Stored members are
/// then byte ranges of the checked image, CRC-checked on first read. Deflate and bzip2
/// members are inflated by libzip, opened on the first of them with its own consistency
/// checks and cross-checked against the central directory; LZMA and Zstandard members are
/// decoded from the checked image by skops-cpp (liblzma, libzstd; LZMA header and stream end
/// validated). Every method has the `Limits` caps counted while inflating, size and CRC
/// verified. Safe to read from several threads.
class ArchiveReader {
 public:
  /// Reads the whole file into memory (a snapshot; `threads` read it in parallel, 0: hardware
  /// concurrency); stored members are then views into that copy. A file larger than
  /// `limits.max_total_bytes` is refused before reading. Throws ArchiveError, LimitError, IoError.
  static std::shared_ptr<ArchiveReader> open_file(const std::string& path,
                                                  const Limits& limits = {}, unsigned threads = 0);
  /// The bytes are copied (or adopted when passed as an rvalue vector).
  static std::shared_ptr<ArchiveReader> open_bytes(std::vector<std::uint8_t> bytes,
                                                   const Limits& limits = {});
  /// Memory-maps the file read-only; stored members are then readable without a copy.
  static std::shared_ptr<ArchiveReader> open_mapped(const std::string& path,
                                                    const Limits& limits = {});

  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  const std::vector<ArchiveEntry>& entries() const noexcept;
  /// Entry by exact name, or nullptr.
  const ArchiveEntry* find(const std::string& name) const noexcept;
  /// Whole member, inflated and CRC-checked; `max_bytes` caps it (0: limits.max_member_bytes).
  /// A stored member of a mapped archive is returned as a view into the mapping (of an
  /// open_file or open_bytes archive, into its buffer), CRC-checked on first read.
  /// Throws ArchiveError (missing member, CRC or size mismatch, corrupt, truncated or
  /// over-long compressed data, bad LZMA properties), LimitError (naming the Limits field),
  /// UnsupportedError (bzip2 where libzip lacks it).
  ByteView read(const std::string& name, std::uint64_t max_bytes = 0) const;
  /// Whether the `n` bytes after `view` (a view read() returned) are readable memory of this
  /// archive's buffer, so that a parser reading ahead of its input can use the view in place.
  bool readable_after(const ByteView& view, std::size_t n) const noexcept;
  const Limits& limits() const noexcept;
  /// Checks the CRC of stored members, last first, until `stop` is set, only recording
  /// each verdict for later reads: a mismatch is still reported by read() of that member,
  /// and only then. Meant to run on another thread while schema.json is parsed.
  void precheck_stored(const std::atomic<bool>& stop) const noexcept;
  /// Total declared size of the stored members.
  std::uint64_t stored_bytes() const noexcept;
  /// Bytes inflated so far by this reader (for the total cap).
  std::uint64_t bytes_read() const noexcept;

  struct Impl;

 private:
  explicit ArchiveReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Writes a new archive to a file beside `path` that has no name until `commit()` (Linux
/// O_TMPFILE: nothing is left if the process dies, even by SIGKILL), then links it in place
/// of `path` atomically; dropped without commit, nothing remains. Where O_TMPFILE is
/// unsupported, a ".<name>.tmp-<hex>" file renamed on commit (src/archive/output_file.hpp
/// has the details and the residual window). ZIP64 records are written when sizes or counts
/// need them. LZMA members are written as Python's zipfile writes them (it reads them back);
/// Zstandard members as one frame (Python reads them from 3.14 only).
class ArchiveWriter {
 public:
  /// Throws IoError.
  explicit ArchiveWriter(std::string path, Compression compression = Compression::Stored);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  /// Adds a member. Stored `.npy` members are padded so that the array data starts on a
  /// 64-byte boundary of the file (DESIGN.md §4). Throws ArchiveError on a duplicate or
  /// unsafe name.
  void add(const std::string& name, std::vector<std::uint8_t> bytes);
  /// Adds an array as a `.npy` member (aligned when stored).
  void add_npy(const std::string& name, const NdArray& array);
  /// Finishes the zip and atomically replaces `path`. Throws IoError, ArchiveError.
  void commit();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// In-memory variant: the finished archive's bytes.
std::vector<std::uint8_t> write_archive_bytes(
    const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& members,
    Compression compression = Compression::Stored);

/// Checks a member name as the reader does; throws ArchiveError naming it.
void check_member_name(const std::string& name, const Limits& limits = {});

}  // namespace skops
