// "Estimators are immutable after build and thread-safe": for every corpus model this build
// loads (both scikit-learn versions), 16 threads run every recorded method on the one shared
// estimator, and each thread also loads its own share of the files concurrently and runs
// them; every result must equal the single-threaded one bit for bit. Run in the normal suite
// and, in CI, under ThreadSanitizer (SKOPS_SANITIZE=thread), which reports any data race.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "skops/skops.hpp"
#include "estimator_support.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;

struct Case {
  std::string path;  // NAME.skops
  skops::LoadOptions options;
  skops::NdArray X;
  std::vector<skops::Method> methods;
  std::shared_ptr<const skops::Estimator> est;
  std::vector<skops::NdArray> want;  // per method, single-threaded
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const char* dir : {"corpus/sklearn-1.2.1", "corpus/sklearn-1.4.2"}) {
    for (const auto& f : ts::list_files(dir, ".skops")) {
      const std::string base = f.substr(0, f.size() - 6);
      if (!fs::exists(base + ".X.npy")) continue;
      const auto meta = nlohmann::json::parse(ts::read_file_text(base + ".expected.json"));
      if (meta.contains("method_inputs")) continue;  // inverse_transform on another input
      Case c;
      c.path = f;
      c.options.trusted = meta.at("untrusted_types").get<std::vector<std::string>>();
      try {
        c.est = skops::load(f, c.options);
      } catch (const skops::UnsupportedError&) {
        continue;  // a class this build does not build (corpus_predict_test checks the refusal)
      }
      c.X = ts::read_npy_file(base + ".X.npy");
      for (const auto& [name, file] : meta.at("methods").items()) {
        const auto m = skops::method_from_string(name);
        if (!m || !c.est->supports(*m)) continue;
        c.methods.push_back(*m);
        c.want.push_back(c.est->run_array(*m, c.X));
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

TEST(Concurrency, SixteenThreadsPredictOnSharedModelsAndLoadConcurrently) {
  const std::vector<Case> all = cases();
  ASSERT_GE(all.size(), 100u);  // the corpus models this build runs (both versions)
  constexpr int kThreads = 16;
  std::atomic<int> mismatches{0}, failures{0}, runs{0};
  std::vector<std::string> first_problem(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (std::size_t i = 0; i < all.size(); ++i) {
          const Case& c = all[(i + static_cast<std::size_t>(t) * 7) % all.size()];
          // Its own load of every 16th file, concurrent with the others' loads and runs.
          std::shared_ptr<const skops::Estimator> own;
          if ((i % kThreads) == static_cast<std::size_t>(t)) own = skops::load(c.path, c.options);
          for (std::size_t k = 0; k < c.methods.size(); ++k) {
            for (const skops::Estimator* e : {c.est.get(), own.get()}) {
              if (!e) continue;
              ++runs;
              if (!(e->run_array(c.methods[k], c.X) == c.want[k])) {
                if (mismatches++ == 0) first_problem[t] = c.path + " " + skops::to_string(c.methods[k]);
              }
            }
          }
        }
      } catch (const std::exception& e) {
        ++failures;
        first_problem[t] = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::string problems;
  for (const auto& p : first_problem) problems += p.empty() ? "" : p + "; ";
  EXPECT_EQ(failures.load(), 0) << problems;
  EXPECT_EQ(mismatches.load(), 0) << problems;
  EXPECT_GE(runs.load(), kThreads * static_cast<int>(all.size()));
}

}  // namespace
