#pragma once
/// \file preprocessing.hpp
/// sklearn.preprocessing's transformers as C++ estimators, with native constructors from
/// plain arrays, and TransformerBase, the base of every transformer (impute and
/// decomposition build on it too).
///
/// Every class is immutable once built; `run(Method::Transform, X)` returns what
/// scikit-learn's `transform` returns for a float64 `X` (shape and dtype), and throws
/// InputError for a wrong column count, an empty `X`, or values scikit-learn's input
/// check rejects (the scalers, encoders and SimpleImputer accept NaN like scikit-learn
/// does; the others reject NaN and infinity). Constructors throw ValidationError when
/// their arguments are inconsistent. `inverse_transform` is offered where it is a simple
/// formula (scalers, OneHotEncoder, LabelEncoder); the generic `Method` enum has no
/// inverse, so call it on the class.
///
/// Not modelled: sparse input/output (a file fitted with `sparse_output=True`, or a
/// KBinsDiscretizer with encode="onehot", still transforms, but the result is a dense array;
/// MaxAbsScaler, Normalizer and QuantileTransformer keep CSR input sparse;
/// SplineTransformer::transform_csr gives the CSR matrix), string input to the encoders through
/// `run` (a numeric matrix cannot hold strings: numeric input never matches a string
/// category; LabelEncoder has typed string methods), float32 rounding of intermediate
/// results (scikit-learn keeps float32 input in float32; `run` computes in float64).

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// Shared behaviour of the transformers: role Transformer, methods Transform and, where the
/// class has one, InverseTransform.
class TransformerBase : public Estimator {
 public:
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override {
    return m == Method::Transform || (m == Method::InverseTransform && has_inverse_transform());
  }
  NdArray run(Method m, const MatrixView& X) const override;
  /// As `run`, through the float32 variants below.
  NdArray run_float32(Method m, const MatrixView& X) const override;

 protected:
  /// The transform itself (after `run` checked the method).
  virtual NdArray do_transform(const MatrixView& X) const = 0;
  virtual bool has_inverse_transform() const noexcept { return false; }
  /// Called by `run` only when has_inverse_transform().
  virtual NdArray do_inverse_transform(const MatrixView& X) const;
  /// For float32 data. Transformers that keep float32 in float32, as scikit-learn does,
  /// override these; the defaults widen to the float64 path.
  virtual NdArray do_transform_float32(const MatrixView& X) const { return do_transform(X); }
  virtual NdArray do_inverse_transform_float32(const MatrixView& X) const {
    return do_inverse_transform(X);
  }
};

