// Parity with scikit-learn on the real corpus: every model whose class this build
// registers is loaded, each recorded method is run on the recorded input and compared with
// scikit-learn's output (labels exactly; floats within 1e-12 relative, 1e-10 absolute near
// zero), then re-saved through the estimator's own writer, reloaded and compared again.
// Models of classes not registered must be refused as unsupported, never accepted.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::NdArray;

struct Model {
  std::string dir;
  std::string name;
  std::string path(const std::string& suffix) const {
    return ts::data_path(dir + "/" + name + suffix);
  }
};

std::vector<Model> all_models() {
  std::vector<Model> out;
  for (const char* dir : {"corpus/sklearn-1.2.1", "corpus/sklearn-1.4.2"}) {
    for (const auto& f : ts::list_files(dir, ".skops"))
      out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

// Expected output: an .npy, or a .json {"dtype", "shape", "values"} for strings.
struct Expected {
  bool strings = false;
  NdArray array;
  std::vector<std::string> values;
  std::vector<std::int64_t> shape;
  bool float32 = false;
};

Expected read_expected(const std::string& path) {
  Expected e;
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) {
    auto j = nlohmann::json::parse(ts::read_file_text(path));
    e.strings = true;
    e.shape = j.at("shape").get<std::vector<std::int64_t>>();
    for (const auto& v : j.at("values")) e.values.push_back(v.get<std::string>());
    return e;
  }
  e.array = ts::read_npy_file(path);
  e.shape = e.array.shape();
  e.float32 = e.array.dtype() == skops::DType::float32();
  return e;
}

// Returns an empty string when equal, else the first difference.
std::string compare(const Expected& want, const NdArray& got) {
  if (got.shape() != want.shape) return "shape differs";
  if (want.strings) {
    if (got.dtype().kind() != skops::DTypeKind::Unicode)
      return "expected string labels, got " + got.dtype().name();
    const auto g = got.to_strings();
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g[i] != want.values[i])
        return "element " + std::to_string(i) + ": " + g[i] + " != " + want.values[i];
    }
    return "";
  }
  const auto wk = want.array.dtype().kind();
  if (wk == skops::DTypeKind::Unicode) {
    if (got.dtype().kind() != skops::DTypeKind::Unicode) return "expected string labels";
    return got.to_strings() == want.array.to_strings() ? "" : "string labels differ";
  }
  const bool integral =
      wk == skops::DTypeKind::Int || wk == skops::DTypeKind::UInt || wk == skops::DTypeKind::Bool;
  if (integral && !(got.dtype().kind() == wk)) {
    return "dtype " + got.dtype().name() + " instead of " + want.array.dtype().name();
  }
  const auto w = want.array.to_vector<double>();
  const auto g = got.to_vector<double>();
  // float32 results must come out float32 (scikit-learn keeps float32 data in float32).
  if (want.float32 && !(got.dtype() == skops::DType::float32())) {
    return "dtype " + got.dtype().name() + " instead of float32";
  }
  const double rel = 1e-12;
  const double abs_tol = 1e-10;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if ((std::isnan(w[i]) && std::isnan(g[i])) || w[i] == g[i]) continue;
    if (integral ? (w[i] != g[i])
                 : !(std::fabs(w[i] - g[i]) <= std::max(abs_tol, rel * std::fabs(w[i])))) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "element %zu: got %.17g, scikit-learn %.17g", i, g[i], w[i]);
      return buf;
    }
  }
  return "";
}

class CorpusModel : public ::testing::TestWithParam<Model> {};

// A row gives the same result alone as in a batch, bit for bit, as it does in scikit-learn
// (reference BLAS sums each entry in the same order whatever the shape): one-row calls take
// their own code paths (a forest walks its trees in lockstep for one row; products tile rows).
void expect_rows_alone_match(const skops::Estimator& e, skops::Method method, const NdArray& X,
                             const NdArray& batch, const std::string& what) {
  if (X.ndim() != 2 || batch.ndim() < 1 || batch.shape()[0] != X.shape()[0]) return;
  const std::int64_t rows = X.shape()[0], cols = X.shape()[1];
  const bool f32 = X.dtype() == skops::DType::float32();
  const auto v32 = f32 ? X.to_vector<float>() : std::vector<float>();
  const auto v64 = f32 ? std::vector<double>() : X.to_vector<double>();
  for (std::int64_t i = 0; i < std::min<std::int64_t>(rows, 4); ++i) {
    const auto begin = static_cast<std::ptrdiff_t>(i * cols), end = begin + cols;
    const NdArray row =
        f32 ? NdArray::from_vector(std::vector<float>(v32.begin() + begin, v32.begin() + end),
                                   {1, cols})
            : NdArray::from_vector(std::vector<double>(v64.begin() + begin, v64.begin() + end),
                                   {1, cols});
    ts::expect_row_of(e.run_array(method, row), batch, i,
                      what + ": row " + std::to_string(i) + " alone");
  }
}

