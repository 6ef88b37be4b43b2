#include "archive/file_input.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <new>

#include "core/parallel.hpp"
#include "skops/error.hpp"

namespace skops::archive_detail {

namespace {

[[noreturn]] void throw_io(const std::string& what, const std::string& path, int err) {
  throw IoError(what + " " + path + ": " + std::strerror(err));
}

void check_range(std::uint64_t offset, std::size_t n, std::uint64_t size) {
  if (offset > size || n > size - offset) {
    throw ArchiveError("truncated archive: needs bytes up to offset " + std::to_string(offset + n) +
                       " of a " + std::to_string(size) + "-byte file");
  }
}

}  // namespace

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

UniqueFd open_read_only(const std::string& path, std::uint64_t* size) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw_io("cannot open", path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_io("cannot stat", path, errno);
  if (!S_ISREG(st.st_mode)) throw IoError("not a regular file: " + path);
  *size = static_cast<std::uint64_t>(st.st_size);
  return fd;
}

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path) {
  std::uint64_t size = 0;
  const UniqueFd fd = open_read_only(path, &size);
  if (size == 0) return std::make_shared<const MappedFile>(Key(), nullptr, 0);
  if (size > static_cast<std::uint64_t>(SIZE_MAX)) throw IoError("file too large to map: " + path);
  void* p = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (p == MAP_FAILED) throw_io("cannot map", path, errno);
  // The mapping outlives the descriptor. Should make_shared throw, the mapping must not leak.
  try {
    return std::make_shared<const MappedFile>(Key(), static_cast<const std::uint8_t*>(p), size);
  } catch (...) {
    ::munmap(p, static_cast<std::size_t>(size));
    throw;
  }
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) {
    ::munmap(const_cast<std::uint8_t*>(data_), static_cast<std::size_t>(size_));
  }
}

namespace {
constexpr std::align_val_t kImageAlignment{64};
// Images from this size on get a mapping of their own, in transparent huge pages where the
// system grants them: read into fresh 4 kB pages, a 3 MB image took ~800 page faults, half
// of those of a whole fresh load of a 3 MB model (perf page-fault samples).
constexpr std::size_t kHugeImageMin = std::size_t{1} << 20;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

// An anonymous mapping of at least `size` bytes starting on a 2 MB boundary (so that every
// 2 MB of it can be one huge page); its length is stored in `*mapped`. nullptr if the system
// refuses the mapping.
std::uint8_t* map_huge(std::size_t size, std::size_t* mapped) {
  const std::size_t len = (size + kHugePage - 1) / kHugePage * kHugePage;
  if (len < size || len > SIZE_MAX - kHugePage) return nullptr;
  void* raw =
      ::mmap(nullptr, len + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  // Keep the aligned `len` bytes inside the over-sized mapping; give back the rest.
  const auto base = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t start = (base + kHugePage - 1) / kHugePage * kHugePage;
  const std::size_t head = start - base;
  if (head) ::munmap(raw, head);
  if (kHugePage - head) ::munmap(reinterpret_cast<void*>(start + len), kHugePage - head);
  auto* p = reinterpret_cast<std::uint8_t*>(start);
#ifdef MADV_HUGEPAGE
  ::madvise(p, len, MADV_HUGEPAGE);  // advice only: 4 kB pages if the system says no
#endif
  *mapped = len;
  return p;
}

std::unique_ptr<std::uint8_t[], FileImage::Free> allocate_image(std::size_t size) {
  if (size >= kHugeImageMin) {
    std::size_t mapped = 0;
    if (std::uint8_t* p = map_huge(size, &mapped)) {
      return std::unique_ptr<std::uint8_t[], FileImage::Free>(p, FileImage::Free{mapped});
    }
  }
  return std::unique_ptr<std::uint8_t[], FileImage::Free>(
      static_cast<std::uint8_t*>(::operator new[](std::max<std::size_t>(size, 1), kImageAlignment)),
      FileImage::Free{0});
}

}  // namespace

FileImage::FileImage(std::size_t size) : bytes_(allocate_image(size)), size_(size) {}

void FileImage::Free::operator()(std::uint8_t* p) const noexcept {
  if (mapped != 0) {
    ::munmap(p, mapped);
  } else {
    ::operator delete[](p, kImageAlignment);
  }
}

std::shared_ptr<const FileImage> FileImage::read(const std::string& path, std::uint64_t max_bytes,
                                                 unsigned threads) {
  std::uint64_t size = 0;
  const UniqueFd fd = open_read_only(path, &size);
  if (size > max_bytes) {
    throw LimitError("archive file of " + std::to_string(size) + " bytes is over the limit of " +
                     std::to_string(max_bytes) + " bytes in total");
  }
  if (size > static_cast<std::uint64_t>(SIZE_MAX)) throw IoError("file too large to read: " + path);
  auto image = std::make_shared<FileImage>(static_cast<std::size_t>(size));
  // Chunks of 8 MiB: large enough that a thread costs little, small enough to share out.
  constexpr std::uint64_t kChunk = 8ull << 20;
  const FileInput input(fd.get(), size);
  auto* out = const_cast<std::uint8_t*>(image->data());
  const std::size_t chunks = static_cast<std::size_t>((size + kChunk - 1) / kChunk);
  detail::parallel_for(chunks, threads, [&](std::size_t k) {
    const std::uint64_t begin = k * kChunk;
    const auto n = static_cast<std::size_t>(std::min(kChunk, size - begin));
    input.read(begin, out + begin, n);
  });
  return image;
}

void MemoryInput::read(std::uint64_t offset, void* out, std::size_t n) const {
  check_range(offset, n, size_);
  if (n != 0) std::memcpy(out, data_ + offset, n);
}

void FileInput::read(std::uint64_t offset, void* out, std::size_t n) const {
  check_range(offset, n, size_);
  auto* dst = static_cast<std::uint8_t*>(out);
  while (n > 0) {
    const ssize_t got = ::pread(fd_, dst, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw IoError(std::string("read error: ") + std::strerror(errno));
    if (got == 0) throw ArchiveError("truncated archive (file shrank while reading)");
    dst += got;
    offset += static_cast<std::uint64_t>(got);
    n -= static_cast<std::size_t>(got);
  }
}

}  // namespace skops::archive_detail
