// The format chooser and the file reader.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "skops/table.hpp"

namespace skops {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// The same error with the file named as its entry (same kind, same C++ type).
[[noreturn]] void rethrow_with_path(const Error& e, const std::string& path) {
  switch (e.kind()) {
    case ErrorKind::Limit:
      throw LimitError(e.detail(), path, e.json_pointer());
    case ErrorKind::Npy:
      throw NpyError(e.detail(), path, e.json_pointer());
    case ErrorKind::Unsupported:
      throw UnsupportedError(e.detail(), path, e.json_pointer());
    case ErrorKind::Io:
      throw IoError(e.detail(), path, e.json_pointer());
    default:
      throw InputError(e.detail(), path, e.json_pointer());
  }
}

}  // namespace

TableFormat table_format_for_path(std::string_view path) {
  if (ends_with_ci(path, ".csv")) return TableFormat::Csv;
  if (ends_with_ci(path, ".json")) return TableFormat::Json;
  if (ends_with_ci(path, ".npy")) return TableFormat::Npy;
  throw UnsupportedError("cannot tell the table format of \"" + std::string(path) +
                         "\" (expected .csv, .json or .npy, or give the format)");
}

Table read_table(std::string_view bytes, TableFormat format, const TableLimits& limits) {
  if (format == TableFormat::Auto) {
    std::size_t i = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < bytes.size() &&
           (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r'))
      ++i;
    if (bytes.substr(0, 6) == "\x93NUMPY")
      format = TableFormat::Npy;
    else if (i < bytes.size() && (bytes[i] == '{' || bytes[i] == '['))
      format = TableFormat::Json;
    else
      format = TableFormat::Csv;
  }
  switch (format) {
    case TableFormat::Json:
      return read_json_table(bytes, limits);
    case TableFormat::Npy:
      return read_npy_table(ByteView::copy_of(bytes.data(), bytes.size()), limits);
    default:
      return read_csv(bytes, limits);
  }
}

Table read_table_file(const std::string& path, TableFormat format, const TableLimits& limits) {
  if (format == TableFormat::Auto) format = table_format_for_path(path);
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw IoError("cannot open " + path + ": " + std::strerror(errno));
  // Read in chunks up to the cap: the size a file reports is not trusted (it may grow).
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, f.get());
    if (n > 0) {
      if (bytes.size() + n > limits.max_input_bytes) {
        throw LimitError(
            "larger than max_input_bytes (" + std::to_string(limits.max_input_bytes) + ")", path);
      }
      bytes.insert(bytes.end(), chunk, chunk + n);
    }
    if (n < sizeof chunk) break;
  }
  if (std::ferror(f.get())) throw IoError("cannot read " + path);
  try {
    if (format == TableFormat::Npy)
      return read_npy_table(ByteView::adopt(std::move(bytes)), limits);
    return read_table(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                      format, limits);
  } catch (const Error& e) {
    if (!e.entry().empty()) throw;
    rethrow_with_path(e, path);
  }
}

}  // namespace skops
