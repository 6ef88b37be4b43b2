// Unit tests of sklearn.decomposition: PCA, TruncatedSVD (src/estimators/decomposition/).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/api.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace {

using skops::Matrix;
using skops::testing_support::mat;

TEST(PCA, CentresBeforeProjectingUpTo142) {
  // scikit-learn 1.2.1 and 1.4.2 compute (X - mean_) @ components_.T; a native PCA and one
  // read from a 1.4.2 file must too (the two orders differ in the last bits on this X).
  Matrix C(2, 4);
  C << 0.5, 0.5, 0.5, 0.5,  //
      0.5, -0.5, 0.5, -0.5;
  const std::vector<double> mean = {5.8, 3.0, 3.8, 1.2};
  const Matrix X = mat(6, 4, {5.1, 3.5, 1.4, 0.2, 4.9, 3.0, 1.4, 0.2, 6.4, 3.2, 4.5, 1.5,
                              5.5, 2.3, 4.0, 1.3, 6.3, 3.3, 6.0, 2.5, 7.7, 2.6, 6.9, 2.3});
  const Eigen::Map<const Eigen::RowVectorXd> m(mean.data(), 4);
  const Matrix first = (X.rowwise() - m) * C.transpose();
  Matrix after = X * C.transpose();
  after.rowwise() -= m * C.transpose();
  ASSERT_NE(first, after);
  skops::decomposition::PCA pca(C, mean, {4.2, 0.25});
  EXPECT_EQ(pca.transform(X), skops::to_ndarray(first));
  for (const char* version : {"1.2.1", "1.4.2"}) {
    skops::DumpOptions d;
    d.sklearn_version = version;
    EXPECT_EQ(skops::loads(skops::dumps(pca, d))->transform(X), skops::to_ndarray(first))
        << version;
  }
}

}  // namespace
