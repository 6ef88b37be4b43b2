#include "skops/estimator.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <vector>

#include <set>

#include "core/parallel.hpp"
#include "core/text.hpp"
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

void Estimator::set_feature_names_in(std::vector<std::string> names) {
  if (!names.empty() && n_features_in_ >= 0 &&
      static_cast<std::int64_t>(names.size()) != n_features_in_) {
    throw ValidationError("feature_names_in_ has " + std::to_string(names.size()) +
                          " names for " + std::to_string(n_features_in_) + " features");
  }
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (!seen.insert(n).second)
      throw ValidationError("feature_names_in_ repeats " + detail::printable(n));
  }
  feature_names_in_ = std::move(names);
}

namespace {
// scikit-learn's add_names (at most five, then "..."), on one line: messages are escaped,
// a newline would print as \x0a.
std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i >= 5) {
      out += ", ...";
      break;
    }
    out += (i ? ", '" : "'") + detail::printable(names[i]) + "'";
  }
  return out;
}
}  // namespace

void Estimator::check_table_columns(const Table& X) const {
  if (X.has_names() && !feature_names_in_.empty() && X.column_names() != feature_names_in_) {
    // BaseEstimator._check_feature_names, with its wording.
    const std::set<std::string> fitted(feature_names_in_.begin(), feature_names_in_.end());
    const std::set<std::string> given(X.column_names().begin(), X.column_names().end());
    std::vector<std::string> unexpected, missing;
    for (const auto& n : given) {
      if (!fitted.count(n)) unexpected.push_back(n);
    }
    for (const auto& n : fitted) {
      if (!given.count(n)) missing.push_back(n);
    }
    std::string msg = type_name_ + ": the feature names should match those that were passed during fit.";
    if (!unexpected.empty()) msg += " Feature names unseen at fit time: " + name_list(unexpected) + ".";
    if (!missing.empty())
      msg += " Feature names seen at fit time, yet now missing: " + name_list(missing) + ".";
    if (unexpected.empty() && missing.empty())
      msg += " Feature names must be in the same order as they were in fit.";
    throw InputError(msg);
  }
  if (n_features_in_ >= 0 && static_cast<std::int64_t>(X.n_cols()) != n_features_in_) {
    throw InputError("X has " + std::to_string(X.n_cols()) + " features, but " + type_name_ +
                     " is expecting " + std::to_string(n_features_in_) + " features as input");
  }
}

Matrix Estimator::numeric_matrix(const Table& X) const {
  const auto rows = static_cast<Eigen::Index>(X.n_rows());
  const auto cols = static_cast<Eigen::Index>(X.n_cols());
  Matrix out(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    const Column& c = X.column(static_cast<std::size_t>(j));
    switch (c.type()) {
      case ColumnType::Float64: {
        const auto v = c.float64();
        for (Eigen::Index i = 0; i < rows; ++i) out(i, j) = v[static_cast<std::size_t>(i)];
        break;
      }
      case ColumnType::String:
        throw InputError("column " + detail::printable(c.name()) + " holds strings; " +
                         type_name_ + " needs numeric input (could not convert string to float)");
      default:
        for (Eigen::Index i = 0; i < rows; ++i) out(i, j) = c.as_double(static_cast<std::size_t>(i));
    }
  }
  return out;
}

NdArray Estimator::run_table(Method m, const Table& X) const {
  if (X.n_rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     type_name_);
  }
  return on_table(m, X);
}

TableTransform Estimator::transform_any(const Table& X) const {
  if (X.n_rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     type_name_);
  }
  return on_table_transform(X);
}

NdArray Estimator::on_table(Method m, const Table& X) const {
  check_table_columns(X);
  return run(m, numeric_matrix(X));
}

TableTransform Estimator::on_table_transform(const Table& X) const {
  return on_table(Method::Transform, X);
}

std::vector<NdArray> Estimator::run_list(Method m, const MatrixView& X) const {
  if (!returns_list(m)) return {run(m, X)};
  if (X.rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     type_name_);
  }
  return on_list(m, X);
}

std::vector<NdArray> Estimator::run_list_table(Method m, const Table& X) const {
  if (!returns_list(m)) return {run_table(m, X)};
  if (X.n_rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     type_name_);
  }
  return on_list_table(m, X);
}

std::vector<NdArray> Estimator::on_list(Method m, const MatrixView&) const {
  throw UnsupportedError(type_name_ + "." + to_string(m) + " returns a list of arrays, which " +
                         type_name_ + " does not implement");
}

std::vector<NdArray> Estimator::on_list_table(Method m, const Table& X) const {
  check_table_columns(X);
  return on_list(m, numeric_matrix(X));
}

namespace {
void check_documents(const Estimator& est, std::size_t n) {
  if (n == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     est.type_name());
  }
}
std::vector<std::string_view> views(const std::vector<std::string>& documents) {
  return std::vector<std::string_view>(documents.begin(), documents.end());
}
}  // namespace

