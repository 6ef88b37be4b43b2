// QuantileTransformer: each feature through its quantiles_ onto references_ (uniform), then
// the normal quantile function for output_distribution="normal"; inverse_transform back.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_data.py
// (QuantileTransformer._transform_col; unchanged in 1.4.2).
//
// What scikit-learn does per value, and so this file:
// - forward: bounds are decided on the input first (uniform: x equal to the first / last
//   quantile; normal: within BOUNDS_THRESHOLD = 1e-7 of them or beyond), the value is
//   0.5 * (interp(x, q, r) - interp(-x, -q[::-1], -r[::-1])) — the forward and the
//   reversed np.interp averaged, so that a run of equal quantiles maps to the middle of
//   its references — then the bound values 1 (upper) and 0 (lower, which wins) are set;
//   for normal output norm.ppf, clipped to norm.ppf(1e-7 - eps) and its mirror.
// - inverse: for normal output the input goes through norm.cdf first; bounds at 0 / 1
//   (uniform: equality; normal: within 1e-7) give the first / last quantile; otherwise
//   interp(x, r, q).
// - NaN stays NaN (scikit-learn interpolates only the non-NaN entries).

#include <algorithm>
#include <cmath>
#include <limits>

#include "estimators/preprocessing/internal.hpp"
#include "estimators/preprocessing/normal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {

constexpr double kBoundsThreshold = 1e-7;  // sklearn.preprocessing._data.BOUNDS_THRESHOLD

// np.interp(x, xp, fp) for one finite x (numpy's arr_interp, compiled_base.c): below /
// above the range the end values; otherwise the segment j with xp[j] <= x < xp[j+1] (the
// last such j when xp repeats, whatever numpy's search guess), a knot giving its own fp,
// and slope * (x - xp[j]) + fp[j] with numpy's fallbacks for non-finite results.
double np_interp(double x, const std::vector<double>& xp, const std::vector<double>& fp) {
  const std::size_t n = xp.size();
  if (x > xp[n - 1]) return fp[n - 1];
  if (x < xp[0]) return fp[0];
  if (x == xp[n - 1]) return fp[n - 1];
  const auto j = static_cast<std::size_t>(std::upper_bound(xp.begin(), xp.end(), x) - xp.begin()) - 1;
  if (j == n - 1) return fp[j];
  if (xp[j] == x) return fp[j];
  const double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  double y = slope * (x - xp[j]) + fp[j];
  if (std::isnan(y)) {
    y = slope * (x - xp[j + 1]) + fp[j + 1];
    if (std::isnan(y) && fp[j] == fp[j + 1]) y = fp[j];
  }
  return y;
}

std::vector<double> negated_reverse(const std::vector<double>& v) {
  std::vector<double> out(v.rbegin(), v.rend());
  for (double& x : out) x = -x;
  return out;
}

}  // namespace

QuantileTransformer::QuantileTransformer(std::vector<double> quantiles,
                                         std::vector<double> references, std::int64_t n_features,
                                         std::string output_distribution,
                                         bool ignore_implicit_zeros)
    : quantiles_(std::move(quantiles)),
      references_(std::move(references)),
      output_distribution_(std::move(output_distribution)),
      ignore_implicit_zeros_(ignore_implicit_zeros) {
  const auto fail = [](const std::string& what) {
    throw ValidationError("QuantileTransformer: " + what);
  };
  if (output_distribution_ != "uniform" && output_distribution_ != "normal") {
    fail("output_distribution must be 'uniform' or 'normal', got '" + output_distribution_ + "'");
  }
  normal_ = output_distribution_ == "normal";
  if (n_features < 1) fail("the number of features must be at least 1");
  const std::size_t nq = references_.size();
  if (nq < 1) fail("references_ is empty");
  if (quantiles_.size() / nq != static_cast<std::size_t>(n_features) ||
      quantiles_.size() % nq != 0) {
    fail("quantiles_ must have n_quantiles_ rows of n_features values");
  }
  for (std::size_t k = 0; k < nq; ++k) {
    const double r = references_[k];
    if (!(r >= 0.0 && r <= 1.0)) fail("references_ must lie in [0, 1]");
    if (k > 0 && r < references_[k - 1]) fail("references_ must be non-decreasing");
  }
  const auto nf = static_cast<std::size_t>(n_features);
  columns_.assign(nf, std::vector<double>(nq));
  for (std::size_t j = 0; j < nf; ++j) {
    auto& col = columns_[j];
    for (std::size_t k = 0; k < nq; ++k) {
      col[k] = quantiles_[k * nf + j];
      if (!std::isfinite(col[k])) fail("quantiles_ must be finite");
      // np.interp needs increasing sample points; fit guarantees it (np.maximum.accumulate).
      if (k > 0 && col[k] < col[k - 1]) fail("quantiles_ must be non-decreasing per feature");
    }
    reversed_columns_.push_back(negated_reverse(col));
  }
  reversed_references_ = negated_reverse(references_);
  set_type_name("sklearn.preprocessing._data.QuantileTransformer");
  set_n_features_in(n_features);
}

