// skops_bench_phases: where the time of a load goes. Runs the three phases of
// skops::load by hand (archive + schema.json, audit, array reads, build) R times on one
// file and prints the median of each, so that docs/benchmarks.md can say which phase a
// speed-up has to come from.
//
//   skops_bench_phases MODEL.skops [--mmap] [--load-threads N] [--repeat R]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "skops/api.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/document.hpp"
#include "skops/trust.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string model;
  bool mmap = false;
  unsigned threads = 0;
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--mmap") {
      mmap = true;
    } else if (a == "--load-threads" && i + 1 < argc) {
      threads = static_cast<unsigned>(std::stoul(argv[++i]));
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::stoi(argv[++i]));
    } else if (!a.empty() && a[0] != '-') {
      model = a;
    } else {
      std::cerr
          << "usage: skops_bench_phases MODEL.skops [--mmap] [--load-threads N] [--repeat R]\n";
      return 2;
    }
  }
  if (model.empty()) {
    std::cerr << "usage: skops_bench_phases MODEL.skops [--mmap] [--load-threads N] [--repeat R]\n";
    return 2;
  }
  try {
    // The process-wide set-up a first load pays: the built-in registry and the default trust.
    const auto s0 = Clock::now();
    const skops::TypeRegistry& registry = skops::builtin_registry();
    const auto s1 = Clock::now();
    const skops::TrustPolicy trust = skops::default_trust(registry);
    const auto s2 = Clock::now();
    std::vector<double> open_parse, audit, read_arrays, build, total;
    for (int r = 0; r < repeat; ++r) {
      const auto t0 = Clock::now();
      skops::ReadOptions ro;
      ro.memory_map = mmap;
      ro.threads = threads;
      const auto doc = skops::Document::read_file(model, ro);
      const auto t1 = Clock::now();
      skops::require_trusted(skops::audit(*doc->root(), trust));
      const auto t2 = Clock::now();
      const skops::NodePtr root = skops::materialize(*doc, threads);
      const auto t3 = Clock::now();
      skops::BuildContext ctx(registry, threads);
      const auto est = ctx.build_root(root);
      const auto t4 = Clock::now();
      open_parse.push_back(ms(t0, t1));
      audit.push_back(ms(t1, t2));
      read_arrays.push_back(ms(t2, t3));
      build.push_back(ms(t3, t4));
      total.push_back(ms(t0, t4));
    }
    std::printf("{\"model\": \"%s\", \"mmap\": %s, \"load_threads\": %u, \"repeat\": %d,\n",
                model.c_str(), mmap ? "true" : "false", threads, repeat);
    std::printf(" \"registry_ms\": %.3f, \"default_trust_ms\": %.3f, \"first_total_ms\": %.3f,\n",
                ms(s0, s1), ms(s1, s2), total.front());
    std::printf(
        " \"first_open_and_parse_ms\": %.3f, \"first_audit_ms\": %.3f, "
        "\"first_read_arrays_ms\": %.3f, \"first_build_ms\": %.3f,\n",
        open_parse.front(), audit.front(), read_arrays.front(), build.front());
    std::printf(
        " \"open_and_parse_ms\": %.2f, \"audit_ms\": %.2f, \"read_arrays_ms\": %.2f, "
        "\"build_ms\": %.2f, \"total_ms\": %.2f}\n",
        skops_bench::median(open_parse), skops_bench::median(audit), skops_bench::median(read_arrays), skops_bench::median(build), skops_bench::median(total));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "skops_bench_phases: %s\n", e.what());
    return 1;
  }
  return 0;
}