/// sklearn.preprocessing.StandardScaler: (X - mean_) / scale_ (each step only when enabled).
class StandardScaler final : public TransformerBase {
 public:
  /// `mean` is required when with_mean, `scale` when with_std (both length n_features; pass
  /// `n_features` when both are empty). `var` defaults to scale², `n_samples_seen` is
  /// informative (written for scikit-learn).
  StandardScaler(std::vector<double> mean, std::vector<double> scale, bool with_mean = true,
                 bool with_std = true, std::vector<double> var = {},
                 std::int64_t n_samples_seen = 1, std::int64_t n_features = -1);
  bool with_mean() const noexcept { return with_mean_; }
  bool with_std() const noexcept { return with_std_; }
  const std::vector<double>& mean() const noexcept { return mean_; }
  const std::vector<double>& scale() const noexcept { return scale_; }
  const std::vector<double>& var() const noexcept { return var_; }
  std::int64_t n_samples_seen() const noexcept { return n_samples_seen_; }
  /// X * scale_ + mean_ (each step only when enabled).
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32: each in-place numpy step computes in float64 and rounds.
  NdArray do_transform_float32(const MatrixView& X) const override;
  NdArray do_inverse_transform_float32(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  template <class T>
  NdArray inverse_as(const MatrixView& X) const;
  std::vector<double> mean_, scale_, var_;
  bool with_mean_, with_std_;
  std::int64_t n_samples_seen_;
};

/// sklearn.preprocessing.MinMaxScaler: X * scale_ + min_, clipped to feature_range if clip.
class MinMaxScaler final : public TransformerBase {
 public:
  /// `data_min`/`data_max` are informative (derived from scale/min when empty).
  MinMaxScaler(std::vector<double> scale, std::vector<double> min, double range_lo = 0.0,
               double range_hi = 1.0, bool clip = false, std::vector<double> data_min = {},
               std::vector<double> data_max = {}, std::int64_t n_samples_seen = 1);
  const std::vector<double>& scale() const noexcept { return scale_; }
  const std::vector<double>& min() const noexcept { return min_; }
  const std::vector<double>& data_min() const noexcept { return data_min_; }
  const std::vector<double>& data_max() const noexcept { return data_max_; }
  std::pair<double, double> feature_range() const noexcept { return {lo_, hi_}; }
  bool clip() const noexcept { return clip_; }
  std::int64_t n_samples_seen() const noexcept { return n_samples_seen_; }
  /// (X - min_) / scale_.
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32: each in-place numpy step computes in float64 and rounds.
  NdArray do_transform_float32(const MatrixView& X) const override;
  NdArray do_inverse_transform_float32(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  template <class T>
  NdArray inverse_as(const MatrixView& X) const;
  std::vector<double> scale_, min_, data_min_, data_max_;
  double lo_, hi_;
  bool clip_;
  std::int64_t n_samples_seen_;
};

/// sklearn.preprocessing.MaxAbsScaler: X / scale_.
class MaxAbsScaler final : public TransformerBase {
 public:
  explicit MaxAbsScaler(std::vector<double> scale, std::int64_t n_samples_seen = 1);
  const std::vector<double>& scale() const noexcept { return scale_; }
  std::int64_t n_samples_seen() const noexcept { return n_samples_seen_; }
  NdArray inverse_transform(const MatrixView& X) const;
  /// CSR input stays CSR: inplace_column_scale(X, 1 / scale_).
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  SparseTransform on_sparse_transform(const CsrMatrix& X) const override;
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32: each in-place numpy step computes in float64 and rounds.
  NdArray do_transform_float32(const MatrixView& X) const override;
  NdArray do_inverse_transform_float32(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  template <class T>
  NdArray inverse_as(const MatrixView& X) const;
  std::vector<double> scale_;
  std::int64_t n_samples_seen_;
};

/// sklearn.preprocessing.RobustScaler: (X - center_) / scale_.
class RobustScaler final : public TransformerBase {
 public:
  /// `center` empty ⇔ with_centering=False; `scale` empty ⇔ with_scaling=False.
  RobustScaler(std::vector<double> center, std::vector<double> scale, std::int64_t n_features = -1,
               double q_lo = 25.0, double q_hi = 75.0, bool unit_variance = false);
  const std::vector<double>& center() const noexcept { return center_; }
  const std::vector<double>& scale() const noexcept { return scale_; }
  std::pair<double, double> quantile_range() const noexcept { return {q_lo_, q_hi_}; }
  bool unit_variance() const noexcept { return unit_variance_; }
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32: each in-place numpy step computes in float64 and rounds.
  NdArray do_transform_float32(const MatrixView& X) const override;
  NdArray do_inverse_transform_float32(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  template <class T>
  NdArray inverse_as(const MatrixView& X) const;
  std::vector<double> center_, scale_;
  double q_lo_, q_hi_;
  bool unit_variance_;
};

/// sklearn.preprocessing.Normalizer: each row divided by its l1, l2 or max norm.
class Normalizer final : public TransformerBase {
 public:
  /// `norm` is "l1", "l2" or "max".
  explicit Normalizer(std::string norm = "l2", std::int64_t n_features = -1);
  const std::string& norm() const noexcept { return norm_; }
  /// CSR input stays CSR (sklearn.preprocessing.normalize on scipy matrices).
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  SparseTransform on_sparse_transform(const CsrMatrix& X) const override;
  NdArray do_transform(const MatrixView& X) const override;

