// StandardScaler, MinMaxScaler, MaxAbsScaler, RobustScaler: per-column affine maps.
// scikit-learn validates their input with force_all_finite="allow-nan": NaN passes through
// the arithmetic unchanged, infinity is refused.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_data.py

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/sparse.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

using estimators::detail::check_allow_nan;

NdArray TransformerBase::run(Method m, const MatrixView& X) const {
  if (m == Method::Transform) return do_transform(X);
  if (m == Method::InverseTransform && has_inverse_transform()) return do_inverse_transform(X);
  throw UnsupportedError(type_name() + " has no method " + to_string(m));
}

NdArray TransformerBase::run_float32(Method m, const MatrixView& X) const {
  if (m == Method::Transform) return do_transform_float32(X);
  if (m == Method::InverseTransform && has_inverse_transform()) {
    return do_inverse_transform_float32(X);
  }
  return run(m, X);
}

NdArray TransformerBase::do_inverse_transform(const MatrixView&) const {
  throw UnsupportedError(type_name() + " has no method inverse_transform");
}

namespace {
std::int64_t common_length(std::initializer_list<const std::vector<double>*> vs, std::int64_t n,
                           const char* what) {
  for (const auto* v : vs) {
    if (v->empty()) continue;
    const auto len = static_cast<std::int64_t>(v->size());
    if (n >= 0 && len != n) {
      throw ValidationError(std::string(what) + ": per-feature arrays have different lengths");
    }
    n = len;
  }
  if (n < 1) throw ValidationError(std::string(what) + ": the number of features is unknown");
  return n;
}

void require(bool ok, const std::string& what) {
  if (!ok) throw ValidationError(what);
}

// A scaler is a few numpy in-place steps `X op= v[None, :]` (then, for MinMaxScaler, a
// clip). float64 input computes in float64. float32 input stays float32, as scikit-learn
// keeps it: each step computes in float64 (the float64 operand wins) and rounds back into
// the float32 array; rounding float64 results of +, -, *, / to float32 equals computing
// them in float32, so this also matches attributes fitted as float32.
enum class Op { Add, Sub, Mul, Div };
struct Step {
  Op op;
  const std::vector<double>* v;  ///< nullptr or empty: the step is skipped
};
struct Clip {
  bool on = false;
  double lo = 0, hi = 0;
};

template <class T>
NdArray run_steps(const MatrixView& X, std::initializer_list<Step> steps, Clip clip = {}) {
  const auto rows = static_cast<std::size_t>(X.rows()), cols = static_cast<std::size_t>(X.cols());
  std::vector<T> out(rows * cols);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      T x = static_cast<T>(X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
      for (const Step& st : steps) {
        if (!st.v || st.v->empty()) continue;
        const double c = (*st.v)[j], d = static_cast<double>(x);
        switch (st.op) {
          case Op::Add:
            x = static_cast<T>(d + c);
            break;
          case Op::Sub:
            x = static_cast<T>(d - c);
            break;
          case Op::Mul:
            x = static_cast<T>(d * c);
            break;
          case Op::Div:
            x = static_cast<T>(d / c);
            break;
        }
      }
      // np.clip: NaN stays NaN.
      if (clip.on && static_cast<double>(x) < clip.lo) x = static_cast<T>(clip.lo);
      if (clip.on && static_cast<double>(x) > clip.hi) x = static_cast<T>(clip.hi);
      out[i * cols + j] = x;
    }
  }
  return NdArray::from_vector(out,
                              {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(cols)});
}

}  // namespace

// ---------------------------------------------------------------- StandardScaler
StandardScaler::StandardScaler(std::vector<double> mean, std::vector<double> scale, bool with_mean,
                               bool with_std, std::vector<double> var, std::int64_t n_samples_seen,
                               std::int64_t n_features)
    : mean_(std::move(mean)),
      scale_(std::move(scale)),
      var_(std::move(var)),
      with_mean_(with_mean),
      with_std_(with_std),
      n_samples_seen_(n_samples_seen) {
  require(!with_mean_ || !mean_.empty(), "StandardScaler: with_mean needs mean_");
  require(!with_std_ || !scale_.empty(), "StandardScaler: with_std needs scale_");
  const auto n = common_length({&mean_, &scale_, &var_}, n_features, "StandardScaler");
  if (var_.empty() && !scale_.empty()) {
    for (double s : scale_) var_.push_back(s * s);
  }
  set_type_name("sklearn.preprocessing._data.StandardScaler");
  set_n_features_in(n);
}

