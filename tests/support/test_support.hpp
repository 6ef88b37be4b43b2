#pragma once
// Helpers shared by the test programs: paths into tests/data and small file utilities.

#include <cstdint>
#include <string>
#include <vector>

namespace skops::testing_support {

/// tests/data (compiled in).
std::string data_dir();
/// data_dir() + "/" + rel.
std::string data_path(const std::string& rel);
/// Files in data_dir()/sub whose names end with `suffix`, sorted, as full paths.
std::vector<std::string> list_files(const std::string& sub, const std::string& suffix);
std::vector<std::uint8_t> read_file_bytes(const std::string& path);
std::string read_file_text(const std::string& path);
/// Writes `bytes` to `path` (replacing it), for tests that hand a crafted file to a reader.
/// Like the streams it wraps, it reports nothing: a failed write shows when the file is read.
void write_file_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes);
/// When the environment variable `env_var` names a directory, writes `bytes` there as `name`:
/// files a test keeps for a manual cross-check in Python. Unset or empty: does nothing.
void keep_output(const char* env_var, const std::string& name,
                 const std::vector<std::uint8_t>& bytes);
/// data_dir()/corpus/<version_dir>/<file>, e.g. corpus_path("sklearn-1.4.2", "Ridge.skops").
std::string corpus_path(const std::string& version_dir, const std::string& file);
/// A fresh empty directory under the system temp dir.
std::string make_temp_dir(const std::string& tag);
/// Runs a command line; returns its exit status and (merged) output.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult run_command(const std::string& command_line);
/// Path of the built skops-cpp program.
std::string cli_path();

}  // namespace skops::testing_support
