#include "estimators/utils/nodes.hpp"

#include "skops/error.hpp"

namespace skops::estimators::detail {

namespace {
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

DType dtype_param(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::Type) {
    for (const auto& d : kDTypes) {
      if (n.module == d.module && n.cls == d.name) return DType(d.kind, d.size);
    }
  }
  if (n.kind == NodeKind::DType) {
    // A numpy.dtype instance (e.g. KBinsDiscretizer's encoder dtype=X.dtype): the dtype of
    // the empty array it holds.
    if (const NodePtr content = n.child("content")) {
      const DType d = ValueView(content, v.ctx()).as_array().dtype();
      for (const auto& t : kDTypes) {
        if (t.kind == d.kind() && t.size == d.itemsize()) return d;
      }
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

}  // namespace skops::estimators::detail
