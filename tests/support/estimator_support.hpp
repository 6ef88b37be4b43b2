#pragma once
// Helpers shared by the tests that link the whole library (skops::skops): literal matrices and
// arrays, .npy files, tolerant comparison with scikit-learn's outputs, dumps → loads checks and
// tree fixtures. Kept apart from test_support.hpp, which the component tests (npy, archive,
// schema, trust) and the interop tools also use, without Eigen, the estimators or GoogleTest.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/ndarray.hpp"

namespace skops::testing_support {

/// A matrix written row by row: mat({{1, 2}, {3, 4}}).
Matrix mat(std::initializer_list<std::initializer_list<double>> rows);
/// A rows × cols matrix from its values in row-major order: mat(2, 2, {1, 2, 3, 4}).
Matrix mat(int rows, int cols, const std::vector<double>& values);

/// float64 and int64 arrays from literals (1-D unless a shape is given).
NdArray f64(const std::vector<double>& v, std::vector<std::int64_t> shape);
NdArray f64(const std::vector<double>& v);
NdArray i64(const std::vector<std::int64_t>& v);
/// The elements of `a` as doubles, flat, for indexing in expectations.
std::vector<double> values(const NdArray& a);

/// Reads an .npy file (a corpus input or recorded output); errors name `path`.
NdArray read_npy_file(const std::string& path);

/// Expects `got` equal to scikit-learn's `want` within the corpus tolerance: same shape, NaN
/// where `want` has NaN, elsewhere equal or within 1e-12 relative (1e-10 absolute near zero).
void expect_close(const NdArray& got, const NdArray& want);

/// Expects row `row` of the batch result `batch` (leading axis: rows) to be `alone` (the
/// result of that row run by itself, leading axis 1), bit for bit: same shape past the first
/// axis, same dtype kind, every element equal (NaN where NaN), labels as strings.
void expect_row_of(const NdArray& alone, const NdArray& batch, std::int64_t row,
                   const std::string& what);

/// dumps → loads: `est` as read back from its own file (written for the default
/// scikit-learn version, or for `sklearn_version` such as "1.2.1").
std::unique_ptr<Estimator> reload(const Estimator& est);
std::unique_ptr<Estimator> reload(const Estimator& est, const std::string& sklearn_version);

/// Expects `back` (`est` saved and loaded again) to be the same estimator on `X`: same type
/// name and, for each of predict, predict_proba, predict_log_proba, decision_function and
/// transform, the same support and a bit-identical output. With `random_ok`, a method that
/// throws UnsupportedError on `est` (it would need a random draw) must throw it on `back` too;
/// without, the exception escapes and fails the test.
void expect_same_estimator(const Estimator& est, const Estimator& back, const Matrix& X,
                           bool random_ok = false);

/// dumps → loads → expect_same_estimator(random_ok = true), and returns what was loaded.
/// With SKOPS_NATIVE_OUT=dir the file is kept there (named after the test) for a manual
/// check with Python's skops.io.load.
std::unique_ptr<Estimator> expect_round_trip(const Estimator& est, const Matrix& X);
/// The same, and each of `methods` (beyond those expect_same_estimator compares: apply,
/// score_samples, inverse_transform) gives a bit-identical result after the reload.
void expect_round_trip(const Estimator& est, const Matrix& X, const std::vector<Method>& methods);

/// Each named model of both corpus versions (tests/data/corpus/sklearn-*/NAME.skops) loads
/// with the default trust and re-saves; the reloaded file has the same type.
void expect_corpus_models_resave(const std::vector<std::string>& names);

/// A depth-1 tree: the root (node 0) splits `feature` at `threshold`, nodes 1 (left) and 2
/// (right) are leaves; `values` holds each node's values, root first.
TreeArrays stump(std::int64_t n_features, std::int64_t feature, double threshold,
                 std::vector<std::int64_t> n_classes, std::vector<double> values);

}  // namespace skops::testing_support
