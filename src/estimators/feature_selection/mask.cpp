// The support masks of sklearn/feature_selection/_univariate_selection.py and
// _variance_threshold.py (`_get_support_mask`), and the selector's transform.

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>

#include "estimators/feature_selection/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/utils/sparse.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace detail::feature_selection {

namespace {

// _clean_nans: NaN → np.finfo(scores.dtype).min.
std::vector<double> clean_nans(const NdArray& scores) {
  const double lowest =
      scores.dtype() == DType::float32() ? -static_cast<double>(FLT_MAX) : -DBL_MAX;
  auto v = scores.to_vector<double>();
  for (double& x : v) {
    if (std::isnan(x)) x = lowest;
  }
  return v;
}

std::vector<bool> kbest(const SelectorParams& p) {
  const std::size_t n = p.scores.size();
  if (p.k_all) return std::vector<bool>(n, true);
  std::vector<bool> mask(n, false);
  if (p.k == 0) return mask;
  const auto s = clean_nans(p.scores);
  // np.argsort(scores, kind="mergesort")[-k:]: a stable ascending sort, the last k.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s[a] < s[b]; });
  const std::size_t k = std::min(n, static_cast<std::size_t>(p.k));
  for (std::size_t i = n - k; i < n; ++i) mask[order[i]] = true;
  return mask;
}

// np.percentile(a, q) with the default "linear" method (numpy 1.24 _quantile/_lerp).
double percentile(std::vector<double> a, double q_percent) {
  std::sort(a.begin(), a.end());
  const double n = static_cast<double>(a.size());
  const double q = q_percent / 100;
  const double virtual_index = (n - 1) * q;
  if (virtual_index >= n - 1) return a.back();
  if (virtual_index < 0) return a.front();
  const double prev = std::floor(virtual_index);
  const double lo = a[static_cast<std::size_t>(prev)];
  const double hi = a[static_cast<std::size_t>(prev) + 1];
  const double t = virtual_index - prev;
  const double diff = hi - lo;
  return t >= 0.5 ? hi - diff * (1 - t) : lo + diff * t;
}

std::vector<bool> select_percentile(const SelectorParams& p) {
  const std::size_t n = p.scores.size();
  if (p.percentile == 100) return std::vector<bool>(n, true);
  if (p.percentile == 0) return std::vector<bool>(n, false);
  const auto s = clean_nans(p.scores);
  const double threshold = percentile(s, 100 - p.percentile);
  std::vector<bool> mask(n);
  std::vector<std::size_t> ties;
  std::int64_t selected = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mask[i] = s[i] > threshold;
    selected += mask[i] ? 1 : 0;
    if (s[i] == threshold) ties.push_back(i);
  }
  if (!ties.empty()) {
    const auto max_feats = static_cast<std::int64_t>(static_cast<double>(n) * p.percentile / 100);
    // ties[:stop] with Python's slicing of a negative stop.
    const std::int64_t stop = max_feats - selected;
    const auto len = static_cast<std::int64_t>(ties.size());
    const std::int64_t keep =
        stop >= 0 ? std::min(stop, len) : std::max<std::int64_t>(0, len + stop);
    for (std::int64_t i = 0; i < keep; ++i) mask[ties[static_cast<std::size_t>(i)]] = true;
  }
  return mask;
}

std::vector<bool> fdr(const std::vector<double>& pv, double alpha) {
  const std::size_t n = pv.size();
  std::vector<double> sv = pv;
  // np.sort puts NaN last; comparisons with NaN are false either way.
  std::sort(sv.begin(), sv.end(),
            [](double a, double b) { return a < b || (!std::isnan(a) && std::isnan(b)); });
  const double step = alpha / static_cast<double>(n);
  bool any = false;
  double best = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (sv[i] <= step * static_cast<double>(i + 1)) {
      best = any ? std::max(best, sv[i]) : sv[i];
      any = true;
    }
  }
  std::vector<bool> mask(n, false);
  if (!any) return mask;
  for (std::size_t i = 0; i < n; ++i) mask[i] = pv[i] <= best;
  return mask;
}

}  // namespace

