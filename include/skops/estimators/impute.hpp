#pragma once
/// \file impute.hpp
/// sklearn.impute as C++ estimators: SimpleImputer (numeric), with its native constructor,
/// MissingIndicator and IterativeImputer.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

/// sklearn.impute.SimpleImputer (numeric): missing entries replaced by statistics_; columns
/// whose statistic is NaN are dropped (unless keep_empty_features or strategy "constant").
class SimpleImputer final : public TransformerBase {
 public:
  /// `missing_values` NaN (default) or a number; `strategy` "mean", "median",
  /// "most_frequent" or "constant".
  SimpleImputer(std::vector<double> statistics, std::string strategy = "mean",
                double missing_values = std::numeric_limits<double>::quiet_NaN(),
                bool keep_empty_features = false, std::optional<double> fill_value = std::nullopt);
  const std::vector<double>& statistics() const noexcept { return statistics_; }
  const std::string& strategy() const noexcept { return strategy_; }
  double missing_values() const noexcept { return missing_values_; }
  bool keep_empty_features() const noexcept { return keep_empty_features_; }
  const std::optional<double>& fill_value() const noexcept { return fill_value_; }
  /// MissingIndicator columns appended to the output (add_indicator=True): the input
  /// columns whose missing mask is appended, as float 0/1 (scikit-learn's features_: the
  /// columns that had missing values in fit). Throws ValidationError unless strictly
  /// increasing column indices < n_features_in.
  void set_indicator_features(std::vector<std::int64_t> features);
  const std::optional<std::vector<std::int64_t>>& indicator_features() const noexcept {
    return indicator_;
  }

  /// Statistics of an imputer fitted on object (string) data: strings, numbers, None.
  /// Transform then runs on a table (or a matrix seen as numbers) and may give strings.
  /// Throws ValidationError unless one per feature.
  void set_object_statistics(std::vector<Category> statistics);
  const std::vector<Category>& object_statistics() const noexcept { return object_stats_; }
  bool accepts_strings() const noexcept override { return !object_stats_.empty(); }

  /// With an indicator only (add_indicator=True): missing_values put back where the
  /// indicator columns say, scikit-learn's algorithm step for step (float64 output).
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X stays float32 (missing_values and the statistics rounded to float32);
  /// inverse_transform gives float64 whatever the input, as scikit-learn.
  NdArray do_transform_float32(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return indicator_.has_value(); }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }
  NdArray on_table(Method m, const Table& X) const override;
  TableTransform on_table_transform(const Table& X) const override;

 private:
  TableTransform transform_objects(const Table& X) const;
  std::vector<Category> object_stats_;
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  std::vector<double> statistics_;
  std::string strategy_;
  double missing_values_;
  bool keep_empty_features_;
  std::optional<double> fill_value_;
  std::optional<std::vector<std::int64_t>> indicator_;
};

/// sklearn.impute.MissingIndicator (dense output, sparse=False or "auto" with dense input):
/// the bool mask X == missing_values (isnan for NaN) of the columns features_ (features=
/// "missing-only": those with missing values in fit) or of every column (features="all").
class MissingIndicator final : public TransformerBase {
 public:
  /// `features` are scikit-learn's features_ (strictly increasing indices < n_features).
  /// Throws ValidationError for bad indices or an infinite missing_values.
  /// `sparse_auto`: sparse="auto" (else False), which scikit-learn answers with a sparse
  /// mask for sparse input: such input is then refused.
  MissingIndicator(std::vector<std::int64_t> features, std::int64_t n_features,
                   double missing_values = std::numeric_limits<double>::quiet_NaN(),
                   bool all_features = false, bool error_on_new = true, bool sparse_auto = true);
  const std::vector<std::int64_t>& features() const noexcept { return features_; }
  double missing_values() const noexcept { return missing_values_; }
  /// features="all" (else "missing-only").
  bool all_features() const noexcept { return all_features_; }
  bool error_on_new() const noexcept { return error_on_new_; }
  bool sparse_auto() const noexcept { return sparse_auto_; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  /// float32 X is compared with float32(missing_values), as numpy does.
  NdArray do_transform_float32(const MatrixView& X) const override;
  /// sparse=False: the dense mask of the densified input (implicit zeros are never missing:
  /// missing_values=0 is refused, as scikit-learn does); sparse="auto": refused.
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  template <class T>
  NdArray transform_as(const MatrixView& X) const;
  std::vector<std::int64_t> features_;
  double missing_values_;
  bool all_features_;
  bool error_on_new_;
  bool sparse_auto_;
};

/// One step of IterativeImputer's imputation_sequence_ (scikit-learn's namedtuple
/// _ImputerTriplet): the estimator predicting column feat_idx from the columns
/// neighbor_feat_idx (indices into the columns the initial imputer keeps).
struct ImputerTriplet {
  std::int64_t feat_idx = 0;
  std::vector<std::int64_t> neighbor_feat_idx;
  EstimatorPtr estimator;
};

/// sklearn.impute.IterativeImputer (sample_posterior=False; with sample_posterior=True the
/// transform draws random numbers and is refused at load). transform as scikit-learn's:
/// the initial_imputer_'s imputation (which drops columns empty in fit unless
/// keep_empty_features), then, unless n_iter_ is 0 or every entry counts as missing, each
/// triplet in order replaces the entries of feat_idx that were missing by its estimator's
/// predict on the neighbor columns of the current imputation, clipped to
/// [min_value[feat_idx], max_value[feat_idx]]; then the indicator columns (add_indicator)
/// of the input's missing mask. float64 input only (scikit-learn imputes float32 input in
/// float32: refused).
class IterativeImputer final : public TransformerBase {
 public:
  /// `initial`: the fitted initial_imputer_ (no indicator of its own); `min_value` /
  /// `max_value`: one bound per column the initial imputer outputs (scikit-learn's
  /// _min_value / _max_value); `indicator_features`: indicator_.features_ when add_indicator.
  /// Throws ValidationError for indices out of range, estimators whose n_features_in differs
  /// from their neighbor count, or min_value > max_value.
  IterativeImputer(std::shared_ptr<const SimpleImputer> initial, std::vector<ImputerTriplet> sequence,
                   std::int64_t n_iter, std::vector<double> min_value, std::vector<double> max_value,
                   bool keep_empty_features,
                   std::optional<std::vector<std::int64_t>> indicator_features = std::nullopt);
  const SimpleImputer& initial_imputer() const noexcept { return *initial_; }
  const std::vector<ImputerTriplet>& imputation_sequence() const noexcept { return sequence_; }
  std::int64_t n_iter() const noexcept { return n_iter_; }

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  NdArray do_transform_float32(const MatrixView& X) const override;

 private:
  std::shared_ptr<const SimpleImputer> initial_;
  std::vector<ImputerTriplet> sequence_;
  std::int64_t n_iter_;
  std::vector<double> min_value_, max_value_;
  bool keep_empty_features_;
  std::optional<std::vector<std::int64_t>> indicator_;
  std::vector<std::int64_t> valid_;  // columns whose initial statistic is not NaN
};

}  // namespace skops::estimators

#include "skops/compat/impute.hpp"  // spellings before 0.2, for one release
