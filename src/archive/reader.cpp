#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "archive/central_directory.hpp"
#include "archive/codecs.hpp"
#include "archive/crc32.hpp"
#include "archive/file_input.hpp"
#include "archive/names.hpp"
#include "archive/zip_handles.hpp"
#include "skops/archive.hpp"
#include "skops/error.hpp"

namespace skops {

using archive_detail::display_name;

struct ArchiveReader::Impl {
  Limits limits;
  std::vector<ArchiveEntry> entries;
  std::unordered_map<std::string, std::size_t> by_name;
  /// Per entry, the general-purpose flags of its central record (LZMA's end-marker bit).
  std::vector<std::uint16_t> flags;
  /// Keeps the archive bytes alive (a file read whole, an adopted vector or a mapping).
  /// Stored members are returned as views into `image`.
  std::shared_ptr<const void> image_owner;
  const std::uint8_t* image = nullptr;
  std::uint64_t image_size = 0;
  /// Per entry, the CRC check of its in-place bytes: kCrcUnknown, kCrcOk or kCrcBad.
  std::unique_ptr<std::atomic<std::uint8_t>[]> crc_state;
  std::atomic<std::uint64_t> total{0};
  /// libzip handles are not thread-safe: every use of `zip` holds this.
  std::mutex mutex;
  /// Opened on the first compressed member only: stored members are byte ranges the central
  /// directory reader has checked, and opening with libzip costs a mktime (a stat of
  /// /etc/localtime in glibc) per member. Declared last so it is closed before
  /// `image_owner` releases the bytes it reads.
  archive_detail::ZipPtr zip;
};

namespace {

using archive_detail::throw_zip_error;
using archive_detail::ZipContext;
using archive_detail::ZipError;

constexpr std::size_t kChunk = 256 * 1024;
constexpr std::uint64_t kDeflateMaxRatio = 1032;
constexpr std::uint64_t kMinReserve = 64ull << 20;
constexpr std::uint64_t kMaxReserve = 1ull << 62;

/// Checks libzip's view of the archive against the central directory read by hand: both
/// must see the same members, or one of them is being fooled.
void cross_check(zip_t* za, const std::vector<ArchiveEntry>& entries) {
  const zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0 || static_cast<std::uint64_t>(n) != entries.size()) {
    throw ArchiveError("inconsistent archive: libzip sees " + std::to_string(n) +
                       " members, the central directory " + std::to_string(entries.size()));
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, i, ZIP_FL_ENC_RAW, &st) != 0) {
      throw_zip_error(zip_get_error(za), ZipContext::Open, display_name(e.name));
    }
    const bool same = st.name != nullptr && e.name == st.name && st.size == e.size &&
                      st.comp_size == e.compressed_size && st.crc == e.crc &&
                      st.comp_method == e.method;
    if (!same) {
      throw ArchiveError("inconsistent archive: libzip reads this member differently",
                         display_name(e.name));
    }
  }
}

/// Checks the layout and fills the entries of an archive whose bytes are all in memory,
/// owned by `owner`.
void open_image(ArchiveReader::Impl& impl, std::shared_ptr<const void> owner,
                const std::uint8_t* data, std::uint64_t size) {
  impl.image_owner = std::move(owner);
  impl.image = data;
  impl.image_size = size;
  const archive_detail::MemoryInput input(data, size);
  archive_detail::CentralDirectory cd = archive_detail::read_central_directory(input, impl.limits);
  impl.entries.reserve(cd.entries.size());
  impl.by_name.reserve(cd.entries.size());
  for (std::size_t i = 0; i < cd.entries.size(); ++i) {
    auto& e = cd.entries[i];
    ArchiveEntry a;
    a.name = std::move(e.name);
    a.index = i;
    a.size = e.size;
    a.compressed_size = e.compressed_size;
    a.local_offset = e.local_offset;
    a.data_offset = e.data_offset;
    a.crc = e.crc;
    a.compression = archive_detail::compression_of(e.method);
    a.method = e.method;
    impl.by_name.emplace(a.name, i);
    impl.flags.push_back(e.flags);
    impl.entries.push_back(std::move(a));
  }
  impl.crc_state = std::make_unique<std::atomic<std::uint8_t>[]>(impl.entries.size());
}

