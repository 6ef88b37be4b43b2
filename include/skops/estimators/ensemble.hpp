#pragma once
/// \file ensemble.hpp
/// sklearn.ensemble: the tree ensembles that can be built natively
/// (RandomForest{Classifier,Regressor}, ExtraTrees{Classifier,Regressor}) and the ensembles
/// of other estimators (AdaBoost, Bagging, IsolationForest, Voting, Stacking), loaded from
/// `.skops` files or built natively from already built sub-estimators (any registered
/// estimator, shared and immutable). Gradient boosting models are loaded from files; their
/// classes are internal.
///
/// Forests average their trees as scikit-learn does: the per-tree probabilities (or
/// predictions) are summed in tree order and divided by the number of trees. Each ensemble
/// follows scikit-learn's arithmetic step by step (summation order included), so the
/// outputs equal scikit-learn's to the last bit wherever the sub-estimators' do.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/tree.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

/// RandomForestClassifier / ExtraTreesClassifier. Methods: predict, predict_proba,
/// predict_log_proba (single output), apply (leaf ids, shape (n, n_estimators)).
class ForestClassifier final : public Estimator {
 public:
  /// A forest of fitted trees (same n_features and classes) with the given labels per
  /// output. `extra` names it ExtraTreesClassifier. Throws ValidationError.
  static std::unique_ptr<ForestClassifier> from_trees(
      std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees,
      std::vector<NdArray> classes, bool extra = false);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// Averaged class probabilities of every output.
  std::vector<Matrix> predict_proba_outputs(const MatrixView& X) const;

  const std::vector<std::shared_ptr<const DecisionTreeClassifier>>& trees() const noexcept {
    return trees_;
  }
  const std::vector<NdArray>& classes() const noexcept { return classes_; }

  // Internal (builders and writers).
  ForestClassifier(std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees,
                   std::vector<NdArray> classes, bool multi_output_classes);
  bool multi_output_classes() const noexcept { return multi_output_; }

 private:
  std::vector<std::shared_ptr<const DecisionTreeClassifier>> trees_;
  std::vector<NdArray> classes_;
  bool multi_output_ = false;
};

/// RandomForestRegressor / ExtraTreesRegressor. Methods: predict, apply.
class ForestRegressor final : public Estimator {
 public:
  /// `extra` names it ExtraTreesRegressor. Throws ValidationError.
  static std::unique_ptr<ForestRegressor> from_trees(
      std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees, bool extra = false);

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const std::vector<std::shared_ptr<const DecisionTreeRegressor>>& trees() const noexcept {
    return trees_;
  }

  // Internal (builders and writers).
  explicit ForestRegressor(std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees);

 private:
  std::vector<std::shared_ptr<const DecisionTreeRegressor>> trees_;
};

/// sklearn.ensemble.AdaBoostClassifier. Methods: predict, predict_proba, predict_log_proba,
/// decision_function (shape (n,) for two classes, else (n, n_classes)).
class AdaBoostClassifier final : public Estimator {
 public:
  enum class Algorithm { Samme, SammeR };

  /// `estimators` are fitted classifiers over `classes` (SAMME.R needs predict_proba with
  /// one column per class, SAMME needs predict returning labels of `classes`);
  /// `weights` has at least one entry per estimator (scikit-learn keeps n_estimators
  /// entries, zero for stages never fitted). `symmetric_samme` selects the SAMME decision
  /// of scikit-learn >= 1.3 (a wrong vote scores -w/(K-1); before 1.3 it scores 0).
  /// Throws ValidationError (fewer than 2 classes, empty estimators, too few weights).
  AdaBoostClassifier(std::vector<EstimatorPtr> estimators, std::vector<double> weights,
                     NdArray classes, Algorithm algorithm, bool symmetric_samme = true);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// decision_function as an (n, K) matrix before the binary column fold.
  Matrix class_scores(const MatrixView& X) const;

  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const std::vector<double>& weights() const noexcept { return weights_; }
  const NdArray& classes() const noexcept { return classes_; }
  Algorithm algorithm() const noexcept { return algorithm_; }
  bool symmetric_samme() const noexcept { return symmetric_samme_; }

