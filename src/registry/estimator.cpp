#include "skops/estimator.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <vector>

#include "core/parallel.hpp"
#include "skops/error.hpp"

namespace skops {

namespace {
constexpr const char* kMethodNames[] = {
    "predict",       "predict_proba", "predict_log_proba", "decision_function", "transform",
    "score_samples", "apply",         "inverse_transform"};
}

const char* to_string(Method m) noexcept { return kMethodNames[static_cast<int>(m)]; }

const std::vector<Method>& all_methods() {
  static const std::vector<Method> methods = [] {
    std::vector<Method> m;
    for (std::size_t i = 0; i < std::size(kMethodNames); ++i) m.push_back(static_cast<Method>(i));
    return m;
  }();
  return methods;
}

std::string method_names() {
  std::string out;
  for (const char* name : kMethodNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::optional<Method> method_from_string(const std::string& name) noexcept {
  for (int i = 0; i < static_cast<int>(std::size(kMethodNames)); ++i) {
    if (name == kMethodNames[i]) return static_cast<Method>(i);
  }
  return std::nullopt;
}

void Estimator::check_input(const MatrixView& X) const {
  if (X.rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     type_name_);
  }
  if (n_features_in_ >= 0 && X.cols() != n_features_in_) {
    throw InputError("X has " + std::to_string(X.cols()) + " features, but " + type_name_ +
                     " is expecting " + std::to_string(n_features_in_) + " features as input");
  }
}

void Estimator::check_finite_input(const MatrixView& X) const {
  check_input(X);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (!std::isfinite(X(i, j))) {
        throw InputError("input X contains NaN or infinity (row " + std::to_string(i) +
                         ", column " + std::to_string(j) + "); " + type_name_ +
                         " does not accept missing values");
      }
    }
  }
}

NdArray Estimator::run_parallel(Method m, const MatrixView& X, const RunOptions& options) const {
  const std::int64_t rows = X.rows();
  std::int64_t threads = static_cast<std::int64_t>(detail::resolve_threads(options.num_threads));
  const std::int64_t min_rows = std::max<std::int64_t>(1, options.min_rows_per_thread);
  threads = std::min(threads, rows / min_rows);
  if (threads <= 1) return run(m, X);

  std::vector<NdArray> parts(static_cast<std::size_t>(threads));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  // Errors are kept per block (never thrown here): any of them sends the batch to the
  // serial run below.
  detail::parallel_for(parts.size(), static_cast<unsigned>(threads), [&](std::size_t k) {
    const auto i = static_cast<std::int64_t>(k);
    const std::int64_t begin = rows * i / threads, end = rows * (i + 1) / threads;
    try {
      parts[k] = run(m, X.middleRows(begin, end - begin));
    } catch (...) {
      errors[k] = std::current_exception();
    }
  });
  // Row-wise results of one dtype and trailing shape are concatenated; anything else (an
  // error in a block, a result that is not row-wise) is left to the serial run.
  bool ok = true;
  for (std::size_t k = 0; k < parts.size() && ok; ++k) {
    const NdArray& p = parts[k];
    ok = !errors[k] && p.ndim() >= 1 && p.dtype() == parts[0].dtype() &&
         p.ndim() == parts[0].ndim() &&
         p.dim(0) == rows * static_cast<std::int64_t>(k + 1) / threads -
                         rows * static_cast<std::int64_t>(k) / threads;
    for (std::size_t d = 1; ok && d < p.ndim(); ++d) ok = p.dim(d) == parts[0].dim(d);
  }
  if (!ok) return run(m, X);
  std::size_t total = 0;
  for (const NdArray& p : parts) total += p.nbytes();
  std::vector<std::uint8_t> bytes(total);
  std::size_t at = 0;
  for (const NdArray& p : parts) {
    if (p.nbytes() != 0) std::memcpy(bytes.data() + at, p.bytes(), p.nbytes());
    at += p.nbytes();
  }
  std::vector<std::int64_t> shape = parts[0].shape();
  shape[0] = rows;
  return NdArray(parts[0].dtype(), std::move(shape), ByteView::adopt(std::move(bytes)));
}

NdArray Estimator::run_array(Method m, const NdArray& X) const {
  if (X.ndim() != 2)
    throw InputError("expected a 2-d array, got " + std::to_string(X.ndim()) + "-d");
  const DType& d = X.dtype();
  if (d.kind() != DTypeKind::Float || (d.itemsize() != 8 && d.itemsize() != 4)) {
    throw InputError("expected float64 or float32 input, got " + d.name());
  }
  const Matrix M = to_matrix(X);
  return d.itemsize() == 4 ? run_float32(m, M) : run(m, M);
}

NdArray to_ndarray(const Matrix& m) {
  std::vector<double> v(m.data(), m.data() + m.size());
  return NdArray::from_vector(
      v, {static_cast<std::int64_t>(m.rows()), static_cast<std::int64_t>(m.cols())});
}

NdArray to_ndarray(const Eigen::VectorXd& v) {
  std::vector<double> out(v.data(), v.data() + v.size());
  return NdArray::from_vector(out);
}

Matrix to_matrix(const NdArray& a) {
  if (a.ndim() != 2)
    throw ValidationError("expected a 2-d array, got " + std::to_string(a.ndim()) + "-d");
  const auto values = a.to_vector<double>();
  Matrix m(a.shape()[0], a.shape()[1]);
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

}  // namespace skops
