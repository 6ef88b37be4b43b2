// The meta-estimators of issue 14 (WP1) written by Python skops (tests/data/wrap, both
// scikit-learn versions): ClassifierChain, RegressorChain, OutputCodeClassifier (with the
// _ConstantPredictor it fits for a one-class column), SelfTrainingClassifier and
// RANSACRegressor, each around other registered estimators.
// Each loads with Python skops' trust, supports exactly the methods scikit-learn recorded,
// every recorded method equals scikit-learn's (labels exactly, with their dtype; floats within
// 1e-12 relative / 1e-10 absolute), and again after dumps → loads, which writes the same
// attributes back. Natively built ones are checked by hand, and their invariants refused.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "estimator_support.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/estimators/multiclass.hpp"
#include "skops/estimators/multioutput.hpp"
#include "skops/estimators/semi_supervised.hpp"
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

// Models per version; a missing or extra file fails ModelCounts.
const std::map<std::string, std::size_t> kCounts = {{"wrap/sklearn-1.2.1", 18},
                                                    {"wrap/sklearn-1.4.2", 18}};

std::vector<ts::ZooModel> wrap_models() {
  std::vector<ts::ZooModel> out;
  for (const auto& [dir, n] : kCounts) {
    for (const auto& f : ts::list_files(dir, ".skops"))
      out.push_back({dir, fs::path(f).stem().string()});
  }
  return out;
}

TEST(Wrap, ModelCounts) {
  for (const auto& [dir, n] : kCounts) EXPECT_EQ(ts::list_files(dir, ".skops").size(), n) << dir;
}

// Every recorded method: dtype kind and size as scikit-learn's, non-float values exactly;
// and the methods supported among those the generator tries are exactly the recorded ones.
void expect_methods(const skops::Estimator& est, const ts::ZooModel& m, const std::string& what) {
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  const auto methods = m.expected().at("methods");
  ASSERT_FALSE(methods.empty());
  std::set<std::string> recorded;
  for (const auto& [method_name, file] : methods.items()) {
    recorded.insert(method_name);
    SCOPED_TRACE(what + " " + method_name);
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value());
    const NdArray want = ts::read_npy_file(m.path("." + method_name + ".npy"));
    const NdArray got = est.run_array(*method, X);
    ts::expect_same_result(got, want);
  }
  for (const Method mm : {Method::Predict, Method::PredictProba, Method::PredictLogProba,
                          Method::DecisionFunction, Method::Transform, Method::ScoreSamples}) {
    EXPECT_EQ(est.supports(mm), recorded.count(skops::to_string(mm)) == 1)
        << what << " " << skops::to_string(mm);
  }
}


class Wrap : public ::testing::TestWithParam<ts::ZooModel> {};

TEST_P(Wrap, MatchesScikitLearnAlsoAfterResave) {
  const ts::ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  EXPECT_EQ(est->type_name(), m.expected().at("class").get<std::string>());
  expect_methods(*est, m, "loaded");
  const std::vector<std::uint8_t> bytes = skops::dumps(*est);
  const auto back = skops::loads(bytes, m.options());
  EXPECT_EQ(back->type_name(), est->type_name());
  const auto keys = ts::state_keys(*skops::Document::read_file(m.path(".skops")));
  EXPECT_GE(keys.size(), 4u);
  EXPECT_EQ(ts::state_keys(*skops::Document::read_bytes(bytes)), keys);
  expect_methods(*back, m, "resaved");
}

std::string case_name(const ::testing::TestParamInfo<ts::ZooModel>& info) {
  std::string n = info.param.dir.substr(info.param.dir.find('/') + 1) + "_" + info.param.name;
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Wrap, Wrap, ::testing::ValuesIn(wrap_models()), case_name);

// OutputCodeClassifier files with a one-class column hold a _ConstantPredictor, which Python
// skops does not trust by default; skops-cpp registers it, so it loads without being named.
TEST(WrapFiles, ConstantPredictorLoadsWithTheDefaultTrust) {
  for (const std::string dir : {"wrap/sklearn-1.2.1", "wrap/sklearn-1.4.2"}) {
    const ts::ZooModel m{dir, "OutputCodeClassifier_gnb_1_5"};
    const auto est = skops::load(m.path(".skops"));
    const auto& occ = dynamic_cast<const skops::estimators::OutputCodeClassifier&>(*est);
    std::size_t constant = 0;
    for (const auto& e : occ.estimators()) {
      constant += e->type_name() == "sklearn.multiclass._ConstantPredictor" ? 1 : 0;
    }
    EXPECT_EQ(constant, 2u) << dir;
    EXPECT_EQ(occ.code_book().rows(), 4);
    EXPECT_EQ(occ.code_book().cols(), 6);
  }
}

