#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "archive/central_directory.hpp"
#include "archive/codecs.hpp"
#include "archive/crc32.hpp"
#include "archive/file_input.hpp"
#include "archive/names.hpp"
#include "archive/npy_padding.hpp"
#include "archive/output_file.hpp"
#include "archive/zip_handles.hpp"
#include "skops/archive.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"

namespace skops {

namespace {

using archive_detail::throw_zip_error;
using archive_detail::ZipContext;
using archive_detail::ZipError;

constexpr std::uint64_t kAlignment = 64;
constexpr std::uint64_t kNotAligned = ~std::uint64_t{0};
/// libzip writes a new member's local header as 30 bytes plus the name, plus a 20-byte zip64
/// extra field once the size needs 64 bits; no other extra fields (checked after writing).
constexpr std::uint64_t kLocalHeader = 30;
constexpr std::uint64_t kLocalZip64Extra = 20;
/// A zip with no members: libzip deletes the file (or empties the buffer) instead.
constexpr std::uint8_t kEmptyZip[22] = {0x50, 0x4b, 0x05, 0x06};

/// A member to write: bytes as given, or an array serialised when its offset is known.
struct MemberRef {
  const std::string* name;
  const std::vector<std::uint8_t>* bytes;  ///< null for an array
  const NdArray* array;
};

int writable_method(Compression c) {
  const int method = archive_detail::method_of(c);
  if (method < 0 || !compression_supported(c)) {
    throw UnsupportedError(std::string("cannot write ") + to_string(c) +
                           " compression: not supported by this build of libzip");
  }
  return method;
}

/// Members compressed by skops-cpp itself (LZMA, Zstandard: Debian's libzip has no codec for
/// them) reach libzip as already-compressed data: a source whose stat names the method, the
/// sizes and the CRC, so libzip copies the bytes as they are (it recompresses only when the
/// source's method differs from the member's, and the member's is left at its default).
struct PrecompressedSource {
  std::vector<std::uint8_t> bytes;
  std::uint64_t size = 0;
  std::uint32_t crc = 0;
  std::uint16_t method = 0;
  std::uint16_t flags = 0;
  std::uint64_t pos = 0;
  ZipError error;
};

zip_int64_t precompressed_callback(void* state, void* data, zip_uint64_t len,
                                   zip_source_cmd_t cmd) {
  auto* s = static_cast<PrecompressedSource*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      s->pos = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const std::uint64_t n = std::min<std::uint64_t>(len, s->bytes.size() - s->pos);
      if (n > 0) std::memcpy(data, s->bytes.data() + s->pos, static_cast<std::size_t>(n));
      s->pos += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      if (len < sizeof(zip_stat_t)) {
        zip_error_set(s->error.get(), ZIP_ER_INVAL, 0);
        return -1;
      }
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = s->size;
      st->comp_size = s->bytes.size();
      st->comp_method = s->method;
      st->encryption_method = ZIP_EM_NONE;
      st->crc = s->crc;
      st->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
                   ZIP_STAT_ENCRYPTION_METHOD | ZIP_STAT_CRC;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_GET_FILE_ATTRIBUTES: {
      if (len < sizeof(zip_file_attributes_t)) {
        zip_error_set(s->error.get(), ZIP_ER_INVAL, 0);
        return -1;
      }
      auto* a = static_cast<zip_file_attributes_t*>(data);
      a->valid |= ZIP_FILE_ATTRIBUTES_VERSION_NEEDED | ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
      a->version_needed = 63;  // APPNOTE 4.4.3.2: LZMA and Zstandard need 6.3
      a->general_purpose_bit_flags = s->flags;
      a->general_purpose_bit_mask = archive_detail::kFlagLzmaEos;
      return 0;
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(s->error.get(), data, len);
    case ZIP_SOURCE_FREE:
      delete s;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                            ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);
    default:
      zip_error_set(s->error.get(), ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

/// A source of `data` compressed with LZMA or Zstandard; null with `za`'s error set on failure.
zip_source_t* precompressed_source(zip_t* za, Compression c, const std::uint8_t* data,
                                   std::size_t size) {
  auto s = std::make_unique<PrecompressedSource>();
  s->size = size;
  s->crc = archive_detail::crc32(data, size);
  if (c == Compression::Lzma) {
    s->bytes = archive_detail::encode_lzma(data, size);
    s->method = archive_detail::kMethodLzma;
    s->flags = archive_detail::kFlagLzmaEos;
  } else {
    s->bytes = archive_detail::encode_zstd(data, size);
    s->method = archive_detail::kMethodZstd;
  }
  zip_source_t* src = zip_source_function(za, precompressed_callback, s.get());
  if (src != nullptr) s.release();  // freed by ZIP_SOURCE_FREE
  return src;
}

bool is_npy_name(const std::string& name) {
  return name.size() >= 4 && name.compare(name.size() - 4, 4, ".npy") == 0;
}

void check_new_name(const std::string& name, std::unordered_set<std::string>& names) {
  check_member_name(name);
  if (!names.insert(name).second) {
    throw ArchiveError("duplicate member name", archive_detail::display_name(name));
  }
}

/// Bytes of one member when its data starts at `data_offset` (only stored members align).
std::vector<std::uint8_t> materialize(const MemberRef& m, bool stored, std::uint64_t data_offset,
                                      bool* aligned) {
  *aligned = false;
  if (m.array != nullptr) {
    *aligned = stored;
    return write_npy(*m.array, stored ? data_offset : 0, kAlignment);
  }
  if (stored && is_npy_name(*m.name)) {
    auto padded = archive_detail::realign_npy(*m.bytes, data_offset, kAlignment);
    if (padded) {
      *aligned = true;
      return std::move(*padded);
    }
  }
  return {};
}

/// Adds the members to `za` in order. Generated bytes go to `storage`, which must outlive
/// zip_close. Returns, per member, the predicted data offset where alignment was applied.
std::vector<std::uint64_t> add_members(zip_t* za, const std::vector<MemberRef>& members,
                                       Compression compression,
                                       std::vector<std::vector<std::uint8_t>>& storage) {
  const int method = writable_method(compression);
  const bool stored = compression == Compression::Stored;
  std::vector<std::uint64_t> expected(members.size(), kNotAligned);
  storage.reserve(members.size());
  std::uint64_t offset = 0;  // of the next local header; meaningful when stored
  for (std::size_t i = 0; i < members.size(); ++i) {
    const MemberRef& m = members[i];
    const std::string shown = archive_detail::display_name(*m.name);
    std::uint64_t data_offset = offset + kLocalHeader + m.name->size();
    bool aligned = false;
    std::vector<std::uint8_t> made = materialize(m, stored, data_offset, &aligned);
    const std::uint64_t size = (aligned || m.array) ? made.size() : m.bytes->size();
    if (stored && size >= 0xFFFFFFFFull) {
      data_offset += kLocalZip64Extra;
      if (aligned) made = materialize(m, stored, data_offset, &aligned);
    }
    const std::vector<std::uint8_t>* data = m.bytes;
    if (m.array != nullptr || aligned) {
      storage.push_back(std::move(made));
      data = &storage.back();
    }
    const bool own_codec = compression == Compression::Lzma || compression == Compression::Zstd;
    zip_source_t* src = own_codec ? precompressed_source(za, compression, data->data(), data->size())
                                  : zip_source_buffer(za, data->data(), data->size(), 0);
    if (src == nullptr) throw_zip_error(zip_get_error(za), ZipContext::Write, shown);
    const zip_int64_t idx = zip_file_add(za, m.name->c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(src);
      throw_zip_error(zip_get_error(za), ZipContext::Write, shown);
    }
    const auto index = static_cast<zip_uint64_t>(idx);
    if ((!own_codec && zip_set_file_compression(za, index, method, 0) != 0) ||
        zip_file_set_external_attributes(za, index, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0) {
      throw_zip_error(zip_get_error(za), ZipContext::Write, shown);
    }
    if (aligned) expected[i] = data_offset;
    offset = data_offset + data->size();
  }
  return expected;
}

/// Confirms that aligned members landed where add_members assumed libzip would put them.
void verify_layout(const archive_detail::RandomAccess& written,
                   const std::vector<std::uint64_t>& expected) {
  Limits unlimited;
  unlimited.max_members = ~std::uint64_t{0};
  unlimited.max_name_bytes = ~std::uint64_t{0};
  const auto cd = archive_detail::read_central_directory(written, unlimited);
  if (cd.entries.size() != expected.size()) {
    throw ArchiveError("internal error: written archive has " + std::to_string(cd.entries.size()) +
                       " members, expected " + std::to_string(expected.size()));
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected[i] != kNotAligned && cd.entries[i].data_offset != expected[i]) {
      throw ArchiveError("internal error: member data at offset " +
                             std::to_string(cd.entries[i].data_offset) + ", expected " +
                             std::to_string(expected[i]) + " (alignment)",
                         archive_detail::display_name(cd.entries[i].name));
    }
  }
}

void write_all(int fd, const std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError(std::string("cannot write the archive: ") + std::strerror(errno));
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace

struct ArchiveWriter::Impl {
  std::string path;
  /// Unnamed until commit where the system allows (archive/output_file.hpp).
  std::unique_ptr<archive_detail::OutputFile> output;
  Compression compression = Compression::Stored;
  std::vector<std::string> names;
  std::vector<std::vector<std::uint8_t>> bytes;  ///< per member; empty for arrays
  std::vector<NdArray> arrays;                   ///< per member; empty for bytes
  std::vector<bool> is_array;
  std::unordered_set<std::string> seen;
  bool committed = false;

  std::vector<MemberRef> refs() const {
    std::vector<MemberRef> out;
    out.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      out.push_back(
          {&names[i], is_array[i] ? nullptr : &bytes[i], is_array[i] ? &arrays[i] : nullptr});
    }
    return out;
  }
};

ArchiveWriter::ArchiveWriter(std::string path, Compression compression)
    : impl_(std::make_unique<Impl>()) {
  writable_method(compression);
  impl_->path = std::move(path);
  impl_->compression = compression;
  impl_->output = std::make_unique<archive_detail::OutputFile>(impl_->path);
}

ArchiveWriter::~ArchiveWriter() = default;

void ArchiveWriter::add(const std::string& name, std::vector<std::uint8_t> bytes) {
  if (impl_->committed) throw ArchiveError("archive already committed", name);
  check_new_name(name, impl_->seen);
  impl_->names.push_back(name);
  impl_->bytes.push_back(std::move(bytes));
  impl_->arrays.emplace_back();
  impl_->is_array.push_back(false);
}

void ArchiveWriter::add_npy(const std::string& name, const NdArray& array) {
  if (impl_->committed) throw ArchiveError("archive already committed", name);
  check_new_name(name, impl_->seen);
  impl_->names.push_back(name);
  impl_->bytes.emplace_back();
  impl_->arrays.push_back(array);
  impl_->is_array.push_back(true);
}

void ArchiveWriter::commit() {
  Impl& w = *impl_;
  if (w.committed) throw ArchiveError("archive already committed");
  if (w.names.empty()) {
    write_all(w.output->fd(), kEmptyZip, sizeof kEmptyZip);
  } else {
    // libzip writes through the descriptor (it would otherwise make its own named temporary
    // file beside the path it is given).
    archive_detail::FdSinkState sink;
    sink.fd = w.output->fd();
    ZipError error;
    archive_detail::ZipSourcePtr src(archive_detail::fd_write_source(sink, error.get()));
    if (!src) throw_zip_error(error.get(), ZipContext::Write);
    archive_detail::ZipPtr za(
        zip_open_from_source(src.get(), ZIP_CREATE | ZIP_TRUNCATE, error.get()));
    if (!za) throw_zip_error(error.get(), ZipContext::Write);
    src.release();  // owned by the archive from here on
    std::vector<std::vector<std::uint8_t>> storage;
    const auto expected = add_members(za.get(), w.refs(), w.compression, storage);
    if (zip_close(za.get()) != 0) throw_zip_error(zip_get_error(za.get()), ZipContext::Write);
    za.release();  // zip_close freed it
    verify_layout(archive_detail::FileInput(w.output->fd(), sink.size), expected);
  }
  w.output->publish();
  w.committed = true;
}

std::vector<std::uint8_t> write_archive_bytes(
    const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& members,
    Compression compression) {
  writable_method(compression);
  std::unordered_set<std::string> seen;
  std::vector<MemberRef> refs;
  refs.reserve(members.size());
  for (const auto& m : members) {
    check_new_name(m.first, seen);
    refs.push_back({&m.first, &m.second, nullptr});
  }
  if (refs.empty()) return {std::begin(kEmptyZip), std::end(kEmptyZip)};

  ZipError error;
  archive_detail::ZipSourcePtr src(zip_source_buffer_create(nullptr, 0, 0, error.get()));
  if (!src) throw_zip_error(error.get(), ZipContext::Write);
  archive_detail::ZipPtr za(zip_open_from_source(src.get(), ZIP_TRUNCATE, error.get()));
  if (!za) throw_zip_error(error.get(), ZipContext::Write);
  zip_source_keep(src.get());  // the archive holds one reference, `src` the other
  std::vector<std::vector<std::uint8_t>> storage;
  const auto expected = add_members(za.get(), refs, compression, storage);
  if (zip_close(za.get()) != 0) throw_zip_error(zip_get_error(za.get()), ZipContext::Write);
  za.release();

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(src.get(), &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 ||
      zip_source_open(src.get()) != 0) {
    throw_zip_error(zip_source_error(src.get()), ZipContext::Write);
  }
  std::vector<std::uint8_t> out(static_cast<std::size_t>(st.size));
  std::size_t got = 0;
  while (got < out.size()) {
    const zip_int64_t n = zip_source_read(src.get(), out.data() + got, out.size() - got);
    if (n <= 0) {
      zip_source_close(src.get());
      throw ArchiveError("cannot read back the written archive");
    }
    got += static_cast<std::size_t>(n);
  }
  zip_source_close(src.get());
  verify_layout(archive_detail::MemoryInput(out.data(), out.size()), expected);
  return out;
}

}  // namespace skops
