#include "args.hpp"

#include <algorithm>

namespace skops::cli {

Args parse_args(int argc, char** argv, const std::vector<std::string>& value_options) {
  Args a;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto take_value = [&](const std::string& name) -> std::string {
      if (i + 1 >= argc) throw UsageError{name + " needs a value"};
      return argv[++i];
    };
    if (arg == "--trusted") {
      a.trusted.push_back(take_value(arg));
    } else if (arg == "--json") {
      a.json = true;
    } else if (arg == "--mmap") {
      a.memory_map = true;
    } else if (arg == "--verify") {
      a.verify = true;
    } else if (std::find(value_options.begin(), value_options.end(), arg) != value_options.end()) {
      a.options[arg] = take_value(arg);
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError{"unknown option " + arg};
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

}  // namespace skops::cli
