#pragma once
// Helpers shared by the benchmark programs: process memory from /proc/self/status, a
// sampler that records the peak of RssAnon and RssFile separately, and .npy input.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/npy.hpp"

namespace skops_bench {

/// Fields of /proc/self/status in bytes (0 when absent, e.g. not on Linux).
struct ProcMemory {
  std::uint64_t vm_rss = 0;    ///< VmRSS: resident pages (anonymous + file-backed + shmem)
  std::uint64_t vm_hwm = 0;    ///< VmHWM: peak of VmRSS since the process started
  std::uint64_t rss_anon = 0;  ///< RssAnon: private anonymous pages (heap, stacks)
  std::uint64_t rss_file = 0;  ///< RssFile: file-backed pages (code, mapped files)
};

inline ProcMemory read_proc_memory() {
  ProcMemory m;
  std::ifstream in("/proc/self/status");
  std::string line;
  auto kb = [](const std::string& l) {
    std::istringstream s(l.substr(l.find(':') + 1));
    std::uint64_t v = 0;
    s >> v;
    return v * 1024;
  };
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) m.vm_rss = kb(line);
    else if (line.rfind("VmHWM:", 0) == 0) m.vm_hwm = kb(line);
    else if (line.rfind("RssAnon:", 0) == 0) m.rss_anon = kb(line);
    else if (line.rfind("RssFile:", 0) == 0) m.rss_file = kb(line);
  }
  return m;
}

/// Samples RssAnon / RssFile every millisecond on a thread while alive; the peaks it
/// reports are the largest sampled values (a spike shorter than a millisecond can be
/// missed; VmHWM, kept by the kernel, cannot).
class PeakSampler {
 public:
  PeakSampler() : thread_([this] { loop(); }) {}
  ~PeakSampler() { stop(); }
  void stop() {
    if (thread_.joinable()) {
      done_ = true;
      thread_.join();
      sample();
    }
  }
  std::uint64_t peak_anon() const { return anon_; }
  std::uint64_t peak_file() const { return file_; }

 private:
  void sample() {
    const ProcMemory m = read_proc_memory();
    if (m.rss_anon > anon_) anon_ = m.rss_anon;
    if (m.rss_file > file_) file_ = m.rss_file;
  }
  void loop() {
    while (!done_) {
      sample();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  std::atomic<bool> done_{false};
  std::uint64_t anon_ = 0, file_ = 0;
  std::thread thread_;
};

inline std::vector<std::uint8_t> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

/// A float64 2-d .npy file as a row-major matrix.
inline skops::Matrix read_matrix(const std::string& path) {
  skops::Limits limits;
  const skops::NdArray a =
      skops::read_npy(skops::ByteView::adopt(read_whole_file(path)), limits, path);
  return skops::to_matrix(a);
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The median of `v` (the upper one of an even count; 0 for none).
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

/// Wall seconds `f()` takes.
template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return seconds_since(t0);
}

}  // namespace skops_bench
