// Unit tests of sklearn.compose: ColumnTransformer (src/estimators/compose/).

#include <gtest/gtest.h>

#include <cmath>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/compose.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace {

using skops::Matrix;
using skops::NdArray;
using skops::testing_support::mat;
namespace ts = skops::testing_support;
namespace pre = skops::preprocessing;
namespace cmp = skops::compose;

const char* const kVersions[] = {"sklearn-1.2.1", "sklearn-1.4.2"};

// ts::expect_close, and the dtype scikit-learn returned.
void expect_close(const NdArray& got, const NdArray& want) {
  ASSERT_EQ(got.dtype(), want.dtype());
  ts::expect_close(got, want);
}

std::shared_ptr<const pre::StandardScaler> scaler() {
  return std::make_shared<pre::StandardScaler>(std::vector<double>{1.0, 2.0},
                                               std::vector<double>{2.0, 2.0});
}

TEST(ColumnTransformer, SelectionsWeightsAndRemainder) {
  using Part = cmp::ColumnTransformer::Part;
  std::vector<Part> parts;
  parts.push_back(Part{{"sc", scaler(), "estimator"}, {2, 0}, 1.0, false, nullptr});
  parts.push_back(Part{{"gone", nullptr, "drop"}, {1}, 1.0, false, nullptr});
  parts.push_back(Part{{"remainder", nullptr, "passthrough"}, {3}, 2.0, true, nullptr});
  cmp::ColumnTransformer ct(std::move(parts), 4);
  const Matrix X = mat(1, 4, {5.0, 9.0, 3.0, 7.0});
  // Columns 2 then 0 scaled ((3-1)/2, (5-2)/2), column 1 dropped, column 3 times its weight 2.
  EXPECT_EQ(ct.transform(X).to_vector<double>(), (std::vector<double>{1.0, 1.5, 14.0}));
  EXPECT_THROW(ct.transform(mat(1, 3, {1, 2, 3})), skops::InputError);
  EXPECT_EQ(ts::reload(ct)->transform(X), ct.transform(X));
  std::vector<Part> bad;
  bad.push_back(Part{{"sc", scaler(), "estimator"}, {0, 4}, 1.0, false, nullptr});
  EXPECT_THROW(cmp::ColumnTransformer(std::move(bad), 4), skops::ValidationError);
}

TEST(ColumnTransformer, PassthroughIsAFittedIdentityFrom14) {
  // scikit-learn >= 1.4 transforms through transformers_ and calls .transform on each
  // entry: a 'passthrough' string there fails with "'str' object has no attribute
  // 'transform'". Before 1.4 transformers_ holds the string.
  using Part = cmp::ColumnTransformer::Part;
  std::vector<Part> parts;
  parts.push_back(Part{{"sc", scaler(), "estimator"}, {2, 0}, 1.0, false, nullptr});
  parts.push_back(Part{{"keep", nullptr, "passthrough"}, {1}, 1.0, false, nullptr});
  parts.push_back(Part{{"remainder", nullptr, "passthrough"}, {3}, 1.0, false, nullptr});
  cmp::ColumnTransformer ct(std::move(parts), 4);
  const Matrix X = mat(1, 4, {5.0, 9.0, 3.0, 7.0});
  for (const auto& [version, fitted_identity] :
       {std::pair<std::string, bool>{"1.2.1", false}, {"1.4.2", true}}) {
    SCOPED_TRACE(version);
    skops::DumpOptions d;
    d.sklearn_version = version;
    const auto state = skops::to_node(ct, d)->child("content");
    bool has_fitted_passthrough_dict = false;
    for (const auto& e : state->entries) {
      if (e.key == "_name_to_fitted_passthrough") has_fitted_passthrough_dict = true;
      if (e.key == "remainder") {
        EXPECT_EQ(e.value->str_value, "passthrough");
      }
      if (e.key != "transformers_") continue;
      ASSERT_EQ(e.value->items.size(), 3u);
      for (std::size_t i = 1; i < 3; ++i) {
        const auto& slot = e.value->items[i]->items[1];
        if (fitted_identity) {
          EXPECT_EQ(slot->cls, "FunctionTransformer");
          std::int64_t n_features_in = -1;
          for (const auto& f : slot->child("content")->entries)
            if (f.key == "n_features_in_") n_features_in = f.value->int_value;
          EXPECT_EQ(n_features_in, 1);  // one column each
        } else {
          EXPECT_EQ(slot->str_value, "passthrough");
        }
      }
    }
    EXPECT_EQ(has_fitted_passthrough_dict, !fitted_identity);
    EXPECT_EQ(skops::loads(skops::dumps(ct, d))->transform(X), ct.transform(X));
  }
}

TEST(Corpus, ColumnTransformerAndFeatureUnion) {
  for (const char* v : kVersions) {
    for (const std::string name : {"ColumnTransformer", "FeatureUnion"}) {
      SCOPED_TRACE(std::string(v) + " " + name);
      auto est = skops::load(ts::corpus_path(v, name + ".skops"));
      const Matrix X = skops::to_matrix(ts::read_npy_file(ts::corpus_path(v, name + ".X.npy")));
      const NdArray want = ts::read_npy_file(ts::corpus_path(v, name + ".transform.npy"));
      expect_close(est->transform(X), want);
      expect_close(ts::reload(*est)->transform(X), want);
    }
  }
}

}  // namespace

// ---- TransformedTargetRegressor, on the zoo's wrapper models of both versions

#include "zoo_wrappers.hpp"

namespace {

TEST(TransformedTargetRegressor, RidgeLog1pExpm1MatchesScikitLearn) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"})
    zoo_wrappers::check_zoo_model(v, "wrap_transformed_target_ridge",
                                  "sklearn.compose._target.TransformedTargetRegressor");
}

}  // namespace
