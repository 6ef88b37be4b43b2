// Issue 14, second batch, written by Python skops (tests/data/search2, both scikit-learn
// versions): HalvingGridSearchCV / HalvingRandomSearchCV (methods of best_estimator_, the
// halving schedule read and checked, scorer and splitter carried untrusted), IterativeImputer
// (transform replaying imputation_sequence_; sample_posterior=True refused) and
// SelectFromModel over trees, forests and gradient boosting (feature_importances_ computed
// as scikit-learn does, bit for bit, and the same support mask, ties at the threshold
// included).
// Each loads with Python skops' trust, every recorded method equals scikit-learn's (labels
// exactly; floats within 1e-12 relative / 1e-10 absolute), and again after dumps → loads,
// which writes the same attributes back.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>

#include "estimator_support.hpp"
#include "skops/estimators/feature_selection.hpp"
#include "skops/estimators/impute.hpp"
#include "skops/estimators/model_selection.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace skops::testing_support {
// Readable parameter names in gtest's failure lines.
void PrintTo(const ZooModel& m, std::ostream* os) { *os << m.dir << "/" << m.name; }
}  // namespace skops::testing_support

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;
using skops::NdArray;

// Models per version (one of them, REFUSE_*, must be refused); a missing or extra file
// fails ModelCounts.
const std::map<std::string, std::size_t> kCounts = {{"search2/sklearn-1.2.1", 29},
                                                    {"search2/sklearn-1.4.2", 29}};

bool refused(const ts::ZooModel& m) { return m.name.rfind("REFUSE_", 0) == 0; }

std::vector<ts::ZooModel> models(bool want_refused) {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops")) {
      ts::ZooModel m{dir, fs::path(f).stem().string()};
      if (refused(m) == want_refused) out.push_back(m);
    }
  }
  return out;
}

TEST(Search2, ModelCounts) {
  for (const auto& [dir, n] : kCounts) EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
  EXPECT_EQ(models(true).size(), 2u);
}

// Every recorded method: dtype kind and size as scikit-learn's, non-float values exactly.
void expect_methods(const skops::Estimator& est, const ts::ZooModel& m, const std::string& what) {
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  const auto methods = m.expected().at("methods");
  ASSERT_FALSE(methods.empty());
  for (const auto& [method_name, file] : methods.items()) {
    SCOPED_TRACE(what + " " + method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    const NdArray want = ts::read_npy_file(m.path("." + method_name + ".npy"));
    const NdArray input =
        *method == Method::InverseTransform ? est.run_array(Method::Transform, X) : X;
    const NdArray got = est.run_array(*method, input);
    ts::expect_same_result(got, want);
  }
}


// What the class adds beyond its methods: the halving schedule, the importances (bitwise)
// and support mask of SelectFromModel, the sequence of IterativeImputer.
void expect_extra(const skops::Estimator& est, const ts::ZooModel& m) {
  const auto expected = m.expected();
  const auto& extra = expected.at("extra");
  if (const auto* s = dynamic_cast<const skops::estimators::SearchCV*>(&est)) {
    ASSERT_TRUE(s->halving().has_value());
    const auto& h = *s->halving();
    EXPECT_EQ(h.n_iterations, extra.at("n_iterations_").get<std::int64_t>());
    EXPECT_EQ(h.n_candidates, extra.at("n_candidates_").get<std::vector<std::int64_t>>());
    EXPECT_EQ(h.n_resources, extra.at("n_resources_").get<std::vector<std::int64_t>>());
    EXPECT_EQ(h.resource, "n_samples");
  }
  if (const auto* ii = dynamic_cast<const skops::estimators::IterativeImputer*>(&est)) {
    EXPECT_EQ(ii->n_iter(), extra.at("n_iter_").get<std::int64_t>());
    EXPECT_EQ(ii->imputation_sequence().size(), extra.at("sequence_length").get<std::size_t>());
  }
  if (extra.contains("feature_importances")) {
    const auto* sel = dynamic_cast<const skops::estimators::WrapperFeatureSelector*>(&est);
    ASSERT_NE(sel, nullptr);
    const auto support = extra.at("support").get<std::vector<int>>();
    ASSERT_EQ(sel->support().size(), support.size());
    for (std::size_t j = 0; j < support.size(); ++j) {
      EXPECT_EQ(sel->support()[j], support[j] != 0) << "feature " << j;
    }
  }
}

// feature_importances_ of the file's fitted estimator_, built on its own: bit for bit
// scikit-learn's (so thresholds compare exactly as there).
void expect_importances(const ts::ZooModel& m) {
  const auto expected = m.expected();
  const auto& extra = expected.at("extra");
  if (!extra.contains("feature_importances")) return;
  const auto doc = skops::Document::read_file(m.path(".skops"));
  const skops::NodePtr root = skops::materialize(*doc, 1);
  const skops::Node* state = root->state_dict();
  ASSERT_NE(state, nullptr);
  skops::NodePtr fitted;
  for (const auto& e : state->entries) {
    if (e.key == "estimator_") fitted = e.value;
  }
  ASSERT_TRUE(fitted);
  skops::BuildContext ctx(skops::builtin_registry());
  const skops::EstimatorPtr inner = ctx.build(fitted);
  const std::vector<double> got = skops::estimators::feature_importances(*inner);
  const auto want = extra.at("feature_importances").get<std::vector<double>>();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t j = 0; j < want.size(); ++j) {
    EXPECT_EQ(got[j], want[j]) << m.name << " feature " << j;
  }
}

