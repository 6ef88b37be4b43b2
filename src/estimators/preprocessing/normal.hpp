#pragma once
// The standard normal CDF and quantile function (scipy.special.ndtr / ndtri, which
// scipy.stats.norm.cdf / ppf call), for QuantileTransformer's output_distribution="normal".
// Own implementation on top of the C library's erf/erfc: the quantile is found by Newton
// steps on erf (centre) or log(erfc) (tails), so it is as accurate as erf/erfc themselves
// (a few ulps; tests/interop/prep_test.cpp checks both against scipy to 1e-12 relative).

namespace skops::estimators::detail::preprocessing {

/// P(Z <= x) for a standard normal Z. NaN → NaN, ±inf → 1 / 0.
double normal_cdf(double x) noexcept;
/// The x with normal_cdf(x) == p: -inf at 0, +inf at 1, NaN outside [0, 1] or for NaN.
double normal_ppf(double p) noexcept;

}  // namespace skops::estimators::detail::preprocessing
