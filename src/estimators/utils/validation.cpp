#include "estimators/utils/validation.hpp"

#include <algorithm>
#include <cmath>

namespace skops::estimators::detail {

namespace {
constexpr std::int64_t kMaxFeatures = std::int64_t{1} << 31;
}  // namespace

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

NdArray numpy_array(const ValueView& v, const std::string& what) {
  if (v.node().kind != NodeKind::NdArray || v.node().storage != "numpy") {
    v.fail(what + " must be a numeric array");
  }
  return v.as_array();
}

NdArray real_array(const ValueView& v, const std::string& what) {
  NdArray a = numpy_array(v, what);
  if (!is_real_float(a.dtype())) {
    v.fail(what + " must be a real floating-point array, found dtype " + a.dtype().name());
  }
  if (a.ndim() > 2) v.fail(what + " must have at most 2 dimensions");
  return a;
}

std::vector<double> float_vector(const ValueView& v, std::int64_t n, const std::string& what) {
  const NdArray a = v.as_array();
  if (a.dtype().kind() != DTypeKind::Float) {
    v.fail(what + " must be a floating-point array, found dtype " + a.dtype().name());
  }
  if (a.ndim() != 1) v.fail(what + " must be 1-d, found " + std::to_string(a.ndim()) + "-d");
  if (n >= 0 && a.dim(0) != n) {
    v.fail(what + " has " + std::to_string(a.dim(0)) + " elements, expected " + std::to_string(n));
  }
  if (n < 0 && a.dim(0) < 1) v.fail(what + " is empty");
  return a.to_vector<double>();
}

std::vector<double> float_vector(const ObjectView& obj, const std::string& key, std::int64_t n) {
  return float_vector(obj.at(key), n, key);
}

std::vector<double> optional_float_vector(const ObjectView& obj, const std::string& key,
                                          std::int64_t n) {
  auto v = obj.find(key);
  if (!v || v->is_none()) return {};
  return float_vector(*v, n, key);
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

bool optional_real(const ObjectView& obj, const std::string& key, double& out) {
  const auto v = obj.find(key);
  if (!v || v->is_none()) return false;
  out = v->as_double();
  return true;
}

bool flag(const ObjectView& obj, const char* key, bool dflt) {
  auto v = obj.find(key);
  return v ? v->as_bool() : dflt;
}

std::int64_t optional_n_features(const ObjectView& obj) {
  auto v = obj.find("n_features_in_");
  if (!v) return -1;
  const std::int64_t n = v->as_int();
  if (n < 1 || n >= kMaxFeatures)
    v->fail("n_features_in_ = " + std::to_string(n) + " is out of range");
  return n;
}

std::int64_t required_n_features(const ObjectView& obj) {
  if (!obj.has("n_features_in_")) obj.fail("required attribute n_features_in_ missing");
  return optional_n_features(obj);
}

std::int64_t read_n_features(const ObjectView& obj, std::int64_t expected) {
  const std::int64_t n = optional_n_features(obj);
  if (n < 0) return expected;
  if (expected >= 0 && n != expected) {
    obj.at("n_features_in_").fail("n_features_in_ = " + std::to_string(n) +
                                  " does not match the " + std::to_string(expected) +
                                  " feature columns of the fitted arrays");
  }
  return n;
}

void check_finite_sparse(const Estimator& est, const CsrMatrix& X) {
  for (std::int64_t r = 0; r < X.rows; ++r) {
    for (std::int64_t k = X.indptr[static_cast<std::size_t>(r)];
         k < X.indptr[static_cast<std::size_t>(r) + 1]; ++k) {
      if (!std::isfinite(X.data[static_cast<std::size_t>(k)]))
        throw InputError("input X contains NaN or infinity (row " + std::to_string(r) +
                         ", column " + std::to_string(X.indices[static_cast<std::size_t>(k)]) +
                         "); " + est.type_name() + " does not accept missing values");
    }
  }
}

void check_allow_nan(const Estimator& est, const MatrixView& X) {
  if (X.rows() == 0) {
    throw InputError("found array with 0 sample(s) while a minimum of 1 is required by " +
                     est.type_name());
  }
  if (est.n_features_in() >= 0 && X.cols() != est.n_features_in()) {
    throw InputError("X has " + std::to_string(X.cols()) + " features, but " + est.type_name() +
                     " is expecting " + std::to_string(est.n_features_in()) + " features as input");
  }
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (std::isinf(X(i, j))) {
        throw InputError("input X contains infinity (row " + std::to_string(i) + ", column " +
                         std::to_string(j) + "); " + est.type_name() +
                         " accepts NaN but not infinity");
      }
    }
  }
}

void adopt_identity(Estimator& est, const ObjectView& obj, std::int64_t n_features_in) {
  est.set_type_name(obj.type_name());
  est.set_n_features_in(n_features_in);
  est.set_original_state(obj.state());
}

}  // namespace skops::estimators::detail
