#include "skops/estimator.hpp"

#include <cmath>

#include "skops/error.hpp"

namespace skops {

namespace {
constexpr const char* kMethodNames[] = {"predict",   "predict_proba", "predict_log_proba", "decision_function",
                                        "transform", "score_samples", "apply"};
}

const char* to_string(Method m) noexcept { return kMethodNames[static_cast<int>(m)]; }

std::optional<Method> method_from_string(const std::string& name) noexcept {
  for (int i = 0; i < static_cast<int>(std::size(kMethodNames)); ++i) {
    if (name == kMethodNames[i]) return static_cast<Method>(i);
  }
  return std::nullopt;
}

void Estimator::check_input(const MatrixView& X) const {
  if (X.rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " + type_name_);
  }
  if (n_features_in_ >= 0 && X.cols() != n_features_in_) {
    throw InputError("X has " + std::to_string(X.cols()) + " features, but " + type_name_ + " is expecting " +
                     std::to_string(n_features_in_) + " features as input");
  }
}

void Estimator::check_finite_input(const MatrixView& X) const {
  check_input(X);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (!std::isfinite(X(i, j))) {
        throw InputError("input X contains NaN or infinity (row " + std::to_string(i) + ", column " +
                         std::to_string(j) + "); " + type_name_ + " does not accept missing values");
      }
    }
  }
}

NdArray to_ndarray(const Matrix& m) {
  std::vector<double> v(m.data(), m.data() + m.size());
  return NdArray::from_vector(v, {static_cast<std::int64_t>(m.rows()), static_cast<std::int64_t>(m.cols())});
}

NdArray to_ndarray(const Eigen::VectorXd& v) {
  std::vector<double> out(v.data(), v.data() + v.size());
  return NdArray::from_vector(out);
}

Matrix to_matrix(const NdArray& a) {
  if (a.ndim() != 2) throw ValidationError("expected a 2-d array, got " + std::to_string(a.ndim()) + "-d");
  const auto values = a.to_vector<double>();
  Matrix m(a.shape()[0], a.shape()[1]);
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

}  // namespace skops
