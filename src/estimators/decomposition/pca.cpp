// PCA and TruncatedSVD projections (sklearn.decomposition), needed by the FeatureUnion and
// Pipeline models that hold them.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/decomposition/_base.py#L100-L128
// https://github.com/scikit-learn/scikit-learn/blob/1.4.2/sklearn/decomposition/_base.py still
// centres first; later versions centre after the projection (`_BasePCA._transform`).

#include <cmath>
#include <limits>

#include "estimators/utils/extmath.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/utils/versions.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/sparse.hpp"
#include "estimators/decomposition/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {
// inverse_transform takes projected rows: one column per component. scikit-learn applies no
// other check there (NaN propagates through the product).
void check_components_input(const Estimator& e, const MatrixView& X, Eigen::Index n_components) {
  if (X.rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     e.type_name());
  }
  if (X.cols() != n_components) {
    throw InputError("X has " + std::to_string(X.cols()) + " columns, but " + e.type_name() +
                     " has " + std::to_string(n_components) + " components");
  }
}
}  // namespace

PCA::PCA(Matrix components, std::vector<double> mean, std::vector<double> explained_variance,
         bool whiten)
    : components_(std::move(components)),
      mean_(std::move(mean)),
      explained_variance_(std::move(explained_variance)),
      whiten_(whiten) {
  if (components_.rows() < 1 || components_.cols() < 1)
    throw ValidationError("PCA: components_ is empty");
  if (static_cast<Eigen::Index>(mean_.size()) != components_.cols()) {
    throw ValidationError("PCA: mean_ length differs from the columns of components_");
  }
  if (whiten_ && static_cast<Eigen::Index>(explained_variance_.size()) != components_.rows()) {
    throw ValidationError("PCA: explained_variance_ length differs from the rows of components_");
  }
  set_type_name("sklearn.decomposition._pca.PCA");
  set_n_features_in(components_.cols());
}

NdArray PCA::do_transform(const MatrixView& X) const {
  check_finite_input(X);
  const Eigen::Map<const Eigen::RowVectorXd> mean(mean_.data(),
                                                  static_cast<Eigen::Index>(mean_.size()));
  Matrix out;
  if (centered_after_) {
    // scikit-learn after 1.4: X @ C.T - mean @ C.T (products in reference BLAS order, so
    // that a row transforms the same alone as in a batch, and as numpy computes it).
    out = detail::reference_product_nt(X, components_);
    const Matrix shift = detail::reference_product_nt(Matrix(mean), components_);
    out.rowwise() -= shift.row(0);
  } else {
    const Matrix centered = X.rowwise() - mean;
    out = detail::reference_product_nt(centered, components_);
  }
  if (whiten_) {
    for (Eigen::Index k = 0; k < out.cols(); ++k) {
      double s = std::sqrt(explained_variance_[static_cast<std::size_t>(k)]);
      if (centered_after_ && s < std::numeric_limits<double>::epsilon())
        s = std::numeric_limits<double>::epsilon();
      out.col(k) /= s;
    }
  }
  return to_ndarray(out);
}

namespace {
// A matrix product in the order numpy's reference-BLAS dgemm/dsyrk (Debian's libblas, under
// both reference environments) computes it: each entry one sequential sum over the inner
// index, from 0. The lemma below cancels most of its terms (by up to explained_variance^2 /
// noise_variance when whitened), so a blocked or vectorised product drifts by ~1e-11 relative.
Matrix sequential_product(const Matrix& a, const Matrix& b) {
  Matrix out(a.rows(), b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < b.cols(); ++j) {
      double s = 0.0;
      for (Eigen::Index l = 0; l < a.cols(); ++l) s += a(i, l) * b(l, j);
      out(i, j) = s;
    }
  }
  return out;
}
}  // namespace

