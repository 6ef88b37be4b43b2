// Replay driver for the libFuzzer targets in this folder: a plain `main` that feeds inputs to
// LLVMFuzzerTestOneInput, so every target also builds with any compiler and runs under ctest
// (and under the sanitizer build) over all test data.
//
//   replay_<name> PATH...   each PATH is a file, or a directory walked recursively
//
// Files are replayed in sorted order, each from an exactly sized heap buffer so that
// AddressSanitizer reports a read one byte past the input. Exit status: 0 when every input
// ran, 1 when a path is missing or no input was found (a wrong path must not pass silently).
// A crash or sanitizer report aborts the process, as it would under libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional in a target, as with libFuzzer.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::vector<char>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  const char* self = argc > 0 ? argv[0] : "replay";
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE|DIR...\n", self);
    return 1;
  }

  std::vector<fs::path> inputs;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      for (fs::recursive_directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) inputs.push_back(it->path());
      }
      if (ec) {
        std::fprintf(stderr, "%s: cannot walk %s: %s\n", self, argv[i], ec.message().c_str());
        ok = false;
      }
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.push_back(arg);
    } else {
      std::fprintf(stderr, "%s: no such file or directory: %s\n", self, argv[i]);
      ok = false;
    }
  }
  std::sort(inputs.begin(), inputs.end());

  size_t ran = 0;
  size_t bytes = 0;
  std::vector<char> content;
  for (const fs::path& path : inputs) {
    if (!read_file(path, content)) {
      std::fprintf(stderr, "%s: cannot read %s\n", self, path.c_str());
      ok = false;
      continue;
    }
    // An exact-size copy: the vector's capacity may exceed its size, hiding overreads.
    const size_t size = content.size();
    auto buffer = std::make_unique<uint8_t[]>(size == 0 ? 1 : size);
    std::copy(content.begin(), content.end(), buffer.get());
    LLVMFuzzerTestOneInput(buffer.get(), size);
    ++ran;
    bytes += size;
  }

  std::printf("%s: ran %zu inputs (%zu bytes)\n", self, ran, bytes);
  if (ran == 0) {
    std::fprintf(stderr, "%s: no inputs found\n", self);
    return 1;
  }
  return ok ? 0 : 1;
}
