// Google Benchmark suite: load time (copied vs memory-mapped) and predict throughput on
// 10 000 rows (one thread, all threads) for the models made by bench/make_models.py, and
// the parse of each model's schema.json: simdjson (what a load uses) against the
// nlohmann-based DOM that loads used before, as a baseline in the same process.
//
//   skops_bench [--data=DIR] [Google Benchmark flags, e.g. --benchmark_filter=forest]
//
// DIR defaults to $SKOPS_BENCH_DATA, then /work/bench-data. A model whose files are absent
// is skipped with a message. For each NAME in forest, hgb, small it uses NAME.skops (as
// Python wrote it), NAME_aligned.skops when present (re-saved by skops-cpp: array data
// 64-byte aligned) and NAME_X.npy.

#include <benchmark/benchmark.h>
#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "schema/json_value.hpp"
#include "schema/schema_json.hpp"
#include "skops/api.hpp"
#include "skops/archive.hpp"
#include "skops/schema.hpp"

namespace {

bool exists(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0;
}

void bm_load(benchmark::State& state, std::string path, bool mmap) {
  skops::LoadOptions options;
  options.memory_map = mmap;
  struct stat st {};
  ::stat(path.c_str(), &st);
  for (auto _ : state) {
    auto est = skops::load(path, options);
    benchmark::DoNotOptimize(est.get());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * st.st_size);
}

std::string schema_text(const std::string& model) {
  const auto archive = skops::ArchiveReader::open_file(model, skops::Limits{}, 1);
  const skops::ByteView v = archive->read("schema.json");
  return std::string(reinterpret_cast<const char*>(v.data), v.size);
}

enum class SchemaParser { NlohmannDom, SimdjsonDom, ParseSchema };

void bm_schema(benchmark::State& state, std::string text, SchemaParser parser) {
  for (auto _ : state) {
    switch (parser) {
      case SchemaParser::NlohmannDom: {
        const auto v = skops::detail::parse_json(text, skops::detail::JsonParseOptions{});
        benchmark::DoNotOptimize(&v);
        break;
      }
      case SchemaParser::SimdjsonDom: {
        const skops::detail::SchemaJson json(text, 256);
        benchmark::DoNotOptimize(json.root());
        break;
      }
      case SchemaParser::ParseSchema: {
        const auto parsed = skops::parse_schema(text);
        benchmark::DoNotOptimize(parsed.root.get());
        break;
      }
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

struct Loaded {
  std::shared_ptr<skops::Estimator> est;
  std::shared_ptr<skops::Matrix> X;
};

void bm_predict(benchmark::State& state, Loaded m, skops::Method method, unsigned threads) {
  skops::RunOptions ro;
  ro.num_threads = threads;
  for (auto _ : state) {
    skops::NdArray y = m.est->run_parallel(method, *m.X, ro);
    benchmark::DoNotOptimize(y.bytes());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * m.X->rows());
  state.counters["threads"] = threads;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  if (const char* env = std::getenv("SKOPS_BENCH_DATA")) dir = env;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--data=", 7) == 0)
      dir = argv[i] + 7;
    else
      args.push_back(argv[i]);
  }
  if (dir.empty()) dir = "/work/bench-data";
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());

  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  int registered = 0;
  for (const std::string name : {"forest", "hgb", "small"}) {
    const std::string model = dir + "/" + name + ".skops";
    const std::string aligned = dir + "/" + name + "_aligned.skops";
    const std::string xs = dir + "/" + name + "_X.npy";
    if (!exists(model) || !exists(xs)) {
      std::cerr << "skops_bench: skipping " << name << ": " << model << " or " << xs
                << " is absent (make them with bench/make_models.py)\n";
      continue;
    }
    benchmark::RegisterBenchmark(("load/" + name + "/copy").c_str(), bm_load, model, false)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("load/" + name + "/mmap").c_str(), bm_load, model, true)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    if (exists(aligned)) {
      benchmark::RegisterBenchmark(("load/" + name + "_aligned/copy").c_str(), bm_load, aligned,
                                   false)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
      benchmark::RegisterBenchmark(("load/" + name + "_aligned/mmap").c_str(), bm_load, aligned,
                                   true)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    try {
      const std::string text = schema_text(model);
      for (const auto& [label, parser] :
           {std::pair<const char*, SchemaParser>{"nlohmann_dom", SchemaParser::NlohmannDom},
            {"simdjson_dom", SchemaParser::SimdjsonDom},
            {"parse_schema", SchemaParser::ParseSchema}}) {
        benchmark::RegisterBenchmark(("schema/" + name + "/" + label).c_str(), bm_schema, text,
                                     parser)
            ->Unit(benchmark::kMillisecond);
      }
    } catch (const std::exception& e) {
      std::cerr << "skops_bench: skipping the schema of " << name << ": " << e.what() << "\n";
    }
    Loaded m;
    try {
      m.est = skops::load(model);
      m.X = std::make_shared<skops::Matrix>(skops_bench::read_matrix(xs));
    } catch (const std::exception& e) {
      std::cerr << "skops_bench: skipping predict of " << name << ": " << e.what() << "\n";
      continue;
    }
    const skops::Method method = skops::Method::Predict;
    benchmark::RegisterBenchmark(("predict/" + name + "/threads:1").c_str(), bm_predict, m, method,
                                 1u)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    if (hw > 1) {
      benchmark::RegisterBenchmark(("predict/" + name + "/threads:" + std::to_string(hw)).c_str(),
                                   bm_predict, m, method, hw)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    registered += 1;
  }
  if (registered == 0) {
    std::cerr << "skops_bench: no benchmark data in " << dir << "; nothing to run\n";
    return 0;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
