#pragma once
/// \file estimator.hpp
/// The C++ side of a scikit-learn estimator: immutable after build, `const` methods that
/// are safe to call from many threads, scikit-learn's exact semantics.

#include <Eigen/Core>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "skops/feature_samples.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"
#include "skops/sparse.hpp"
#include "skops/table.hpp"

namespace skops {

/// Row-major double matrix (scikit-learn arrays are C-ordered).
using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Read-only view of a row-major matrix (a Matrix, or an Eigen::Map over caller memory).
using MatrixView = Eigen::Ref<const Matrix>;

/// The methods the generic entry points (`Estimator::run`, `skops-cpp predict --method`) know.
enum class Method {
  Predict,
  PredictProba,
  PredictLogProba,
  DecisionFunction,
  Transform,
  ScoreSamples,
  Apply,
  InverseTransform
};
const char* to_string(Method m) noexcept;
std::optional<Method> method_from_string(const std::string& name) noexcept;
/// Every Method, in declaration order.
const std::vector<Method>& all_methods();
/// Their scikit-learn names joined with ", " (for messages).
std::string method_names();

/// How `Estimator::run_parallel` may spread a batch over threads.
struct RunOptions {
  /// Threads to use: 1 runs on the calling thread; 0 means std::thread::hardware_concurrency().
  unsigned num_threads = 1;
  /// No thread gets fewer rows than this (small batches stay on the calling thread, where
  /// starting threads would cost more than it saves).
  std::int64_t min_rows_per_thread = 1000;
};

/// What a transformer makes of a table: a numeric array (numpy float/int/bool), or, when
/// strings are in it, a positional Table (what numpy's object array is to scikit-learn).
using TableTransform = std::variant<NdArray, Table>;

/// What a transformer makes of documents or of sparse input: scipy's sparse matrix where
/// scikit-learn returns one (vectorizers, TfidfTransformer, Normalizer, ...), else an array.
using SparseTransform = std::variant<NdArray, CsrMatrix>;

/// What an estimator is, like scikit-learn's mixins.
enum class Role { Regressor, Classifier, Transformer, Clusterer, OutlierDetector, Other };

class Estimator {
 public:
  virtual ~Estimator() = default;

  /// `module.Class` as read from the file (or the target name for natively built ones).
  const std::string& type_name() const noexcept { return type_name_; }
  /// Number of input columns, or -1 when the estimator does not record it.
  std::int64_t n_features_in() const noexcept { return n_features_in_; }
  virtual Role role() const noexcept = 0;

  /// Whether `run(m, ...)` is available (scikit-learn's hasattr semantics).
  virtual bool supports(Method m) const noexcept = 0;
  /// Runs a method on n×n_features_in input. The result has scikit-learn's shape and dtype:
  /// labels keep the type of `classes_` (int64, float64 or unicode), probabilities and
  /// scores are float64. Throws InputError (wrong column count, NaN where scikit-learn
  /// rejects it, empty input), UnsupportedError (method not available).
  virtual NdArray run(Method m, const MatrixView& X) const = 0;

  /// As `run`, with the rows split into contiguous blocks run on up to
  /// `options.num_threads` threads (std::thread, started per call; no global pool) and the
  /// results concatenated in row order. Gives exactly `run(m, X)`'s result: every method is
  /// row-wise, and a block that fails makes the whole batch rerun on the calling thread so
  /// that the exception is the one `run(m, X)` throws. Relies on `run` being const and
  /// thread-safe, which every estimator guarantees.
  NdArray run_parallel(Method m, const MatrixView& X, const RunOptions& options) const;

  /// Runs a method on a 2-d float64 or float32 array (e.g. read from a `.npy`). float32
  /// input follows scikit-learn's float32 semantics where the estimator implements them
  /// (`run_float32`: float32 arithmetic and float32 results, as scikit-learn keeps float32
  /// data in float32); other estimators see the values widened exactly to float64.
  /// Throws InputError for other dtypes or ranks, and what `run` throws.
  NdArray run_array(Method m, const NdArray& X) const;
  /// `run` for float32 data (values exactly representable in float32, widened to double).
  /// The default runs the float64 path, which is what scikit-learn does for estimators that
  /// convert their input to float64; estimators that keep float32 data in float32 override
  /// it (composites pass it on).
  virtual NdArray run_float32(Method m, const MatrixView& X) const { return run(m, X); }

  /// Runs a method on a table: the DataFrame (named columns) or object array (a positional
  /// Table) the model is fed in Python. Follows scikit-learn's rules: an estimator fitted
  /// on named columns checks a named table's names against feature_names_in_ (unseen,
  /// missing or reordered names are an InputError naming them); estimators that take
  /// strings (the encoders, SimpleImputer, ColumnTransformer, Pipeline, ...) see each column
  /// with its own type; every other estimator sees the numeric columns as float64 (a string
  /// column is an InputError naming it). A named table passed to an estimator fitted
  /// without names, or a positional table to one fitted with names, runs by position as
  /// scikit-learn does (it only warns).
  NdArray run_table(Method m, const Table& X) const;