 private:
  std::string norm_;
};

/// sklearn.preprocessing.Binarizer: 1 where X > threshold, else 0.
class Binarizer final : public TransformerBase {
 public:
  explicit Binarizer(double threshold = 0.0, std::int64_t n_features = -1);
  double threshold() const noexcept { return threshold_; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32 and is compared with float32(threshold), as numpy does.
  NdArray do_transform_float32(const MatrixView& X) const override;

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  double threshold_;
};

/// sklearn.preprocessing.KernelCenterer: centres a kernel matrix K(X, X_fit) with the fitted
/// column means K_fit_rows_ and grand mean K_fit_all_ (input columns = fit samples).
class KernelCenterer final : public TransformerBase {
 public:
  /// Throws ValidationError unless k_fit_rows is non-empty and everything is finite.
  KernelCenterer(std::vector<double> k_fit_rows, double k_fit_all);
  const std::vector<double>& k_fit_rows() const noexcept { return k_fit_rows_; }
  double k_fit_all() const noexcept { return k_fit_all_; }

 protected:
  NdArray do_transform(const MatrixView& K) const override;
  /// scikit-learn keeps float32 K in float32 with numpy-version-dependent casting; refused.
  NdArray do_transform_float32(const MatrixView& K) const override;
  /// Refused, as scikit-learn's check_array (accept_sparse=False) refuses it.
  NdArray on_sparse(Method m, const CsrMatrix& K) const override;

 private:
  std::vector<double> k_fit_rows_;
  double k_fit_all_;
};

/// sklearn.preprocessing.PolynomialFeatures: output columns in scikit-learn's order (bias,
/// then degree 1, 2, ... terms, each degree in combinations_with_replacement order, or
/// combinations when interaction_only), computed with scikit-learn's multiplication order.
class PolynomialFeatures final : public TransformerBase {
 public:
  PolynomialFeatures(std::int64_t n_features, std::int64_t max_degree, std::int64_t min_degree = 0,
                     bool interaction_only = false, bool include_bias = true);
  std::int64_t min_degree() const noexcept { return min_degree_; }
  std::int64_t max_degree() const noexcept { return max_degree_; }
  bool interaction_only() const noexcept { return interaction_only_; }
  bool include_bias() const noexcept { return include_bias_; }
  /// Number of output columns (scikit-learn's n_output_features_).
  std::int64_t n_output_features() const noexcept { return n_out_; }
  /// Columns of the full expansion before dropping degrees < min_degree (_n_out_full).
  std::int64_t n_out_full() const noexcept { return n_out_full_; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32, every product rounded to float32 as numpy does.
  NdArray do_transform_float32(const MatrixView& X) const override;

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  std::int64_t min_degree_, max_degree_;
  bool interaction_only_, include_bias_;
  std::int64_t n_out_full_ = 0, n_out_ = 0;
};

/// One scipy.interpolate.BSpline as SplineTransformer keeps it (`bsplines_`): knots `t`,
/// coefficients `c` (`n_coef × n_out`, row-major, `n_coef = t.size() - k - 1`), degree `k`
/// and scipy's `extrapolate` (False, True or "periodic"). Evaluation follows scipy's
/// `BSpline.__call__` (interval search, then the de Boor recursion `_deBoor_D` and the sum of
/// the k+1 non-zero basis functions times `c`, in scipy's order), so values agree to the bit.
struct BSpline {
  enum class Extrapolate { No, Yes, Periodic };
  std::vector<double> t;
  std::vector<double> c;
  std::int64_t n_coef = 0, n_out = 0;
  std::int64_t k = 0;
  Extrapolate extrapolate = Extrapolate::No;

