#include "estimator_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "skops/api.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace skops::testing_support {

Matrix mat(std::initializer_list<std::initializer_list<double>> rows) {
  Matrix m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& r : rows) {
    Eigen::Index j = 0;
    for (double v : r) m(i, j++) = v;
    ++i;
  }
  return m;
}

Matrix mat(int rows, int cols, const std::vector<double>& values) {
  Matrix m(rows, cols);
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

NdArray f64(const std::vector<double>& v, std::vector<std::int64_t> shape) {
  return NdArray::from_vector(v, shape);
}

NdArray f64(const std::vector<double>& v) { return NdArray::from_vector(v); }

NdArray i64(const std::vector<std::int64_t>& v) { return NdArray::from_vector(v); }

std::vector<double> values(const NdArray& a) { return a.to_vector<double>(); }

NdArray read_npy_file(const std::string& path) {
  return read_npy(ByteView::adopt(read_file_bytes(path)), Limits{}, path);
}

void expect_row_of(const NdArray& alone, const NdArray& batch, std::int64_t row,
                   const std::string& what) {
  ASSERT_GE(batch.ndim(), 1) << what;
  ASSERT_EQ(alone.ndim(), batch.ndim()) << what;
  ASSERT_EQ(alone.shape()[0], 1) << what;
  for (std::size_t d = 1; d < batch.shape().size(); ++d)
    ASSERT_EQ(alone.shape()[d], batch.shape()[d]) << what;
  ASSERT_EQ(alone.dtype().kind(), batch.dtype().kind()) << what;
  const auto per_row = static_cast<std::size_t>(alone.size());
  const auto first = static_cast<std::size_t>(row) * per_row;
  if (batch.dtype().kind() == DTypeKind::Unicode) {
    const auto a = alone.to_strings(), b = batch.to_strings();
    EXPECT_EQ(a, std::vector<std::string>(b.begin() + static_cast<std::ptrdiff_t>(first),
                                          b.begin() + static_cast<std::ptrdiff_t>(first + per_row)))
        << what;
    return;
  }
  const auto a = alone.to_vector<double>(), b = batch.to_vector<double>();
  for (std::size_t k = 0; k < per_row; ++k) {
    const double x = a[k], y = b[first + k];
    const bool same = std::isnan(x) ? std::isnan(y) : std::memcmp(&x, &y, sizeof x) == 0;
    EXPECT_TRUE(same) << what << ": element " << k << " alone " << x << ", in the batch " << y;
  }
}

void expect_close(const NdArray& got, const NdArray& want) {
  ASSERT_EQ(got.shape(), want.shape());
  const auto g = got.to_vector<double>(), w = want.to_vector<double>();
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (std::isnan(w[i])) {
      EXPECT_TRUE(std::isnan(g[i])) << i;
    } else if (g[i] != w[i]) {
      EXPECT_NEAR(g[i], w[i], std::max(1e-10, 1e-12 * std::abs(w[i]))) << i;
    }
  }
}

std::unique_ptr<Estimator> reload(const Estimator& est) { return loads(dumps(est)); }

std::unique_ptr<Estimator> reload(const Estimator& est, const std::string& sklearn_version) {
  DumpOptions opts;
  opts.sklearn_version = sklearn_version;
  return loads(dumps(est, opts));
}

void expect_same_estimator(const Estimator& est, const Estimator& back, const Matrix& X,
                           bool random_ok) {
  EXPECT_EQ(back.type_name(), est.type_name());
  for (Method m : {Method::Predict, Method::PredictProba, Method::PredictLogProba,
                   Method::DecisionFunction, Method::Transform}) {
    EXPECT_EQ(est.supports(m), back.supports(m)) << to_string(m);
    if (!est.supports(m)) continue;
    NdArray a;
    try {
      a = est.run(m, X);
    } catch (const UnsupportedError&) {
      if (!random_ok) throw;
      EXPECT_THROW(back.run(m, X), UnsupportedError) << to_string(m);
      continue;
    }
    EXPECT_EQ(a, back.run(m, X)) << to_string(m);
  }
}

std::unique_ptr<Estimator> expect_round_trip(const Estimator& est, const Matrix& X) {
  const std::vector<std::uint8_t> bytes = dumps(est);
  std::unique_ptr<Estimator> back = loads(bytes);
  expect_same_estimator(est, *back, X, /*random_ok=*/true);
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string cls = est.type_name().substr(est.type_name().rfind('.') + 1);
  keep_output("SKOPS_NATIVE_OUT",
              std::string(info->test_suite_name()) + "_" + info->name() + "_" + cls + ".skops",
              bytes);
  return back;
}

void expect_round_trip(const Estimator& est, const Matrix& X, const std::vector<Method>& methods) {
  const std::unique_ptr<Estimator> back = expect_round_trip(est, X);
  for (Method m : methods) EXPECT_EQ(back->run(m, X), est.run(m, X)) << to_string(m);
}

void expect_corpus_models_resave(const std::vector<std::string>& names) {
  for (const char* dir : {"corpus/sklearn-1.2.1/", "corpus/sklearn-1.4.2/"}) {
    for (const std::string& name : names) {
      const std::string path = data_path(std::string(dir) + name + ".skops");
      std::unique_ptr<Estimator> est;
      ASSERT_NO_THROW(est = load(path)) << path;
      std::unique_ptr<Estimator> back;
      ASSERT_NO_THROW(back = loads(dumps(*est))) << path;
      EXPECT_EQ(back->type_name(), est->type_name());
    }
  }
}

TreeArrays stump(std::int64_t n_features, std::int64_t feature, double threshold,
                 std::vector<std::int64_t> n_classes, std::vector<double> values) {
  TreeArrays t;
  t.n_features = n_features;
  t.n_classes = std::move(n_classes);
  t.left_child = {1, -1, -1};
  t.right_child = {2, -1, -1};
  t.feature = {feature, -2, -2};
  t.threshold = {threshold, -2.0, -2.0};
  t.values = std::move(values);
  return t;
}

}  // namespace skops::testing_support
