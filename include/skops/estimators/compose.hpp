#pragma once
/// \file compose.hpp
/// sklearn.compose: ColumnTransformer, the transformers of column subsets side by side.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/pipeline.hpp"  // Step; Pipeline and FeatureUnion were here before 0.2

namespace skops::estimators {

/// sklearn.compose.ColumnTransformer: each transformer sees its input columns, the outputs
/// are concatenated in transformers_ order (remainder included when it is an entry of
/// transformers_). Column selections are integer lists (negative values count from the
/// end), boolean masks, slices, column names and make_column_selector (resolved at fit:
/// the file holds the names it chose).
///
/// On a named Table, when fitted with feature names, each part takes its columns by name
/// (extra and reordered columns are allowed, missing ones are an InputError listing them),
/// as scikit-learn does for a DataFrame; otherwise by position after a column-count check.
/// A part selected by name cannot run on a numeric matrix or positional table (InputError,
/// as scikit-learn's "only supported for pandas DataFrames").
class ColumnTransformer final : public Estimator {
 public:
  struct Part {
    Step step;
    std::vector<std::int64_t> columns;  ///< resolved input column indices, in order
    double weight = 1.0;                ///< transformer_weights[name], 1 when absent
    bool weighted = false;
    /// The columns as read from a file (slice, mask, list), kept so re-saving is lossless;
    /// null for natively built parts (written as an int list).
    NodePtr columns_spec;
    /// The part was given column names (or a make_column_selector): it needs a named table.
    bool by_name = false;
    /// A scalar selection ("review" or 3): the part sees that column as a 1-d array, which
    /// is documents for a text vectorizer (the only kind of part that takes one).
    bool one_d = false;
  };
  /// Throws ValidationError when a column is out of range or a part cannot transform.
  ColumnTransformer(std::vector<Part> parts, std::int64_t n_features);

  const std::vector<Part>& parts() const noexcept { return parts_; }
  /// Some part that is not dropped takes strings ('passthrough' included).
  bool accepts_strings() const noexcept override;
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  NdArray run(Method m, const MatrixView& X) const override;
  /// float32 X: the parts' float32 paths; float32 when every block is (np.hstack).
  NdArray run_float32(Method m, const MatrixView& X) const override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;
  TableTransform on_table_transform(const Table& X) const override;

 private:
  /// The table each part sees (named selection or positional), in parts_ order.
  std::vector<Table> part_inputs(const Table& X) const;
  NdArray stack(Method m, const MatrixView& X, bool float32) const;
  std::vector<Part> parts_;
};

/// sklearn.compose.TransformedTargetRegressor: predict = transformer_.inverse_transform of
/// regressor_.predict(X), a 1-d prediction reshaped to one column first and the result
/// squeezed back to 1-d when the target was 1-d (_training_dim == 1). With func /
/// inverse_func (numpy ufuncs) scikit-learn's transformer_ is the FunctionTransformer that
/// applies them; with a transformer (e.g. StandardScaler) it is that transformer, fitted.
class TransformedTargetRegressor final : public Estimator {
 public:
  /// Throws ValidationError when the transformer has no inverse_transform, the regressor
  /// cannot predict or training_dim is not 1 or 2.
  TransformedTargetRegressor(EstimatorPtr regressor, EstimatorPtr transformer,
                             std::int64_t training_dim);
  const EstimatorPtr& regressor() const noexcept { return regressor_; }
  const EstimatorPtr& transformer() const noexcept { return transformer_; }
  std::int64_t training_dim() const noexcept { return training_dim_; }
  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

 protected:
  NdArray on_table(Method m, const Table& X) const override;

 private:
  NdArray inverse(const NdArray& pred) const;
  EstimatorPtr regressor_, transformer_;
  std::int64_t training_dim_;
};

}  // namespace skops::estimators

#include "skops/compat/compose.hpp"  // spellings before 0.2, for one release