/// libzip's view of the archive (opened on first use; the caller holds impl.mutex), checked
/// against the central directory read by hand.
zip_t* libzip(ArchiveReader::Impl& impl) {
  if (impl.zip) return impl.zip.get();
  ZipError error;
  archive_detail::ZipSourcePtr source(
      zip_source_buffer_create(impl.image, impl.image_size, 0, error.get()));
  if (!source) throw_zip_error(error.get(), ZipContext::Open);
  archive_detail::ZipPtr za(
      zip_open_from_source(source.get(), ZIP_RDONLY | ZIP_CHECKCONS, error.get()));
  if (!za) throw_zip_error(error.get(), ZipContext::Open);
  source.release();  // owned by the archive from here on
  cross_check(za.get(), impl.entries);
  impl.zip = std::move(za);
  return impl.zip.get();
}

[[noreturn]] void throw_over_total(const ArchiveReader::Impl& impl, const std::string& entry) {
  throw LimitError("archive inflates to more than the limit of " +
                       std::to_string(impl.limits.max_total_bytes) +
                       " bytes in total (max_total_bytes)",
                   entry);
}

void count_total(ArchiveReader::Impl& impl, std::uint64_t n, const std::string& entry) {
  const std::uint64_t total = impl.total.fetch_add(n) + n;
  if (total > impl.limits.max_total_bytes) throw_over_total(impl, entry);
}

/// Most bytes a member may inflate to under the ratio cap (saturating).
std::uint64_t ratio_cap(const Limits& limits, std::uint64_t compressed) {
  const std::uint64_t ratio = limits.max_compression_ratio;
  if (ratio != 0 && compressed > std::numeric_limits<std::uint64_t>::max() / ratio) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return std::max(compressed * ratio, limits.ratio_check_floor);
}

/// The Limits field a member cap comes from, for messages: read() takes max_member_bytes
/// unless the caller passes its own cap (the document passes max_schema_bytes for schema.json).
std::string cap_name(const Limits& limits, std::uint64_t cap, const std::string& name) {
  if (cap == 0 || (cap == limits.max_member_bytes && name != "schema.json")) {
    return "max_member_bytes";
  }
  return name == "schema.json" && cap == limits.max_schema_bytes ? "max_schema_bytes"
                                                                  : "the caller's max_bytes";
}

const char* ratio_names() {
  return " (max_compression_ratio, checked past ratio_check_floor bytes)";
}

constexpr std::uint8_t kCrcUnknown = 0, kCrcOk = 1, kCrcBad = 2;

/// The CRC verdict of a stored member, computed once (two threads may both compute it; they
/// store the same verdict).
bool crc_ok(ArchiveReader::Impl& impl, const ArchiveEntry& e) noexcept {
  std::atomic<std::uint8_t>& state = impl.crc_state[e.index];
  std::uint8_t s = state.load(std::memory_order_acquire);
  if (s == kCrcUnknown) {
    const std::uint8_t* p = impl.image + e.data_offset;
    s = archive_detail::crc32(p, static_cast<std::size_t>(e.size)) == e.crc ? kCrcOk : kCrcBad;
    state.store(s, std::memory_order_release);
  }
  return s == kCrcOk;
}

// `name` as stored: its display form is made only for an error (a model reads thousands of
// stored members, and escaping each name was 4 % of a warm hgb load).
ByteView read_in_place(ArchiveReader::Impl& impl, const ArchiveEntry& e, const std::string& name) {
  const std::uint64_t total = impl.total.fetch_add(e.size) + e.size;
  if (total > impl.limits.max_total_bytes) throw_over_total(impl, display_name(name));
  const std::uint8_t* p = impl.image + e.data_offset;
  if (!crc_ok(impl, e)) throw ArchiveError("CRC mismatch", display_name(name));
  ByteView view;
  view.owner = impl.image_owner;
  view.data = p;
  view.size = static_cast<std::size_t>(e.size);
  return view;
}

[[noreturn]] void throw_archive_error(zip_t* za, const std::string& entry) {
  // Copy and clear: the archive's error must not leak into the next read.
  ZipError copy;
  zip_error_set(copy.get(), zip_error_code_zip(zip_get_error(za)),
                zip_error_code_system(zip_get_error(za)));
  zip_error_clear(za);
  throw_zip_error(copy.get(), ZipContext::Read, entry);
}

/// Collects the output of a decompressor, counting every byte against the caps as it arrives:
/// the total of the archive, the member cap, the ratio cap and the declared size.
class Collector {
 public:
  Collector(ArchiveReader::Impl& impl, const ArchiveEntry& e, std::uint64_t cap,
            const std::string& shown)
      : impl_(impl), e_(e), cap_(cap), by_ratio_(ratio_cap(impl.limits, e.compressed_size)),
        shown_(shown) {
    // The declared size is trusted for allocation only as far as the caps allow and deflate
    // can expand (1032:1); a larger member (bzip2, lzma, zstd, or a lie) grows the buffer as
    // it inflates.
    const std::uint64_t plausible =
        e.compressed_size > kMaxReserve / kDeflateMaxRatio
            ? kMaxReserve
            : std::max(kMinReserve, e.compressed_size * kDeflateMaxRatio);
    out_.reserve(static_cast<std::size_t>(std::min({e.size, by_ratio_, cap, plausible})));
  }

