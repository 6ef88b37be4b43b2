// skops-cpp: audit, inspect, validate, predict and re-save .skops files (DESIGN.md §7).

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "commands.hpp"
#include "core/text.hpp"
#include "skops/error.hpp"

namespace {

constexpr int kExitUntrusted = 1;
constexpr int kExitInvalid = 2;
constexpr int kExitUsage = 64;

const char* kUsage =
    "usage:\n"
    "  skops-cpp audit    FILE|DIR|-... [--trusted TYPE]... [--json] [--verify]\n"
    "  skops-cpp inspect  FILE\n"
    "  skops-cpp validate FILE [--trusted TYPE]...\n"
    "  skops-cpp predict  FILE --input X.npy|X.csv|X.json --output OUT.npy [--method NAME]\n"
    "                     [--input-format csv|json|npy] [--trusted TYPE]...\n"
    "  skops-cpp resave   IN OUT [--compression stored|deflate|bzip2|lzma|zstd]\n"
    "                     [--trusted TYPE]...\n"
    "  skops-cpp types\n"
    "exit codes: 0 success, 1 untrusted types, 2 invalid/over a limit/unsupported, 64 usage\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace skops::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  // libzip converts every member's DOS time with mktime(); with TZ unset, glibc stats
  // /etc/localtime on each call (7% of an audit of 254 files). Naming the same zone file
  // once keeps the time zone and lets glibc reuse what it read.
  if (std::getenv("TZ") == nullptr) setenv("TZ", ":/etc/localtime", 0);
  const std::string verb = argv[1];
  try {
    if (verb == "audit") return cmd_audit(parse_args(argc, argv, {}));
    if (verb == "inspect") return cmd_inspect(parse_args(argc, argv, {}));
    if (verb == "types") return cmd_types(parse_args(argc, argv, {}));
    if (verb == "validate") return cmd_validate(parse_args(argc, argv, {}));
    if (verb == "predict") return cmd_predict(parse_args(argc, argv, {"--input", "--output", "--method", "--input-format"}));
    if (verb == "resave") return cmd_resave(parse_args(argc, argv, {"--compression"}));
    if (verb == "--help" || verb == "-h" || verb == "help") {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << "skops-cpp: unknown command \"" << skops::detail::printable(verb) << "\"\n"
              << kUsage;
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "skops-cpp: " << e.message << "\n" << kUsage;
    return kExitUsage;
  } catch (const skops::UntrustedTypeError& e) {
    std::cerr << "skops-cpp: refused: " << e.what() << "\n";
    return kExitUntrusted;
  } catch (const skops::Error& e) {
    std::cerr << "skops-cpp: " << e.what() << "\n";
    return kExitInvalid;
  } catch (const std::bad_alloc&) {
    std::cerr << "skops-cpp: out of memory\n";
    return kExitInvalid;
  } catch (const std::exception& e) {
    std::cerr << "skops-cpp: internal error: " << skops::detail::printable(e.what()) << "\n";
    return kExitInvalid;
  }
}