template <class T>
NdArray StandardScaler::transform_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(
      X, {{Op::Sub, with_mean_ ? &mean_ : nullptr}, {Op::Div, with_std_ ? &scale_ : nullptr}});
}

template <class T>
NdArray StandardScaler::inverse_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(
      X, {{Op::Mul, with_std_ ? &scale_ : nullptr}, {Op::Add, with_mean_ ? &mean_ : nullptr}});
}

NdArray StandardScaler::do_transform(const MatrixView& X) const { return transform_as<double>(X); }
NdArray StandardScaler::inverse_transform(const MatrixView& X) const {
  return inverse_as<double>(X);
}
NdArray StandardScaler::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}
NdArray StandardScaler::do_inverse_transform_float32(const MatrixView& X) const {
  return inverse_as<float>(X);
}

// ---------------------------------------------------------------- MinMaxScaler
MinMaxScaler::MinMaxScaler(std::vector<double> scale, std::vector<double> min, double range_lo,
                           double range_hi, bool clip, std::vector<double> data_min,
                           std::vector<double> data_max, std::int64_t n_samples_seen)
    : scale_(std::move(scale)),
      min_(std::move(min)),
      data_min_(std::move(data_min)),
      data_max_(std::move(data_max)),
      lo_(range_lo),
      hi_(range_hi),
      clip_(clip),
      n_samples_seen_(n_samples_seen) {
  require(!scale_.empty() && !min_.empty(), "MinMaxScaler: scale_ and min_ are required");
  const auto n = common_length({&scale_, &min_, &data_min_, &data_max_}, -1, "MinMaxScaler");
  require(lo_ < hi_, "MinMaxScaler: feature_range minimum must be smaller than maximum");
  if (data_min_.empty() || data_max_.empty()) {
    // Inverse of scale_ = (hi - lo) / range, min_ = lo - data_min * scale_.
    data_min_.assign(n, 0.0);
    data_max_.assign(n, 0.0);
    for (std::size_t j = 0; j < static_cast<std::size_t>(n); ++j) {
      data_min_[j] = (lo_ - min_[j]) / scale_[j];
      data_max_[j] = data_min_[j] + (hi_ - lo_) / scale_[j];
    }
  }
  set_type_name("sklearn.preprocessing._data.MinMaxScaler");
  set_n_features_in(n);
}

template <class T>
NdArray MinMaxScaler::transform_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  // X *= scale_; X += min_; then np.clip(X, lo, hi, out=X) when clip.
  return run_steps<T>(X, {{Op::Mul, &scale_}, {Op::Add, &min_}}, Clip{clip_, lo_, hi_});
}

template <class T>
NdArray MinMaxScaler::inverse_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(X, {{Op::Sub, &min_}, {Op::Div, &scale_}});
}

NdArray MinMaxScaler::do_transform(const MatrixView& X) const { return transform_as<double>(X); }
NdArray MinMaxScaler::inverse_transform(const MatrixView& X) const { return inverse_as<double>(X); }
NdArray MinMaxScaler::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}
NdArray MinMaxScaler::do_inverse_transform_float32(const MatrixView& X) const {
  return inverse_as<float>(X);
}

// ---------------------------------------------------------------- MaxAbsScaler
MaxAbsScaler::MaxAbsScaler(std::vector<double> scale, std::int64_t n_samples_seen)
    : scale_(std::move(scale)), n_samples_seen_(n_samples_seen) {
  const auto n = common_length({&scale_}, -1, "MaxAbsScaler");
  set_type_name("sklearn.preprocessing._data.MaxAbsScaler");
  set_n_features_in(n);
}