double QuantileTransformer::map_value(double x, std::size_t j, bool inverse) const {
  using detail::preprocessing::normal_cdf;
  using detail::preprocessing::normal_ppf;
  if (std::isnan(x)) return x;
  const std::vector<double>& q = columns_[j];
  if (!inverse) {
    const double lo_x = q.front(), hi_x = q.back();
    const bool lower = normal_ ? x - kBoundsThreshold < lo_x : x == lo_x;
    const bool upper = normal_ ? x + kBoundsThreshold > hi_x : x == hi_x;
    double y = 0.5 * (np_interp(x, q, references_) -
                      np_interp(-x, reversed_columns_[j], reversed_references_));
    if (upper) y = 1.0;
    if (lower) y = 0.0;
    if (!normal_) return y;
    // np.clip(norm.ppf(y), norm.ppf(1e-7 - eps), norm.ppf(1 - (1e-7 - eps))).
    const double eps = std::numeric_limits<double>::epsilon();
    const double clip_lo = normal_ppf(kBoundsThreshold - eps);
    const double clip_hi = normal_ppf(1.0 - (kBoundsThreshold - eps));
    return std::min(std::max(normal_ppf(y), clip_lo), clip_hi);
  }
  const double u = normal_ ? normal_cdf(x) : x;
  const bool lower = normal_ ? u - kBoundsThreshold < 0.0 : u == 0.0;
  const bool upper = normal_ ? u + kBoundsThreshold > 1.0 : u == 1.0;
  double y = np_interp(u, references_, q);
  if (upper) y = q.back();
  if (lower) y = q.front();
  return y;
}

NdArray QuantileTransformer::do_transform(const MatrixView& X) const {
  detail::check_allow_nan(*this, X);
  Matrix out(X.rows(), X.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      out(i, j) = map_value(X(i, j), static_cast<std::size_t>(j), false);
    }
  }
  return to_ndarray(out);
}

NdArray QuantileTransformer::inverse_transform(const MatrixView& X) const {
  detail::check_allow_nan(*this, X);
  Matrix out(X.rows(), X.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      out(i, j) = map_value(X(i, j), static_cast<std::size_t>(j), true);
    }
  }
  return to_ndarray(out);
}

namespace {

// check_array(accept_sparse="csc", force_all_finite="allow-nan") on the stored values.
void check_sparse_values(const Estimator& est, const CsrMatrix& X, bool refuse_negative) {
  for (std::int64_t i = 0; i < X.rows; ++i) {
    for (auto k = X.indptr[static_cast<std::size_t>(i)]; k < X.indptr[static_cast<std::size_t>(i) + 1];
         ++k) {
      const double v = X.data[static_cast<std::size_t>(k)];
      if (std::isinf(v)) {
        throw InputError(est.type_name() + ": Input contains infinity or a value too large for "
                         "dtype('float64') (row " + std::to_string(i) + ", column " +
                         std::to_string(X.indices[static_cast<std::size_t>(k)]) + ")");
      }
      if (refuse_negative && v < 0) {
        throw InputError("QuantileTransformer only accepts non-negative sparse matrices.");
      }
    }
  }
}

}  // namespace

SparseTransform QuantileTransformer::on_sparse_transform(const CsrMatrix& X) const {
  check_sparse_values(*this, X, !ignore_implicit_zeros_);
  CsrMatrix out = X;
  for (std::size_t k = 0; k < out.data.size(); ++k) {
    out.data[k] = map_value(out.data[k], static_cast<std::size_t>(out.indices[k]), false);
  }
  return out;
}

NdArray QuantileTransformer::on_sparse(Method m, const CsrMatrix& X) const {
  if (m == Method::Transform) return to_ndarray(to_matrix(std::get<CsrMatrix>(on_sparse_transform(X))));
  if (m != Method::InverseTransform) return Estimator::on_sparse(m, X);
  // inverse_transform takes negative sparse values (accept_sparse_negative=True).
  check_sparse_values(*this, X, false);
  CsrMatrix out = X;
  for (std::size_t k = 0; k < out.data.size(); ++k) {
    out.data[k] = map_value(out.data[k], static_cast<std::size_t>(out.indices[k]), true);
  }
  return to_ndarray(to_matrix(out));
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

void save_quantile(const QuantileTransformer& e, ObjectWriter& w) {
  w.set_default("n_quantiles", make::integer(e.n_quantiles()));
  w.set("output_distribution", make::str(e.output_distribution()));
  w.set_default("ignore_implicit_zeros", make::boolean(e.ignore_implicit_zeros()));
  w.set_default("subsample", make::integer(10000));
  w.set_default("random_state", make::none());
  w.set_default("copy", make::boolean(true));
  w.set_int("n_features_in_", e.n_features_in());
  w.set_default("n_quantiles_", make::integer(e.n_quantiles()));
  w.set("references_", detail::float_array_node(e.references()));
  w.set("quantiles_", make::array(NdArray::from_vector(
                          e.quantiles(), {e.n_quantiles(), e.n_features_in()})));
}

std::unique_ptr<QuantileTransformer> build_quantile(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const auto references = detail::float_vector(obj, "references_", -1);
  const auto nq = static_cast<std::int64_t>(references.size());
  if (auto v = obj.find("n_quantiles_"); v && v->as_int() != nq) {
    v->fail("n_quantiles_ differs from the length of references_");
  }
  const NdArray q = detail::real_array(obj.at("quantiles_"), "quantiles_");
  if (q.ndim() != 2 || q.shape()[0] != nq || q.shape()[1] != n) {
    obj.at("quantiles_").fail("quantiles_ must have shape (n_quantiles_, n_features_in_)");
  }
  const std::vector<double> quantiles = q.to_vector<double>();
  const std::string dist = obj.str("output_distribution");
  const bool ignore_zeros = detail::flag(obj, "ignore_implicit_zeros", false);
  auto est = detail::located(obj, [&] {
    return std::make_unique<QuantileTransformer>(quantiles, references, n, dist, ignore_zeros);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
