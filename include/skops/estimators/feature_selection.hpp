#pragma once
/// \file feature_selection.hpp
/// scikit-learn's filter feature selectors (`sklearn.feature_selection`): SelectKBest,
/// SelectPercentile, SelectFpr, SelectFdr, SelectFwe, GenericUnivariateSelect and
/// VarianceThreshold, loaded from `.skops` files or built natively.
///
/// `transform` keeps the columns of the support mask, computed once at build time exactly
/// as each class's `_get_support_mask` does (NaN scores replaced by the dtype's lowest
/// value, a stable sort for SelectKBest, numpy's linear percentile and its tie rule for
/// SelectPercentile). The score function (a FunctionNode such as f_classif) is never
/// called: it is only written back.
///
/// The wrapper selectors RFE, RFECV, SequentialFeatureSelector and SelectFromModel are
/// WrapperFeatureSelector: a support mask (RFE/RFECV/SFS: support_; SelectFromModel: computed
/// from estimator_.coef_ or its feature_importances_, threshold, max_features and norm_order as
/// _get_support_mask does) and,
/// for RFE/RFECV, the estimator_ that predicts on the selected columns.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

enum class SelectorKind { KBest, Percentile, Fpr, Fdr, Fwe, Generic, VarianceThreshold };

struct SelectorParams {
  SelectorKind kind = SelectorKind::KBest;
  NdArray scores;          ///< scores_ (n_features,) (univariate selectors)
  NdArray pvalues;         ///< pvalues_ (n_features,), or empty when score_func gave none
  NdArray variances;       ///< variances_ (n_features,) (VarianceThreshold)
  bool k_all = false;      ///< SelectKBest k="all" (GenericUnivariateSelect param="all")
  std::int64_t k = 10;     ///< SelectKBest
  double percentile = 10;  ///< SelectPercentile
  double alpha = 0.05;     ///< SelectFpr/Fdr/Fwe
  double threshold = 0.0;  ///< VarianceThreshold
  /// GenericUnivariateSelect: percentile, k_best, fpr, fdr, fwe; its `param` is read into
  /// k_all/k, percentile or alpha.
  std::string mode = "percentile";
  /// The score function written on native save (`module.function`).
  std::string score_func = "sklearn.feature_selection._univariate_selection.f_classif";
};

class FeatureSelector final : public Estimator {
 public:
  /// Validates (1-d real arrays of one length, parameters in range) and computes the
  /// support mask. Throws ValidationError.
  static std::unique_ptr<FeatureSelector> from_arrays(SelectorParams p);

  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override {
    return m == Method::Transform || m == Method::InverseTransform;
  }
  /// Transform: X[:, mask] (float64); no selected feature gives an (n, 0) array, as
  /// scikit-learn. InverseTransform: zeros of n_features_in_ columns, X in the selected ones.
  NdArray run(Method m, const MatrixView& X) const override;

  /// The support mask (`get_support()`).
  const std::vector<bool>& support() const noexcept { return mask_; }
  const SelectorParams& params() const noexcept { return p_; }
  /// Internal: nodes as read from a file, written back verbatim on re-save.
  std::vector<std::pair<std::string, NodePtr>> nodes_;
  /// CSR input: the selected columns, still CSR (X[:, support]).
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  SparseTransform on_sparse_transform(const CsrMatrix& X) const override;
  /// float32 input gives float32 output (transform keeps X's dtype: `dtype=None`).
  NdArray run_float32(Method m, const MatrixView& X) const override;

 private:
  SelectorParams p_;
  std::vector<bool> mask_;
  std::vector<std::int64_t> columns_;
};

/// sklearn.feature_selection.RFE, RFECV and SequentialFeatureSelector: the fitted support_
/// mask, and (RFE, RFECV) the estimator_ fitted on the selected columns. transform is
/// X[:, support_]; inverse_transform puts X back into zeros of n_features_in_ columns; predict,
/// predict_proba, predict_log_proba and decision_function run estimator_ on X[:, support_]
/// (each where estimator_ has it). Input must be finite (the estimator's allow_nan tag is not
/// followed).
class WrapperFeatureSelector final : public Estimator {
 public:
  /// `type_name` is the class's `module.Class`; `estimator` may be null (SequentialFeature-
  /// Selector), else its n_features_in must be the number of selected columns. Throws
  /// ValidationError.
  WrapperFeatureSelector(std::string type_name, std::vector<bool> support, EstimatorPtr estimator);

  Role role() const noexcept override { return estimator_ ? estimator_->role() : Role::Transformer; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const std::vector<bool>& support() const noexcept { return support_; }
  const EstimatorPtr& estimator() const noexcept { return estimator_; }

 private:
  Matrix selected(const MatrixView& X) const;
  std::vector<bool> support_;
  std::vector<Eigen::Index> columns_;
  EstimatorPtr estimator_;
};

/// The feature_importances_ scikit-learn computes for a tree-based estimator (the property
/// is not stored in files): DecisionTree / ExtraTree classifiers and regressors (the
/// normalised mean decrease in impurity of tree_), RandomForest / ExtraTrees classifiers and
/// regressors (the mean over trees with more than one node, normalised), GradientBoosting
/// classifiers and regressors (the mean of the unnormalised importances of every stage tree
/// with more than one node, normalised). Summed in scikit-learn's order, so the values are
/// bit for bit scikit-learn's. Throws UnsupportedError for any other estimator.
std::vector<double> feature_importances(const Estimator& est);

}  // namespace skops::estimators