std::vector<bool> support_mask(const SelectorParams& p) {
  SelectorKind kind = p.kind;
  if (kind == SelectorKind::Generic) {
    // GenericUnivariateSelect._make_selector: the mode's selector with `param`.
    if (p.mode == "percentile")
      kind = SelectorKind::Percentile;
    else if (p.mode == "k_best")
      kind = SelectorKind::KBest;
    else if (p.mode == "fpr")
      kind = SelectorKind::Fpr;
    else if (p.mode == "fdr")
      kind = SelectorKind::Fdr;
    else
      kind = SelectorKind::Fwe;
  }
  switch (kind) {
    case SelectorKind::KBest:
      return kbest(p);
    case SelectorKind::Percentile:
      return select_percentile(p);
    case SelectorKind::VarianceThreshold: {
      const auto v = p.variances.to_vector<double>();
      std::vector<bool> mask(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) mask[i] = v[i] > p.threshold;
      return mask;
    }
    default:
      break;
  }
  const auto pv = p.pvalues.to_vector<double>();
  const double n = static_cast<double>(pv.size());
  std::vector<bool> mask(pv.size());
  if (kind == SelectorKind::Fdr) return fdr(pv, p.alpha);
  for (std::size_t i = 0; i < pv.size(); ++i) {
    mask[i] = kind == SelectorKind::Fpr ? pv[i] < p.alpha : pv[i] < p.alpha / n;
  }
  return mask;
}

}  // namespace detail::feature_selection

std::unique_ptr<FeatureSelector> FeatureSelector::from_arrays(SelectorParams p) {
  detail::feature_selection::validate(p, detail::native_fail(detail::feature_selection::type_name(p.kind)));
  auto est = std::make_unique<FeatureSelector>();
  est->mask_ = detail::feature_selection::support_mask(p);
  for (std::size_t i = 0; i < est->mask_.size(); ++i) {
    if (est->mask_[i]) est->columns_.push_back(static_cast<std::int64_t>(i));
  }
  est->set_n_features_in(static_cast<std::int64_t>(est->mask_.size()));
  est->set_type_name(detail::feature_selection::type_name(p.kind));
  est->p_ = std::move(p);
  return est;
}

NdArray FeatureSelector::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(std::string(to_string(m)) + " is not available for " + type_name());
  }
  if (m == Method::InverseTransform) {
    // SelectorMixin.inverse_transform: check_array (finite), then Xt[:, support] = X.
    if (X.rows() == 0) {
      throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                       type_name());
    }
    if (X.cols() != static_cast<Eigen::Index>(columns_.size())) {
      throw InputError("X has a different shape than during fitting.");
    }
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (Eigen::Index c = 0; c < X.cols(); ++c) {
        if (!std::isfinite(X(r, c))) throw InputError("Input contains NaN or infinity.");
      }
    }
    Matrix out = Matrix::Zero(X.rows(), static_cast<Eigen::Index>(mask_.size()));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (std::size_t c = 0; c < columns_.size(); ++c)
        out(r, columns_[c]) = X(r, static_cast<Eigen::Index>(c));
    }
    return to_ndarray(out);
  }
  // VarianceThreshold has the allow_nan tag; the univariate filters reject NaN and inf.
  if (p_.kind == SelectorKind::VarianceThreshold) {
    check_input(X);
  } else {
    check_finite_input(X);
  }
  Matrix out(X.rows(), static_cast<Eigen::Index>(columns_.size()));
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      out(r, static_cast<Eigen::Index>(c)) = X(r, columns_[c]);
    }
  }
  return to_ndarray(out);
}

SparseTransform FeatureSelector::on_sparse_transform(const CsrMatrix& X) const {
  if (p_.kind != SelectorKind::VarianceThreshold) detail::check_finite_sparse(*this, X);
  std::vector<std::int64_t> new_index(mask_.size(), -1);
  for (std::size_t c = 0; c < columns_.size(); ++c)
    new_index[static_cast<std::size_t>(columns_[c])] = static_cast<std::int64_t>(c);
  CsrMatrix out;
  out.rows = X.rows;
  out.cols = static_cast<std::int64_t>(columns_.size());
  for (std::int64_t r = 0; r < X.rows; ++r) {
    for (std::int64_t k = X.indptr[static_cast<std::size_t>(r)];
         k < X.indptr[static_cast<std::size_t>(r) + 1]; ++k) {
      const std::int64_t j = new_index[static_cast<std::size_t>(X.indices[static_cast<std::size_t>(k)])];
      if (j < 0) continue;
      out.indices.push_back(j);
      out.data.push_back(X.data[static_cast<std::size_t>(k)]);
    }
    out.indptr.push_back(static_cast<std::int64_t>(out.data.size()));
  }
  return out;
}

NdArray FeatureSelector::run_float32(Method m, const MatrixView& X) const {
  const NdArray out = run(m, X);
  const auto v = out.to_vector<double>();
  // The values are float32 inputs widened exactly, so narrowing is exact.
  return NdArray::from_vector(std::vector<float>(v.begin(), v.end()), out.shape());
}

}  // namespace skops::estimators