template <class T>
NdArray MaxAbsScaler::transform_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(X, {{Op::Div, &scale_}});
}

template <class T>
NdArray MaxAbsScaler::inverse_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(X, {{Op::Mul, &scale_}});
}

NdArray MaxAbsScaler::do_transform(const MatrixView& X) const { return transform_as<double>(X); }

SparseTransform MaxAbsScaler::on_sparse_transform(const CsrMatrix& X) const {
  detail::check_finite_sparse(*this, X);
  CsrMatrix out = X;
  // inplace_column_scale multiplies by the reciprocal (the dense path divides).
  for (std::size_t k = 0; k < out.data.size(); ++k)
    out.data[k] *= 1.0 / scale_[static_cast<std::size_t>(out.indices[k])];
  return out;
}

NdArray MaxAbsScaler::inverse_transform(const MatrixView& X) const { return inverse_as<double>(X); }
NdArray MaxAbsScaler::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}
NdArray MaxAbsScaler::do_inverse_transform_float32(const MatrixView& X) const {
  return inverse_as<float>(X);
}

// ---------------------------------------------------------------- RobustScaler
RobustScaler::RobustScaler(std::vector<double> center, std::vector<double> scale,
                           std::int64_t n_features, double q_lo, double q_hi, bool unit_variance)
    : center_(std::move(center)),
      scale_(std::move(scale)),
      q_lo_(q_lo),
      q_hi_(q_hi),
      unit_variance_(unit_variance) {
  const auto n = common_length({&center_, &scale_}, n_features, "RobustScaler");
  require(0 <= q_lo_ && q_lo_ <= q_hi_ && q_hi_ <= 100, "RobustScaler: invalid quantile range");
  set_type_name("sklearn.preprocessing._data.RobustScaler");
  set_n_features_in(n);
}

template <class T>
NdArray RobustScaler::transform_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(X, {{Op::Sub, &center_}, {Op::Div, &scale_}});
}

template <class T>
NdArray RobustScaler::inverse_as(const MatrixView& X) const {
  check_allow_nan(*this, X);
  return run_steps<T>(X, {{Op::Mul, &scale_}, {Op::Add, &center_}});
}

