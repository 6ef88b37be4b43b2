#pragma once
// libsvm's prediction side as scikit-learn builds it (dense representation,
// sklearn/svm/src/libsvm/svm.cpp: Kernel::k_function, svm_predict_values,
// svm_predict_probability, multiclass_probability), reimplemented with the same evaluation
// order: dot products are BLAS ddot calls in scikit-learn ≥ 1.0, and the reference BLAS
// sums in index order, as the loops here do.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/estimators/svm.hpp"

namespace skops::estimators::detail {

class LibsvmEval {
 public:
  using Fail = std::function<void(const std::string&)>;

  /// Validates `m` (classifier: `n_classes` ≥ 2 classes; otherwise 0 for SVR/OneClassSVM)
  /// through `fail` and copies what inference needs.
  LibsvmEval(const LibsvmModel& m, std::int64_t n_classes, const Fail& fail);

  std::int64_t n_features() const noexcept { return sv_.cols(); }
  std::int64_t n_classes() const noexcept { return n_classes_; }
  bool has_probability() const noexcept { return !prob_a_.empty(); }

  /// Classifier: the k(k-1)/2 one-vs-one decision values of row x (libsvm's sign
  /// convention) into `dec`; returns the voted class index (libsvm: dec > 0 votes for i,
  /// else j; the first class with the most votes wins).
  std::int64_t ovo(const double* x, double* dec) const;
  /// Classifier with probability: libsvm's pairwise-coupled probabilities (k values).
  void probability(const double* x, double* prob) const;
  /// SVR / OneClassSVM: sum(coef * K) - rho.
  double value(const double* x) const;

 private:
  double kernel(const double* x, const double* sv) const;

  SvmKernel kernel_;
  int degree_;
  double gamma_, coef0_;
  Matrix sv_;    // support vectors, grouped by class
  Matrix coef_;  // libsvm sv_coef (k - 1, n_SV)
  std::vector<double> rho_;
  std::vector<std::int64_t> start_, count_;
  std::int64_t n_classes_;
  std::vector<double> prob_a_, prob_b_;
};

/// "linear" → Linear ...; throws through fail for precomputed/callable/unknown kernels.
SvmKernel kernel_from_name(const std::string& name, const LibsvmEval::Fail& fail);
const char* kernel_name(SvmKernel k) noexcept;

}  // namespace skops::estimators::detail
