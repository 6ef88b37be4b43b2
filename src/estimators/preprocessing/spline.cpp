// SplineTransformer.transform: the B-spline basis of each feature, continued beyond the knots
// per `extrapolation`, as scikit-learn computes it (dense path; the sparse path of 1.3+ gives the
// same values). 1.2.1 and 1.4.2 agree on the dense values; the quirks kept on purpose:
//  - "linear" with degree <= 1 raises the loop's `degree` by one for every later feature, so
//    their boundaries become t[degree+1] / t[-degree-2] (the variable is never reset);
//  - "constant" copies the first/last `degree` boundary values, none when degree is 0 (and
//    numpy refuses the empty assignment of a longer row beyond the upper boundary);
//  - "error" evaluates without extrapolation and fails on the NaN that gives.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_polynomial.py#L814-L937
// https://github.com/scikit-learn/scikit-learn/blob/1.4.2/sklearn/preprocessing/_polynomial.py#L944-L1140

#include <cmath>
#include <limits>

#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {

// The `degree` scikit-learn's loop uses for feature i's boundaries in "constant"/"linear"
// mode, and the one after the feature (linear raises degree <= 1 by one).
std::int64_t next_degree(SplineTransformer::Extrapolation e, std::int64_t deg) {
  return (e == SplineTransformer::Extrapolation::Linear && deg <= 1) ? deg + 1 : deg;
}

}  // namespace

const char* SplineTransformer::extrapolation_name(Extrapolation e) noexcept {
  switch (e) {
    case Extrapolation::Error: return "error";
    case Extrapolation::Constant: return "constant";
    case Extrapolation::Linear: return "linear";
    case Extrapolation::Continue: return "continue";
    case Extrapolation::Periodic: return "periodic";
  }
  return "constant";
}

SplineTransformer::SplineTransformer(std::vector<BSpline> bsplines, std::int64_t degree,
                                     Extrapolation extrapolation, bool include_bias,
                                     bool sparse_output)
    : bsplines_(std::move(bsplines)),
      degree_(degree),
      extrapolation_(extrapolation),
      include_bias_(include_bias),
      sparse_output_(sparse_output) {
  const auto fail = [](const std::string& what) {
    throw ValidationError("SplineTransformer: " + what);
  };
  if (bsplines_.empty()) fail("bsplines_ is empty");
  if (bsplines_.size() > (std::size_t{1} << 31)) fail("too many features");
  if (degree_ < 0 || degree_ > 1024) fail("degree must be in [0, 1024]");
  n_splines_ = bsplines_[0].n_out;
  std::int64_t deg = degree_;
  for (std::size_t i = 0; i < bsplines_.size(); ++i) {
    const BSpline& s = bsplines_[i];
    const std::string at = "bsplines_[" + std::to_string(i) + "]";
    try {
      s.validate();
    } catch (const ValidationError& e) {
      fail(at + ": " + e.detail());
    }
    if (s.k != degree_) fail(at + " has k = " + std::to_string(s.k) + ", degree is " + std::to_string(degree_));
    if (s.n_out != n_splines_) fail(at + " has another number of columns than bsplines_[0]");
    // Indices scikit-learn's transform reads, which numpy would refuse (IndexError or a
    // broadcast error) if out of range: t[deg], t[-deg-1], f[:deg], f[-deg:], columns j and
    // n_splines-1-j for j < deg.
    if (extrapolation_ == Extrapolation::Constant || extrapolation_ == Extrapolation::Linear) {
      const auto len_t = static_cast<std::int64_t>(s.t.size());
      if (deg >= len_t) fail(at + ": t is too short for the boundaries at degree " + std::to_string(deg));
      const std::int64_t used = next_degree(extrapolation_, deg);
      if (used > n_splines_) fail(at + ": fewer columns than the degree scikit-learn uses");
      deg = used;
    }
  }
  if (n_splines_ < 1) fail("no output columns");
  const auto n = static_cast<std::int64_t>(bsplines_.size());
  if (n_splines_ > (std::int64_t{1} << 31) / n) fail("too many output columns");
  set_type_name("sklearn.preprocessing._polynomial.SplineTransformer");
  set_n_features_in(n);
}

std::int64_t SplineTransformer::n_features_out() const noexcept {
  const auto n = static_cast<std::int64_t>(bsplines_.size());
  return n * n_splines_ - (include_bias_ ? 0 : n);
}

