// skops_bench_load: loads one .skops file once (optionally memory-mapped), measuring wall
// time and peak memory of that load in this fresh process, then times further loads and a
// method on a test input, and prints one JSON object. bench/compare.py runs it beside
// Python's skops.io.load, pickle.load and scikit-learn on the same files.
//
//   skops_bench_load MODEL.skops [--mmap] [--load-threads N] [--X X.npy] [--method predict]
//                    [--threads N] [--load-repeat R] [--predict-repeat P]
//                    [--latency-calls C] [--dot-baseline K]
//
// --load-threads is LoadOptions::threads (0, the default: hardware concurrency; 1: the
// load stays on the calling thread); --threads is for the predict timing.
//
// One-row latency (--latency-calls C, with --X): C calls of the method on one row each
// (rows taken in turn), each timed alone; p50 and p99 in microseconds. --dot-baseline K
// times, the same way, the plain product of a K x n_features matrix with the row (Eigen's
// vectorised GEMV): the least a linear model's call can cost.
//
// Memory: `vm_hwm` is the kernel's VmHWM (peak resident set of the whole process: heap,
// stacks, code and file-backed pages, including the pages of a memory-mapped model that
// were touched); `baseline_rss` is VmRSS just before the load (code, libraries). The
// sampled peaks of RssAnon (private anonymous memory) and RssFile (file-backed pages) are
// taken every millisecond during the first load. Nothing else is allocated in between, so
// the load's own cost is vm_hwm - baseline_rss.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "skops/api.hpp"

namespace {

// p50 and p99 in microseconds of `calls` calls of f on one row each (rows in turn), after
// a warm-up pass over the same rows.
template <class F>
std::pair<double, double> one_row_latency(int calls, const skops::Matrix& X, F&& f) {
  const Eigen::Index rows = X.rows();
  std::size_t sink = 0;
  for (int c = 0; c < std::min<int>(calls, 200); ++c) sink += f(X.row(c % rows));
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(calls));
  for (int c = 0; c < calls; ++c) {
    const auto t0 = std::chrono::steady_clock::now();
    sink += f(X.row(c % rows));
    us.push_back(skops_bench::seconds_since(t0) * 1e6);
  }
  if (sink == 0) std::fprintf(stderr, "(no output)\n");
  std::sort(us.begin(), us.end());
  const auto at = [&](double q) {
    return us[std::min(us.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(us.size())))];
  };
  return {at(0.50), at(0.99)};
}