  /// Checks the invariants evaluation relies on (throws ValidationError through `fail`
  /// semantics of the caller): k ≥ 0, t finite and non-decreasing with t.size() =
  /// n_coef + k + 1, c of n_coef × n_out finite values, t[k] < t[n_coef].
  void validate() const;
  /// The `nu`-th derivative (0: the value) of every output column at `x`, written to
  /// `out[0..n_out)`: NaN where scipy gives NaN (x outside [t[k], t[n]] without
  /// extrapolation, or x NaN). `work` is scratch space of 2k+2 doubles.
  void evaluate(double x, int nu, double* out, double* work) const;
};

/// sklearn.preprocessing.SplineTransformer (transform): per feature, the B-spline basis of
/// its `bsplines_[i]`, continued beyond the knots as `extrapolation` says, with scikit-learn's
/// exact per-mode rules (including that `linear` with degree ≤ 1 widens the degree it uses for
/// the boundaries of every later feature, as scikit-learn's loop does).
/// `sparse_output=True` (scikit-learn ≥ 1.3): scikit-learn returns a CSR matrix; `run` returns
/// the same values dense, and transform_csr gives the CSR matrix (explicit zeros dropped).
class SplineTransformer final : public TransformerBase {
 public:
  enum class Extrapolation { Error, Constant, Linear, Continue, Periodic };
  /// From the fitted splines (one per feature, all of degree `degree` with the same number
  /// of output columns). Throws ValidationError when they are inconsistent.
  SplineTransformer(std::vector<BSpline> bsplines, std::int64_t degree,
                    Extrapolation extrapolation, bool include_bias = true,
                    bool sparse_output = false);
  /// What `fit` builds from explicit base knots (`n_knots × n_features`, row-major, each
  /// column strictly increasing): scikit-learn's knot extension and identity coefficients.
  static SplineTransformer from_base_knots(const Matrix& base_knots, std::int64_t degree,
                                           Extrapolation extrapolation, bool include_bias = true,
                                           bool sparse_output = false);

  const std::vector<BSpline>& bsplines() const noexcept { return bsplines_; }
  std::int64_t degree() const noexcept { return degree_; }
  Extrapolation extrapolation() const noexcept { return extrapolation_; }
  bool include_bias() const noexcept { return include_bias_; }
  bool sparse_output() const noexcept { return sparse_output_; }
  /// Columns per feature before dropping the bias column (bsplines_[0].c.shape[1]).
  std::int64_t n_splines() const noexcept { return n_splines_; }
  /// scikit-learn's n_features_out_.
  std::int64_t n_features_out() const noexcept;
  /// transform as a CSR matrix (the values of `run(Transform, X)`, zeros not stored).
  CsrMatrix transform_csr(const MatrixView& X) const;

  static const char* extrapolation_name(Extrapolation e) noexcept;

 protected:
  NdArray do_transform(const MatrixView& X) const override;

 private:
  Matrix transform_dense(const MatrixView& X) const;
  std::vector<BSpline> bsplines_;
  std::int64_t degree_;
  Extrapolation extrapolation_;
  bool include_bias_, sparse_output_;
  std::int64_t n_splines_ = 0;
};

/// One category of an encoder: a number (float or int category), a string, or None.
struct Category {
  enum class Kind { Number, String, None };
  Kind kind = Kind::Number;
  double number = 0.0;
  std::string text;

  static Category of(double v) { return {Kind::Number, v, {}}; }
  static Category of(std::string s) { return {Kind::String, 0.0, std::move(s)}; }
};

/// The categories of one input column: numeric arrays keep their dtype for saving; object
/// arrays (string categories) keep their items.
struct CategoryList {
  std::vector<Category> items;
  /// Numeric dtype of a numpy categories array; nullopt for an object array.
  std::optional<DType> dtype;
  /// The strings came from a numpy '<U' array (not an object array).
  bool unicode = false;

  /// Float64 categories (must be sorted ascending, NaN last, like scikit-learn's).
  static CategoryList numeric(std::vector<double> values);
  /// String categories (an object array), sorted.
  static CategoryList strings(std::vector<std::string> values);
  /// Index of the category equal to `x` (NaN matches NaN), or -1. Strings never match.
  std::int64_t find(double x) const noexcept;
};

/// Category lookup of one input column with Python's equality, as scikit-learn's
/// _check_unknown / _encode see a DataFrame column: a string matches an equal string
/// category; a number (float, int or bool: 1 == 1.0 == True) an equal numeric category; a
/// missing value the NaN category, or the None category when there is no NaN one.
class CategoryIndex {
 public:
  explicit CategoryIndex(const CategoryList& cats);
  /// Category code or -1.
  std::int64_t number(double x) const noexcept;
  std::int64_t string(std::string_view s) const noexcept;
  std::int64_t missing() const noexcept { return nan_code_ >= 0 ? nan_code_ : none_code_; }
  /// The NaN category's code or -1.
  std::int64_t nan() const noexcept { return nan_code_; }
  /// Row `row` of a typed column.
  std::int64_t cell(const Column& c, std::size_t row) const;

