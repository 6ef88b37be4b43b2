// Standard normal CDF and quantile function, written for QuantileTransformer's normal
// output (scipy.stats.norm.cdf / ppf, i.e. scipy.special.ndtr / ndtri):
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_data.py
//
// cdf: Φ(x) = erfc(-x/√2)/2, taken from the side where no cancellation happens (erf near
// the centre, erfc in the tails).
// ppf: Newton's method on a well-conditioned equation, so the result is as accurate as the
// C library's erf/erfc: near the centre erf(z) = 2p - 1 (exact for p in [1/4, 3/4]) keeps
// the relative accuracy of small results; in the tails log(erfc(z)) = log(2q), q = min(p,
// 1 - p) (1 - p is exact for p >= 1/2), is close to quadratic in z, so the steps converge
// from the rough start of Abramowitz & Stegun 26.2.23 in a handful of iterations, down to
// the smallest subnormal p (erfc's scaled asymptotic series past z = 26, where erfc itself
// leaves the normal range).

#include "estimators/preprocessing/normal.hpp"

#include <cmath>
#include <limits>

namespace skops::estimators::detail::preprocessing {

namespace {

constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kSqrtHalf = 0.70710678118654752440;
constexpr double kTwoOverSqrtPi = 1.12837916709551257390;
constexpr double kSqrtPi = 1.77245385090551602730;
constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kMaxLog = 7.09782712893383996843e2;  // log(DBL_MAX)

// log(erfc(z)) and erfc'(z)/erfc(z) = -2/√π · exp(-z²)/erfc(z), for z > 0.
struct LogErfc {
  double value;
  double slope;
};

LogErfc log_erfc(double z) {
  if (z < 26.0) {
    const double e = std::erfc(z);
    return {std::log(e), -kTwoOverSqrtPi * std::exp(-z * z) / e};
  }
  // erfc(z) = exp(-z²)/(z√π) · S, S = Σ_k (-1)^k (2k-1)!!/(2z²)^k (asymptotic; for z ≥ 26
  // the terms fall below 1e-17 within 8 steps).
  const double w = 1.0 / (2.0 * z * z);
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < 30; ++k) {
    term *= -(2.0 * k - 1.0) * w;
    sum += term;
    if (std::fabs(term) < 1e-18) break;
  }
  const double erfcx = sum / (z * kSqrtPi);  // erfc(z)·exp(z²)
  return {-z * z + std::log(erfcx), -kTwoOverSqrtPi / erfcx};
}

// z > 0 with erfc(z) = 2q, 0 < q <= 1/4.
double upper_tail_root(double q) {
  // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4 in x = √2 z).
  const double t = std::sqrt(-2.0 * std::log(q));
  const double x0 = t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                            (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  double z = x0 * kSqrtHalf;
  const double target = std::log(2.0 * q);
  for (int i = 0; i < 40; ++i) {
    const LogErfc f = log_erfc(z);
    const double step = (f.value - target) / f.slope;
    z -= step;
    if (std::fabs(step) <= 2.0 * kEps * z) break;
  }
  return z;
}

// z with erf(z) = t, |t| <= 1/2.
double central_root(double t) {
  // erfinv's Maclaurin series to t⁵ as the start.
  const double t2 = t * t;
  double z = 0.5 * kSqrtPi * t * (1.0 + t2 * (0.26179938779914943 + t2 * 0.14393173084921979));
  for (int i = 0; i < 40; ++i) {
    const double step = (std::erf(z) - t) / (kTwoOverSqrtPi * std::exp(-z * z));
    z -= step;
    if (std::fabs(step) <= 2.0 * kEps * std::fabs(z)) break;
  }
  return z;
}

}  // namespace

double normal_cdf(double x) noexcept {
  if (std::isnan(x)) return x;
  const double z = x * kSqrtHalf;
  if (std::fabs(z) < kSqrtHalf) return 0.5 + 0.5 * std::erf(z);
  // scipy's ndtr (Cephes erfc) flushes the tail to 0 once z² exceeds log(DBL_MAX), where
  // the value is subnormal (below 1.1e-310): the same here, for the same results.
  const double tail = z * z > kMaxLog ? 0.0 : 0.5 * std::erfc(std::fabs(z));
  return z > 0 ? 1.0 - tail : tail;
}

double normal_ppf(double p) noexcept {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  if (p > 0.25 && p < 0.75) return kSqrt2 * central_root(2.0 * p - 1.0);
  if (p < 0.5) return -kSqrt2 * upper_tail_root(p);
  return kSqrt2 * upper_tail_root(1.0 - p);
}

}  // namespace skops::estimators::detail::preprocessing