TEST_P(CorpusModel, MatchesScikitLearnAndSurvivesResave) {
  const Model& m = GetParam();
  const auto meta = nlohmann::json::parse(ts::read_file_text(m.path(".expected.json")));
  const std::string cls = meta.at("class");
  skops::LoadOptions opts;
  opts.trusted = meta.at("untrusted_types").get<std::vector<std::string>>();

  // Estimator classes in the file that this build has no builder for (helper objects read by
  // a registered builder are trusted names of the registry, not builders).
  const auto& registry = skops::builtin_registry();
  const auto trusted_by_registry = registry.trusted_names();
  std::vector<std::string> all_types, unbuilt;
  for (const auto& t :
       skops::audit(*skops::Document::read_file(m.path(".skops"))->root(), {}).types) {
    if (t.derived) continue;
    all_types.push_back(t.type);
    if (t.loader == "ObjectNode" && !registry.find(t.type) && !trusted_by_registry.count(t.type)) {
      unbuilt.push_back(t.type);
    }
  }
  if (!unbuilt.empty()) {
    // Not built yet: even with every type trusted it must be refused as unsupported.
    skops::LoadOptions all = opts;
    all.trusted = all_types;
    try {
      skops::load(m.path(".skops"), all);
      ADD_FAILURE() << m.name << " was accepted although " << unbuilt.front() << " has no builder";
    } catch (const skops::UnsupportedError& e) {
      bool named = false;
      for (const auto& u : unbuilt)
        named = named || std::string(e.what()).find(u) != std::string::npos;
      EXPECT_TRUE(named) << e.what();
    }
    std::cout << "[parity] " << m.dir << "/" << m.name << ": unsupported (" << unbuilt.front()
              << ")\n";
    return;
  }
  std::unique_ptr<skops::Estimator> est;
  ASSERT_NO_THROW(est = skops::load(m.path(".skops"), opts)) << m.name;
  std::unique_ptr<skops::Estimator> resaved;
  {
    const auto bytes = skops::dumps(*est);
    ASSERT_NO_THROW(resaved = skops::loads(bytes, opts)) << m.name << " after resave";
  }
  if (!fs::exists(m.path(".X.npy"))) {
    std::cout << "[parity] " << m.dir << "/" << m.name << ": loaded; input is not numeric, methods "
              << "checked by the estimator's unit test\n";
    return;
  }
  // The recorded input as stored (float64, or float32 for the *_float32 models).
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  for (const auto& [method_name, file] : meta.at("methods").items()) {
    const auto method = skops::method_from_string(method_name);
    if (!method) {
      std::cout << "[parity] " << m.dir << "/" << m.name << " " << method_name
                << ": not in the C++ API\n";
      continue;
    }
    // A method recorded on another input (inverse_transform: the transform's output).
    const bool own_input =
        meta.contains("method_inputs") && meta["method_inputs"].contains(method_name);
    const NdArray input =
        own_input ? ts::read_npy_file(ts::data_path(
                        m.dir + "/" + meta["method_inputs"][method_name].get<std::string>()))
                  : X;
    const Expected want = read_expected(ts::data_path(m.dir + "/" + file.get<std::string>()));
    for (const auto* e : {est.get(), resaved.get()}) {
      const char* which = e == est.get() ? "loaded" : "resaved";
      ASSERT_TRUE(e->supports(*method)) << m.name << " " << method_name << " (" << which << ")";
      NdArray got;
      ASSERT_NO_THROW(got = e->run_array(*method, input)) << m.name << " " << method_name;
      const std::string diff = compare(want, got);
      EXPECT_EQ(diff, "") << m.dir << "/" << m.name << " " << method_name << " (" << which << ")";
      if (e == est.get()) {
        // (A method on its own recorded input, e.g. inverse_transform, is left to the batch.)
        if (!own_input)
          expect_rows_alone_match(*e, *method, input, got,
                                  m.dir + "/" + m.name + " " + method_name);
        std::cout << "[parity] " << m.dir << "/" << m.name << " " << method_name << ": "
                  << (diff.empty() ? "match" : "MISMATCH " + diff) << "\n";
      }
    }
  }
}

std::string model_case_name(const ::testing::TestParamInfo<Model>& info) {
  std::string n = info.param.dir.substr(info.param.dir.find('/') + 1) + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

void PrintTo(const Model& m, std::ostream* os) { *os << m.dir << "/" << m.name; }

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusModel, ::testing::ValuesIn(all_models()), model_case_name);

}  // namespace
