#pragma once
/// \file naive_bayes.hpp
/// scikit-learn's naive Bayes classifiers (`sklearn.naive_bayes`): GaussianNB, MultinomialNB,
/// ComplementNB, BernoulliNB and CategoricalNB, loaded from `.skops` files or built natively.
///
/// Methods: predict, predict_proba, predict_log_proba. All follow `_BaseNB`: the joint log
/// likelihood `jll` of each class, predict = classes_[argmax(jll)] (first maximum),
/// predict_log_proba = jll - logsumexp(jll) (scipy's max-shifted form), predict_proba =
/// exp(predict_log_proba).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"

namespace skops::estimators {

/// The fitted state of a GaussianNB (arrays as scikit-learn names them).
struct GaussianNBParams {
  NdArray classes;       ///< (k,) labels: int, float, bool or unicode
  NdArray theta;         ///< theta_ (k, f) class means
  NdArray var;           ///< var_ (k, f) class variances (sigma_ before scikit-learn 1.0)
  NdArray class_prior;   ///< class_prior_ (k,)
  NdArray class_count;   ///< class_count_ (k,), optional (empty: not written)
  double epsilon = 0.0;  ///< epsilon_ (only used by partial_fit)
  double var_smoothing = 1e-9;
};

class GaussianNB final : public Estimator {
 public:
  /// Validates shapes (theta_/var_ (k, f), class_prior_ (k,), real dtypes) and builds.
  /// Throws ValidationError.
  static std::unique_ptr<GaussianNB> from_arrays(GaussianNBParams p);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// The unnormalised joint log likelihood (n, k) (`_joint_log_likelihood`).
  Matrix joint_log_likelihood(const MatrixView& X) const;

  const GaussianNBParams& params() const noexcept { return p_; }
  /// Internal: the attribute the variances were read from ("var_" or "sigma_") and the
  /// node of classes_ (kept for a lossless re-save).
  std::string var_key_ = "var_";
  NodePtr classes_node_;

 private:
  GaussianNBParams p_;
  Matrix theta_, var_;
  Eigen::VectorXd log_prior_, log_norm_;
};

enum class DiscreteNBKind { Multinomial, Complement, Bernoulli };

/// The fitted state of MultinomialNB / ComplementNB / BernoulliNB.
struct DiscreteNBParams {
  DiscreteNBKind kind = DiscreteNBKind::Multinomial;
  NdArray classes;           ///< (k,)
  NdArray feature_log_prob;  ///< feature_log_prob_ (k, f)
  NdArray class_log_prior;   ///< class_log_prior_ (k,)
  /// Optional counts (empty: not written).
  NdArray class_count, feature_count, feature_all;
  double alpha = 1.0;
  bool fit_prior = true;
  /// BernoulliNB: threshold of `binarize` (x > threshold → 1), or none.
  bool has_binarize = true;
  double binarize = 0.0;
  /// ComplementNB's `norm` (fit-time only).
  bool norm = false;
};

class DiscreteNB final : public Estimator {
 public:
  /// Throws ValidationError (shapes, dtypes, label count).
  static std::unique_ptr<DiscreteNB> from_arrays(DiscreteNBParams p);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  Matrix joint_log_likelihood(const MatrixView& X) const;
  /// CSR input: the product over stored entries (BernoulliNB binarizes them; a negative
  /// threshold is refused for sparse input, as scikit-learn's binarize).
  bool accepts_sparse() const noexcept override { return true; }
  Matrix joint_log_likelihood(const CsrMatrix& X) const;

  const DiscreteNBParams& params() const noexcept { return p_; }
  NodePtr classes_node_;  ///< internal: classes_ as read

 protected:
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;

 private:
  DiscreteNBParams p_;
  Matrix w_;              // (k, f) weights multiplied with X
  Eigen::VectorXd bias_;  // (k,) added after the product (may be empty)
};

/// CategoricalNB: X is cast to int (truncation, as numpy's astype), every value must be a
/// category index in [0, n_categories_[j]).
struct CategoricalNBParams {
  NdArray classes;                        ///< (k,)
  std::vector<NdArray> feature_log_prob;  ///< per feature (k, n_categories_j)
  NdArray class_log_prior;                ///< (k,)
  NdArray class_count;                    ///< (k,) required (scikit-learn's predict reads it)
  std::vector<NdArray> category_count;    ///< optional, per feature (k, n_categories_j)
  double alpha = 1.0;
  bool fit_prior = true;
};

class CategoricalNB final : public Estimator {
 public:
  static std::unique_ptr<CategoricalNB> from_arrays(CategoricalNBParams p);

  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// Throws InputError for negative values or categories never seen in fit.
  Matrix joint_log_likelihood(const MatrixView& X) const;

  const CategoricalNBParams& params() const noexcept { return p_; }
  NodePtr classes_node_;

 private:
  CategoricalNBParams p_;
  std::vector<Matrix> flp_;
  Eigen::VectorXd prior_;
};

}  // namespace skops::estimators