class Search2 : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(Search2, MatchesScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_EQ(est->type_name(), m.expected().at("class").get<std::string>());
  expect_methods(*est, m, "loaded");
  expect_extra(*est, m);
  expect_importances(m);
  const std::vector<std::uint8_t> bytes = skops::dumps(*est);
  const auto back = skops::loads(bytes, m.options());
  EXPECT_EQ(back->type_name(), est->type_name());
  const auto keys = ts::state_keys(*skops::Document::read_file(m.path(".skops")));
  EXPECT_GE(keys.size(), 4u);
  EXPECT_EQ(ts::state_keys(*skops::Document::read_bytes(bytes)), keys);
  expect_methods(*back, m, "resaved");
  expect_extra(*back, m);
}

std::string case_name(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string n = info.param.dir.substr(info.param.dir.find('/') + 1) + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Search2Models, Search2, ::testing::ValuesIn(models(false)), case_name);

// Trust: what skops-cpp builds is trusted by default (the halving searches, IterativeImputer
// and its _ImputerTriplet tuples, which Python skops asks about); what it only carries stays
// untrusted as in Python: the scorer and, for the halving searches, the splitter
// _checked_cv_orig (as GridSearchCV's scorer, docs/security.md). Never more than Python asks.
TEST(Search2Trust, ScorerAndSplitterStayUntrusted) {
  for (const ts::ZooModel& m : models(false)) {
    SCOPED_TRACE(m.dir + "/" + m.name);
    const auto report = skops::audit_file(m.path(".skops"));
    const auto python = m.expected().at("untrusted_types").get<std::vector<std::string>>();
    for (const std::string& t : report.untrusted) {
      EXPECT_NE(std::find(python.begin(), python.end(), t), python.end()) << t;
    }
    if (m.name.rfind("Halving", 0) == 0) {
      ASSERT_EQ(report.untrusted.size(), 2u);
      EXPECT_NE(report.untrusted[0].find("sklearn.metrics._scorer."), std::string::npos);
      EXPECT_NE(report.untrusted[1].find("sklearn.model_selection._split."), std::string::npos);
    }
    if (m.name.rfind("IterativeImputer", 0) == 0) {
      EXPECT_EQ(std::count(report.untrusted.begin(), report.untrusted.end(),
                           "sklearn.impute._iterative._ImputerTriplet"),
                0);
    }
  }
}

// sample_posterior=True: the transform is random in scikit-learn; refused at load, naming it.
TEST(Search2Refused, SamplePosteriorIsRefusedAtLoad) {
  for (const ts::ZooModel& m : models(true)) {
    try {
      (void)skops::load(m.path(".skops"), m.options());
      ADD_FAILURE() << m.name << " loaded";
    } catch (const skops::UnsupportedError& e) {
      EXPECT_NE(std::string(e.what()).find("sample_posterior"), std::string::npos) << e.what();
    }
  }
}