NdArray RobustScaler::do_transform(const MatrixView& X) const { return transform_as<double>(X); }
NdArray RobustScaler::inverse_transform(const MatrixView& X) const { return inverse_as<double>(X); }
NdArray RobustScaler::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}
NdArray RobustScaler::do_inverse_transform_float32(const MatrixView& X) const {
  return inverse_as<float>(X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

using detail::flag;
using detail::located;

namespace {

std::pair<double, double> number_pair(const ValueView& v, const char* what) {
  auto items = v.items();
  if (items.size() != 2) v.fail(std::string(what) + " must hold two numbers");
  return {items[0].as_double(), items[1].as_double()};
}

NodePtr vec_or_none(const std::vector<double>& v) {
  return v.empty() ? make::none() : detail::float_array_node(v);
}

}  // namespace

void save_robust(const RobustScaler& e, ObjectWriter& w) {
  w.set_default("with_centering", make::boolean(!e.center().empty()));
  w.set_default("with_scaling", make::boolean(!e.scale().empty()));
  w.set_default("quantile_range", make::tuple({make::real(e.quantile_range().first),
                                               make::real(e.quantile_range().second)}));
  w.set_default("unit_variance", make::boolean(e.unit_variance()));
  w.set_default("copy", make::boolean(true));
  w.set_int("n_features_in_", e.n_features_in());
  w.set("center_", vec_or_none(e.center()));
  w.set("scale_", vec_or_none(e.scale()));
}

std::unique_ptr<RobustScaler> build_robust(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const bool with_centering = flag(obj, "with_centering", true);
  const bool with_scaling = flag(obj, "with_scaling", true);
  auto center = with_centering ? detail::float_vector(obj, "center_", n) : std::vector<double>{};
  auto scale = with_scaling ? detail::float_vector(obj, "scale_", n) : std::vector<double>{};
  double q_lo = 25.0, q_hi = 75.0;
  if (auto q = obj.find("quantile_range")) std::tie(q_lo, q_hi) = number_pair(*q, "quantile_range");
  const bool unit_variance = flag(obj, "unit_variance", false);
  auto est = located(obj, [&] {
    return std::make_unique<RobustScaler>(center, scale, n, q_lo, q_hi, unit_variance);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_maxabs(const MaxAbsScaler& e, ObjectWriter& w) {
  w.set_default("copy", make::boolean(true));
  w.set_int("n_features_in_", e.n_features_in());
  w.set_default("n_samples_seen_", make::integer(e.n_samples_seen()));
  w.set_default("max_abs_", detail::float_array_node(e.scale()));
  w.set("scale_", detail::float_array_node(e.scale()));
}

std::unique_ptr<MaxAbsScaler> build_maxabs(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  auto est = located(
      obj, [&] { return std::make_unique<MaxAbsScaler>(detail::float_vector(obj, "scale_", n)); });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_minmax(const MinMaxScaler& e, ObjectWriter& w) {
  w.set_default("feature_range", make::tuple({make::real(e.feature_range().first),
                                              make::real(e.feature_range().second)}));
  w.set_default("copy", make::boolean(true));
  w.set_default("clip", make::boolean(e.clip()));
  w.set_int("n_features_in_", e.n_features_in());
  w.set_default("n_samples_seen_", make::integer(e.n_samples_seen()));
  w.set("scale_", detail::float_array_node(e.scale()));
  w.set("min_", detail::float_array_node(e.min()));
  std::vector<double> range(e.data_min().size());
  for (std::size_t j = 0; j < range.size(); ++j) range[j] = e.data_max()[j] - e.data_min()[j];
  w.set_default("data_min_", detail::float_array_node(e.data_min()));
  w.set_default("data_max_", detail::float_array_node(e.data_max()));
  w.set_default("data_range_", detail::float_array_node(range));
}

std::unique_ptr<MinMaxScaler> build_minmax(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  // Plain variables, not a structured binding: lambdas may not capture bindings in C++17.
  const auto range = number_pair(obj.at("feature_range"), "feature_range");
  const double lo = range.first;
  const double hi = range.second;
  const bool clip = flag(obj, "clip", false);
  auto est = located(obj, [&] {
    return std::make_unique<MinMaxScaler>(detail::float_vector(obj, "scale_", n),
                                          detail::float_vector(obj, "min_", n), lo, hi, clip,
                                          detail::optional_float_vector(obj, "data_min_", n),
                                          detail::optional_float_vector(obj, "data_max_", n));
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_standard(const StandardScaler& e, ObjectWriter& w) {
  w.set_default("with_mean", make::boolean(e.with_mean()));
  w.set_default("with_std", make::boolean(e.with_std()));
  w.set_default("copy", make::boolean(true));
  w.set_int("n_features_in_", e.n_features_in());
  w.set_default("n_samples_seen_", detail::int64_scalar_node(e.n_samples_seen()));
  w.set("mean_", vec_or_none(e.mean()));
  w.set("var_", vec_or_none(e.with_std() ? e.var() : std::vector<double>{}));
  w.set("scale_", vec_or_none(e.with_std() ? e.scale() : std::vector<double>{}));
}

std::unique_ptr<StandardScaler> build_standard(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const bool with_mean = flag(obj, "with_mean", true);
  const bool with_std = flag(obj, "with_std", true);
  auto mean = detail::optional_float_vector(obj, "mean_", n);
  auto scale = detail::optional_float_vector(obj, "scale_", n);
  auto var = detail::optional_float_vector(obj, "var_", n);
  if (with_mean && mean.empty()) obj.fail("with_mean=True but mean_ is missing");
  if (with_std && scale.empty()) obj.fail("with_std=True but scale_ is missing");
  auto est = located(obj, [&] {
    return std::make_unique<StandardScaler>(mean, scale, with_mean, with_std, var, 1, n);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