// get_precision() as _BasePCA computes it, with its operation order. Noise variance 0 (all
// components kept): scipy.linalg.inv(get_covariance()). Otherwise the matrix inversion lemma:
// 1.2.1 np.dot(C.T, np.dot(inv, C)); 1.4.2 C.T @ inv @ C (left to right).
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/decomposition/_base.py#L25-L84
// https://github.com/scikit-learn/scikit-learn/blob/1.4.2/sklearn/decomposition/_base.py#L30-L103
void PCA::set_noise_variance(double v) {
  noise_variance_ = v;
  const Eigen::Index k = components_.rows(), n = components_.cols();
  precision_.resize(0, 0);
  if (static_cast<Eigen::Index>(explained_variance_.size()) != k || !(v >= 0.0) ||
      !std::isfinite(v)) {
    return;
  }
  Matrix comp = components_;
  if (whiten_) {
    for (Eigen::Index r = 0; r < k; ++r)
      comp.row(r) *= std::sqrt(explained_variance_[static_cast<std::size_t>(r)]);
  }
  const Matrix comp_t = comp.transpose();
  const auto diff = [&](Eigen::Index r) {
    return std::max(explained_variance_[static_cast<std::size_t>(r)] - v, 0.0);
  };
  if (v == 0.0) {
    // get_covariance(): (C.T * exp_var_diff) @ C, noise variance added on the diagonal.
    Matrix scaled = comp_t;
    for (Eigen::Index r = 0; r < k; ++r) scaled.col(r) *= diff(r);
    Matrix cov = sequential_product(scaled, comp);
    for (Eigen::Index r = 0; r < n; ++r) cov(r, r) += v;
    Matrix inv;
    if (!detail::decomposition::reference_inverse(cov, inv)) return;  // scipy: singular matrix
    precision_ = std::move(inv);
  } else {
    Matrix inner = sequential_product(comp, comp_t) / v;
    for (Eigen::Index r = 0; r < k; ++r) inner(r, r) += 1.0 / diff(r);
    Matrix inner_inv;
    if (!detail::decomposition::reference_inverse(inner, inner_inv)) return;
    precision_ = matmul_left_to_right_
                     ? sequential_product(sequential_product(comp_t, inner_inv), comp)
                     : sequential_product(comp_t, sequential_product(inner_inv, comp));
    precision_ /= -(v * v);
    for (Eigen::Index r = 0; r < n; ++r) precision_(r, r) += 1.0 / v;
  }
  // fast_logdet: slogdet's log|det|, -inf unless the sign is positive.
  int sign = 0;
  const double logdet = detail::decomposition::reference_logdet(precision_, sign);
  logdet_precision_ = sign > 0 ? logdet : -std::numeric_limits<double>::infinity();
}

bool PCA::supports(Method m) const noexcept {
  return m == Method::Transform || m == Method::InverseTransform ||
         (m == Method::ScoreSamples && precision_.size() > 0);
}

NdArray PCA::inverse_transform(const MatrixView& X) const {
  check_components_input(*this, X, components_.rows());
  if (!whiten_) {
    Matrix out = X * components_;
    out.rowwise() +=
        Eigen::Map<const Eigen::RowVectorXd>(mean_.data(), static_cast<Eigen::Index>(mean_.size()));
    return to_ndarray(out);
  }
  if (static_cast<Eigen::Index>(explained_variance_.size()) != components_.rows()) {
    throw UnsupportedError(type_name() +
                           ": inverse_transform of a whitened PCA needs explained_variance_");
  }
  Matrix scaled = components_;
  for (Eigen::Index k = 0; k < scaled.rows(); ++k) {
    scaled.row(k) *= std::sqrt(explained_variance_[static_cast<std::size_t>(k)]);
  }
  Matrix out = X * scaled;
  out.rowwise() +=
      Eigen::Map<const Eigen::RowVectorXd>(mean_.data(), static_cast<Eigen::Index>(mean_.size()));
  return to_ndarray(out);
}

NdArray PCA::run(Method m, const MatrixView& X) const {
  if (m == Method::ScoreSamples && precision_.size() > 0) return score_samples_impl(X);
  return TransformerBase::run(m, X);
}