 private:
  std::vector<EstimatorPtr> estimators_;
  std::vector<double> weights_;
  NdArray classes_;
  Algorithm algorithm_;
  bool symmetric_samme_;
};

/// sklearn.ensemble.AdaBoostRegressor: the weighted median of the regressors' predictions.
class AdaBoostRegressor final : public Estimator {
 public:
  /// Throws ValidationError (empty estimators, fewer weights than estimators).
  AdaBoostRegressor(std::vector<EstimatorPtr> estimators, std::vector<double> weights);

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const std::vector<double>& weights() const noexcept { return weights_; }

 private:
  std::vector<EstimatorPtr> estimators_;
  std::vector<double> weights_;
};

/// Common part of BaggingClassifier/BaggingRegressor: estimator i sees the columns
/// features[i] of X (repeats allowed). `n_jobs` reproduces scikit-learn's partition of the
/// estimators into jobs, which fixes the order of the sums (values < 1 count as 1 job).
struct BaggingMembers {
  std::vector<EstimatorPtr> estimators;
  std::vector<std::vector<std::int64_t>> features;
  std::int64_t n_features = 0;
  std::int64_t n_jobs = 1;
};

/// sklearn.ensemble.BaggingClassifier. Methods: predict, predict_proba, predict_log_proba,
/// decision_function (when the estimators have it). Estimators are fitted on label
/// positions 0..K-1: their classes_ (given per estimator, as int positions) may be a
/// subset; estimators without predict_proba vote with predict.
class BaggingClassifier final : public Estimator {
 public:
  /// `estimator_classes[i]`: the class positions estimator i knows. Throws ValidationError.
  BaggingClassifier(BaggingMembers members, NdArray classes,
                    std::vector<std::vector<std::int64_t>> estimator_classes);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  Matrix predict_proba_matrix(const MatrixView& X) const;

  const BaggingMembers& members() const noexcept { return m_; }
  const NdArray& classes() const noexcept { return classes_; }
  const std::vector<std::vector<std::int64_t>>& estimator_classes() const noexcept {
    return estimator_classes_;
  }

 private:
  BaggingMembers m_;
  NdArray classes_;
  std::vector<std::vector<std::int64_t>> estimator_classes_;
};

/// sklearn.ensemble.BaggingRegressor. Methods: predict.
class BaggingRegressor final : public Estimator {
 public:
  /// Throws ValidationError.
  explicit BaggingRegressor(BaggingMembers members);

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

  const BaggingMembers& members() const noexcept { return m_; }

 private:
  BaggingMembers m_;
};

/// sklearn.ensemble.IsolationForest. Methods: score_samples, decision_function
/// (score_samples - offset_), predict (1 inlier, -1 outlier; int64).
class IsolationForest final : public Estimator {
 public:
  /// One isolation tree: its regressor, its estimators_features_ entry, and per node the
  /// number of nodes on the path from the root (root = 1) and the average path length of the
  /// node's training samples (scikit-learn's `_decision_path_lengths` and
  /// `_average_path_length_per_tree`). A tree sees X[:, features] when max_features differs
  /// from n_features, else all of X (scikit-learn's `_max_features` test).
  struct Member {
    std::shared_ptr<const DecisionTreeRegressor> tree;
    std::vector<std::int64_t> features;
    std::vector<double> path_lengths;
    std::vector<double> average_path_length;
  };
  /// Throws ValidationError (shapes, features out of range, empty forest).
  IsolationForest(std::vector<Member> members, std::int64_t n_features, std::int64_t max_features,
                  std::int64_t max_samples, double offset);
  /// From fitted isolation trees (built as ExtraTreeRegressor; each needs n_node_samples,
  /// the training samples per node) and their estimators_features_ entries.
  static std::unique_ptr<IsolationForest> from_trees(
      const std::vector<TreeArrays>& trees, std::vector<std::vector<std::int64_t>> features,
      std::int64_t n_features, std::int64_t max_features, std::int64_t max_samples, double offset);

