#include "test_support.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace skops::testing_support {

std::string data_dir() { return SKOPS_TEST_DATA; }

std::string data_path(const std::string& rel) { return data_dir() + "/" + rel; }

std::vector<std::string> list_files(const std::string& sub, const std::string& suffix) {
  std::vector<std::string> out;
  const fs::path dir = fs::path(data_dir()) / sub;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
}

std::string read_file_text(const std::string& path) {
  auto b = read_file_bytes(path);
  return std::string(b.begin(), b.end());
}

void write_file_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

void keep_output(const char* env_var, const std::string& name,
                 const std::vector<std::uint8_t>& bytes) {
  const char* dir = std::getenv(env_var);
  if (!dir || !*dir) return;
  write_file_bytes(std::string(dir) + "/" + name, bytes);
}

std::string corpus_path(const std::string& version_dir, const std::string& file) {
  return data_path("corpus/" + version_dir + "/" + file);
}

std::string make_temp_dir(const std::string& tag) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path p = fs::temp_directory_path() / ("skops-test-" + tag + "-" + std::to_string(rd()));
    if (fs::create_directory(p)) return p.string();
  }
  throw std::runtime_error("cannot create temp dir");
}

CommandResult run_command(const std::string& command_line) {
  CommandResult r;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return r;
}

std::string cli_path() { return SKOPS_CLI; }

}  // namespace skops::testing_support