// ---------------------------------------------------------------------------------------
// Edited files: what the builders refuse.

// The file with schema.json edited by `edit` (all members kept).
std::vector<std::uint8_t> with_schema_edit(const std::string& path,
                                           const std::function<void(std::string&)>& edit) {
  auto archive = skops::ArchiveReader::open_file(path);
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
  for (const auto& e : archive->entries()) {
    const skops::ByteView v = archive->read(e.name);
    std::vector<std::uint8_t> bytes(v.data, v.data + v.size);
    if (e.name == "schema.json") {
      std::string text(bytes.begin(), bytes.end());
      edit(text);
      bytes.assign(text.begin(), text.end());
    }
    members.emplace_back(e.name, std::move(bytes));
  }
  return skops::write_archive_bytes(members);
}

// Sets the JsonNode text of the first attribute `key` (its "content" string) to `value`.
void set_json_content(std::string& s, const std::string& key, const std::string& value) {
  const auto k = s.find("\"" + key + "\":");
  ASSERT_NE(k, std::string::npos) << key;
  const std::string tag = "\"content\": \"";
  const auto c = s.find(tag, k);
  ASSERT_NE(c, std::string::npos);
  const auto b = c + tag.size();
  s.replace(b, s.find('"', b) - b, value);
  // Small ints share one __id__ in Python's files: the edited node gets its own.
  const std::string id = "\"__id__\": ";
  const auto d = s.find(id, b) + id.size();
  ASSERT_LT(s.find(id, b), s.find('}', b)) << "expected the node's __id__ after its content";
  s.replace(d, s.find_first_not_of("0123456789", d) - d, "4242424242");
}

ts::ZooModel model(const std::string& name) { return {"search2/sklearn-1.2.1", name}; }

TEST(Search2Edited, HalvingScheduleMustBeConsistent) {
  const ts::ZooModel m = model("HalvingRandomSearchCV_tree_reg_f2_aggressive");
  const auto opts = m.options();
  // n_iterations_ must follow aggressive_elimination / n_required_iterations_.
  for (const char* key : {"n_iterations_", "n_required_iterations_", "max_resources_"}) {
    SCOPED_TRACE(key);
    const auto bytes =
        with_schema_edit(m.path(".skops"), [&](std::string& s) { set_json_content(s, key, "2"); });
    EXPECT_THROW((void)skops::loads(bytes, opts), skops::ValidationError);
  }
  const auto ok = with_schema_edit(m.path(".skops"), [](std::string&) {});
  EXPECT_NO_THROW((void)skops::loads(ok, opts));
}

TEST(Search2Edited, ImputerTripletIsAllowlistedExactly) {
  const ts::ZooModel m = model("IterativeImputer_tree_ascending");
  auto opts = m.options();
  // Another class name for the tuples: untrusted by default...
  const auto renamed = with_schema_edit(m.path(".skops"), [](std::string& s) {
    for (auto p = s.find("\"_ImputerTriplet\""); p != std::string::npos;
         p = s.find("\"_ImputerTriplet\"", p + 1)) {
      s.replace(p, 17, "\"_ImputerTriplez\"");
    }
  });
  EXPECT_THROW((void)skops::loads(renamed, {}), skops::UntrustedTypeError);
  // ...and refused by the builder even when trusted.
  opts.trusted.push_back("sklearn.impute._iterative._ImputerTriplez");
  EXPECT_THROW((void)skops::loads(renamed, opts), skops::ValidationError);
  // n_iter_ must be >= 0.
  const auto negative = with_schema_edit(
      m.path(".skops"), [](std::string& s) { set_json_content(s, "n_iter_", "-1"); });
  EXPECT_THROW((void)skops::loads(negative, m.options()), skops::ValidationError);
  // float32 input: scikit-learn imputes in float32; refused rather than answered in float64.
  const auto est = skops::load(m.path(".skops"), m.options());
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  const auto x = X.to_vector<double>();
  const std::vector<float> x32(x.begin(), x.end());
  EXPECT_THROW((void)est->run_array(Method::Transform, NdArray::from_vector(x32, X.shape())),
               skops::UnsupportedError);
}