// A wrap file rewritten with its schema.json edited as JSON (every other member kept).
std::vector<std::uint8_t> edited(const ts::ZooModel& m,
                                 const std::function<void(nlohmann::json& state)>& edit,
                                 bool added_str_key = false) {
  auto archive = skops::ArchiveReader::open_file(m.path(".skops"));
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
  for (const auto& e : archive->entries()) {
    const skops::ByteView v = archive->read(e.name);
    std::vector<std::uint8_t> bytes(v.data, v.data + v.size);
    if (e.name == "schema.json") {
      auto schema = nlohmann::json::parse(std::string(bytes.begin(), bytes.end()));
      edit(schema["content"]["content"]);
      // A key added to the state dict needs its key type (a str TypeNode, like the others).
      if (added_str_key) {
        auto& types = schema["content"]["key_types"]["content"];
        types.push_back(types[0]);
      }
      const std::string text = schema.dump();
      bytes.assign(text.begin(), text.end());
    }
    members.emplace_back(e.name, std::move(bytes));
  }
  return skops::write_archive_bytes(members);
}

TEST(WrapFiles, ChainOrderMustBeAPermutation) {
  const ts::ZooModel m{"wrap/sklearn-1.2.1", "ClassifierChain_logistic_explicit"};
  // order_ is the list given as `order` (one node): [2, 0, 3, 1] -> [2, 0, 3, 2].
  const auto bytes = edited(m, [](nlohmann::json& st) {
    for (const char* key : {"order", "order_"}) st[key]["content"][3] = st[key]["content"][0];
  });
  try {
    skops::loads(bytes, m.options());
    ADD_FAILURE() << "loaded";
  } catch (const skops::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("permutation"), std::string::npos) << e.what();
  }
}

TEST(WrapFiles, ChainEstimatorsMustTakeThePreviousTargets) {
  const ts::ZooModel m{"wrap/sklearn-1.4.2", "RegressorChain_ridge_explicit"};
  // estimators_[0] takes 5 columns, estimators_[1] 6: swapped, the chain is refused.
  const auto bytes = edited(m, [](nlohmann::json& st) {
    std::swap(st["estimators_"]["content"][0], st["estimators_"]["content"][1]);
  });
  EXPECT_THROW(skops::loads(bytes, m.options()), skops::ValidationError);
}

TEST(WrapFiles, ChainMethodOtherThanPredictIsRefused) {
  const ts::ZooModel m{"wrap/sklearn-1.4.2", "ClassifierChain_logistic_explicit"};
  // scikit-learn 1.5's chain_method_: the chain feeds probabilities, not predictions.
  const auto bytes = edited(
      m,
      [](nlohmann::json& st) {
        st["chain_method_"] = {{"__class__", "str"},       {"__module__", "builtins"},
                               {"__loader__", "JsonNode"}, {"content", "\"predict_proba\""},
                               {"is_json", true},          {"__id__", 1}};
      },
      true);
  EXPECT_THROW(skops::loads(bytes, m.options()), skops::UnsupportedError);
}

TEST(WrapFiles, OutputCodeBookMustMatchTheEstimators) {
  const ts::ZooModel m{"wrap/sklearn-1.2.1", "OutputCodeClassifier_linearsvc_3"};
  const auto bytes = edited(m, [](nlohmann::json& st) { st["estimators_"]["content"].erase(0); });
  try {
    skops::loads(bytes, m.options());
    ADD_FAILURE() << "loaded";
  } catch (const skops::ValidationError& e) {
    EXPECT_NE(e.json_pointer().find("code_book_"), std::string::npos) << e.what();
  }
}