 private:
  std::vector<std::pair<double, std::int64_t>> numbers_;  // sorted by value
  std::vector<std::pair<std::string, std::int64_t>> strings_;  // sorted; no allocation per lookup
  std::int64_t nan_code_ = -1;
  std::int64_t none_code_ = -1;
};

/// sklearn.preprocessing.OneHotEncoder. The result is always a dense array of `dtype`.
class OneHotEncoder final : public TransformerBase {
 public:
  /// Per input column: the output column (relative to the column's block) of each category
  /// code, or -1 when the category is dropped, and the column unknown values map to (-1:
  /// all zeros, -2: raise InputError).
  struct ColumnPlan {
    std::vector<std::int64_t> code_to_out;
    std::int64_t unknown_out = -2;
    std::int64_t width = 0;
  };

  /// `handle_unknown` is "error" or "ignore"; `drop_idx[i]` is the category index dropped for
  /// column i, or -1 (empty: nothing dropped).
  OneHotEncoder(std::vector<CategoryList> categories, std::string handle_unknown = "error",
                std::vector<std::int64_t> drop_idx = {}, DType dtype = DType::float64());
  /// From a loaded file: plans computed from categories_, drop_idx_ and the infrequent maps.
  OneHotEncoder(std::vector<CategoryList> categories, std::string handle_unknown,
                std::vector<std::int64_t> drop_idx, DType dtype, std::vector<ColumnPlan> plans);

  const std::vector<CategoryList>& categories() const noexcept { return categories_; }
  const std::string& handle_unknown() const noexcept { return handle_unknown_; }
  const std::vector<std::int64_t>& drop_idx() const noexcept { return drop_idx_; }
  const DType& dtype() const noexcept { return dtype_; }
  const std::vector<ColumnPlan>& plans() const noexcept { return plans_; }
  std::int64_t n_output_features() const noexcept { return n_out_; }
  /// Numeric categories back from a one-hot matrix (float64; a row of zeros for a column
  /// gives NaN where scikit-learn gives None). Throws UnsupportedError for string
  /// categories or infrequent grouping.
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 public:
  bool accepts_strings() const noexcept override { return true; }

 protected:
  /// Transform of a table: each column matched with its own type (see CategoryIndex).
  NdArray on_table(Method m, const Table& X) const override;

