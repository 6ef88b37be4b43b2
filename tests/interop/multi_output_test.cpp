// Methods that return a list of arrays (tests/data/multi, both scikit-learn versions):
// MultiOutputClassifier.predict_proba alone, at the end of a Pipeline, inside a GridSearchCV and
// after a ColumnTransformer fed a table. Through the API (run_list, run_list_table,
// run_list_array), after dumps → loads, and through `skops-cpp predict`, which writes
// element k of the list to OUT.k.npy.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "estimator_support.hpp"
#include "skops/skops.hpp"
#include "skops/table.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace skops::testing_support {
void PrintTo(const ZooModel& m, std::ostream* os) { *os << m.dir << "/" << m.name; }
}  // namespace skops::testing_support

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;
using skops::NdArray;

const std::map<std::string, std::size_t> kCounts = {{"multi/sklearn-1.2.1", 5},
                                                    {"multi/sklearn-1.4.2", 5}};

std::vector<ts::ZooModel> multi_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops")) out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

TEST(MultiOutputLists, ModelCounts) {
  for (const auto& [dir, n] : kCounts) EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
}

// The recorded input: a numeric .npy (run_list_array) or a CSV table (run_list_table).
std::vector<NdArray> run_on_input(const skops::Estimator& est, const ts::ZooModel& m, Method method) {
  const std::string input = m.expected().at("input").get<std::string>();
  if (fs::path(input).extension() == ".csv")
    return est.run_list_table(method, skops::read_table_file(ts::data_path(m.dir + "/" + input)));
  return est.run_list_array(method, ts::read_npy_file(ts::data_path(m.dir + "/" + input)));
}

void expect_arrays(const std::vector<NdArray>& got, const std::vector<NdArray>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    SCOPED_TRACE("element " + std::to_string(k));
    ASSERT_EQ(got[k].dtype().kind(), want[k].dtype().kind());
    if (want[k].dtype().kind() == skops::DTypeKind::Unicode) {
      EXPECT_EQ(got[k].shape(), want[k].shape());
      EXPECT_EQ(got[k].to_strings(), want[k].to_strings());
    } else {
      ts::expect_close(got[k], want[k]);
    }
  }
}

// scikit-learn's recorded result of `method`: its array, or the list of its element files.
std::vector<NdArray> recorded(const ts::ZooModel& m, const nlohmann::json& files) {
  std::vector<NdArray> out;
  if (files.is_string()) {
    out.push_back(ts::read_npy_file(ts::data_path(m.dir + "/" + files.get<std::string>())));
    return out;
  }
  for (const auto& f : files) out.push_back(ts::read_npy_file(ts::data_path(m.dir + "/" + f.get<std::string>())));
  return out;
}

void expect_methods(const skops::Estimator& est, const ts::ZooModel& m) {
  const nlohmann::json expected = m.expected();
  const nlohmann::json methods = expected.at("methods");
  ASSERT_TRUE(methods.contains("predict_proba"));
  for (const auto& [name, files] : methods.items()) {
    SCOPED_TRACE(name);
    const Method method = *skops::method_from_string(name);
    ASSERT_TRUE(est.supports(method));
    EXPECT_EQ(est.returns_list(method), files.is_array());
    expect_arrays(run_on_input(est, m, method), recorded(m, files));
  }
  // The one-array entry point refuses a list-returning method and says what to use.
  const NdArray X = ts::read_npy_file(ts::data_path("multi/sklearn-1.2.1/multi_logreg_int.X.npy"));
  if (est.n_features_in() == X.dim(1)) {
    try {
      (void)est.run_array(Method::PredictProba, X);
      ADD_FAILURE() << "run_array(predict_proba) returned one array";
    } catch (const skops::UnsupportedError& e) {
      EXPECT_NE(std::string(e.what()).find("run_list"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(est.supports(Method::PredictLogProba));
  EXPECT_FALSE(est.supports(Method::DecisionFunction));
}

class MultiOutputModel : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(MultiOutputModel, ListsEqualScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  auto est = skops::load(m.path(".skops"), m.options());
  {
    SCOPED_TRACE("loaded");
    expect_methods(*est, m);
  }
  const std::string version = m.expected().at("sklearn_version").get<std::string>();
  skops::DumpOptions dump;
  dump.sklearn_version = version;
  auto back = skops::loads(skops::dumps(*est, dump), m.options());
  SCOPED_TRACE("after resave");
  expect_methods(*back, m);
}

TEST_P(MultiOutputModel, CliWritesOneNpyPerElement) {
  const ts::ZooModel& m = GetParam();
  const nlohmann::json expected = m.expected();
  const std::string dir = ts::make_temp_dir("cli-multi");
  std::string trusted;
  for (const auto& t : expected.at("untrusted_types")) trusted += " --trusted " + t.get<std::string>();
  const std::string input = ts::data_path(m.dir + "/" + expected.at("input").get<std::string>());
  const auto r = ts::run_command(ts::cli_path() + " predict " + m.path(".skops") + " --input " +
                                 input + " --output " + dir + "/p.npy --method predict_proba" + trusted);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto want = recorded(m, expected.at("methods").at("predict_proba"));
  std::vector<NdArray> got;
  for (std::size_t k = 0; k < want.size(); ++k)
    got.push_back(ts::read_npy_file(dir + "/p." + std::to_string(k) + ".npy"));
  expect_arrays(got, want);
  EXPECT_FALSE(fs::exists(dir + "/p.npy"));
  EXPECT_FALSE(fs::exists(dir + "/p." + std::to_string(want.size()) + ".npy"));
  // predict stays one array in OUT itself.
  const auto r2 = ts::run_command(ts::cli_path() + " predict " + m.path(".skops") + " --input " +
                                  input + " --output " + dir + "/y.npy" + trusted);
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  expect_arrays({ts::read_npy_file(dir + "/y.npy")}, recorded(m, expected.at("methods").at("predict")));
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Multi, MultiOutputModel, ::testing::ValuesIn(multi_models()));

// A natively built MultiOutputClassifier: run_list of predict_proba is each estimator's
// predict_proba; an empty input is an InputError as for run.
TEST(MultiOutputLists, NativeListIsEachEstimatorsResult) {
  const ts::ZooModel m{"multi/sklearn-1.4.2", "multi_logreg_int"};
  auto est = skops::load(m.path(".skops"), m.options());
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  const auto list = est->run_list(Method::PredictProba, skops::to_matrix(X));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].dim(1), 3);
  EXPECT_EQ(list[1].dim(1), 4);
  const auto one = est->run_list(Method::Predict, skops::to_matrix(X));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].shape(), (std::vector<std::int64_t>{X.dim(0), 2}));
  EXPECT_THROW(est->run_list(Method::PredictProba, skops::Matrix(0, X.dim(1))), skops::InputError);
  EXPECT_THROW(est->run_list(Method::DecisionFunction, skops::to_matrix(X)), skops::UnsupportedError);
}

}  // namespace
