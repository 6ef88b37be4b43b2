#pragma once
// Helpers shared by the ensembles of other estimators (AdaBoost, Bagging, IsolationForest,
// Voting, Stacking): numpy's summation order, label matching, reading and writing lists of
// sub-estimators.

#include <cstdint>
#include <string>
#include <vector>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators::detail::ensemble {


/// np.logaddexp (numpy/core/src/npymath/npy_math_internal.h.src, npy_logaddexp).
double logaddexp(double x, double y) noexcept;

/// A numeric 1-d (as one column) or 2-d result of a sub-estimator as float64 values.
/// Throws UnsupportedError for other shapes or dtypes, naming `what`.
Matrix result_matrix(const NdArray& a, const std::string& what);

/// The columns `features` of X (numpy `X[:, features]`).
Matrix take_columns(const MatrixView& X, const std::vector<std::int64_t>& features);

/// For each label of a 1-d `labels` array, its position in `classes` or -1 (numpy `==`:
/// numbers compare by value, strings by text, numbers never equal strings).
std::vector<std::int64_t> label_positions(const NdArray& labels, const NdArray& classes);

/// Labels predicted by an estimator fitted on positions 0..k-1 (LabelEncoder output), as
/// positions. Throws UnsupportedError when a value is not an integer in [0, k).
std::vector<std::int64_t> encoded_positions(const NdArray& labels, std::int64_t k,
                                            const std::string& what);

/// Builds every item of a list attribute as an estimator (non-empty list required).
std::vector<EstimatorPtr> read_estimators(const ObjectView& obj, const std::string& key);

/// One int array of column indices per estimator, each in [0, n_features).
std::vector<std::vector<std::int64_t>> read_feature_lists(const ObjectView& obj,
                                                          const std::string& key, std::size_t count,
                                                          std::int64_t n_features);

/// The (name, estimator) tuples of the `estimators` constructor parameter: names in order
/// and, per name, whether it is 'drop'. Absent parameter: empty.
struct NamedParam {
  std::vector<std::string> names;
  std::vector<bool> dropped;
};
NamedParam read_named_param(const ObjectView& obj);

/// A numeric list/tuple/array attribute as doubles (weights).
std::vector<double> read_number_list(const ValueView& v);

/// Saves estimators as a list node (shared with other references through the memo).
NodePtr save_estimator_list(ObjectWriter& w, const std::vector<EstimatorPtr>& estimators);

/// named_estimators_ as scikit-learn writes it: a sklearn.utils._bunch.Bunch (a dict) of
/// name → estimator node ('drop' for dropped names when `drops` is given).
NodePtr bunch_of(const std::vector<std::string>& names, const std::vector<NodePtr>& estimators);


/// classes_ of the LabelEncoder attribute `key` (what inverse_transform maps positions
/// to), or the estimator's classes_ when that attribute is absent.
NdArray encoder_classes(const ObjectView& obj, const std::string& key);

/// A numpy int64 0-d scalar node.
NodePtr int64_scalar(std::int64_t v);

/// Name of a Method as the attribute scikit-learn uses ("predict_proba"...).
std::string method_attr(Method m);
/// Throws ValidationError (at `v`) unless the string is a stacking method.
Method stack_method_from(const ValueView& v);

}  // namespace skops::estimators::detail::ensemble