Matrix SplineTransformer::transform_dense(const MatrixView& X) const {
  check_finite_input(X);
  const Eigen::Index rows = X.rows();
  const std::int64_t ns = n_splines_;
  const auto n_features = static_cast<std::int64_t>(bsplines_.size());
  Matrix XBS = Matrix::Zero(rows, n_features * ns);
  std::vector<double> row(static_cast<std::size_t>(ns));
  std::int64_t deg = degree_;
  for (std::int64_t i = 0; i < n_features; ++i) {
    const BSpline& spl = bsplines_[static_cast<std::size_t>(i)];
    std::vector<double> work(static_cast<std::size_t>(2 * spl.k + 2));
    const Eigen::Index col0 = i * ns;
    auto eval_into = [&](Eigen::Index r, double x) {
      spl.evaluate(x, 0, row.data(), work.data());
      for (std::int64_t j = 0; j < ns; ++j) XBS(r, col0 + j) = row[static_cast<std::size_t>(j)];
    };
    if (extrapolation_ == Extrapolation::Continue || extrapolation_ == Extrapolation::Error ||
        extrapolation_ == Extrapolation::Periodic) {
      const std::int64_t n = spl.n_coef;
      const double tk = spl.t[static_cast<std::size_t>(spl.k)];
      const double period = spl.t[static_cast<std::size_t>(n)] - tk;
      for (Eigen::Index r = 0; r < rows; ++r) {
        double x = X(r, i);
        // transform maps x into [t[k], t[n]] itself before calling the spline.
        if (extrapolation_ == Extrapolation::Periodic) x = tk + detail::preprocessing::numpy_remainder(x - tk, period);
        eval_into(r, x);
      }
      if (extrapolation_ == Extrapolation::Error) {
        for (Eigen::Index r = 0; r < rows; ++r) {
          for (std::int64_t j = 0; j < ns; ++j) {
            if (std::isnan(XBS(r, col0 + j)))
              throw InputError("X contains values beyond the limits of the knots.");
          }
        }
      }
      continue;
    }
    // "constant" and "linear": the basis inside [xmin, xmax], the boundary values outside.
    const auto len_t = static_cast<std::int64_t>(spl.t.size());
    const double xmin = spl.t[static_cast<std::size_t>(deg)];
    const double xmax = spl.t[static_cast<std::size_t>(len_t - deg - 1)];
    for (Eigen::Index r = 0; r < rows; ++r) {
      const double x = X(r, i);
      if (xmin <= x && x <= xmax) eval_into(r, x);
    }
    std::vector<double> f_min(static_cast<std::size_t>(ns)), f_max(static_cast<std::size_t>(ns));
    spl.evaluate(xmin, 0, f_min.data(), work.data());
    spl.evaluate(xmax, 0, f_max.data(), work.data());
    if (extrapolation_ == Extrapolation::Constant) {
      for (Eigen::Index r = 0; r < rows; ++r) {
        const double x = X(r, i);
        if (x < xmin) {
          for (std::int64_t j = 0; j < deg; ++j) XBS(r, col0 + j) = f_min[static_cast<std::size_t>(j)];
        } else if (x > xmax) {
          // XBS[mask, a:a] = f_max[-0:] broadcasts a whole row into no columns.
          if (deg == 0 && ns != 1)
            throw InputError("could not broadcast input array from shape (" + std::to_string(ns) +
                             ",) into an empty selection (degree 0, X beyond the last knot)");
          for (std::int64_t j = ns - deg; j < ns; ++j) XBS(r, col0 + j) = f_max[static_cast<std::size_t>(j)];
        }
      }
      continue;
    }
    // "linear": f + (x - boundary) * f', for the first and last `deg` basis functions.
    std::vector<double> fp_min(static_cast<std::size_t>(ns)), fp_max(static_cast<std::size_t>(ns));
    spl.evaluate(xmin, 1, fp_min.data(), work.data());
    spl.evaluate(xmax, 1, fp_max.data(), work.data());
    deg = next_degree(extrapolation_, deg);
    for (std::int64_t j = 0; j < deg; ++j) {
      const auto lo = static_cast<std::size_t>(j);
      const auto hi = static_cast<std::size_t>(ns - 1 - j);
      for (Eigen::Index r = 0; r < rows; ++r) {
        const double x = X(r, i);
        if (x < xmin) {
          XBS(r, col0 + j) = f_min[lo] + (x - xmin) * fp_min[lo];
        } else if (x > xmax) {
          XBS(r, col0 + static_cast<Eigen::Index>(hi)) = f_max[hi] + (x - xmax) * fp_max[hi];
        }
      }
    }
  }
  if (include_bias_) return XBS;
  // The last basis function of every feature is dropped.
  Matrix out(rows, n_features * (ns - 1));
  for (Eigen::Index r = 0; r < rows; ++r) {
    Eigen::Index o = 0;
    for (Eigen::Index c = 0; c < XBS.cols(); ++c) {
      if ((c + 1) % ns != 0) out(r, o++) = XBS(r, c);
    }
  }
  return out;
}

