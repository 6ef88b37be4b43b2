#pragma once
// Helpers of sklearn.pipeline shared with sklearn.compose (as scikit-learn's ColumnTransformer
// uses pipeline._transform_one): step slots, sub-transforms, numpy's hstack.

#include <memory>
#include <string>

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

/// The builders and writers registered in register.cpp (pipeline.cpp, feature_union.cpp).
std::unique_ptr<Pipeline> build_pipeline(const ObjectView& obj);
void save_pipeline(const Pipeline& p, ObjectWriter& w);
std::unique_ptr<FeatureUnion> build_feature_union(const ObjectView& obj);
void save_feature_union(const FeatureUnion& u, ObjectWriter& w);

}  // namespace skops::estimators::detail::pipeline
