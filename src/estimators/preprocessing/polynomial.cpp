// PolynomialFeatures: the dense expansion of scikit-learn, step for step, so that both the
// column order and the multiplication order (hence the rounding) are scikit-learn's.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_polynomial.py#L390-L461

#include <limits>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {
constexpr std::int64_t kMaxDegree = 1 << 16;
constexpr std::int64_t kMaxOutputs = std::int64_t{1} << 31;

// Column count of the full expansion and of the kept part (degrees ≥ min_degree), by a dry
// run of scikit-learn's index bookkeeping.
std::pair<std::int64_t, std::int64_t> count_outputs(std::int64_t n, std::int64_t min_degree,
                                                    std::int64_t max_degree, bool interaction_only,
                                                    bool include_bias) {
  const std::int64_t bias = include_bias ? 1 : 0;
  if (max_degree == 0) return {bias, bias};
  std::int64_t current = bias + n;
  std::int64_t kept = bias + (min_degree <= 1 ? n : 0);
  std::vector<std::int64_t> index;
  for (std::int64_t j = 0; j <= n; ++j) index.push_back(bias + j);
  for (std::int64_t d = 2; d <= max_degree; ++d) {
    std::vector<std::int64_t> next;
    const std::int64_t end = index.back();
    const std::int64_t block_start = current;
    for (std::int64_t f = 0; f < n; ++f) {
      std::int64_t start = index[static_cast<std::size_t>(f)];
      next.push_back(current);
      if (interaction_only)
        start += index[static_cast<std::size_t>(f) + 1] - index[static_cast<std::size_t>(f)];
      const std::int64_t next_col = current + end - start;
      if (next_col <= current) break;
      current = next_col;
      if (current > kMaxOutputs)
        throw ValidationError("PolynomialFeatures: too many output features");
    }
    next.push_back(current);
    // scikit-learn's new_index has n+1 entries only when no break happened; pad like it
    // would be read (entries past a break are never used with a smaller start).
    while (next.size() < index.size()) next.push_back(current);
    index = std::move(next);
    if (d >= min_degree) kept += current - block_start;
  }
  return {current, kept};
}
}  // namespace

PolynomialFeatures::PolynomialFeatures(std::int64_t n_features, std::int64_t max_degree,
                                       std::int64_t min_degree, bool interaction_only,
                                       bool include_bias)
    : min_degree_(min_degree),
      max_degree_(max_degree),
      interaction_only_(interaction_only),
      include_bias_(include_bias) {
  if (n_features < 1) throw ValidationError("PolynomialFeatures: n_features_in_ must be positive");
  if (min_degree < 0 || max_degree < min_degree || max_degree > kMaxDegree) {
    throw ValidationError("PolynomialFeatures: invalid degree range [" +
                          std::to_string(min_degree) + ", " + std::to_string(max_degree) + "]");
  }
  std::tie(n_out_full_, n_out_) =
      count_outputs(n_features, min_degree, max_degree, interaction_only, include_bias);
  set_type_name("sklearn.preprocessing._polynomial.PolynomialFeatures");
  set_n_features_in(n_features);
}