NdArray SplineTransformer::do_transform(const MatrixView& X) const {
  return to_ndarray(transform_dense(X));
}

CsrMatrix SplineTransformer::transform_csr(const MatrixView& X) const {
  const Matrix d = transform_dense(X);
  CsrMatrix m;
  m.rows = d.rows();
  m.cols = d.cols();
  m.indptr.assign(1, 0);
  for (Eigen::Index r = 0; r < d.rows(); ++r) {
    for (Eigen::Index c = 0; c < d.cols(); ++c) {
      if (d(r, c) != 0.0) {
        m.indices.push_back(c);
        m.data.push_back(d(r, c));
      }
    }
    m.indptr.push_back(static_cast<std::int64_t>(m.data.size()));
  }
  return m;
}

// fit's knots for explicit base knots: `degree` more on each side (spaced like the first /
// last two base knots, by np.linspace; periodic: the base spacing continued over one period)
// and identity coefficients (periodic: the first `degree` rows repeated at the end).
SplineTransformer SplineTransformer::from_base_knots(const Matrix& base, std::int64_t degree,
                                                     Extrapolation extrapolation, bool include_bias,
                                                     bool sparse_output) {
  const auto fail = [](const std::string& what) {
    throw ValidationError("SplineTransformer: " + what);
  };
  const Eigen::Index n_knots = base.rows();
  if (n_knots < 2) fail("at least 2 knots are needed");
  if (base.cols() < 1) fail("knots must have one column per feature");
  if (degree < 0 || degree > 1024) fail("degree must be in [0, 1024]");
  const bool periodic = extrapolation == Extrapolation::Periodic;
  if (periodic && n_knots <= degree) fail("periodic splines require degree < n_knots");
  const std::int64_t ns = periodic ? n_knots - 1 : n_knots + degree - 1;
  const std::int64_t n_coef = periodic ? ns + degree : ns;
  std::vector<double> coef(static_cast<std::size_t>(n_coef * ns), 0.0);
  for (std::int64_t r = 0; r < n_coef; ++r) coef[static_cast<std::size_t>(r * ns + r % ns)] = 1.0;
  // np.linspace(start, stop, num): start + i * ((stop - start) / (num - 1)), the last exactly stop.
  const auto linspace = [](double start, double stop, std::int64_t num) {
    std::vector<double> v(static_cast<std::size_t>(num));
    if (num == 1) {
      v[0] = start;
      return v;
    }
    const double step = (stop - start) / static_cast<double>(num - 1);
    for (std::int64_t i = 0; i < num; ++i) {
      v[static_cast<std::size_t>(i)] =
          step == 0.0 ? (static_cast<double>(i) / static_cast<double>(num - 1)) * (stop - start) + start
                      : static_cast<double>(i) * step + start;
    }
    v.back() = stop;
    return v;
  };
  std::vector<BSpline> splines;
  for (Eigen::Index f = 0; f < base.cols(); ++f) {
    for (Eigen::Index r = 0; r < n_knots; ++r) {
      if (!std::isfinite(base(r, f))) fail("knots must be finite");
      if (r > 0 && !(base(r, f) > base(r - 1, f))) fail("knots must be sorted without duplicates");
    }
    std::vector<double> t;
    if (periodic) {
      const double period = base(n_knots - 1, f) - base(0, f);
      for (Eigen::Index r = n_knots - degree - 1; r < n_knots - 1; ++r) t.push_back(base(r, f) - period);
      for (Eigen::Index r = 0; r < n_knots; ++r) t.push_back(base(r, f));
      for (Eigen::Index r = 1; r <= degree; ++r) t.push_back(base(r, f) + period);
    } else {
      const double dmin = base(1, f) - base(0, f);
      const double dmax = base(n_knots - 1, f) - base(n_knots - 2, f);
      if (degree > 0) {
        for (double v : linspace(base(0, f) - static_cast<double>(degree) * dmin, base(0, f) - dmin, degree))
          t.push_back(v);
      }
      for (Eigen::Index r = 0; r < n_knots; ++r) t.push_back(base(r, f));
      if (degree > 0) {
        for (double v : linspace(base(n_knots - 1, f) + dmax,
                                 base(n_knots - 1, f) + static_cast<double>(degree) * dmax, degree))
          t.push_back(v);
      }
    }
    BSpline s;
    s.t = std::move(t);
    s.c = coef;
    s.n_coef = n_coef;
    s.n_out = ns;
    s.k = degree;
    s.extrapolate = (periodic || extrapolation == Extrapolation::Continue) ? BSpline::Extrapolate::Yes
                                                                           : BSpline::Extrapolate::No;
    splines.push_back(std::move(s));
  }
  return SplineTransformer(std::move(splines), degree, extrapolation, include_bias, sparse_output);
}

}  // namespace skops::estimators