  void add(const std::uint8_t* data, std::size_t n) {
    got_ += n;
    count_total(impl_, n, shown_);
    if (got_ > cap_) {
      throw LimitError("member inflates past the limit of " + std::to_string(cap_) + " bytes (" +
                           cap_name(impl_.limits, cap_, e_.name) + ")",
                       shown_);
    }
    if (got_ > by_ratio_) {
      throw LimitError("compression ratio over the limit of " +
                           std::to_string(impl_.limits.max_compression_ratio) + ratio_names(),
                       shown_);
    }
    if (got_ > e_.size) {
      throw ArchiveError("size mismatch: inflates to more than the declared " +
                             std::to_string(e_.size) + " bytes",
                         shown_);
    }
    out_.insert(out_.end(), data, data + n);
  }

  std::uint64_t got() const noexcept { return got_; }

  /// The whole member, once the decompressor says it has ended.
  ByteView finish() {
    if (got_ != e_.size) {
      throw ArchiveError("size mismatch: declared " + std::to_string(e_.size) +
                             " bytes, inflated " + std::to_string(got_),
                         shown_);
    }
    return ByteView::adopt(std::move(out_));
  }

 private:
  ArchiveReader::Impl& impl_;
  const ArchiveEntry& e_;
  std::uint64_t cap_;
  std::uint64_t by_ratio_;
  const std::string& shown_;
  std::uint64_t got_ = 0;
  std::vector<std::uint8_t> out_;
};

ByteView inflate(ArchiveReader::Impl& impl, const ArchiveEntry& e, std::uint64_t cap,
                 const std::string& shown) {
  Collector collector(impl, e, cap, shown);
  std::vector<std::uint8_t> chunk(
      static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, e.size + 1)));
  // Reading one byte past the declared size detects an understated size without inflating
  // the rest; reading until zip_fread returns 0 makes libzip verify the CRC.
  const std::uint64_t stop =
      e.size == std::numeric_limits<std::uint64_t>::max() ? e.size : e.size + 1;

  std::lock_guard<std::mutex> lock(impl.mutex);
  zip_t* za = libzip(impl);
  archive_detail::ZipFilePtr file(zip_fopen_index(za, e.index, 0));
  if (!file) throw_archive_error(za, shown);
  for (;;) {
    const std::uint64_t want = std::min<std::uint64_t>(chunk.size(), stop - collector.got());
    const zip_int64_t n = zip_fread(file.get(), chunk.data(), want);
    if (n < 0) throw_zip_error(zip_file_get_error(file.get()), ZipContext::Read, shown);
    if (n == 0) break;
    collector.add(chunk.data(), static_cast<std::size_t>(n));
  }
  return collector.finish();
}

/// LZMA and Zstandard members, which Debian's libzip cannot decode: decoded from the checked
/// image by archive/codecs.cpp, with the same caps and the CRC checked here.
ByteView decode_own(ArchiveReader::Impl& impl, const ArchiveEntry& e, std::uint16_t flags,
                    std::uint64_t cap, const std::string& shown) {
  Collector collector(impl, e, cap, shown);
  std::uint32_t crc = 0;
  const archive_detail::DecodeSink sink = [&](const std::uint8_t* data, std::size_t n) {
    collector.add(data, n);
    crc = archive_detail::crc32(data, n, crc);
  };
  const std::uint8_t* data = impl.image + e.data_offset;
  const auto size = static_cast<std::size_t>(e.compressed_size);
  if (e.method == archive_detail::kMethodLzma) {
    archive_detail::decode_lzma(data, size, flags, e.size, shown, sink);
  } else {
    archive_detail::decode_zstd(data, size, shown, sink);
  }
  ByteView out = collector.finish();
  if (crc != e.crc) throw ArchiveError("CRC mismatch", shown);
  return out;
}

}  // namespace

ArchiveReader::ArchiveReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ArchiveReader::~ArchiveReader() = default;