template <class T>
NdArray PolynomialFeatures::transform_as(const MatrixView& X) const {
  check_finite_input(X);
  // XP has X's dtype and every product is rounded into it (np.multiply(..., out=XP[...])).
  const Eigen::Index rows = X.rows();
  const std::int64_t n = X.cols();
  const std::int64_t width = n_out_full_;
  std::vector<T> XP(static_cast<std::size_t>(rows * width));
  auto at = [&](Eigen::Index i, std::int64_t c) -> T& {
    return XP[static_cast<std::size_t>(i * width + c)];
  };
  std::int64_t current = 0;
  if (include_bias_) {
    for (Eigen::Index i = 0; i < rows; ++i) at(i, 0) = 1;
    current = 1;
  }
  if (max_degree_ > 0) {
    for (Eigen::Index i = 0; i < rows; ++i) {
      for (std::int64_t j = 0; j < n; ++j) at(i, current + j) = static_cast<T>(X(i, j));
    }
    std::vector<std::int64_t> index;
    for (std::int64_t j = 0; j <= n; ++j) index.push_back(current + j);
    current += n;
    for (std::int64_t d = 2; d <= max_degree_; ++d) {
      std::vector<std::int64_t> next;
      const std::int64_t end = index.back();
      for (std::int64_t f = 0; f < n; ++f) {
        std::int64_t start = index[static_cast<std::size_t>(f)];
        next.push_back(current);
        if (interaction_only_) {
          start += index[static_cast<std::size_t>(f) + 1] - index[static_cast<std::size_t>(f)];
        }
        const std::int64_t next_col = current + end - start;
        if (next_col <= current) break;
        // XP[:, start:end] (terms of degree d-1 in features ≥ f) * X[:, f].
        for (Eigen::Index i = 0; i < rows; ++i) {
          const T xf = static_cast<T>(X(i, f));
          for (std::int64_t c = 0; c < end - start; ++c) at(i, current + c) = at(i, start + c) * xf;
        }
        current = next_col;
      }
      next.push_back(current);
      while (next.size() < index.size()) next.push_back(current);
      index = std::move(next);
    }
  }
  // Degrees below min_degree are dropped, the bias column kept.
  std::vector<T> out;
  if (min_degree_ > 1) {
    out.resize(static_cast<std::size_t>(rows * n_out_));
    const std::int64_t tail = include_bias_ ? n_out_ - 1 : n_out_;
    for (Eigen::Index i = 0; i < rows; ++i) {
      T* o = out.data() + i * n_out_;
      if (include_bias_) *o++ = 1;
      for (std::int64_t c = 0; c < tail; ++c) o[c] = at(i, width - tail + c);
    }
  } else {
    out = std::move(XP);
  }
  return NdArray::from_vector(out,
                              {static_cast<std::int64_t>(rows), min_degree_ > 1 ? n_out_ : width});
}

NdArray PolynomialFeatures::do_transform(const MatrixView& X) const {
  return transform_as<double>(X);
}

NdArray PolynomialFeatures::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

void save_poly(const PolynomialFeatures& e, ObjectWriter& w) {
  if (e.min_degree() == 0) {
    w.set_default("degree", make::integer(e.max_degree()));
  } else {
    w.set_default("degree",
                  make::tuple({make::integer(e.min_degree()), make::integer(e.max_degree())}));
  }
  w.set_default("interaction_only", make::boolean(e.interaction_only()));
  w.set_default("include_bias", make::boolean(e.include_bias()));
  w.set_default("order", make::str("C"));
  w.set_int("n_features_in_", e.n_features_in());
  w.set_int("_min_degree", e.min_degree());
  w.set_int("_max_degree", e.max_degree());
  w.set_int("n_output_features_", e.n_output_features());
  w.set_int("_n_out_full", e.n_out_full());
}

std::unique_ptr<PolynomialFeatures> build_poly(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  std::int64_t lo = 0, hi = 0;
  if (obj.has("_max_degree")) {
    lo = obj.integer("_min_degree");
    hi = obj.integer("_max_degree");
  } else {
    hi = obj.integer("degree");
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<PolynomialFeatures>(n, hi, lo, detail::flag(obj, "interaction_only", false),
                                                detail::flag(obj, "include_bias", true));
  });
  if (auto v = obj.find("n_output_features_"); v && v->as_int() != est->n_output_features()) {
    v->fail("n_output_features_ = " + std::to_string(v->as_int()) + " but the degrees give " +
            std::to_string(est->n_output_features()));
  }
  if (auto v = obj.find("_n_out_full"); v && v->as_int() != est->n_out_full()) {
    v->fail("_n_out_full = " + std::to_string(v->as_int()) + " but the degrees give " +
            std::to_string(est->n_out_full()));
  }
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
