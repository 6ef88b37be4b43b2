#include "estimators/more/util.hpp"

#include <cmath>
#include <limits>

#include "estimators/common/linear_arrays.hpp"
#include "estimators/common/linear_math.hpp"
#include "skops/error.hpp"

namespace skops::estimators::more {

Fail native_fail(const std::string& who) {
  return [who](const std::string& what) { throw ValidationError(who + ": " + what); };
}

Fail attribute_fail(const ObjectView& obj) {
  return [obj](const std::string& what) {
    const std::string key = what.substr(0, what.find_first_of(" ["));
    if (const auto v = obj.find(key)) v->fail(what);
    obj.fail(what);
  };
}

bool is_real_float(const DType& d) {
  return d.kind() == DTypeKind::Float &&
         (d.itemsize() == 2 || d.itemsize() == 4 || d.itemsize() == 8);
}

bool is_real_numeric(const DType& d) {
  switch (d.kind()) {
    case DTypeKind::Bool:
    case DTypeKind::Int:
    case DTypeKind::UInt:
      return true;
    case DTypeKind::Float:
      return is_real_float(d);
    default:
      return false;
  }
}

void check_float_array(const NdArray& a, const std::string& what, std::size_t ndim,
                       const std::vector<std::int64_t>& dims, const Fail& fail) {
  if (!is_real_float(a.dtype())) {
    fail(what + " must be a real floating-point array, found dtype " + a.dtype().name());
  }
  if (a.ndim() != ndim) {
    fail(what + " must be " + std::to_string(ndim) + "-d, found " + std::to_string(a.ndim()) +
         "-d");
  }
  for (std::size_t i = 0; i < dims.size() && i < ndim; ++i) {
    if (dims[i] >= 0 && a.dim(i) != dims[i]) {
      fail(what + " has " + std::to_string(a.dim(i)) + " entries along axis " + std::to_string(i) +
           ", expected " + std::to_string(dims[i]));
    }
  }
}

Matrix to_matrix2d(const NdArray& a) {
  Matrix m(a.dim(0), a.dim(1));
  const auto v = a.to_vector<double>();
  std::copy(v.begin(), v.end(), m.data());
  return m;
}

Eigen::VectorXd to_vector1d(const NdArray& a) {
  const auto v = a.to_vector<double>();
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  std::copy(v.begin(), v.end(), out.data());
  return out;
}

NdArray numpy_array(const ValueView& v, const std::string& what) {
  if (v.node().kind != NodeKind::NdArray || v.node().storage != "numpy") {
    v.fail(what + " must be a numeric array");
  }
  return v.as_array();
}

bool optional_real(const ObjectView& obj, const std::string& key, double& out) {
  const auto v = obj.find(key);
  if (!v || v->is_none()) return false;
  out = v->as_double();
  return true;
}

NdArray take(const NdArray& labels, const std::vector<std::int64_t>& idx) {
  return linear::take_labels(labels, idx);
}

std::vector<std::int64_t> argmax_rows(const Matrix& s) { return linear::argmax_rows(s); }

double np_sum(const double* p, std::int64_t n) { return linear::numpy_sum(p, n); }

double einsum_sq_norm(const double* p, std::int64_t n) {
  // numpy/core/src/multiarray/einsum_sumprod.c.src,
  // @name@_sum_of_products_contig_contig_outstride0_two with npyv (2 float64 lanes, muladd
  // = multiply then add without FMA on the baseline).
  double acc[2] = {0.0, 0.0};
  std::int64_t i = 0;
  for (; n - i >= 8; i += 8) {
    for (int q = 3; q >= 0; --q) {
      for (int l = 0; l < 2; ++l) {
        const double a = p[i + 2 * q + l];
        acc[l] = a * a + acc[l];
      }
    }
  }
  for (; i < n; i += 2) {
    for (int l = 0; l < 2 && i + l < n; ++l) acc[l] = p[i + l] * p[i + l] + acc[l];
  }
  return acc[0] + acc[1];
}

Eigen::VectorXd logsumexp_rows(const Matrix& a) {
  // scipy/special/_logsumexp.py (scipy 1.10): a_max[~isfinite(a_max)] = 0;
  // out = log(sum(exp(a - a_max))) + a_max.
  Eigen::VectorXd out(a.rows());
  std::vector<double> tmp(static_cast<std::size_t>(a.cols()));
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    double mx = -std::numeric_limits<double>::infinity();
    bool nan = false;
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      if (std::isnan(a(i, j))) nan = true;
      mx = std::max(mx, a(i, j));
    }
    if (nan || !std::isfinite(mx)) mx = 0.0;
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      tmp[static_cast<std::size_t>(j)] = std::exp(a(i, j) - mx);
    }
    out(i) = std::log(np_sum(tmp.data(), a.cols())) + mx;
  }
  return out;
}

NdArray read_classes(const ValueView& v) { return linear::read_labels(v); }

void check_classes(const NdArray& labels, const Fail& fail) {
  try {
    linear::check_labels(labels, "classes");
  } catch (const ValidationError& e) {
    fail(e.detail());
  }
}

int version_code(const std::string& v) { return linear::version_code(v); }

}  // namespace skops::estimators::more