 private:
  template <class CodeAt>
  NdArray encode(Eigen::Index rows, const CodeAt& code_at) const;
  std::vector<CategoryList> categories_;
  std::string handle_unknown_;
  std::vector<std::int64_t> drop_idx_;
  DType dtype_;
  std::vector<ColumnPlan> plans_;
  std::int64_t n_out_ = 0;
  std::vector<CategoryIndex> index_;
};

/// sklearn.preprocessing.OrdinalEncoder: category codes as `dtype`.
class OrdinalEncoder final : public TransformerBase {
 public:
  /// `handle_unknown` is "error" or "use_encoded_value" (then `unknown_value` is used);
  /// NaN categories are encoded as `encoded_missing_value`.
  OrdinalEncoder(std::vector<CategoryList> categories, std::string handle_unknown = "error",
                 double unknown_value = 0.0, double encoded_missing_value = 0.0,
                 DType dtype = DType::float64());
  const std::vector<CategoryList>& categories() const noexcept { return categories_; }
  const std::string& handle_unknown() const noexcept { return handle_unknown_; }
  double unknown_value() const noexcept { return unknown_value_; }
  double encoded_missing_value() const noexcept { return encoded_missing_value_; }
  const DType& dtype() const noexcept { return dtype_; }
  /// Column index → code of its NaN category (scikit-learn's _missing_indices).
  const std::map<std::int64_t, std::int64_t>& missing_indices() const noexcept { return missing_; }
  bool accepts_strings() const noexcept override { return true; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  NdArray on_table(Method m, const Table& X) const override;

 private:
  template <class CodeAt>
  NdArray encode(Eigen::Index rows, Eigen::Index cols, const CodeAt& code_at) const;
  std::vector<CategoryList> categories_;
  std::string handle_unknown_;
  double unknown_value_, encoded_missing_value_;
  DType dtype_;
  std::map<std::int64_t, std::int64_t> missing_;
  std::vector<CategoryIndex> index_;
};

/// sklearn.preprocessing.TargetEncoder (scikit-learn >= 1.3), transform only (what a fitted
/// model runs; fit_transform's cross fitting happens in fit): each category → its encoding,
/// unknown categories (and missing values not seen in fit) → target_mean_. Binary and
/// continuous targets give one column per feature; multiclass n_classes columns per feature
/// (feature-major).
class TargetEncoder final : public TransformerBase {
 public:
  /// `encodings`: per feature (times per class for multiclass, feature-major) one value per
  /// category; `target_mean`: one value, or one per class for multiclass.
  TargetEncoder(std::vector<CategoryList> categories, std::vector<std::vector<double>> encodings,
                std::vector<double> target_mean);
  const std::vector<CategoryList>& categories() const noexcept { return categories_; }
  const std::vector<std::vector<double>>& encodings() const noexcept { return encodings_; }
  const std::vector<double>& target_mean() const noexcept { return target_mean_; }
  bool accepts_strings() const noexcept override { return true; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  NdArray on_table(Method m, const Table& X) const override;

 private:
  template <class CodeAt>
  NdArray encode(Eigen::Index rows, const CodeAt& code_at) const;
  std::vector<CategoryList> categories_;
  std::vector<std::vector<double>> encodings_;
  std::vector<double> target_mean_;
  std::vector<CategoryIndex> index_;
};

/// sklearn.preprocessing.LabelEncoder: labels → their index in classes_ (int64).
/// `run(Transform, X)` takes an n×1 matrix of numeric labels; string labels go through
/// `transform_labels`.
class LabelEncoder final : public TransformerBase {
 public:
  /// Numeric classes (sorted, unique).
  explicit LabelEncoder(std::vector<double> classes);
  /// String classes (sorted, unique), saved as a '<U' array.
  explicit LabelEncoder(std::vector<std::string> classes);
  /// From a loaded classes_ array (any numeric or unicode dtype).
  explicit LabelEncoder(NdArray classes);

  const NdArray& classes() const noexcept { return classes_; }
  bool string_classes() const noexcept { return !strings_.empty(); }
  /// Indices of `labels` in classes_ (int64, shape (n,)). Throws InputError for a label not
  /// in classes_ ("y contains previously unseen labels"), UnsupportedError if the classes
  /// are numeric.
  NdArray transform_labels(const std::vector<std::string>& labels) const;
  /// classes_[codes] as a '<U' array. Throws InputError for a code out of range.
  NdArray inverse_transform_labels(const std::vector<std::int64_t>& codes) const;
  /// Numeric form of both (numeric classes only).
  NdArray transform_values(const std::vector<double>& labels) const;
  NdArray inverse_transform_values(const std::vector<std::int64_t>& codes) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;