// ---------------------------------------------------------------------------------------
// Native construction.

// A depth-1 regression tree on one feature: x <= 1.5 gives 10, else 20.
std::shared_ptr<const skops::estimators::DecisionTreeRegressor> stump_regressor() {
  skops::TreeArrays t;
  t.n_features = 1;
  t.left_child = {1, -1, -1};
  t.right_child = {2, -1, -1};
  t.feature = {0, -2, -2};
  t.threshold = {1.5, -2, -2};
  t.values = {15, 10, 20};
  return skops::estimators::DecisionTreeRegressor::from_arrays(t);
}

TEST(IterativeImputerNative, ReplaysTheSequenceClipsAndIndicates) {
  using skops::estimators::ImputerTriplet;
  using skops::estimators::IterativeImputer;
  using skops::estimators::SimpleImputer;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto initial = std::make_shared<const SimpleImputer>(std::vector<double>{1.0, 2.0});
  std::vector<ImputerTriplet> seq{{0, {1}, stump_regressor()}};
  const IterativeImputer imp(initial, seq, 1, {-1e9, -1e9}, {15.0, 1e9}, false,
                             std::vector<std::int64_t>{0, 1});
  const skops::Matrix X = ts::mat({{nan, 1.0}, {nan, 3.0}, {5.0, nan}});
  // Column 0 predicted from column 1 (10, 20 clipped to 15); column 1 has no triplet and
  // keeps its initial value; then the mask of both columns.
  EXPECT_EQ(imp.run(Method::Transform, X).to_vector<double>(),
            (std::vector<double>{10, 1, 1, 0, 15, 3, 1, 0, 5, 2, 0, 1}));
  // n_iter_ 0: the initial imputation only.
  const IterativeImputer none(initial, seq, 0, {-1e9, -1e9}, {15.0, 1e9}, false);
  EXPECT_EQ(none.run(Method::Transform, X).to_vector<double>(),
            (std::vector<double>{1, 1, 1, 3, 5, 2}));
  // Refused: a feature out of range, bounds crossed, an estimator of the wrong width.
  EXPECT_THROW(IterativeImputer(initial, {{2, {1}, stump_regressor()}}, 1, {0, 0}, {1, 1}, false),
               skops::ValidationError);
  EXPECT_THROW(IterativeImputer(initial, seq, 1, {0, 2}, {1, 1}, false), skops::ValidationError);
  EXPECT_THROW(
      IterativeImputer(initial, {{0, {0, 1}, stump_regressor()}}, 1, {0, 0}, {1, 1}, false),
      skops::ValidationError);
}

TEST(FeatureImportancesNative, TreeFromArraysAndRefusals) {
  // Root splits feature 1 (w 4, impurity 0.5) into a pure leaf (w 2) and a node splitting
  // feature 0 (w 2, impurity 0.5) into two pure leaves: each feature removes 1 of 2 units.
  skops::TreeArrays t;
  t.n_features = 3;
  t.left_child = {1, -1, 3, -1, -1};
  t.right_child = {2, -1, 4, -1, -1};
  t.feature = {1, -2, 0, -2, -2};
  t.threshold = {0.0, -2, 1.0, -2, -2};
  t.values = {1, 0, 2, 1, 3};
  t.impurity = {0.5, 0.0, 0.5, 0.0, 0.0};
  t.weighted_n_node_samples = {4, 2, 2, 1, 1};
  t.n_node_samples = {4, 2, 2, 1, 1};
  const auto tree = skops::estimators::DecisionTreeRegressor::from_arrays(t);
  EXPECT_EQ(skops::estimators::feature_importances(*tree), (std::vector<double>{0.5, 0.5, 0.0}));
  // Without per-node statistics there is nothing to compute from.
  EXPECT_THROW((void)skops::estimators::feature_importances(*stump_regressor()),
               skops::UnsupportedError);
  const skops::estimators::SimpleImputer other(std::vector<double>{1.0});
  EXPECT_THROW((void)skops::estimators::feature_importances(other), skops::UnsupportedError);
}

}  // namespace