  Role role() const noexcept override { return Role::OutlierDetector; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  Eigen::VectorXd score_samples_vector(const MatrixView& X) const;

  const std::vector<Member>& members() const noexcept { return members_; }
  std::int64_t max_samples() const noexcept { return max_samples_; }
  std::int64_t max_features() const noexcept { return max_features_; }
  double offset() const noexcept { return offset_; }

 private:
  std::vector<Member> members_;
  std::int64_t max_features_;
  std::int64_t max_samples_;
  double offset_;
};

/// scikit-learn's `_average_path_length` of one sample count.
double isolation_average_path_length(double n_samples);

/// sklearn.ensemble.VotingClassifier. Estimators are fitted on label positions 0..K-1
/// (le_). Methods: predict; predict_proba (soft voting); transform (soft: probabilities
/// side by side when flatten_transform, hard: the estimators' label positions, int64).
class VotingClassifier final : public Estimator {
 public:
  /// `names` (one per estimator) are written as named_estimators_; `weights` empty or one
  /// per estimator. Throws ValidationError.
  VotingClassifier(std::vector<EstimatorPtr> estimators, std::vector<std::string> names,
                   NdArray classes, bool soft, std::vector<double> weights,
                   bool flatten_transform = true);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  const NdArray& classes() const noexcept { return classes_; }
  bool soft() const noexcept { return soft_; }
  const std::vector<double>& weights() const noexcept { return weights_; }
  bool flatten_transform() const noexcept { return flatten_; }

 private:
  Matrix average_proba(const MatrixView& X) const;
  std::vector<std::int64_t> hard_votes(const MatrixView& X, std::int64_t* n_cols) const;

  std::vector<EstimatorPtr> estimators_;
  std::vector<std::string> names_;
  NdArray classes_;
  bool soft_;
  std::vector<double> weights_;
  bool flatten_;
};

/// sklearn.ensemble.VotingRegressor. Methods: predict (weighted mean), transform.
class VotingRegressor final : public Estimator {
 public:
  /// Throws ValidationError.
  VotingRegressor(std::vector<EstimatorPtr> estimators, std::vector<std::string> names,
                  std::vector<double> weights);

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override {
    return m == Method::Predict || m == Method::Transform;
  }
  NdArray run(Method m, const MatrixView& X) const override;

  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  const std::vector<double>& weights() const noexcept { return weights_; }

 private:
  Matrix predictions(const MatrixView& X) const;

  std::vector<EstimatorPtr> estimators_;
  std::vector<std::string> names_;
  std::vector<double> weights_;
};

/// sklearn.ensemble.StackingClassifier / StackingRegressor. transform = the estimators'
/// stack_method_ outputs side by side (1-d outputs as a column; for a binary classifier the
/// first predict_proba column is dropped), then X when passthrough. The final estimator
/// runs on that. The classifier's estimators are fitted on label positions, and predict
/// maps the final estimator's positions back to classes_.
class Stacking final : public Estimator {
 public:
  /// `classes` empty (no ndim) for the regressor. `stack_methods` one per estimator, each
  /// "predict_proba", "decision_function" or "predict". Throws ValidationError.
  Stacking(std::vector<EstimatorPtr> estimators, std::vector<std::string> names,
           std::vector<Method> stack_methods, EstimatorPtr final_estimator, bool passthrough,
           NdArray classes);

  bool is_classifier() const noexcept { return classes_.ndim() == 1; }
  Role role() const noexcept override {
    return is_classifier() ? Role::Classifier : Role::Regressor;
  }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// The meta features (transform) as float64 and the widths of the estimators' blocks.
  Matrix meta_features(const MatrixView& X, std::vector<std::int64_t>* widths,
                       bool* all_integer) const;

  const std::vector<EstimatorPtr>& estimators() const noexcept { return estimators_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  const std::vector<Method>& stack_methods() const noexcept { return methods_; }
  const EstimatorPtr& final_estimator() const noexcept { return final_; }
  bool passthrough() const noexcept { return passthrough_; }
  const NdArray& classes() const noexcept { return classes_; }

 private:
  std::vector<EstimatorPtr> estimators_;
  std::vector<std::string> names_;
  std::vector<Method> methods_;
  EstimatorPtr final_;
  bool passthrough_;
  NdArray classes_;
};

}  // namespace skops::estimators

#include "skops/compat/ensemble.hpp"  // spellings before 0.2, for one release