// scikit-learn 1.6 renamed base_estimator_ to estimator_: both load, and the name read is
// the name written.
TEST(WrapFiles, SelfTrainingReadsEitherEstimatorName) {
  const ts::ZooModel m{"wrap/sklearn-1.4.2", "SelfTrainingClassifier_svc_threshold"};
  const auto bytes = edited(m, [](nlohmann::json& st) {
    st["estimator_"] = st["base_estimator_"];
    st.erase("base_estimator_");
  });
  const auto est = skops::loads(bytes, m.options());
  const NdArray X = ts::read_npy_file(m.path(".X.npy"));
  ts::expect_close(est->run_array(Method::PredictProba, X),
                   ts::read_npy_file(m.path(".predict_proba.npy")));
  const auto keys = ts::state_keys(*skops::Document::read_bytes(skops::dumps(*est)));
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "estimator_"), 1);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "base_estimator_"), 0);
}

using skops::estimators::LinearRegressor;
using skops::estimators::LinearRegressorKind;

std::shared_ptr<const skops::Estimator> linreg(std::vector<double> coef, double intercept) {
  return LinearRegressor::from_arrays(LinearRegressorKind::LinearRegression,
                                      NdArray::from_vector(coef),
                                      NdArray::from_vector(std::vector<double>{intercept}, {}));
}

TEST(ChainNative, EachEstimatorSeesThePreviousPredictions) {
  using skops::estimators::Chain;
  // Chain order: target 1 from x, then target 0 from [x, y1].
  const Chain chain({linreg({2.0, 0.0}, 1.0), linreg({0.0, 1.0, 10.0}, 0.5)}, {1, 0}, 2, false);
  const skops::Matrix X = ts::mat({{1.0, 3.0}, {-1.0, 0.5}});
  const NdArray y = chain.run(Method::Predict, X);
  EXPECT_EQ(y.shape(), (std::vector<std::int64_t>{2, 2}));
  // y1 = 2 x0 + 1; y0 = x1 + 10 y1 + 0.5.
  EXPECT_EQ(y.to_vector<double>(), (std::vector<double>{3.5 + 30.0, 3.0, 1.0 - 10.0, -1.0}));
  EXPECT_FALSE(chain.supports(Method::PredictProba));
  EXPECT_THROW(chain.run(Method::Predict, ts::mat({{NAN, 1.0}})), skops::InputError);
  const auto back = ts::reload(chain);
  EXPECT_EQ(back->type_name(), "sklearn.multioutput.RegressorChain");
  EXPECT_EQ(back->run(Method::Predict, X).to_vector<double>(), y.to_vector<double>());
}

TEST(ChainNative, RefusesBrokenInvariants) {
  using skops::estimators::Chain;
  auto a = linreg({2.0, 0.0}, 1.0);
  auto b = linreg({0.0, 1.0, 10.0}, 0.5);
  EXPECT_THROW(Chain({a, b}, {1, 1}, 2, false), skops::ValidationError);  // not a permutation
  EXPECT_THROW(Chain({a, b}, {0, 2}, 2, false), skops::ValidationError);  // out of range
  EXPECT_THROW(Chain({a, b}, {0}, 2, false), skops::ValidationError);     // length
  EXPECT_THROW(Chain({a, a}, {0, 1}, 2, false), skops::ValidationError);  // 2nd takes 3 columns
  EXPECT_THROW(Chain({}, {}, 2, false), skops::ValidationError);
  EXPECT_THROW(Chain({a, b}, {0, 1}, 2, true, true, {ts::f64({0, 1})}), skops::ValidationError);
  // A ClassifierChain is written only with its classes_.
  const Chain no_classes({a, b}, {0, 1}, 2, true);
  EXPECT_THROW(skops::dumps(no_classes), skops::UnsupportedError);
}

