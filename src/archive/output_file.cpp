#include "archive/output_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include "skops/error.hpp"

namespace skops::archive_detail {

namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::string& path) {
  throw IoError(what + " " + path + ": " + std::strerror(errno));
}

/// ".<file>.tmp-<16 hex>" in `dir`.
std::string temp_name(const std::string& dir, const std::string& file) {
  std::random_device rd;
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%08x%08x", rd(), rd());
  return (std::filesystem::path(dir) / ("." + file + ".tmp-" + suffix)).string();
}

void fsync_dir(const std::string& dir) {
  const UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) throw_errno("cannot flush", dir);
}

/// Gives the unnamed file `fd` the name `path`; -1 with errno set on failure.
int link_fd(int fd, const std::string& path) {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0) return 0;
  const int error = errno;
  // No /proc: AT_EMPTY_PATH does the same, where the process may use it (CAP_DAC_READ_SEARCH
  // before Linux 6.10).
  if (error == ENOENT && ::linkat(fd, "", AT_FDCWD, path.c_str(), AT_EMPTY_PATH) == 0) return 0;
  errno = error;
  return -1;
}

/// Whether `name` is ".<file>.tmp-" followed by 16 lower-case hex digits (temp_name's form).
bool is_temp_name_of(const std::string& name, const std::string& file) {
  const std::string prefix = "." + file + ".tmp-";
  if (name.size() != prefix.size() + 16 || name.compare(0, prefix.size(), prefix) != 0) return false;
  return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// Removes the temporary names of `file` in `dir` left by dead writers: those whose flock can
/// be taken. Best effort: any failure leaves the name.
void sweep_stale(const std::string& dir, const std::string& file) {
  const UniqueFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() < 0) return;
  const int scan = ::dup(dfd.get());
  if (scan < 0) return;
  DIR* d = ::fdopendir(scan);
  if (d == nullptr) {
    ::close(scan);
    return;
  }
  std::vector<std::string> stale;
  while (const dirent* e = ::readdir(d)) {
    if (is_temp_name_of(e->d_name, file)) stale.emplace_back(e->d_name);
  }
  ::closedir(d);
  for (const std::string& name : stale) {
    const UniqueFd fd(::openat(dfd.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0 || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;  // a live writer's
    // Still the file that was locked (not renamed away and replaced meanwhile).
    struct stat held {}, named {};
    if (::fstat(fd.get(), &held) != 0 || ::fstatat(dfd.get(), name.c_str(), &named, AT_SYMLINK_NOFOLLOW) != 0)
      continue;
    if (S_ISREG(held.st_mode) && held.st_ino == named.st_ino && held.st_dev == named.st_dev)
      ::unlinkat(dfd.get(), name.c_str(), 0);
  }
}

}  // namespace

OutputFile::OutputFile(std::string target) : target_(std::move(target)) {
  const std::filesystem::path p(target_);
  dir_ = p.has_parent_path() ? p.parent_path().string() : std::string(".");
#ifdef O_TMPFILE
  // 0666: the umask applies, as for a file Python would write.
  const int fd = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (fd >= 0) {
    fd_ = UniqueFd(fd);
    (void)::flock(fd, LOCK_EX | LOCK_NB);  // a new inode: nobody else can hold it
    return;
  }
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
    throw_errno("cannot create a temporary file beside", target_);
  }
#endif
  const std::string file = p.filename().string();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string tmp = temp_name(dir_, file);
    const int named = ::open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (named >= 0) {
      fd_ = UniqueFd(named);
      temp_path_ = tmp;
      // A sweeper that locks the name before this does takes it for a dead writer's and
      // removes it; publish then fails with IoError (the target is untouched).
      (void)::flock(named, LOCK_EX | LOCK_NB);
      return;
    }
    if (errno != EEXIST) throw_errno("cannot create a temporary file beside", target_);
  }
  throw IoError("cannot create a unique temporary file beside " + target_);
}

