#pragma once
// Command-line parsing for skops-cpp: positional arguments plus the options of DESIGN.md §7.

#include <map>
#include <string>
#include <vector>

namespace skops::cli {

struct Args {
  std::vector<std::string> positional;
  std::vector<std::string> trusted;
  std::map<std::string, std::string> options;  // --input, --output, --method, --compression
  bool json = false;
  bool memory_map = false;
  bool verify = false;  // audit of many files: also read every member (CRC, sizes)
};

/// Thrown for a malformed command line (exit code 64).
struct UsageError {
  std::string message;
};

/// Parses argv[2..]; `value_options` take one value, `flags` none.
Args parse_args(int argc, char** argv, const std::vector<std::string>& value_options);

}  // namespace skops::cli
