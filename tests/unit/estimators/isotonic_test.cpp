// Unit tests of sklearn.isotonic: IsotonicRegression (src/estimators/isotonic/): natively
// built from thresholds scikit-learn 1.2.1 fitted
// (IsotonicRegression(out_of_bounds=...).fit([1, 2, 3, 4, 5, 6], [1, 3, 2, 4, 3.5, 6])),
// against its predict; the zoo's calibrated forest (calibration_test.cpp) loads it from files.

#include <gtest/gtest.h>

#include <cmath>

#include "skops/error.hpp"
#include "skops/estimators/isotonic.hpp"

namespace {

using skops::estimators::IsotonicRegression;

IsotonicRegression fitted(IsotonicRegression::OutOfBounds oob) {
  return IsotonicRegression({1, 2, 3, 4, 5, 6}, {1, 2.5, 2.5, 3.75, 3.75, 6}, 1.0, 6.0, oob);
}

Eigen::VectorXd inputs() {
  Eigen::VectorXd t(8);
  t << 0.5, 1.0, 1.7, 2.5, 3.3, 5.99, 6.0, 7.0;
  return t;
}

TEST(IsotonicRegression, ClipMatchesScikitLearn) {
  const auto m = fitted(IsotonicRegression::OutOfBounds::Clip);
  const Eigen::VectorXd got = m.interpolate(inputs());
  const double want[] = {1.0, 1.0, 0x1.0666666666666p+1, 2.5, 2.875, 0x1.7e8f5c28f5c2ap+2, 6.0, 6.0};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(got(i), want[i]) << i;
  skops::Matrix X(8, 1);
  X.col(0) = inputs();
  for (auto meth : {skops::Method::Predict, skops::Method::Transform}) {
    const skops::NdArray out = m.run(meth, X);
    ASSERT_EQ(out.ndim(), 1u);
    EXPECT_EQ(out.dim(0), 8);
  }
  EXPECT_FALSE(m.supports(skops::Method::PredictProba));
  EXPECT_THROW(m.run(skops::Method::Predict, skops::Matrix::Zero(3, 2)), skops::InputError);
}

TEST(IsotonicRegression, NanOutsideTheThresholds) {
  const Eigen::VectorXd got = fitted(IsotonicRegression::OutOfBounds::Nan).interpolate(inputs());
  EXPECT_TRUE(std::isnan(got(0)));
  EXPECT_TRUE(std::isnan(got(7)));
  EXPECT_EQ(got(2), 0x1.0666666666666p+1);
  EXPECT_EQ(got(6), 6.0);
}

TEST(IsotonicRegression, RaiseRefusesOutOfBoundsAndNonFiniteInput) {
  const auto m = fitted(IsotonicRegression::OutOfBounds::Raise);
  EXPECT_THROW(m.interpolate(inputs()), skops::InputError);
  Eigen::VectorXd ok(2);
  ok << 1.5, 6.0;
  EXPECT_EQ(m.interpolate(ok)(0), 1.75);
  Eigen::VectorXd bad(1);
  bad << std::nan("");
  EXPECT_THROW(fitted(IsotonicRegression::OutOfBounds::Clip).interpolate(bad), skops::InputError);
}

TEST(IsotonicRegression, ThresholdsMustIncreaseStrictly) {
  EXPECT_THROW(IsotonicRegression({1, 1}, {0, 1}, 1, 1, IsotonicRegression::OutOfBounds::Clip),
               skops::ValidationError);
  EXPECT_THROW(IsotonicRegression({}, {}, 1, 1, IsotonicRegression::OutOfBounds::Clip),
               skops::ValidationError);
  // One threshold: its y everywhere.
  const IsotonicRegression one({2}, {0.25}, 2, 2, IsotonicRegression::OutOfBounds::Nan);
  EXPECT_EQ(one.interpolate(inputs())(0), 0.25);
}

}  // namespace
