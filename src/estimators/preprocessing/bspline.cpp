// scipy.interpolate.BSpline evaluation as SplineTransformer calls it (`spl(x)`, `spl(x, nu=1)`),
// written to give scipy's values to the bit: the same interval search, the same de Boor
// recursion (including its operation order) and the same summation order over the k+1
// non-zero basis functions. scipy 1.10 (Cython, _bspl.pyx) and 1.15 (C++, __fitpack.cc) share
// the algorithm.
// https://github.com/scipy/scipy/blob/v1.10.1/scipy/interpolate/_bsplines.py (BSpline.__call__)
// https://github.com/scipy/scipy/blob/v1.10.1/scipy/interpolate/_bspl.pyx (evaluate_spline)
// https://github.com/scipy/scipy/blob/v1.10.1/scipy/interpolate/src/__fitpack.h (_deBoor_D)

#include <cmath>
#include <limits>

#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace detail::preprocessing {

// numpy's float remainder (np.remainder, Python's %): the sign of the divisor; NaN for a zero
// divisor (npy_divmod).
double numpy_remainder(double a, double b) {
  double mod = std::fmod(a, b);
  if (b == 0.0) return mod;
  if (mod != 0.0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = std::copysign(0.0, b);
  }
  return mod;
}

}  // namespace detail::preprocessing

namespace {

// Index l with t[l] <= x < t[l+1], kept in [k, n-1] (scipy's find_interval: its search from
// the previous interval always ends at the same index, so no state is carried). -1 for NaN
// and, without extrapolation, for x outside [t[k], t[n]].
std::int64_t find_interval(const std::vector<double>& t, std::int64_t k, std::int64_t n, double x,
                           bool extrapolate) {
  if (std::isnan(x)) return -1;
  if ((x < t[static_cast<std::size_t>(k)] || x > t[static_cast<std::size_t>(n)]) && !extrapolate)
    return -1;
  std::int64_t l = k + 1;
  while (l != n && x >= t[static_cast<std::size_t>(l)]) ++l;
  return l - 1;
}

// The k+1 non-zero values of the nu-th derivative of the basis functions ell-k..ell at x,
// written to h[0..k]; h[k+1..2k+1] is scratch. Step for step scipy's _deBoor_D, including
// its h[m] = 0 (not h[n]) on a repeated knot in the derivative steps.
void de_boor(const double* t, double x, std::int64_t k, std::int64_t ell, std::int64_t m,
             double* h) {
  double* hh = h + k + 1;
  h[0] = 1.0;
  for (std::int64_t j = 1; j <= k - m; ++j) {
    for (std::int64_t i = 0; i < j; ++i) hh[i] = h[i];
    h[0] = 0.0;
    for (std::int64_t n = 1; n <= j; ++n) {
      const double xb = t[ell + n];
      const double xa = t[ell + n - j];
      if (xb == xa) {
        h[n] = 0.0;
        continue;
      }
      const double w = hh[n - 1] / (xb - xa);
      h[n - 1] += w * (xb - x);
      h[n] = w * (x - xa);
    }
  }
  for (std::int64_t j = k - m + 1; j <= k; ++j) {
    for (std::int64_t i = 0; i < j; ++i) hh[i] = h[i];
    h[0] = 0.0;
    for (std::int64_t n = 1; n <= j; ++n) {
      const double xb = t[ell + n];
      const double xa = t[ell + n - j];
      if (xb == xa) {
        h[m] = 0.0;
        continue;
      }
      const double w = static_cast<double>(j) * hh[n - 1] / (xb - xa);
      h[n - 1] -= w;
      h[n] = w;
    }
  }
}

}  // namespace

void BSpline::validate() const {
  const auto fail = [](const std::string& what) { throw ValidationError("BSpline: " + what); };
  if (k < 0 || k > 1024) fail("k must be in [0, 1024]");
  if (n_coef < 1 || n_out < 1) fail("c must have at least one row and one column");
  if (static_cast<std::int64_t>(c.size()) / n_out != n_coef ||
      static_cast<std::int64_t>(c.size()) % n_out != 0)
    fail("c does not hold n_coef x n_out values");
  if (n_coef < k + 1) fail("c has fewer than k + 1 rows");
  if (static_cast<std::int64_t>(t.size()) != n_coef + k + 1)
    fail("t has " + std::to_string(t.size()) + " knots, len(c) + k + 1 = " +
         std::to_string(n_coef + k + 1));
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!std::isfinite(t[i])) fail("t holds a value that is not finite");
    if (i > 0 && t[i] < t[i - 1]) fail("t is not sorted");
  }
  for (double v : c) {
    if (!std::isfinite(v)) fail("c holds a value that is not finite");
  }
}

void BSpline::evaluate(double x, int nu, double* out, double* work) const {
  const std::int64_t n = n_coef;
  bool extrap = extrapolate == Extrapolate::Yes;
  if (extrapolate == Extrapolate::Periodic) {
    // BSpline.__call__ maps x into [t[k], t[n]] and then evaluates without extrapolation.
    const double tk = t[static_cast<std::size_t>(k)];
    x = tk + detail::preprocessing::numpy_remainder(x - tk, t[static_cast<std::size_t>(n)] - tk);
    extrap = false;
  }
  const std::int64_t ell = find_interval(t, k, n, x, extrap);
  if (ell < 0) {
    for (std::int64_t j = 0; j < n_out; ++j) out[j] = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  de_boor(t.data(), x, k, ell, nu, work);
  for (std::int64_t j = 0; j < n_out; ++j) {
    double s = 0.0;
    for (std::int64_t a = 0; a <= k; ++a) s = s + c[static_cast<std::size_t>((ell + a - k) * n_out + j)] * work[a];
    out[j] = s;
  }
}

}  // namespace skops::estimators