TEST(OutputCodeNative, NearestCodeWord) {
  using skops::estimators::ConstantPredictor;
  using skops::estimators::OutputCodeClassifier;
  // Regressors score by predict; the third column is a constant predictor of +1.
  const auto c = std::make_shared<ConstantPredictor>(ts::i64({1}), 2);
  const skops::Matrix book = ts::mat({{1, 1, 1}, {-1, 1, 1}, {-1, -1, 1}});
  const OutputCodeClassifier occ({linreg({1.0, 0.0}, 0.0), linreg({0.0, 1.0}, 0.0), c},
                                 NdArray::from_strings({"a", "b", "c"}, {3}), book);
  const skops::Matrix X = ts::mat({{2.0, 0.5}, {-3.0, 4.0}, {-1.0, -1.0}, {0.0, 0.0}});
  // (0, 0): all three code words at the same distance: the first.
  EXPECT_EQ(occ.run(Method::Predict, X).to_strings(),
            (std::vector<std::string>{"a", "b", "c", "a"}));
  EXPECT_FALSE(occ.supports(Method::PredictProba));
  const auto back = ts::reload(occ);
  EXPECT_EQ(back->run(Method::Predict, X).to_strings(), occ.run(Method::Predict, X).to_strings());
  // code_book_ must be n_classes x n_estimators, finite.
  EXPECT_THROW(
      OutputCodeClassifier({linreg({1.0, 0.0}, 0.0)}, NdArray::from_strings({"a", "b"}, {2}),
                           ts::mat({{1, 1}, {1, -1}})),
      skops::ValidationError);
  EXPECT_THROW(OutputCodeClassifier({linreg({1.0, 0.0}, 0.0)},
                                    NdArray::from_strings({"a", "b"}, {2}), ts::mat({{NAN}, {1}})),
               skops::ValidationError);
  EXPECT_THROW(
      OutputCodeClassifier({linreg({1.0, 0.0}, 0.0), linreg({1.0, 0.0, 1.0}, 0.0)},
                           NdArray::from_strings({"a", "b"}, {2}), ts::mat({{1, 1}, {1, -1}})),
      skops::ValidationError);
}

TEST(ConstantPredictorNative, RepeatsItsValue) {
  using skops::estimators::ConstantPredictor;
  const ConstantPredictor c(ts::i64({1}), 3);
  const skops::Matrix X = ts::mat({{1, 2, NAN}, {4, 5, 6}});
  EXPECT_EQ(c.run(Method::Predict, X).to_vector<std::int64_t>(), (std::vector<std::int64_t>{1, 1}));
  EXPECT_EQ(c.run(Method::Predict, X).dtype().kind(), skops::DTypeKind::Int);
  EXPECT_EQ(c.run(Method::PredictProba, X).to_vector<double>(), (std::vector<double>{0, 1, 0, 1}));
  EXPECT_THROW(c.run(Method::Predict, ts::mat({{1, 2}})), skops::InputError);
  EXPECT_THROW(ConstantPredictor(ts::i64({0, 1}), 3), skops::ValidationError);
  const auto back = ts::reload(c);
  EXPECT_EQ(back->run(Method::Predict, X).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{1, 1}));
}

TEST(SelfTrainingNative, DelegatesAndIsWrittenOnlyFromAFile) {
  using skops::estimators::SelfTrainingClassifier;
  const auto inner = linreg({1.0, -1.0}, 0.5);
  EXPECT_THROW(SelfTrainingClassifier(nullptr, ts::i64({0, 1})), skops::ValidationError);
  const SelfTrainingClassifier st(inner, ts::i64({0, 1}));
  EXPECT_EQ(st.n_features_in(), 2);
  EXPECT_TRUE(st.supports(Method::Predict));
  EXPECT_FALSE(st.supports(Method::PredictProba));
  EXPECT_EQ(st.run(Method::Predict, ts::mat({{2.0, 1.0}})).to_vector<double>(),
            (std::vector<double>{1.5}));
  EXPECT_THROW(st.run(Method::Predict, ts::mat({{2.0}})), skops::InputError);
  EXPECT_THROW(skops::dumps(st), skops::UnsupportedError);
}

TEST(RansacNative, DelegatesAndIsWrittenOnlyFromAFile) {
  using skops::estimators::RANSACRegressor;
  const RANSACRegressor r(linreg({1.0, 2.0}, -1.0), {true, false, true});
  EXPECT_EQ(r.n_features_in(), 2);
  EXPECT_EQ(r.inlier_mask().size(), 3u);
  EXPECT_EQ(r.run(Method::Predict, ts::mat({{1.0, 1.0}})).to_vector<double>(),
            (std::vector<double>{2.0}));
  EXPECT_FALSE(r.supports(Method::PredictProba));
  EXPECT_THROW(r.run(Method::Predict, ts::mat({{1.0, 1.0, 1.0}})), skops::InputError);
  EXPECT_THROW(RANSACRegressor(nullptr), skops::ValidationError);
  EXPECT_THROW(skops::dumps(r), skops::UnsupportedError);
}

}  // namespace