int usage() {
  std::cerr << "usage: skops_bench_load MODEL.skops [--mmap] [--load-threads N] [--X X.npy] "
               "[--method NAME] "
               "[--threads N] [--load-repeat R] [--predict-repeat P] [--latency-calls C] "
               "[--dot-baseline K]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace skops_bench;
  std::string model, x_path, method_name = "predict";
  bool mmap = false;
  unsigned threads = 0;  // 0: hardware_concurrency
  unsigned load_threads = 0;
  int load_repeat = 3, predict_repeat = 5, latency_calls = 0, dot_baseline = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--mmap")
      mmap = true;
    else if (a == "--X")
      x_path = next();
    else if (a == "--method")
      method_name = next();
    else if (a == "--threads")
      threads = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--load-threads")
      load_threads = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--load-repeat")
      load_repeat = std::stoi(next());
    else if (a == "--predict-repeat")
      predict_repeat = std::stoi(next());
    else if (a == "--latency-calls")
      latency_calls = std::stoi(next());
    else if (a == "--dot-baseline")
      dot_baseline = std::stoi(next());
    else if (!a.empty() && a[0] == '-')
      return usage();
    else
      model = a;
  }
  if (model.empty()) return usage();
  const auto method = skops::method_from_string(method_name);
  if (!method) return usage();

  skops::LoadOptions options;
  options.memory_map = mmap;
  options.threads = load_threads;
  try {
    const ProcMemory before = read_proc_memory();
    double first = 0;
    std::uint64_t peak_anon = 0, peak_file = 0;
    std::unique_ptr<skops::Estimator> est;
    {
      PeakSampler sampler;
      const auto t0 = std::chrono::steady_clock::now();
      est = skops::load(model, options);
      first = seconds_since(t0);
      sampler.stop();
      peak_anon = sampler.peak_anon();
      peak_file = sampler.peak_file();
    }
    const ProcMemory after = read_proc_memory();

    std::vector<double> loads{first};
    for (int r = 1; r < load_repeat; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      auto again = skops::load(model, options);
      loads.push_back(seconds_since(t0));
    }

    std::printf("{\"model\": \"%s\", \"type\": \"%s\", \"mmap\": %s, \"load_threads\": %u,\n",
                model.c_str(), est->type_name().c_str(), mmap ? "true" : "false", load_threads);
    std::printf(
        " \"load_seconds_first\": %.6f, \"load_seconds_min\": %.6f, "
        "\"load_seconds_median\": %.6f,\n",
        first, *std::min_element(loads.begin(), loads.end()), skops_bench::median(loads));
    std::printf(" \"loads_after_first\": [");
    for (std::size_t i = 1; i < loads.size(); ++i)
      std::printf("%s%.6f", i > 1 ? ", " : "", loads[i]);
    std::printf("],\n");
    std::printf(" \"baseline_rss\": %llu, \"vm_hwm\": %llu, \"rss_after_load\": %llu,\n",
                static_cast<unsigned long long>(before.vm_rss),
                static_cast<unsigned long long>(after.vm_hwm),
                static_cast<unsigned long long>(after.vm_rss));
    std::printf(
        " \"rss_anon_before\": %llu, \"rss_file_before\": %llu, \"rss_anon_peak\": %llu, "
        "\"rss_file_peak\": %llu, \"rss_anon_after\": %llu, \"rss_file_after\": %llu",
        static_cast<unsigned long long>(before.rss_anon),
        static_cast<unsigned long long>(before.rss_file),
        static_cast<unsigned long long>(peak_anon), static_cast<unsigned long long>(peak_file),
        static_cast<unsigned long long>(after.rss_anon),
        static_cast<unsigned long long>(after.rss_file));

    if (!x_path.empty()) {
      const skops::Matrix X = read_matrix(x_path);
      auto time_run = [&](unsigned n_threads) {
        skops::RunOptions ro;
        ro.num_threads = n_threads;
        std::vector<double> ts;
        est->run_parallel(*method, X, ro);  // warm-up (also pages a mapped model in)
        for (int r = 0; r < std::max(1, predict_repeat); ++r) {
          const auto t0 = std::chrono::steady_clock::now();
          const skops::NdArray y = est->run_parallel(*method, X, ro);
          ts.push_back(seconds_since(t0));
          if (y.ndim() == 0) std::abort();
        }
        return std::make_pair(skops_bench::median(ts), *std::min_element(ts.begin(), ts.end()));
      };
      const unsigned hw =
          threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
      const auto one = time_run(1);
      const auto many = time_run(hw);
      const double rows = static_cast<double>(X.rows());
      std::printf(
          ",\n \"method\": \"%s\", \"rows\": %lld, \"predict_seconds_1t\": %.6f, "
          "\"predict_seconds_1t_min\": %.6f, \"rows_per_second_1t\": %.1f,\n"
          " \"threads\": %u, \"predict_seconds_mt\": %.6f, \"predict_seconds_mt_min\": %.6f, "
          "\"rows_per_second_mt\": %.1f",
          method_name.c_str(), static_cast<long long>(X.rows()), one.first, one.second,
          rows / one.first, hw, many.first, many.second, rows / many.first);
      if (latency_calls > 0) {
        const auto lat = one_row_latency(latency_calls, X, [&](const skops::MatrixView& row) {
          return est->run(*method, row).size();
        });
        std::printf(",\n \"latency_calls\": %d, \"latency_us_p50\": %.3f, \"latency_us_p99\": %.3f",
                    latency_calls, lat.first, lat.second);
      }
      if (latency_calls > 0 && dot_baseline > 0) {
        // Eigen's two forms of the product (a GEMV, and one dot product per row of W); the
        // faster one is the floor.
        const skops::Matrix W = skops::Matrix::Random(dot_baseline, X.cols());
        Eigen::VectorXd out(dot_baseline);
        const auto gemv = one_row_latency(latency_calls, X, [&](const skops::MatrixView& row) {
          out.noalias() = W * row.transpose();
          return static_cast<std::size_t>(out(0) != 0.0);
        });
        const auto dots = one_row_latency(latency_calls, X, [&](const skops::MatrixView& row) {
          for (Eigen::Index c = 0; c < W.rows(); ++c) out(c) = W.row(c).dot(row.row(0));
          return static_cast<std::size_t>(out(0) != 0.0);
        });
        const auto lat = gemv.first <= dots.first ? gemv : dots;
        std::printf(",\n \"dot_baseline_rows\": %d, \"dot_us_p50\": %.3f, \"dot_us_p99\": %.3f",
                    dot_baseline, lat.first, lat.second);
      }
    }
    std::printf("}\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "skops_bench_load: %s\n", e.what());
    return 1;
  }
  return 0;
}