  /// Whether scikit-learn's `m` returns a list of arrays instead of one array:
  /// MultiOutputClassifier.predict_proba gives one (n_samples, n_classes_k) array per output
  /// k (and so does a Pipeline or search ending in one). The one-array entry points (`run`,
  /// `run_table`, ...) throw UnsupportedError for such a method; `run_list` and
  /// `run_list_table` return the list.
  virtual bool returns_list(Method m) const noexcept {
    (void)m;
    return false;
  }
  /// `m`'s result as a list: the arrays of a list-returning method in scikit-learn's order,
  /// else the one array `run` gives, as a list of one. Throws what `run` throws.
  std::vector<NdArray> run_list(Method m, const MatrixView& X) const;
  /// `run_list` for a table (run_table's rules).
  std::vector<NdArray> run_list_table(Method m, const Table& X) const;
  /// `run_list` for a 2-d float64 or float32 array (run_array's rules; a list-returning
  /// method sees float32 values widened to float64).
  std::vector<NdArray> run_list_array(Method m, const NdArray& X) const;
  /// Whether string (object) columns can reach this estimator's own logic: the encoders,
  /// SimpleImputer fitted on strings, and composites whose first step takes them. For the
  /// others a string column is an InputError (numbers only). A service can check this once
  /// at start-up instead of per request.
  virtual bool accepts_strings() const noexcept { return false; }
  /// Transform of a table, keeping strings: a numeric result, or a positional Table when
  /// the result holds strings (SimpleImputer on strings, passthrough string columns).
  TableTransform transform_any(const Table& X) const;

  NdArray predict(const Table& X) const { return run_table(Method::Predict, X); }
  NdArray predict_proba(const Table& X) const { return run_table(Method::PredictProba, X); }
  NdArray predict_log_proba(const Table& X) const {
    return run_table(Method::PredictLogProba, X);
  }
  NdArray decision_function(const Table& X) const {
    return run_table(Method::DecisionFunction, X);
  }
  NdArray transform(const Table& X) const { return run_table(Method::Transform, X); }

  /// Runs a method on documents (a 1-d array of str, UTF-8): text vectorizers and the
  /// composites that start with one (Pipeline, FeatureUnion). Throws InputError for an
  /// estimator that does not take raw text (scikit-learn's "Expected 2D array, got 1D
  /// array"), invalid UTF-8 (naming the document), or no documents.
  NdArray run_documents(Method m, const std::vector<std::string>& documents) const;
  /// transform of documents, keeping scikit-learn's sparse result sparse.
  SparseTransform transform_documents(const std::vector<std::string>& documents) const;
  /// The same over views (e.g. a Table's string column); the text must outlive the call.
  NdArray run_documents(Method m, const std::vector<std::string_view>& documents) const;
  SparseTransform transform_documents(const std::vector<std::string_view>& documents) const;
  /// The same for a braced list, `run_documents(m, {"first", "second"})`.
  NdArray run_documents(Method m, std::initializer_list<std::string_view> documents) const {
    return run_documents(m, std::vector<std::string_view>(documents));
  }
  SparseTransform transform_documents(std::initializer_list<std::string_view> documents) const {
    return transform_documents(std::vector<std::string_view>(documents));
  }
  /// Whether run_documents is available (a vectorizer first).
  virtual bool accepts_documents() const noexcept { return false; }

  /// Runs a method on feature samples (dicts, pairs or strings; FeatureSamples::validate
  /// first): DictVectorizer, FeatureHasher and the pipelines that start with one. Throws
  /// InputError for an estimator that takes a matrix, a shape its first step does not take,
  /// or no samples.
  NdArray run_feature_samples(Method m, const FeatureSamples& X) const;
  /// transform of feature samples, keeping scikit-learn's sparse result sparse.
  SparseTransform transform_feature_samples(const FeatureSamples& X) const;
  /// Whether run_feature_samples is available (DictVectorizer or FeatureHasher first).
  virtual bool accepts_feature_samples() const noexcept { return false; }

  /// Runs a method on a sparse matrix (validated first). Estimators with a sparse path use
  /// it (accepts_sparse()); the others see a dense copy, as scikit-learn's toarray(), capped
  /// at kDefaultDensifyBytes (LimitError beyond).
  NdArray run_sparse(Method m, const CsrMatrix& X) const;
  /// transform of a sparse matrix: sparse where scikit-learn keeps it sparse.
  SparseTransform transform_sparse(const CsrMatrix& X) const;
  /// Whether sparse input is used as such (no dense copy).
  virtual bool accepts_sparse() const noexcept { return false; }

  /// Column names seen in fit (scikit-learn's feature_names_in_); empty when the estimator
  /// was fitted on an array.
  const std::vector<std::string>& feature_names_in() const noexcept { return feature_names_in_; }
  /// Throws ValidationError if the count differs from a known n_features_in() or a name
  /// repeats.
  void set_feature_names_in(std::vector<std::string> names);

