#include "estimators/svm/libsvm.hpp"

#include <algorithm>
#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail {

namespace {

std::string str(std::int64_t v) { return std::to_string(v); }

// BLAS ddot of the reference implementation: one accumulator, index order.
double dot(const double* a, const double* b, std::int64_t n) {
  double s = 0;
  for (std::int64_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

// libsvm's powi: exponentiation by squaring (svm.cpp), not std::pow.
double powi(double base, int times) {
  double tmp = base, ret = 1.0;
  for (int t = times; t > 0; t /= 2) {
    if (t % 2 == 1) ret *= tmp;
    tmp = tmp * tmp;
  }
  return ret;
}

// libsvm's sigmoid_predict (Platt): written to avoid cancellation in 1 - p.
double sigmoid_predict(double dec, double a, double b) {
  const double f = dec * a + b;
  if (f >= 0) return std::exp(-f) / (1.0 + std::exp(-f));
  return 1.0 / (1 + std::exp(f));
}

// Method 2 of Wu, Lin and Weng (libsvm's multiclass_probability), same iteration and
// stopping rule.
void multiclass_probability(std::int64_t k, const std::vector<double>& r, double* p) {
  auto R = [&](std::int64_t i, std::int64_t j) { return r[static_cast<std::size_t>(i * k + j)]; };
  std::vector<double> Q(static_cast<std::size_t>(k * k)), Qp(static_cast<std::size_t>(k));
  auto q = [&](std::int64_t i, std::int64_t j) -> double& {
    return Q[static_cast<std::size_t>(i * k + j)];
  };
  const std::int64_t max_iter = std::max<std::int64_t>(100, k);
  const double eps = 0.005 / static_cast<double>(k);
  for (std::int64_t t = 0; t < k; ++t) {
    p[t] = 1.0 / static_cast<double>(k);
    q(t, t) = 0;
    for (std::int64_t j = 0; j < t; ++j) {
      q(t, t) += R(j, t) * R(j, t);
      q(t, j) = q(j, t);
    }
    for (std::int64_t j = t + 1; j < k; ++j) {
      q(t, t) += R(j, t) * R(j, t);
      q(t, j) = -R(j, t) * R(t, j);
    }
  }
  for (std::int64_t iter = 0; iter < max_iter; ++iter) {
    double pQp = 0;
    for (std::int64_t t = 0; t < k; ++t) {
      Qp[static_cast<std::size_t>(t)] = 0;
      for (std::int64_t j = 0; j < k; ++j) Qp[static_cast<std::size_t>(t)] += q(t, j) * p[j];
      pQp += p[t] * Qp[static_cast<std::size_t>(t)];
    }
    double max_error = 0;
    for (std::int64_t t = 0; t < k; ++t) {
      const double error = std::fabs(Qp[static_cast<std::size_t>(t)] - pQp);
      if (error > max_error) max_error = error;
    }
    if (max_error < eps) break;
    for (std::int64_t t = 0; t < k; ++t) {
      const double diff = (-Qp[static_cast<std::size_t>(t)] + pQp) / q(t, t);
      p[t] += diff;
      pQp = (pQp + diff * (diff * q(t, t) + 2 * Qp[static_cast<std::size_t>(t)])) / (1 + diff) /
            (1 + diff);
      for (std::int64_t j = 0; j < k; ++j) {
        Qp[static_cast<std::size_t>(j)] =
            (Qp[static_cast<std::size_t>(j)] + diff * q(t, j)) / (1 + diff);
        p[j] /= (1 + diff);
      }
    }
  }
}

void check_int_array(const NdArray& a, const std::string& what, const LibsvmEval::Fail& fail) {
  if (a.dtype().kind() != DTypeKind::Int && a.dtype().kind() != DTypeKind::UInt) {
    fail(what + " must be an integer array, found dtype " + a.dtype().name());
  }
  if (a.ndim() != 1) fail(what + " must be 1-d");
}

}  // namespace

SvmKernel kernel_from_name(const std::string& name, const LibsvmEval::Fail& fail) {
  if (name == "linear") return SvmKernel::Linear;
  if (name == "poly") return SvmKernel::Poly;
  if (name == "rbf") return SvmKernel::Rbf;
  if (name == "sigmoid") return SvmKernel::Sigmoid;
  fail("kernel '" + name + "' is not supported (linear, poly, rbf, sigmoid)");
  return SvmKernel::Rbf;
}

const char* kernel_name(SvmKernel k) noexcept {
  switch (k) {
    case SvmKernel::Linear:
      return "linear";
    case SvmKernel::Poly:
      return "poly";
    case SvmKernel::Rbf:
      return "rbf";
    case SvmKernel::Sigmoid:
      return "sigmoid";
  }
  return "rbf";
}

LibsvmEval::LibsvmEval(const LibsvmModel& m, std::int64_t n_classes, const Fail& fail)
    : kernel_(m.kernel), n_classes_(n_classes) {
  if (m.kernel == SvmKernel::Poly && (m.degree < 0 || m.degree > 1000000)) {
    fail("degree must be a non-negative integer, found " + str(m.degree));
  }
  degree_ = static_cast<int>(m.degree);
  gamma_ = m.gamma;
  coef0_ = m.coef0;
  if (!std::isfinite(gamma_) || !std::isfinite(coef0_)) fail("_gamma and coef0 must be finite");

  detail::check_float_array(m.support_vectors, "support_vectors_", 2, {}, fail);
  const std::int64_t n_sv = m.support_vectors.dim(0);
  const std::int64_t nf = m.support_vectors.dim(1);
  if (nf < 1) fail("support_vectors_ has no feature column");
  check_int_array(m.support, "support_", fail);
  if (m.support.dim(0) != n_sv) {
    fail("support_ has " + str(m.support.dim(0)) + " entries but support_vectors_ has " +
         str(n_sv) + " rows");
  }
  check_int_array(m.n_support, "_n_support", fail);
  const auto ns = m.n_support.to_vector<std::int64_t>();
  const bool classifier = n_classes > 0;
  const std::int64_t n_models = classifier ? n_classes * (n_classes - 1) / 2 : 1;
  if (classifier) {
    if (n_classes < 2) fail("a classifier needs at least 2 classes");
    if (static_cast<std::int64_t>(ns.size()) != n_classes) {
      fail("_n_support has " + str(static_cast<std::int64_t>(ns.size())) + " entries, expected " +
           str(n_classes) + " (one per class)");
    }
    std::int64_t total = 0;
    for (std::int64_t c : ns) {
      if (c < 0) fail("_n_support has a negative count");
      total += c;
      start_.push_back(total - c);
      count_.push_back(c);
    }
    // scikit-learn checks the same (CVE-2020-28975, BaseLibSVM._validate_for_predict).
    if (total != n_sv) {
      fail("_n_support sums to " + str(total) + " but there are " + str(n_sv) + " support vectors");
    }
  } else {
    if (ns.empty() || ns[0] != n_sv) {
      fail("_n_support[0] must equal the number of support vectors (" + str(n_sv) + ")");
    }
  }
  const std::int64_t coef_rows = classifier ? n_classes - 1 : 1;
  detail::check_float_array(m.dual_coef, "_dual_coef_", 2, {coef_rows, n_sv}, fail);
  detail::check_float_array(m.intercept, "_intercept_", 1, {n_models}, fail);
  sv_ = detail::to_matrix2d(m.support_vectors);
  coef_ = detail::to_matrix2d(m.dual_coef);
  for (double b : m.intercept.to_vector<double>()) rho_.push_back(-b);  // libsvm_helper set_model
  const bool has_a = m.prob_a.ndim() > 0 && m.prob_a.size() > 0;
  const bool has_b = m.prob_b.ndim() > 0 && m.prob_b.size() > 0;
  if (m.prob_a.ndim() > 0) detail::check_float_array(m.prob_a, "_probA", 1, {}, fail);
  if (m.prob_b.ndim() > 0) detail::check_float_array(m.prob_b, "_probB", 1, {}, fail);
  if (classifier && has_a && has_b) {
    if (m.prob_a.dim(0) != n_models || m.prob_b.dim(0) != n_models) {
      fail("_probA/_probB must have " + str(n_models) + " entries (one per class pair)");
    }
    prob_a_ = m.prob_a.to_vector<double>();
    prob_b_ = m.prob_b.to_vector<double>();
  }
}

double LibsvmEval::kernel(const double* x, const double* y) const {
  const std::int64_t n = sv_.cols();
  switch (kernel_) {
    case SvmKernel::Linear:
      return dot(x, y, n);
    case SvmKernel::Poly:
      return powi(gamma_ * dot(x, y, n) + coef0_, degree_);
    case SvmKernel::Rbf: {
      // k_function: the differences, then ddot of the difference with itself.
      double sum = 0;
      for (std::int64_t i = 0; i < n; ++i) {
        const double d = x[i] - y[i];
        sum += d * d;
      }
      return std::exp(-gamma_ * sum);
    }
    case SvmKernel::Sigmoid:
      return std::tanh(gamma_ * dot(x, y, n) + coef0_);
  }
  return 0;
}

std::int64_t LibsvmEval::ovo(const double* x, double* dec) const {
  const std::int64_t l = sv_.rows();
  std::vector<double> kv(static_cast<std::size_t>(l));
  for (std::int64_t i = 0; i < l; ++i)
    kv[static_cast<std::size_t>(i)] = kernel(x, sv_.row(i).data());
  std::vector<std::int64_t> vote(static_cast<std::size_t>(n_classes_), 0);
  std::int64_t p = 0;
  for (std::int64_t i = 0; i < n_classes_; ++i) {
    for (std::int64_t j = i + 1; j < n_classes_; ++j) {
      double sum = 0;
      const std::int64_t si = start_[static_cast<std::size_t>(i)];
      const std::int64_t sj = start_[static_cast<std::size_t>(j)];
      // Coefficients of class i's SVs against j live in row j-1, class j's in row i.
      for (std::int64_t k = 0; k < count_[static_cast<std::size_t>(i)]; ++k) {
        sum += coef_(j - 1, si + k) * kv[static_cast<std::size_t>(si + k)];
      }
      for (std::int64_t k = 0; k < count_[static_cast<std::size_t>(j)]; ++k) {
        sum += coef_(i, sj + k) * kv[static_cast<std::size_t>(sj + k)];
      }
      sum -= rho_[static_cast<std::size_t>(p)];
      dec[p] = sum;
      ++vote[static_cast<std::size_t>(sum > 0 ? i : j)];
      ++p;
    }
  }
  std::int64_t best = 0;
  for (std::int64_t i = 1; i < n_classes_; ++i) {
    if (vote[static_cast<std::size_t>(i)] > vote[static_cast<std::size_t>(best)]) best = i;
  }
  return best;
}

void LibsvmEval::probability(const double* x, double* prob) const {
  const std::int64_t k = n_classes_;
  std::vector<double> dec(static_cast<std::size_t>(k * (k - 1) / 2));
  ovo(x, dec.data());
  const double min_prob = 1e-7;
  std::vector<double> r(static_cast<std::size_t>(k * k), 0.0);
  std::int64_t p = 0;
  for (std::int64_t i = 0; i < k; ++i) {
    for (std::int64_t j = i + 1; j < k; ++j) {
      const double s =
          sigmoid_predict(dec[static_cast<std::size_t>(p)], prob_a_[static_cast<std::size_t>(p)],
                          prob_b_[static_cast<std::size_t>(p)]);
      const double v = std::min(std::max(s, min_prob), 1 - min_prob);
      r[static_cast<std::size_t>(i * k + j)] = v;
      r[static_cast<std::size_t>(j * k + i)] = 1 - v;
      ++p;
    }
  }
  multiclass_probability(k, r, prob);
}

double LibsvmEval::value(const double* x) const {
  double sum = 0;
  for (std::int64_t i = 0; i < sv_.rows(); ++i) sum += coef_(0, i) * kernel(x, sv_.row(i).data());
  return sum - rho_[0];
}

}  // namespace skops::estimators::detail
