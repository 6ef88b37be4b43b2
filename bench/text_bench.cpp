// Benchmarks of src/text (SKOPS_BUILD_BENCH=ON; target skops_bench_text):
// - pathological patterns that make a backtracking matcher (Python's sre) exponential or
//   quadratic, over inputs from 1 KiB to 1 MiB: the time per byte stays flat (linear time);
// - the default scikit-learn token pattern over 1 MiB of mixed text, and str.lower /
//   strip_accents_unicode, for throughput. bench/text_compare.py times Python on the same
//   inputs.

#include <benchmark/benchmark.h>

#include <string>

#include "text/regex.hpp"
#include "text/strings.hpp"

namespace tx = skops::detail::text;

namespace {

std::string words_text(std::size_t bytes) {
  static const char* words[] = {"the",        "quick",  "brown",   "fox",     "jumps",
                                "over",       "lazy",   "dog",     "naïve",   "café",
                                "Straße",     "ΣΟΦΟΣ",  "données", "2026",    "a",
                                "vectorizer", "tf-idf", "it's",    "e-mail:", "x@y.z"};
  std::string s;
  std::size_t i = 0;
  while (s.size() < bytes) {
    s += words[(i * 7 + i / 3) % 20];
    s += (i % 11 == 10) ? ".\n" : " ";
    ++i;
  }
  return s;
}

void run_findall(benchmark::State& state, const char* pattern, const std::string& text) {
  const tx::Regex re = tx::Regex::compile(pattern);
  tx::RegexScratch scratch;
  std::size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    re.findall(text, scratch, [&](std::string_view) { ++tokens; });
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetComplexityN(static_cast<std::int64_t>(text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}

// (a|aa)*b on a^n: exponential for a backtracking matcher.
void BM_AltStarNoMatch(benchmark::State& state) {
  run_findall(state, "(?:a|aa)*b", std::string(static_cast<std::size_t>(state.range(0)), 'a'));
}
BENCHMARK(BM_AltStarNoMatch)
    ->RangeMultiplier(8)
    ->Range(1 << 10, 1 << 20)
    ->Complexity(benchmark::oN);

// (\w+\s?)+$ on words ending in '!': catastrophic backtracking in sre.
void BM_WordsThenEndNoMatch(benchmark::State& state) {
  std::string t = words_text(static_cast<std::size_t>(state.range(0)));
  for (char& c : t) {
    if (c == '.' || c == '\n' || c == '-' || c == ':' || c == '@' || c == '\'') c = ' ';
  }
  t += "!";
  run_findall(state, R"((?:\w+\s?)+$)", t);
}
BENCHMARK(BM_WordsThenEndNoMatch)
    ->RangeMultiplier(8)
    ->Range(1 << 10, 1 << 20)
    ->Complexity(benchmark::oN);

// x{1,100}y-style counted repetition on x^n (quadratic for backtracking search).
void BM_CountedNoMatch(benchmark::State& state) {
  run_findall(state, "a{1,100}b", std::string(static_cast<std::size_t>(state.range(0)), 'a'));
}
BENCHMARK(BM_CountedNoMatch)
    ->RangeMultiplier(8)
    ->Range(1 << 10, 1 << 20)
    ->Complexity(benchmark::oN);

void BM_DefaultTokenPattern(benchmark::State& state) {
  run_findall(state, R"((?u)\b\w\w+\b)", words_text(static_cast<std::size_t>(state.range(0))));
}
BENCHMARK(BM_DefaultTokenPattern)
    ->RangeMultiplier(8)
    ->Range(1 << 10, 1 << 20)
    ->Complexity(benchmark::oN);

void BM_PunctuationPattern(benchmark::State& state) {
  run_findall(state, R"((?u)\b\w+\b|[^\w\s])", words_text(1 << 20));
}
BENCHMARK(BM_PunctuationPattern);

void BM_PythonLower(benchmark::State& state) {
  const std::string t = words_text(1 << 20);
  for (auto _ : state) benchmark::DoNotOptimize(tx::python_lower(t));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * t.size()));
}
BENCHMARK(BM_PythonLower);

void BM_StripAccentsUnicode(benchmark::State& state) {
  const std::string t = words_text(1 << 20);
  for (auto _ : state) benchmark::DoNotOptimize(tx::strip_accents_unicode(t));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * t.size()));
}
BENCHMARK(BM_StripAccentsUnicode);

}  // namespace

BENCHMARK_MAIN();
