#pragma once
// Bounds-checked random access to the archive bytes (memory or file), a file descriptor
// owner and a read-only memory map, all RAII.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace skops::archive_detail {

/// Owns a file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const noexcept { return fd_; }
  int release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

/// Opens a regular file read-only; throws IoError naming the path.
UniqueFd open_read_only(const std::string& path, std::uint64_t* size);

/// A whole file mapped read-only (an empty file maps to nothing). Unmapped on destruction.
class MappedFile {
 public:
  /// Throws IoError.
  static std::shared_ptr<const MappedFile> open(const std::string& path);

  /// Only `open` can make one (the key is private); it then owns the mapping.
  class Key {
    friend class MappedFile;
    Key() = default;
  };
  MappedFile(Key, const std::uint8_t* data, std::uint64_t size) : data_(data), size_(size) {}
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::uint8_t* data() const noexcept { return data_; }
  std::uint64_t size() const noexcept { return size_; }

 private:
  const std::uint8_t* data_;
  std::uint64_t size_;
};

/// A whole file read into private memory (a snapshot: later changes to the file are not
/// seen). Large files are read by several threads, each with pread on its own range.
class FileImage {
 public:
  /// Throws IoError; LimitError when the file is larger than `max_bytes`; ArchiveError when it
  /// shrinks while being read. `threads`: 0 for hardware concurrency.
  static std::shared_ptr<const FileImage> read(const std::string& path, std::uint64_t max_bytes,
                                               unsigned threads);

  /// Releases the image: a mapping of `mapped` bytes (large images), else an aligned new[].
  struct Free {
    std::size_t mapped = 0;
    void operator()(std::uint8_t* p) const noexcept;
  };
  explicit FileImage(std::size_t size);
  const std::uint8_t* data() const noexcept { return bytes_.get(); }
  std::uint64_t size() const noexcept { return size_; }

 private:
  // 64-byte aligned, so that the aligned members of a file written by skops-cpp are aligned
  // in memory too and used in place. Not value-initialised: every byte is overwritten by
  // the read, and zeroing 100s of MB first would cost as much as the read itself.
  std::unique_ptr<std::uint8_t[], Free> bytes_;
  std::size_t size_;
};

/// The archive bytes as the central-directory reader sees them.
class RandomAccess {
 public:
  virtual ~RandomAccess() = default;
  virtual std::uint64_t size() const noexcept = 0;
  /// Copies [offset, offset + n) to `out`; throws ArchiveError ("truncated") when the range
  /// is not inside the input.
  virtual void read(std::uint64_t offset, void* out, std::size_t n) const = 0;
};

class MemoryInput final : public RandomAccess {
 public:
  MemoryInput(const std::uint8_t* data, std::uint64_t size) : data_(data), size_(size) {}
  std::uint64_t size() const noexcept override { return size_; }
  void read(std::uint64_t offset, void* out, std::size_t n) const override;

 private:
  const std::uint8_t* data_;
  std::uint64_t size_;
};

/// Reads with pread, so it never moves the descriptor's file position.
class FileInput final : public RandomAccess {
 public:
  FileInput(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  std::uint64_t size() const noexcept override { return size_; }
  void read(std::uint64_t offset, void* out, std::size_t n) const override;

 private:
  int fd_;
  std::uint64_t size_;
};

}  // namespace skops::archive_detail
