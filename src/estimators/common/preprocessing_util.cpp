#include "estimators/common/preprocessing_util.hpp"

#include <cmath>

#include "estimators/common/sklearn_version.hpp"
#include "skops/error.hpp"

namespace skops::estimators::pp {

namespace {
constexpr std::int64_t kMaxFeatures = std::int64_t{1} << 31;

struct NamedDType {
  const char* module;
  const char* name;
  DTypeKind kind;
  std::uint64_t size;
};
// numpy scalar types (and the Python builtins numpy maps to them) a dtype= parameter names.
constexpr NamedDType kDTypes[] = {
    {"numpy", "float64", DTypeKind::Float, 8},  {"numpy", "float32", DTypeKind::Float, 4},
    {"numpy", "int64", DTypeKind::Int, 8},      {"numpy", "int32", DTypeKind::Int, 4},
    {"numpy", "int16", DTypeKind::Int, 2},      {"numpy", "int8", DTypeKind::Int, 1},
    {"numpy", "uint8", DTypeKind::UInt, 1},     {"numpy", "bool_", DTypeKind::Bool, 1},
    {"builtins", "float", DTypeKind::Float, 8}, {"builtins", "int", DTypeKind::Int, 8},
    {"builtins", "bool", DTypeKind::Bool, 1},
};
}  // namespace

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

DType dtype_param(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::Type) {
    for (const auto& d : kDTypes) {
      if (n.module == d.module && n.cls == d.name) return DType(d.kind, d.size);
    }
  }
  v.fail("unsupported dtype parameter " + n.type_name() + " (expected a numeric numpy type)");
}

NodePtr dtype_type_node(const DType& d) {
  for (const auto& t : kDTypes) {
    if (std::string(t.module) == "numpy" && t.kind == d.kind() && t.size == d.itemsize()) {
      return make::type_ref("numpy", t.name);
    }
  }
  throw UnsupportedError("no numpy type for dtype " + d.name());
}

NdArray matrix_as(const Matrix& m, const DType& dtype) {
  const std::vector<std::int64_t> shape{static_cast<std::int64_t>(m.rows()),
                                        static_cast<std::int64_t>(m.cols())};
  const std::vector<double> v(m.data(), m.data() + m.size());
  auto cast = [&](auto tag) {
    using T = decltype(tag);
    std::vector<T> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<T>(v[i]);
    return NdArray::from_vector(out, shape);
  };
  const auto sz = dtype.itemsize();
  switch (dtype.kind()) {
    case DTypeKind::Float:
      if (sz == 8) return NdArray::from_vector(v, shape);
      if (sz == 4) return cast(float{});
      break;
    case DTypeKind::Int:
      if (sz == 8) return cast(std::int64_t{});
      if (sz == 4) return cast(std::int32_t{});
      if (sz == 2) return cast(std::int16_t{});
      if (sz == 1) return cast(std::int8_t{});
      break;
    case DTypeKind::UInt:
      if (sz == 1) return cast(std::uint8_t{});
      break;
    case DTypeKind::Bool: {
      std::vector<bool> out(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i] != 0.0;
      return NdArray::from_vector(out, shape);
    }
    default:
      break;
  }
  throw UnsupportedError("cannot produce output of dtype " + dtype.name());
}

NodePtr float_array_node(const std::vector<double>& v) {
  return make::array(NdArray::from_vector(v));
}

NodePtr int64_scalar_node(std::int64_t v) {
  return make::numpy_scalar(NdArray::from_vector(std::vector<std::int64_t>{v}, {}));
}

NodePtr real_node(double v) { return make::real(v); }

bool version_at_least(const std::string& version, int major, int minor) {
  return detail::sklearn_version_at_least(version, {major, minor, 0}, true);  // unknown: newest
}

bool flag(const ObjectView& obj, const char* key, bool dflt) {
  auto v = obj.find(key);
  return v ? v->as_bool() : dflt;
}

void adopt_identity(Estimator& est, const ObjectView& obj, std::int64_t n_features_in) {
  est.set_type_name(obj.type_name());
  est.set_n_features_in(n_features_in);
  est.set_original_state(obj.state());
}

}  // namespace skops::estimators::pp