 private:
  NdArray classes_;
  std::vector<std::string> strings_;
  std::vector<double> numbers_;
};

/// sklearn.preprocessing.FunctionTransformer with func=None (identity) or a numpy ufunc
/// from a fixed list (log1p, expm1, log, exp, sqrt, absolute, square, negative, ...).
class FunctionTransformer final : public TransformerBase {
 public:
  /// `func`: "" (identity) or a ufunc name; `inverse_func` likewise (informative).
  explicit FunctionTransformer(std::string func = "", std::string inverse_func = "",
                               bool validate = false, std::int64_t n_features = -1);
  const std::string& func() const noexcept { return func_; }
  const std::string& inverse_func() const noexcept { return inverse_func_; }
  bool validate() const noexcept { return validate_; }
  /// Whether `name` is a ufunc this class can apply.
  static bool known_ufunc(const std::string& name) noexcept;
  /// The numerical part of scikit-learn 1.4's HistGradientBoosting `_preprocessor`:
  /// func = functools.partial(check_array, dtype=[np.float64], force_all_finite=False), the
  /// input as float64 with NaN and infinity allowed (strings refused).
  static FunctionTransformer check_array_float64(std::int64_t n_features);
  bool is_check_array() const noexcept { return check_array_; }
  /// func=None passes strings on unchanged.
  bool accepts_strings() const noexcept override {
    return func_.empty() && !check_array_ && !validate_;
  }
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }
  /// func=None hands the table on unchanged (a DataFrame stays one); check_array makes it
  /// float64; a ufunc needs numbers.
  NdArray on_table(Method m, const Table& X) const override;
  TableTransform on_table_transform(const Table& X) const override;

