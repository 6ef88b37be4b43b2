#pragma once
// Helpers of sklearn.pipeline shared with sklearn.compose (as scikit-learn's ColumnTransformer
// uses pipeline._transform_one): step slots, sub-transforms, numpy's hstack.

#include <memory>
#include <string_view>
#include <string>
#include <variant>
#include <vector>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/pipeline.hpp"

namespace skops::estimators::detail::pipeline {

/// The estimator slot of a step tuple: an estimator object, or the strings "passthrough"/
/// "drop" (when `allow_drop`), or None (when `allow_none`). Fails otherwise.
Step read_step(const std::string& name, const ValueView& v, bool allow_drop,
                        bool allow_none);
/// The node a step's estimator slot is written as.
NodePtr step_value_node(const Step& s, SaveContext& ctx);
/// Runs Transform on a sub-estimator (its float32 path for float32 data) and returns the
/// 2-d result as a Matrix (the result's dtype is recorded in `dtype` so callers can keep
/// numpy's hstack dtype).
Matrix transform_matrix(const Estimator& est, const MatrixView& X, DType* dtype = nullptr,
                        bool float32 = false);
/// numpy's result dtype for hstack of parts with these dtypes (float64 unless all agree).
DType hstack_dtype(const std::vector<DType>& dtypes);
/// One block of a FeatureUnion/ColumnTransformer output.
struct Block {
  Matrix values;
  DType dtype;
};
/// `res * weight` of a weighted part (_transform_one): numpy multiplies in the block's
/// dtype, so a float32 block meets float32(weight).
double block_weight(double weight, const DType& block_dtype);
/// np.hstack of the blocks, in hstack_dtype (values are rounded into it once).
NdArray hstack(const std::vector<Block>& blocks, Eigen::Index rows);

// ---- The table path (table_flow.cpp): what flows between steps when a Table is run.

/// Between steps: a numeric array (as a Matrix) or typed columns (a numpy object array).
using Flow = std::variant<Matrix, Table>;
/// est.transform of a table: numeric results as a Matrix (their dtype in `dtype`), results
/// holding strings as a positional Table.
Flow transform_flow(const Estimator& est, const Table& X, DType* dtype = nullptr);
/// est.transform of a flow (a Matrix goes through the numeric path).
Flow transform_flow(const Estimator& est, const Flow& X);
/// Whether every column is numeric (float64, int64, bool).
bool all_numeric(const Table& t) noexcept;
/// numpy's result dtype of the columns' dtypes (float64 if any float; int64 if ints; bool
/// if all bool).
DType columns_dtype(const Table& t);
/// The columns as a row-major float64 matrix (int/bool widened, missing NaN). Throws
/// InputError naming a string column.
Matrix table_matrix(const Table& t);
/// The given columns of X: a named table when X has names and no column repeats, else
/// positional.
Table take_columns(const Table& X, const std::vector<std::size_t>& columns);
/// A matrix as positional columns of `dtype`'s kind (float64, int64 or bool).
std::vector<Column> matrix_columns(const Matrix& m, const DType& dtype);
/// What a Table result is as an array: numeric columns → a 2-d array of columns_dtype;
/// strings without missing values → a 2-d '<U' array; anything else (numpy would make an
/// object array) → UnsupportedError pointing at transform_any.
NdArray table_result(const Table& t, const std::string& who);

/// One block of a FeatureUnion/ColumnTransformer output on the table path.
struct FlowBlock {
  Flow values;
  DType dtype = DType::float64();  ///< for a Matrix block
};
/// A block that passes columns through: numeric columns as a Matrix of their numpy dtype,
/// else the table itself.
FlowBlock passthrough_block(const Table& t);
/// The block `est.transform(X)` makes, times `weight` when `weighted` (a string block
/// cannot be weighted: UnsupportedError).
FlowBlock transform_block(const Estimator& est, const Table& X, bool weighted, double weight);
/// np.hstack of the blocks: numeric when every block is (hstack), else a positional Table
/// (numpy's object array) of every block's columns.
TableTransform hstack_flows(std::vector<FlowBlock> blocks, std::size_t rows);

// ---- The documents / sparse path (sparse_flow.cpp).

/// Between steps after a vectorizer: a CSR matrix or a dense numeric array.
using SparseFlow = std::variant<Matrix, CsrMatrix>;
/// A transform result as a flow (a dense result must be numeric 2-d with `rows` rows); its
/// dtype in `dtype` (float64 for CSR).
SparseFlow as_flow(SparseTransform t, const Estimator& who, std::size_t rows,
                   DType* dtype = nullptr);
/// est.transform of a flow: sparse where the estimator keeps it sparse.
SparseFlow transform_sparse_flow(const Estimator& est, const SparseFlow& X,
                                 DType* dtype = nullptr);
/// est.run(m) on a flow (run_sparse for CSR).
NdArray run_flow(const Estimator& est, Method m, const SparseFlow& X);
/// A flow as a dense 2-d array of `dtype` (CSR densified, capped).
NdArray flow_array(const SparseFlow& X, const DType& dtype);
Matrix flow_matrix(SparseFlow X);
/// scipy.sparse.hstack(blocks).tocsr().
CsrMatrix hstack_csr(const std::vector<SparseFlow>& blocks, std::int64_t rows);
/// The one string column of X as documents (InputError for another type, a missing value,
/// or not exactly one column); `who` names the caller.
std::vector<std::string_view> column_documents(const Table& X, const std::string& who);

/// The builders and writers registered in register.cpp (pipeline.cpp, feature_union.cpp).
std::unique_ptr<Pipeline> build_pipeline(const ObjectView& obj);
void save_pipeline(const Pipeline& p, ObjectWriter& w);
std::unique_ptr<FeatureUnion> build_feature_union(const ObjectView& obj);
void save_feature_union(const FeatureUnion& u, ObjectWriter& w);

}  // namespace skops::estimators::detail::pipeline
