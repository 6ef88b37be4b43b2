// Unit tests of sklearn.cluster: KMeans, MiniBatchKMeans (src/estimators/cluster/).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/estimators/cluster.hpp"
#include "skops/estimators/discriminant_analysis.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/neighbors.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

using namespace estimators;  // NOLINT
using testing_support::f64;
using testing_support::mat;
using testing_support::values;
namespace ts = testing_support;

// --- cluster -----------------------------------------------------------------------------

TEST(KMeans, PredictIsInt32AndTransformIsDistance) {
  auto est = KMeans::from_arrays(f64({0.0, 0.0, 3.0, 4.0}, {2, 2}));
  const Matrix X = mat({{0.0, 1.0}, {3.0, 4.0}, {1.5, 2.0}});
  const auto labels = est->predict(X);
  EXPECT_EQ(labels.dtype(), DType::int32());
  EXPECT_EQ(labels.to_vector<std::int64_t>(), (std::vector<std::int64_t>{0, 1, 0}));  // tie → 0
  const auto d = values(est->transform(X));
  EXPECT_EQ(d.size(), 6u);
  EXPECT_NEAR(d[0], 1.0, 1e-15);
  EXPECT_NEAR(d[1], std::sqrt(9.0 + 9.0), 1e-14);
  EXPECT_EQ(d[3], 0.0);
  ts::expect_round_trip(*est, X);
  auto mb = KMeans::from_arrays(f64({0.0, 0.0, 3.0, 4.0}, {2, 2}), true);
  EXPECT_EQ(mb->type_name(), "sklearn.cluster._kmeans.MiniBatchKMeans");
  ts::expect_round_trip(*mb, X);
  EXPECT_THROW(KMeans::from_arrays(f64({0.0, 1.0})), ValidationError);
  EXPECT_THROW(est->transform(mat({{1.0}})), InputError);
}

TEST(MoreFiles, HostileKMeansCentersMismatchIsRefused) {
  try {
    load(ts::data_path("hostile/model_kmeans_centers_mismatch.skops"));
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(e.json_pointer().find("cluster_centers_"), std::string::npos) << e.what();
  }
}

// --- files -------------------------------------------------------------------------------

TEST(ClusterFiles, CorpusModelsLoadAndResave) {
  ts::expect_corpus_models_resave({"KMeans"});
}

}  // namespace
}  // namespace skops
