// Unit tests of sklearn.multiclass: OneVsRestClassifier (src/estimators/multiclass/), on the
// zoo's wrapper models and on tests/data/ovr (multilabel, multiclass and binary targets, both
// scikit-learn versions).

#include "zoo_wrappers.hpp"

#include <filesystem>

#include "skops/error.hpp"
#include "skops/estimators/multiclass.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;
using skops::NdArray;
using skops::estimators::OneVsRestClassifier;

TEST(OneVsRest, LogisticRegressionPerClassMatchesScikitLearn) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"})
    zoo_wrappers::check_zoo_model(v, "wrap_ovr_ovo", "sklearn.multiclass.OneVsRestClassifier");
}

// Every recorded method: dtype as scikit-learn's, labels and indicators exact, floats within
// expect_close's tolerance; and the methods supported among the three are exactly the recorded.
void expect_recorded(const skops::Estimator& est, const std::string& base, const nlohmann::json& expected) {
  const NdArray X = ts::read_npy_file(base + ".X.npy");
  const auto& methods = expected.at("methods");
  for (Method m : {Method::Predict, Method::PredictProba, Method::DecisionFunction}) {
    const std::string name = skops::to_string(m);
    SCOPED_TRACE(name);
    ASSERT_EQ(est.supports(m), methods.contains(name));
    if (!methods.contains(name)) continue;
    const NdArray want = ts::read_npy_file(base + "." + name + ".npy");
    const NdArray got = est.run_array(m, X);
    ASSERT_EQ(got.dtype(), want.dtype());
    if (want.dtype().kind() == skops::DTypeKind::Float) {
      ts::expect_close(got, want);
    } else {
      EXPECT_EQ(got, want);
    }
  }
}

TEST(OneVsRest, EveryTargetKindMatchesScikitLearnAlsoAfterResave) {
  std::size_t multilabel = 0, files = 0;
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"}) {
    const auto names = ts::list_files(std::string("ovr/") + v, ".skops");
    EXPECT_EQ(names.size(), 11u) << v;
    for (const auto& f : names) {
      const std::string base = ts::data_path(std::string("ovr/") + v + "/" + fs::path(f).stem().string());
      SCOPED_TRACE(base);
      const auto expected = nlohmann::json::parse(ts::read_file_text(base + ".expected.json"));
      skops::LoadOptions o;
      o.trusted = expected.at("untrusted_types").get<std::vector<std::string>>();
      const auto est = skops::load(base + ".skops", o);
      const auto& ovr = dynamic_cast<const OneVsRestClassifier&>(*est);
      multilabel += ovr.multilabel();
      ++files;
      expect_recorded(*est, base, expected);
      skops::DumpOptions d;
      d.sklearn_version = expected.at("sklearn_version").get<std::string>();
      const auto back = skops::loads(skops::dumps(*est, d), o);
      EXPECT_EQ(dynamic_cast<const OneVsRestClassifier&>(*back).multilabel(), ovr.multilabel());
      expect_recorded(*back, base, expected);
    }
  }
  EXPECT_EQ(files, 22u);
  EXPECT_EQ(multilabel, 16u);
}

// A multilabel OneVsRest has one estimator per label, two labels included; the indicator is
// int64 (n_samples, n_labels).
TEST(OneVsRest, MultilabelShapesAndCounts) {
  const std::string base = ts::data_path("ovr/sklearn-1.4.2/OVR_multilabel_two_labels");
  const auto est = skops::load(base + ".skops");
  const auto& ovr = dynamic_cast<const OneVsRestClassifier&>(*est);
  ASSERT_TRUE(ovr.multilabel());
  ASSERT_EQ(ovr.estimators().size(), 2u);
  const NdArray X = ts::read_npy_file(base + ".X.npy");
  const NdArray y = est->run_array(Method::Predict, X);
  EXPECT_EQ(y.shape(), (std::vector<std::int64_t>{X.dim(0), 2}));
  EXPECT_THROW(OneVsRestClassifier({ovr.estimators().front()}, ovr.classes(), true),
               skops::ValidationError);
  // Not multilabel, two classes take one estimator.
  EXPECT_THROW(OneVsRestClassifier(ovr.estimators(), ovr.classes(), false), skops::ValidationError);
}

}  // namespace