  NdArray predict(const MatrixView& X) const { return run(Method::Predict, X); }
  NdArray predict(const MatrixView& X, const RunOptions& options) const {
    return run_parallel(Method::Predict, X, options);
  }
  NdArray predict_proba(const MatrixView& X) const { return run(Method::PredictProba, X); }
  NdArray predict_log_proba(const MatrixView& X) const { return run(Method::PredictLogProba, X); }
  NdArray decision_function(const MatrixView& X) const { return run(Method::DecisionFunction, X); }
  NdArray transform(const MatrixView& X) const { return run(Method::Transform, X); }
  NdArray score_samples(const MatrixView& X) const { return run(Method::ScoreSamples, X); }

  /// The attribute dict read from the file (arrays held in memory), kept so that saving
  /// writes back what this class does not model. Null for natively built estimators.
  const NodePtr& original_state() const noexcept { return original_state_; }

  void set_type_name(std::string name) { type_name_ = std::move(name); }
  void set_n_features_in(std::int64_t n) { n_features_in_ = n; }
  void set_original_state(NodePtr state) { original_state_ = std::move(state); }

 protected:
  /// Throws InputError unless X has n_features_in() columns (when known) and ≥ 1 row.
  void check_input(const MatrixView& X) const;
  /// As check_input, and throws InputError on NaN or infinity (scikit-learn's
  /// check_array(force_all_finite=True)).
  void check_finite_input(const MatrixView& X) const;

  /// The table path, after run_table checked that X has rows. The default checks X's
  /// columns (check_table_columns) and runs `run` on its float64 form (numeric_matrix).
  virtual NdArray on_table(Method m, const Table& X) const;
  /// transform_any's hook: the default is on_table(Transform, X) (a numeric result).
  virtual TableTransform on_table_transform(const Table& X) const;
  /// run_list's hook for a method with returns_list(m) (X has rows); the default throws
  /// UnsupportedError.
  virtual std::vector<NdArray> on_list(Method m, const MatrixView& X) const;
  /// run_list_table's hook for a method with returns_list(m) (X has rows); the default
  /// checks the columns and calls on_list on numeric_matrix(X).
  virtual std::vector<NdArray> on_list_table(Method m, const Table& X) const;
  /// The documents path, after run_documents checked UTF-8 and that there are documents.
  /// The default throws InputError (the estimator takes a matrix).
  virtual NdArray on_documents(Method m, const std::vector<std::string_view>& documents) const;
  /// transform_documents' hook: the default is on_documents(Transform, ...).
  virtual SparseTransform on_documents_transform(
      const std::vector<std::string_view>& documents) const;
  /// The feature-samples path, after run_feature_samples validated X and checked that it
  /// has samples. The default throws InputError (the estimator takes a matrix).
  virtual NdArray on_feature_samples(Method m, const FeatureSamples& X) const;
  /// transform_feature_samples' hook: the default is on_feature_samples(Transform, X).
  virtual SparseTransform on_feature_samples_transform(const FeatureSamples& X) const;
  /// The sparse path, after run_sparse validated X, checked its column count against
  /// n_features_in() and that it has rows. The default densifies and calls run, except
  /// transform of an estimator that accepts_sparse(), which densifies on_sparse_transform's
  /// result. Such an estimator must override on_sparse or on_sparse_transform (the two
  /// defaults call each other).
  virtual NdArray on_sparse(Method m, const CsrMatrix& X) const;
  /// transform_sparse's hook: the default is on_sparse(Transform, X) (dense).
  virtual SparseTransform on_sparse_transform(const CsrMatrix& X) const;
  /// X densified for `run` (InputError/LimitError as run_sparse documents).
  Matrix dense_matrix(const CsrMatrix& X) const;

  /// scikit-learn's _check_feature_names and _check_n_features for a table: names against
  /// feature_names_in() when both have names, the column count against n_features_in().
  void check_table_columns(const Table& X) const;
  /// The table's columns as a row-major float64 matrix (int and bool widened, missing NaN);
  /// InputError naming the first string column.
  Matrix numeric_matrix(const Table& X) const;

 private:
  std::string type_name_;
  std::int64_t n_features_in_ = -1;
  std::vector<std::string> feature_names_in_;
  NodePtr original_state_;
};

using EstimatorPtr = std::shared_ptr<const Estimator>;

/// Conversions between results and Eigen.
NdArray to_ndarray(const Matrix& m);
/// A (n,) float64 array.
NdArray to_ndarray(const Eigen::VectorXd& v);
/// A float64 2-d array as a Matrix (copies; float32/int arrays are converted).
Matrix to_matrix(const NdArray& a);
/// toarray() of a sparse matrix as a Matrix, in one allocation; LimitError beyond max_bytes.
Matrix to_matrix(const CsrMatrix& X, std::size_t max_bytes = kDefaultDensifyBytes);

}  // namespace skops
