// Reading a 10 000-row CSV of 8 mixed columns (the shape of a DataFrame model's input:
// floats with missing values, ints, bools, short categorical strings, free text with quotes)
// with skops::read_csv, and the same table as JSON (split layout).
//
//   skops_bench_table [--write-csv=PATH] [--write-json=PATH] [benchmark flags]
//
// --write-* writes the benchmarked input and exits: bench/table_compare.py times pandas on
// the very same bytes.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "skops/table.hpp"

namespace {

constexpr int kRows = 10'000;

struct Inputs {
  std::string csv;
  std::string json;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    const char* sex[] = {"male", "female"};
    const char* port[] = {"S", "C", "Q"};
    const char* city[] = {"Z\xc3\xbcrich",
                          "\xc5\x81\xc3\xb3"
                          "d\xc5\xba",
                          "Southampton", "M\xc3\xbcnchen", "Cherbourg"};
    const char* words[] = {"a great movie", "flat characters", "awful music, but \"fun\"",
                           "would watch again"};
    Inputs r;
    r.csv = "age,fare,pclass,sex,embarked,city,alone,review\n";
    r.json =
        "{\"columns\": [\"age\", \"fare\", \"pclass\", \"sex\", \"embarked\", \"city\", \"alone\", "
        "\"review\"], \"data\": [";
    char buf[64];
    for (int i = 0; i < kRows; ++i) {
      const bool age_missing = u(rng) < 0.2;
      const double age = std::round(u(rng) * 800) / 10;
      const double fare = std::round(u(rng) * 50000) / 100;
      const int pclass = 1 + static_cast<int>(u(rng) * 3);
      const char* s = sex[static_cast<int>(u(rng) * 2)];
      const char* e = port[static_cast<int>(u(rng) * 3)];
      const char* c = city[static_cast<int>(u(rng) * 5)];
      const bool alone = u(rng) < 0.5;
      const char* w = words[static_cast<int>(u(rng) * 4)];
      if (!age_missing) {
        std::snprintf(buf, sizeof buf, "%.1f", age);
        r.csv += buf;
      }
      std::snprintf(buf, sizeof buf, ",%.2f,%d,", fare, pclass);
      r.csv += buf;
      r.csv += std::string(s) + "," + e + "," + c + "," + (alone ? "True" : "False") + ",";
      std::string quoted = w;
      if (quoted.find_first_of(",\"") != std::string::npos) {
        std::string q = "\"";
        for (const char ch : quoted) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        quoted = q + "\"";
      }
      r.csv += quoted + "\n";
      std::string jw;
      for (const char ch : std::string(w))
        jw += ch == '"' ? std::string("\\\"") : std::string(1, ch);
      if (i) r.json += ", ";
      std::snprintf(buf, sizeof buf, "%.1f", age);
      r.json += "[" + (age_missing ? std::string("null") : std::string(buf));
      std::snprintf(buf, sizeof buf, ", %.2f, %d, ", fare, pclass);
      r.json += buf;
      r.json += "\"" + std::string(s) + "\", \"" + e + "\", \"" + c + "\", " +
                (alone ? "true" : "false") + ", \"" + jw + "\"]";
    }
    r.json += "]}";
    return r;
  }();
  return in;
}

void BM_ReadCsv10k(benchmark::State& state) {
  const std::string& csv = inputs().csv;
  for (auto _ : state) {
    skops::Table t = skops::read_csv(csv);
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
  state.counters["rows"] = kRows;
}
BENCHMARK(BM_ReadCsv10k)->Unit(benchmark::kMillisecond);

void BM_ReadJson10k(benchmark::State& state) {
  const std::string& json = inputs().json;
  for (auto _ : state) {
    skops::Table t = skops::read_json_table(json);
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_ReadJson10k)->Unit(benchmark::kMillisecond);

void BM_ToFloat64Numeric10k(benchmark::State& state) {
  const skops::Table t = skops::read_csv(inputs().csv);
  const auto cols = t.numeric_columns();
  for (auto _ : state) {
    auto m = t.to_float64(cols);
    benchmark::DoNotOptimize(m.data());
  }
}
BENCHMARK(BM_ToFloat64Numeric10k)->Unit(benchmark::kMicrosecond);

bool write(const char* path, const std::string& text) {
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  bool wrote = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--write-csv=", 12) == 0) {
      if (!write(argv[i] + 12, inputs().csv)) return 1;
      wrote = true;
    } else if (std::strncmp(argv[i], "--write-json=", 13) == 0) {
      if (!write(argv[i] + 13, inputs().json)) return 1;
      wrote = true;
    }
  }
  if (wrote) return 0;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
