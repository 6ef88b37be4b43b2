#pragma once
/// \file decomposition.hpp
/// sklearn.decomposition's projections as C++ estimators: PCA and TruncatedSVD, with native
/// constructors.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

/// sklearn.decomposition.PCA: (X - mean_) @ components_.T, divided by
/// sqrt(explained_variance_) when whiten.
class PCA final : public TransformerBase {
 public:
  /// components: n_components × n_features, row-major.
  PCA(Matrix components, std::vector<double> mean, std::vector<double> explained_variance,
      bool whiten = false);
  const Matrix& components() const noexcept { return components_; }
  const std::vector<double>& mean() const noexcept { return mean_; }
  const std::vector<double>& explained_variance() const noexcept { return explained_variance_; }
  bool whiten() const noexcept { return whiten_; }
  /// scikit-learn ≥ 1.5 computes X @ C.T - mean @ C.T (rounding differs in the last bits),
  /// earlier versions (X - mean) @ C.T; set from the file's _sklearn_version. A native PCA
  /// centres first, as the versions it can be written for (1.2.1, 1.4.2) do.
  void set_centered_after_projection(bool v) noexcept { centered_after_ = v; }
  /// scikit-learn ≥ 1.4 forms the precision matrix as `C.T @ inv @ C` (left to right), earlier
  /// versions as `C.T · (inv · C)`; the lemma's cancellation makes the order visible (~1e-11
  /// in score_samples). Set from the file's _sklearn_version before set_noise_variance; a
  /// native PCA uses the earlier order.
  void set_matmul_left_to_right(bool v) noexcept { matmul_left_to_right_ = v; }
  /// Enables score_samples (the probabilistic PCA log-likelihood) with this noise variance;
  /// needs explained_variance.
  void set_noise_variance(double v);
  double noise_variance() const noexcept { return noise_variance_; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// X @ components_ + mean_ (whitened: components_ scaled by sqrt(explained_variance_)).
  NdArray inverse_transform(const MatrixView& X) const;

 protected:
  NdArray do_transform(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 private:
  NdArray score_samples_impl(const MatrixView& X) const;

  Matrix components_;
  std::vector<double> mean_, explained_variance_;
  bool whiten_;
  bool centered_after_ = false;
  bool matmul_left_to_right_ = false;
  double noise_variance_ = std::numeric_limits<double>::quiet_NaN();
  Matrix precision_;
  double logdet_precision_ = 0.0;
};

/// sklearn.decomposition.TruncatedSVD: X @ components_.T.
class TruncatedSVD final : public TransformerBase {
 public:
  explicit TruncatedSVD(Matrix components);
  const Matrix& components() const noexcept { return components_; }
  /// X @ components_.
  NdArray inverse_transform(const MatrixView& X) const;
  /// CSR input: X @ components_.T over the stored entries (a dense result).
  bool accepts_sparse() const noexcept override { return true; }

 protected:
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;
  NdArray do_transform(const MatrixView& X) const override;
  bool has_inverse_transform() const noexcept override { return true; }
  NdArray do_inverse_transform(const MatrixView& X) const override { return inverse_transform(X); }

 private:
  Matrix components_;
};

}  // namespace skops::estimators

#include "skops/compat/decomposition.hpp"  // spellings before 0.2, for one release