NdArray Estimator::run_documents(Method m, const std::vector<std::string>& documents) const {
  return run_documents(m, views(documents));
}

SparseTransform Estimator::transform_documents(const std::vector<std::string>& documents) const {
  return transform_documents(views(documents));
}

NdArray Estimator::run_documents(Method m, const std::vector<std::string_view>& documents) const {
  check_documents(*this, documents.size());
  return on_documents(m, documents);
}

SparseTransform Estimator::transform_documents(
    const std::vector<std::string_view>& documents) const {
  check_documents(*this, documents.size());
  return on_documents_transform(documents);
}

NdArray Estimator::on_documents(Method, const std::vector<std::string_view>&) const {
  throw InputError(type_name_ +
                   " expects a 2-d array, got a 1-d array of documents (only text vectorizers "
                   "and pipelines that start with one take raw text)");
}

SparseTransform Estimator::on_documents_transform(
    const std::vector<std::string_view>& documents) const {
  return on_documents(Method::Transform, documents);
}

namespace {
void check_feature_samples(const Estimator& est, const FeatureSamples& X) {
  if (X.samples.empty()) {
    throw InputError("found 0 samples while a minimum of 1 is required by " + est.type_name());
  }
  X.validate();
}
}  // namespace

NdArray Estimator::run_feature_samples(Method m, const FeatureSamples& X) const {
  check_feature_samples(*this, X);
  return on_feature_samples(m, X);
}

SparseTransform Estimator::transform_feature_samples(const FeatureSamples& X) const {
  check_feature_samples(*this, X);
  return on_feature_samples_transform(X);
}

NdArray Estimator::on_feature_samples(Method, const FeatureSamples&) const {
  throw InputError(type_name_ +
                   " expects a 2-d array, got feature samples (dicts, pairs or strings: only "
                   "DictVectorizer, FeatureHasher and pipelines that start with one take them)");
}

SparseTransform Estimator::on_feature_samples_transform(const FeatureSamples& X) const {
  return on_feature_samples(Method::Transform, X);
}

namespace {
void check_sparse(const Estimator& est, const CsrMatrix& X) {
  X.validate("X");
  if (X.rows == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     est.type_name());
  }
  if (est.n_features_in() >= 0 && X.cols != est.n_features_in()) {
    throw InputError("X has " + std::to_string(X.cols) + " features, but " + est.type_name() +
                     " is expecting " + std::to_string(est.n_features_in()) +
                     " features as input");
  }
}
}  // namespace

NdArray Estimator::run_sparse(Method m, const CsrMatrix& X) const {
  check_sparse(*this, X);
  return on_sparse(m, X);
}

SparseTransform Estimator::transform_sparse(const CsrMatrix& X) const {
  check_sparse(*this, X);
  return on_sparse_transform(X);
}

Matrix Estimator::dense_matrix(const CsrMatrix& X) const { return to_matrix(X); }

Matrix to_matrix(const CsrMatrix& X, std::size_t max_bytes) {
  X.check_dense_bytes(max_bytes);
  Matrix m = Matrix::Zero(static_cast<Eigen::Index>(X.rows), static_cast<Eigen::Index>(X.cols));
  X.add_to_dense(m.data());
  return m;
}

NdArray Estimator::on_sparse(Method m, const CsrMatrix& X) const {
  // A sparse-aware transformer densifies its sparse result, not its input: the values are
  // the same and the input may be far wider than the result.
  if (m == Method::Transform && accepts_sparse() && supports(m)) {
    SparseTransform t = on_sparse_transform(X);
    if (auto* csr = std::get_if<CsrMatrix>(&t)) return to_ndarray(to_matrix(*csr));
    return std::get<NdArray>(std::move(t));
  }
  return run(m, dense_matrix(X));
}

SparseTransform Estimator::on_sparse_transform(const CsrMatrix& X) const {
  return on_sparse(Method::Transform, X);
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

namespace {
// run_array's input: a 2-d float64 or float32 array.
void check_float_matrix(const NdArray& X) {
  if (X.ndim() != 2)
    throw InputError("expected a 2-d array, got " + std::to_string(X.ndim()) + "-d");
  const DType& d = X.dtype();
  if (d.kind() != DTypeKind::Float || (d.itemsize() != 8 && d.itemsize() != 4)) {
    throw InputError("expected float64 or float32 input, got " + d.name());
  }
}
}  // namespace

NdArray Estimator::run_array(Method m, const NdArray& X) const {
  check_float_matrix(X);
  const Matrix M = to_matrix(X);
  return X.dtype().itemsize() == 4 ? run_float32(m, M) : run(m, M);
}

std::vector<NdArray> Estimator::run_list_array(Method m, const NdArray& X) const {
  if (!returns_list(m)) return {run_array(m, X)};
  check_float_matrix(X);
  return run_list(m, to_matrix(X));
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