NdArray PCA::score_samples_impl(const MatrixView& X) const {
  check_finite_input(X);
  const Eigen::Map<const Eigen::RowVectorXd> mean(mean_.data(),
                                                  static_cast<Eigen::Index>(mean_.size()));
  const Matrix Xr = X.rowwise() - mean;
  const Matrix XP = sequential_product(Xr, precision_);
  const double n = static_cast<double>(X.cols());
  const double pi = 3.14159265358979323846;
  Eigen::VectorXd out(X.rows());
  std::vector<double> prod(static_cast<std::size_t>(X.cols()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    // (Xr * XP).sum(axis=1): numpy's pairwise sum of each row.
    for (Eigen::Index j = 0; j < X.cols(); ++j) prod[static_cast<std::size_t>(j)] = Xr(i, j) * XP(i, j);
    const double s = detail::numpy_sum(prod.data(), X.cols());
    out(i) = -0.5 * s;
    out(i) -= 0.5 * (n * std::log(2.0 * pi) - logdet_precision_);
  }
  return to_ndarray(out);
}

TruncatedSVD::TruncatedSVD(Matrix components) : components_(std::move(components)) {
  if (components_.rows() < 1 || components_.cols() < 1)
    throw ValidationError("TruncatedSVD: components_ is empty");
  set_type_name("sklearn.decomposition._truncated_svd.TruncatedSVD");
  set_n_features_in(components_.cols());
}

NdArray TruncatedSVD::do_transform(const MatrixView& X) const {
  check_finite_input(X);
  return to_ndarray(detail::reference_product_nt(X, components_));
}

NdArray TruncatedSVD::on_sparse(Method m, const CsrMatrix& X) const {
  if (m != Method::Transform) return Estimator::on_sparse(m, X);
  detail::check_finite_sparse(*this, X);
  return to_ndarray(detail::csr_times_transpose(X, components_));
}

NdArray TruncatedSVD::inverse_transform(const MatrixView& X) const {
  check_components_input(*this, X, components_.rows());
  return to_ndarray(Matrix(X * components_));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::decomposition {

namespace {

Matrix components_of(const ObjectView& obj, std::int64_t n) {
  const auto v = obj.at("components_");
  const NdArray a = v.as_array();
  if (a.dtype().kind() != DTypeKind::Float || a.ndim() != 2)
    v.fail("components_ must be a 2-d float array");
  if (a.dim(1) != n)
    v.fail("components_ has " + std::to_string(a.dim(1)) + " columns, n_features_in_ is " +
           std::to_string(n));
  if (a.dim(0) < 1) v.fail("components_ is empty");
  return to_matrix(a);
}

NodePtr matrix_node(const Matrix& m) { return make::array(to_ndarray(m)); }

}  // namespace

void save_svd(const TruncatedSVD& e, ObjectWriter& w) {
  const auto k = e.components().rows();
  w.set_default("algorithm", make::str("randomized"));
  w.set_default("n_components", make::integer(k));
  w.set_default("n_iter", make::integer(5));
  w.set_default("n_oversamples", make::integer(10));
  w.set_default("power_iteration_normalizer", make::str("auto"));
  w.set_default("random_state", make::none());
  w.set_default("tol", make::real(0.0));
  w.set_int("n_features_in_", e.n_features_in());
  w.set("components_", matrix_node(e.components()));
  const std::vector<double> ones(static_cast<std::size_t>(k), 1.0);
  w.set_default("explained_variance_", detail::float_array_node(ones));
  w.set_default("explained_variance_ratio_", detail::float_array_node(ones));
  w.set_default("singular_values_", detail::float_array_node(ones));
}

std::unique_ptr<TruncatedSVD> build_svd(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  auto est =
      detail::located(obj, [&] { return std::make_unique<TruncatedSVD>(components_of(obj, n)); });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_pca(const PCA& e, ObjectWriter& w) {
  const auto k = e.components().rows();
  w.set_default("n_components", make::integer(k));
  w.set_default("copy", make::boolean(true));
  w.set_default("whiten", make::boolean(e.whiten()));
  w.set_default("svd_solver", make::str("auto"));
  w.set_default("tol", make::real(0.0));
  w.set_default("iterated_power", make::str("auto"));
  w.set_default("n_oversamples", make::integer(10));
  w.set_default("power_iteration_normalizer", make::str("auto"));
  w.set_default("random_state", make::none());
  w.set_int("n_features_in_", e.n_features_in());
  w.set_default("_fit_svd_solver", make::str("full"));
  w.set("mean_", detail::float_array_node(e.mean()));
  const double nv = std::isnan(e.noise_variance()) ? 0.0 : e.noise_variance();
  w.set_default("noise_variance_",
                make::numpy_scalar(NdArray::from_vector(std::vector<double>{nv}, {})));
  w.set_default("n_samples_", make::integer(k + 1));
  w.set("components_", matrix_node(e.components()));
  w.set_default("n_components_", make::integer(k));
  std::vector<double> var = e.explained_variance();
  if (var.empty()) var.assign(static_cast<std::size_t>(k), 1.0);
  w.set_default("explained_variance_", detail::float_array_node(var));
  w.set_default("explained_variance_ratio_", detail::float_array_node(var));
  w.set_default("singular_values_", detail::float_array_node(var));
}

std::unique_ptr<PCA> build_pca(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  Matrix c = components_of(obj, n);
  const bool whiten = detail::flag(obj, "whiten", false);
  auto var = whiten ? detail::float_vector(obj, "explained_variance_", c.rows())
                    : detail::optional_float_vector(obj, "explained_variance_", c.rows());
  auto est = detail::located(obj, [&] {
    return std::make_unique<PCA>(c, detail::float_vector(obj, "mean_", n), var, whiten);
  });
  // 1.4.2 still centres first (checked against its outputs); the change came with 1.5.
  est->set_centered_after_projection(detail::file_at_least(obj, 1, 5));
  // get_precision's product order changed with 1.4's array-API rewrite (np.dot → @).
  est->set_matmul_left_to_right(detail::file_at_least(obj, 1, 4));
  if (auto nv = obj.find("noise_variance_"); nv && !nv->is_none())
    est->set_noise_variance(nv->as_double());
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::decomposition