 private:
  std::string func_, inverse_func_;
  bool validate_;
  bool check_array_ = false;
};

/// sklearn.preprocessing.QuantileTransformer: each feature mapped through its fitted
/// quantiles_ onto references_ (uniform output), then through the standard normal quantile
/// function for output_distribution="normal"; scikit-learn's averaged forward and backward
/// np.interp (repeated quantiles), its BOUNDS_THRESHOLD (1e-7) clipping, NaN kept.
/// CSR input stays CSR: only the stored values are mapped (implicit zeros stay 0), as
/// scikit-learn does with its csc input; transform refuses negative stored values unless
/// ignore_implicit_zeros.
class QuantileTransformer final : public TransformerBase {
 public:
  /// `quantiles`: n_quantiles rows of n_features values (row-major, as quantiles_), each
  /// column non-decreasing and finite; `references`: n_quantiles non-decreasing values in
  /// [0, 1]; `output_distribution`: "uniform" or "normal". Throws ValidationError.
  QuantileTransformer(std::vector<double> quantiles, std::vector<double> references,
                      std::int64_t n_features, std::string output_distribution = "uniform",
                      bool ignore_implicit_zeros = false);
  const std::string& output_distribution() const noexcept { return output_distribution_; }
  bool ignore_implicit_zeros() const noexcept { return ignore_implicit_zeros_; }
  std::int64_t n_quantiles() const noexcept { return static_cast<std::int64_t>(references_.size()); }
  /// quantiles_ as given (row-major n_quantiles × n_features).
  const std::vector<double>& quantiles() const noexcept { return quantiles_; }
  const std::vector<double>& references() const noexcept { return references_; }
  /// Back-projection to the original space (np.interp from references_ to quantiles_).
  NdArray inverse_transform(const MatrixView& X) const;
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }
  SparseTransform on_sparse_transform(const CsrMatrix& X) const override;
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  double map_value(double x, std::size_t j, bool inverse) const;
  std::vector<double> quantiles_, references_;
  std::string output_distribution_;
  bool ignore_implicit_zeros_;
  bool normal_ = false;
  // Per feature: quantiles_ column, and -column[::-1]; -references_[::-1] (the backward pass).
  std::vector<std::vector<double>> columns_, reversed_columns_;
  std::vector<double> reversed_references_;
};

/// sklearn.preprocessing.PowerTransformer: Yeo-Johnson or Box-Cox per feature with lambdas_
/// (the exact branches at |lambda| < spacing(1) and |lambda - 2| <= spacing(1)), then the
/// stored StandardScaler `_scaler` when standardize. NaN passes through; Box-Cox refuses
/// non-positive input (InputError, as scikit-learn's ValueError); sparse input is refused.
class PowerTransformer final : public TransformerBase {
 public:
  /// `method`: "yeo-johnson" or "box-cox"; `scaler` null ⇔ standardize=False (else with
  /// lambdas.size() features). Throws ValidationError.
  PowerTransformer(std::vector<double> lambdas, std::string method = "yeo-johnson",
                   std::shared_ptr<const StandardScaler> scaler = nullptr);
  const std::string& method() const noexcept { return method_; }
  const std::vector<double>& lambdas() const noexcept { return lambdas_; }
  bool standardize() const noexcept { return scaler_ != nullptr; }
  const std::shared_ptr<const StandardScaler>& scaler() const noexcept { return scaler_; }
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }
  /// Refused, as scikit-learn's check_array (accept_sparse=False) refuses it.
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  std::vector<double> lambdas_;
  std::string method_;
  bool box_cox_ = false;
  std::shared_ptr<const StandardScaler> scaler_;
};

/// sklearn.preprocessing.KBinsDiscretizer: bin index per feature
/// (np.searchsorted(bin_edges_[j][1:-1], x, side="right")), as float codes ("ordinal") or
/// one-hot ("onehot", "onehot-dense"; scikit-learn's "onehot" gives a scipy matrix, `run`
/// the same values dense). The output dtype is the `dtype` parameter when set (float32 input
/// is then rounded to float32 before binning, as check_array does), else the input's.
/// NaN and infinity are refused; sparse input too (scikit-learn wants dense data; its
/// one-hot inverse_transform would also take CSR: not modelled). inverse_transform gives
/// each bin's centre.
class KBinsDiscretizer final : public TransformerBase {
 public:
  /// `bin_edges`: per feature ≥ 2 sorted values without NaN (n_bins_ = size - 1).
  /// `encode`: "ordinal", "onehot" or "onehot-dense"; `strategy` is informative;
  /// `dtype`: float32, float64 or nullopt (the input's). Throws ValidationError.
  KBinsDiscretizer(std::vector<std::vector<double>> bin_edges, std::string encode = "onehot",
                   std::string strategy = "quantile", std::optional<DType> dtype = std::nullopt);
  const std::vector<std::vector<double>>& bin_edges() const noexcept { return bin_edges_; }
  std::vector<std::int64_t> n_bins() const;
  const std::string& encode() const noexcept { return encode_; }
  const std::string& strategy() const noexcept { return strategy_; }
  const std::optional<DType>& dtype() const noexcept { return dtype_; }
  /// Output columns: n_features (ordinal) or the sum of n_bins_.
  std::int64_t n_output_features() const noexcept { return n_out_; }
  /// Bin centres ((edge[i] + edge[i+1]) * 0.5) of each code: ordinal codes are truncated to
  /// integers and negative ones count from the end (numpy indexing); one-hot rows are
  /// decoded by their first maximum per feature (a feature block summing to zero is an
  /// InputError, as scikit-learn's OneHotEncoder). Float64.
  NdArray inverse_transform(const MatrixView& X) const;
  /// The OneHotEncoder `_encoder` a file held (kept for saving), or null.
  const std::shared_ptr<const OneHotEncoder>& encoder() const noexcept { return encoder_; }
  void set_encoder(std::shared_ptr<const OneHotEncoder> encoder);

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  NdArray do_transform_float32(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }
  NdArray do_inverse_transform_float32(const MatrixView& X) const override;
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  NdArray transform_as(const MatrixView& X, bool float32_input) const;
  NdArray inverse_as(const MatrixView& X, bool float32_output) const;
  std::vector<std::vector<double>> bin_edges_;
  std::string encode_, strategy_;
  std::optional<DType> dtype_;
  std::shared_ptr<const OneHotEncoder> encoder_;
  std::vector<std::int64_t> offsets_;
  std::int64_t n_out_ = 0;
};

}  // namespace skops::estimators

// Before 0.2 this header also declared SimpleImputer, PCA and TruncatedSVD; kept for one
// release (docs/versioning.md).
#include "skops/estimators/decomposition.hpp"  // IWYU pragma: export
#include "skops/estimators/impute.hpp"         // IWYU pragma: export

#include "skops/compat/preprocessing.hpp"  // spellings before 0.2, for one release