std::shared_ptr<ArchiveReader> ArchiveReader::open_file(const std::string& path,
                                                        const Limits& limits, unsigned threads) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  // Read whole: one snapshot of the file (later changes to it are not seen), read by
  // several threads, and stored members are then used in place like those of a mapping.
  std::shared_ptr<const archive_detail::FileImage> image =
      archive_detail::FileImage::read(path, limits.max_total_bytes, threads);
  const std::uint8_t* data = image->data();
  const std::uint64_t size = image->size();
  open_image(*impl, std::move(image), data, size);
  // new, not make_shared: the constructor is private.
  return std::shared_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

std::shared_ptr<ArchiveReader> ArchiveReader::open_bytes(std::vector<std::uint8_t> bytes,
                                                         const Limits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  auto owned = std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes));
  const std::uint8_t* data = owned->data();
  const std::uint64_t size = owned->size();
  open_image(*impl, std::move(owned), data, size);
  return std::shared_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

std::shared_ptr<ArchiveReader> ArchiveReader::open_mapped(const std::string& path,
                                                          const Limits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  std::shared_ptr<const archive_detail::MappedFile> map = archive_detail::MappedFile::open(path);
  const std::uint8_t* data = map->data();
  const std::uint64_t size = map->size();
  open_image(*impl, std::move(map), data, size);
  return std::shared_ptr<ArchiveReader>(new ArchiveReader(std::move(impl)));
}

const std::vector<ArchiveEntry>& ArchiveReader::entries() const noexcept { return impl_->entries; }

const ArchiveEntry* ArchiveReader::find(const std::string& name) const noexcept {
  const auto it = impl_->by_name.find(name);
  return it == impl_->by_name.end() ? nullptr : &impl_->entries[it->second];
}

ByteView ArchiveReader::read(const std::string& name, std::uint64_t max_bytes) const {
  const ArchiveEntry* e = find(name);
  if (e == nullptr) {
    const std::string shown = display_name(name);
    throw ArchiveError("no member named '" + shown + "'", shown);
  }
  const Limits& limits = impl_->limits;
  const std::uint64_t cap = max_bytes != 0 ? max_bytes : limits.max_member_bytes;
  if (e->size > cap) {
    throw LimitError("member declares " + std::to_string(e->size) + " bytes, over the limit of " +
                         std::to_string(cap) + " (" + cap_name(limits, max_bytes, name) + ")",
                     display_name(name));
  }
  if (e->size > ratio_cap(limits, e->compressed_size)) {
    throw LimitError("declared compression ratio over the limit of " +
                         std::to_string(limits.max_compression_ratio) + ratio_names(),
                     display_name(name));
  }
  if (e->method == ZIP_CM_STORE) return read_in_place(*impl_, *e, name);
  const std::string shown = display_name(name);
  if (e->method == archive_detail::kMethodLzma || e->method == archive_detail::kMethodZstd) {
    return decode_own(*impl_, *e, impl_->flags[e->index], cap, shown);
  }
  return inflate(*impl_, *e, cap, shown);
}

bool ArchiveReader::readable_after(const ByteView& view, std::size_t n) const noexcept {
  const std::uint8_t* begin = impl_->image;
  if (begin == nullptr || view.data == nullptr) return false;
  // Compare as integers: pointers into different buffers have no order in C++.
  const auto b = reinterpret_cast<std::uintptr_t>(begin);
  const auto p = reinterpret_cast<std::uintptr_t>(view.data);
  const std::uint64_t size = impl_->image_size;
  if (p < b || p - b > size || view.size > size - (p - b)) return false;
  return n <= size - (p - b) - view.size;
}

void ArchiveReader::precheck_stored(const std::atomic<bool>& stop) const noexcept {
  // Last member first: reads tend to go in archive order (the writer stores members as it
  // walks the graph), so the two meet once instead of both checking the same members.
  const std::vector<ArchiveEntry>& entries = impl_->entries;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const ArchiveEntry& e = *it;
    if (stop.load(std::memory_order_relaxed)) return;
    // Only what read() could return; a member over the cap is refused there unread.
    if (e.method != ZIP_CM_STORE || e.size > impl_->limits.max_member_bytes) continue;
    crc_ok(*impl_, e);
  }
}

std::uint64_t ArchiveReader::stored_bytes() const noexcept {
  std::uint64_t total = 0;
  for (const ArchiveEntry& e : impl_->entries) {
    if (e.method == ZIP_CM_STORE) total += e.size;
  }
  return total;
}

const Limits& ArchiveReader::limits() const noexcept { return impl_->limits; }

std::uint64_t ArchiveReader::bytes_read() const noexcept { return impl_->total.load(); }

}  // namespace skops
