#include "estimators/common/linear_arrays.hpp"

#include <cmath>

#include "estimators/common/sklearn_version.hpp"
#include "skops/error.hpp"

namespace skops::estimators::linear {

namespace {

bool is_real_float(const DType& d) {
  return d.kind() == DTypeKind::Float &&
         (d.itemsize() == 2 || d.itemsize() == 4 || d.itemsize() == 8);
}

// Shape and dtype checks shared by files and native arrays; `fail` throws.
template <class Fail>
LinearCoefficients coefficients_from(NdArray coef, NdArray intercept,
                                     bool intercept_is_python_float, Fail fail) {
  if (!is_real_float(coef.dtype())) {
    fail("coef_ must be a real floating-point array, found dtype " + coef.dtype().name());
  }
  if (coef.ndim() != 1 && coef.ndim() != 2) {
    fail("coef_ must be 1-d or 2-d, found " + std::to_string(coef.ndim()) + "-d");
  }
  if (!is_real_float(intercept.dtype()) && !intercept_is_python_float) {
    fail("intercept_ must be real floating point, found dtype " + intercept.dtype().name());
  }
  if (intercept.ndim() > 1) fail("intercept_ must be a scalar or 1-d");
  const bool one_d = coef.ndim() == 1;
  const std::int64_t rows = one_d ? 1 : coef.dim(0);
  const std::int64_t cols = one_d ? coef.dim(0) : coef.dim(1);
  if (cols < 1) fail("coef_ has no feature column");
  if (rows < 1) fail("coef_ has no row");
  if (intercept.ndim() == 1 && intercept.dim(0) != rows && !(one_d && intercept.dim(0) == 1)) {
    fail("intercept_ has " + std::to_string(intercept.dim(0)) + " entries but coef_ has " +
         std::to_string(rows) + " rows");
  }
  if (intercept.ndim() == 0 && rows != 1) {
    // numpy would broadcast a scalar; scikit-learn never stores one with a 2-d coef_ of
    // several rows, so a file that does is inconsistent.
    fail("a scalar intercept_ needs a 1-d coef_ (coef_ has " + std::to_string(rows) + " rows)");
  }
  LinearCoefficients c;
  c.w.resize(rows, cols);
  const auto wv = coef.to_vector<double>();
  std::copy(wv.begin(), wv.end(), c.w.data());
  const auto bv = intercept.to_vector<double>();
  c.b.resize(rows);
  for (std::int64_t k = 0; k < rows; ++k)
    c.b(k) = bv.size() == 1 ? bv[0] : bv[static_cast<std::size_t>(k)];
  c.float32 = coef.dtype() == DType::float32() &&
              (intercept_is_python_float || intercept.dtype() == DType::float32());
  c.coef = std::move(coef);
  c.intercept = std::move(intercept);
  c.intercept_is_python_float = intercept_is_python_float;
  return c;
}

bool label_dtype_ok(const DType& d) {
  switch (d.kind()) {
    case DTypeKind::Bool:
    case DTypeKind::Int:
    case DTypeKind::UInt:
    case DTypeKind::Unicode:
      return true;
    case DTypeKind::Float:
      return is_real_float(d);
    default:
      return false;
  }
}

}  // namespace

NdArray real_array(const ValueView& v, const std::string& what) {
  if (v.node().kind != NodeKind::NdArray || v.node().storage != "numpy") {
    v.fail(what + " must be a numeric array");
  }
  NdArray a = v.as_array();
  if (!is_real_float(a.dtype())) {
    v.fail(what + " must be a real floating-point array, found dtype " + a.dtype().name());
  }
  if (a.ndim() > 2) v.fail(what + " must have at most 2 dimensions");
  return a;
}

LinearCoefficients read_coefficients(const ObjectView& obj, const char* coef_key,
                                     const char* intercept_key) {
  const ValueView cv = obj.at(coef_key);
  NdArray coef = real_array(cv, coef_key);
  const ValueView iv = obj.at(intercept_key);
  NdArray intercept;
  bool python_float = false;
  const Node& in = iv.node();
  if (in.kind == NodeKind::Json &&
      (in.scalar == ScalarKind::Float || in.scalar == ScalarKind::Int)) {
    // LinearModel._set_intercept stores the Python float 0.0 when fit_intercept=False.
    intercept = NdArray::from_vector(std::vector<double>{iv.as_double()}, {});
    python_float = true;
  } else {
    intercept = real_array(iv, intercept_key);
  }
  return coefficients_from(std::move(coef), std::move(intercept), python_float,
                           [&](const std::string& m) { obj.fail(m); });
}

LinearCoefficients make_coefficients(NdArray coef, NdArray intercept, const std::string& who) {
  return coefficients_from(
      std::move(coef), std::move(intercept), false,
      [&](const std::string& m) -> void { throw ValidationError(who + ": " + m); });
}

std::int64_t read_n_features(const ObjectView& obj, std::int64_t expected) {
  const auto v = obj.find("n_features_in_");
  if (!v) return expected;
  const std::int64_t n = v->as_int();
  if (n < 1) v->fail("n_features_in_ must be positive, found " + std::to_string(n));
  if (expected >= 0 && n != expected) {
    v->fail("n_features_in_ = " + std::to_string(n) + " does not match the " +
            std::to_string(expected) + " feature columns of the fitted arrays");
  }
  return n;
}

NdArray read_labels(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::NdArray && n.storage == "json") {
    // String labels fitted from an object array: skops stores them as a JSON list.
    std::vector<std::string> labels;
    for (const ValueView& item : v.items()) {
      const Node& in = item.node();
      if (in.kind != NodeKind::Json || in.scalar != ScalarKind::Str) {
        item.fail("object-array class labels must be strings");
      }
      labels.push_back(in.str_value);
    }
    if (labels.empty()) v.fail("classes_ is empty");
    if (n.json_shape && n.json_shape->items.size() != 1) v.fail("classes_ must be 1-d");
    const auto count = static_cast<std::int64_t>(labels.size());
    return NdArray::from_strings(labels, {count});
  }
  if (n.kind != NodeKind::NdArray) v.fail("classes_ must be an array");
  NdArray a = v.as_array();
  if (!label_dtype_ok(a.dtype())) v.fail("classes_ has unsupported dtype " + a.dtype().name());
  if (a.ndim() != 1) v.fail("classes_ must be 1-d");
  if (a.size() == 0) v.fail("classes_ is empty");
  return a;
}

void check_labels(const NdArray& labels, const std::string& who) {
  if (!label_dtype_ok(labels.dtype()))
    throw ValidationError(who + ": unsupported label dtype " + labels.dtype().name());
  if (labels.ndim() != 1 || labels.size() == 0)
    throw ValidationError(who + ": classes must be a non-empty 1-d array");
}

void write_coefficients(const LinearCoefficients& c, ObjectWriter& w) {
  w.set_array("coef_", c.coef);
  if (c.intercept_is_python_float) {
    w.set_real("intercept_", c.b(0));
  } else if (c.intercept.ndim() == 0) {
    w.set("intercept_", make::numpy_scalar(c.intercept));
  } else {
    w.set_array("intercept_", c.intercept);
  }
}

NodePtr labels_node(const NdArray& labels, const NodePtr& original) {
  if (original) return original;
  return make::array(labels);
}

int version_code(const std::string& version) {
  const auto v = detail::parse_sklearn_version(version);
  return v ? v->major * 10000 + v->minor * 100 + v->patch : 0;
}

std::string file_version(const ObjectView& obj) { return detail::file_sklearn_version(obj); }

}  // namespace skops::estimators::linear
