// skops_bench_floor: the least work any loader of a .skops file must do, timed in this fresh
// process, so that a load time can be set against what the machine allows. bench/compare.py
// runs it beside the real loads (same files, same run) and reports the floors next to the
// targets' budgets.
//
//   skops_bench_floor FILE MODE [--threads N]
//
// MODE
//   map-crc  map the file and CRC-32 every byte (libdeflate), split over N threads: the
//            floor of a memory-mapped load that checks members' CRCs at load, as a secure
//            loader must (the hostile fixture archive_bad_crc_npy is refused at open).
//   read     pread the file into a fresh 64-byte aligned buffer, in 1 MiB pieces shared by N
//            threads, each piece CRC'd while in cache: the floor of a load that keeps its
//            own copy of the data (what pickle.load and a copying load both pay).
//   schema   map-crc, then find schema.json through the zip central directory and parse it
//            with simdjson (DOM): the floor of any load, before a single node is built.
//
// Prints one JSON object: {"mode": ..., "seconds": ..., "threads": ..., "bytes": ...}.

#include <fcntl.h>
#include <libdeflate.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
void on_threads(unsigned n, F&& f) {
  std::vector<std::thread> ts;
  for (unsigned i = 1; i < n; ++i) ts.emplace_back([&f, i] { f(i); });
  f(0);
  for (auto& t : ts) t.join();
}

std::uint32_t le32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
         std::uint32_t(p[3]) << 24;
}
std::uint16_t le16(const std::uint8_t* p) { return std::uint16_t(p[0] | p[1] << 8); }

// The bytes of a stored schema.json (classic zip, no ZIP64: the benchmark files).
std::string_view find_schema(const std::uint8_t* p, std::size_t n) {
  if (n < 22) throw std::runtime_error("not a zip");
  std::size_t e = n - 22;
  const std::size_t stop = n > 22 + 65535 ? n - 22 - 65535 : 0;
  while (le32(p + e) != 0x06054b50u) {
    if (e == stop) throw std::runtime_error("no end of central directory");
    --e;
  }
  const std::size_t entries = le16(p + e + 10);
  std::size_t c = le32(p + e + 16);
  for (std::size_t i = 0; i < entries; ++i) {
    if (c + 46 > n || le32(p + c) != 0x02014b50u) throw std::runtime_error("bad directory");
    const std::size_t name_len = le16(p + c + 28), extra = le16(p + c + 30),
                      comment = le16(p + c + 32);
    const std::uint32_t method = le16(p + c + 10), size = le32(p + c + 24),
                        local = le32(p + c + 42);
    if (c + 46 + name_len > n) throw std::runtime_error("bad directory");
    const std::string_view name(reinterpret_cast<const char*>(p + c + 46), name_len);
    if (name == "schema.json") {
      if (method != 0) throw std::runtime_error("schema.json is compressed");
      if (std::size_t(local) + 30 > n) throw std::runtime_error("bad local header");
      const std::size_t data = local + 30 + le16(p + local + 26) + le16(p + local + 28);
      if (data + size > n) throw std::runtime_error("bad local header");
      return {reinterpret_cast<const char*>(p + data), size};
    }
    c += 46 + name_len + extra + comment;
  }
  throw std::runtime_error("no schema.json");
}

struct Mapped {
  const std::uint8_t* p = nullptr;
  std::size_t n = 0;
};

Mapped map_and_crc(int fd, std::size_t n, unsigned threads, std::uint32_t* sink) {
  void* m = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE, fd, 0);
  if (m == MAP_FAILED) throw std::runtime_error("mmap failed");
  const auto* p = static_cast<const std::uint8_t*>(m);
  const std::size_t part = (n + threads - 1) / threads;
  std::vector<std::uint32_t> crcs(threads);
  on_threads(threads, [&](unsigned i) {
    const std::size_t b = std::min(n, std::size_t(i) * part), e = std::min(n, b + part);
    crcs[i] = static_cast<std::uint32_t>(libdeflate_crc32(0, p + b, e - b));
  });
  for (std::uint32_t c : crcs) *sink ^= c;
  return {p, n};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: skops_bench_floor FILE map-crc|read|schema [--threads N]\n");
    return 2;
  }
  const std::string path = argv[1], mode = argv[2];
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--threads") threads = std::max(1, std::stoi(argv[i + 1]));
  }
  try {
    std::uint32_t sink = 0;
    const auto t0 = Clock::now();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size <= 0) throw std::runtime_error("cannot stat");
    const auto n = static_cast<std::size_t>(st.st_size);
    if (mode == "map-crc") {
      map_and_crc(fd, n, threads, &sink);
    } else if (mode == "schema") {
      const Mapped m = map_and_crc(fd, n, threads, &sink);
      const std::string_view text = find_schema(m.p, m.n);
      simdjson::dom::parser parser;
      const simdjson::dom::element doc = parser.parse(text.data(), text.size());
      sink ^= static_cast<std::uint32_t>(doc.is_object());
    } else if (mode == "read") {
      auto* buf = static_cast<std::uint8_t*>(::operator new[](n, std::align_val_t{64}));
      constexpr std::size_t kPiece = 1u << 20;
      const std::size_t pieces = (n + kPiece - 1) / kPiece;
      std::atomic<std::size_t> next{0};
      std::vector<std::uint32_t> crcs(pieces);
      on_threads(threads, [&](unsigned) {
        for (std::size_t k; (k = next.fetch_add(1)) < pieces;) {
          const std::size_t off = k * kPiece, len = std::min(kPiece, n - off);
          for (std::size_t got = 0; got < len;) {
            const ssize_t r = ::pread(fd, buf + off + got, len - got, off_t(off + got));
            if (r <= 0) throw std::runtime_error("read failed");
            got += std::size_t(r);
          }
          crcs[k] = static_cast<std::uint32_t>(libdeflate_crc32(0, buf + off, len));
        }
      });
      for (std::uint32_t c : crcs) sink ^= c;
    } else {
      throw std::runtime_error("unknown mode " + mode);
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf(
        "{\"mode\": \"%s\", \"seconds\": %.6f, \"threads\": %u, \"bytes\": %zu, \"check\": %u}\n",
        mode.c_str(), s, threads, n, sink);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "skops_bench_floor: %s\n", e.what());
    return 1;
  }
}