OutputFile::~OutputFile() {
  if (!published_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void OutputFile::publish() {
  if (published_) throw IoError("already published: " + target_);
  if (::fsync(fd_.get()) != 0) throw_errno("cannot flush", target_);
  sweep_stale(dir_, std::filesystem::path(target_).filename().string());
  if (!anonymous()) {
    if (std::rename(temp_path_.c_str(), target_.c_str()) != 0) {
      throw_errno("cannot replace", target_);
    }
  } else if (link_fd(fd_.get(), target_) != 0) {
    // The target exists (or the link failed otherwise): a unique name, then rename over the
    // target. A SIGKILL between the two leaves that name (see output_file.hpp).
    if (errno != EEXIST) throw_errno("cannot create", target_);
    const std::string file = std::filesystem::path(target_).filename().string();
    std::string linked;
    for (int attempt = 0; attempt < 100 && linked.empty(); ++attempt) {
      const std::string tmp = temp_name(dir_, file);
      if (link_fd(fd_.get(), tmp) == 0) {
        linked = tmp;
      } else if (errno != EEXIST) {
        throw_errno("cannot create a temporary name beside", target_);
      }
    }
    if (linked.empty()) throw IoError("cannot create a unique temporary name beside " + target_);
    if (std::rename(linked.c_str(), target_.c_str()) != 0) {
      const int error = errno;
      ::unlink(linked.c_str());
      errno = error;
      throw_errno("cannot replace", target_);
    }
  }
  published_ = true;
  fsync_dir(dir_);
}

namespace {

zip_int64_t fd_sink_callback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* s = static_cast<FdSinkState*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_READ:  // the archive starts empty (ZIP_TRUNCATE): nothing to read
    case ZIP_SOURCE_TELL:
    case ZIP_SOURCE_COMMIT_WRITE:  // flushed by OutputFile::publish
    case ZIP_SOURCE_FREE:          // the state belongs to the caller
      return 0;
    case ZIP_SOURCE_STAT: {
      if (len < sizeof(zip_stat_t)) {
        zip_error_set(s->error.get(), ZIP_ER_INVAL, 0);
        return -1;
      }
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = 0;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_SEEK:
      return zip_source_seek_compute_offset(0, 0, data, len, s->error.get()) < 0 ? -1 : 0;
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE:
      if (::ftruncate(s->fd, 0) != 0) {
        zip_error_set(s->error.get(), ZIP_ER_WRITE, errno);
        return -1;
      }
      s->pos = s->size = 0;
      return 0;
    case ZIP_SOURCE_WRITE: {
      const auto* p = static_cast<const std::uint8_t*>(data);
      zip_uint64_t left = len;
      while (left > 0) {
        const ssize_t n = ::pwrite(s->fd, p, left, static_cast<off_t>(s->pos));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          zip_error_set(s->error.get(), ZIP_ER_WRITE, errno);
          return -1;
        }
        p += n;
        left -= static_cast<zip_uint64_t>(n);
        s->pos += static_cast<std::uint64_t>(n);
      }
      s->size = std::max(s->size, s->pos);
      return static_cast<zip_int64_t>(len);
    }
    case ZIP_SOURCE_SEEK_WRITE: {
      const zip_int64_t off = zip_source_seek_compute_offset(s->pos, s->size, data, len,
                                                             s->error.get());
      if (off < 0) return -1;
      s->pos = static_cast<std::uint64_t>(off);
      return 0;
    }
    case ZIP_SOURCE_TELL_WRITE:
      return static_cast<zip_int64_t>(s->pos);
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(s->error.get(), data, len);
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(
          ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
          ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS,
          ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_COMMIT_WRITE, ZIP_SOURCE_ROLLBACK_WRITE,
          ZIP_SOURCE_WRITE, ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE, -1);
    default:
      zip_error_set(s->error.get(), ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

zip_source_t* fd_write_source(FdSinkState& state, zip_error_t* error) {
  return zip_source_function_create(fd_sink_callback, &state, error);
}

}  // namespace skops::archive_detail
