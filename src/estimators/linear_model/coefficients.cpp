#include "estimators/linear_model/coefficients.hpp"

#include <cmath>
#include <cstring>

#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::linear_model {

namespace {

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
  if (intercept.ndim() == 0 && rows != 1 && !intercept_is_python_float) {
    // numpy would broadcast a scalar; scikit-learn only stores one with a 2-d coef_ of
    // several rows as the Python float 0.0 of fit_intercept=False (LinearModel._set_intercept,
    // e.g. multi-target Lars or MultiTaskLasso), so a numpy scalar there is inconsistent.
    fail("a scalar intercept_ needs a 1-d coef_ (coef_ has " + std::to_string(rows) + " rows)");
  }
  LinearCoefficients c;
  c.w.resize(rows, cols);
  if (coef.dtype() == DType::float64()) {
    // Native float64 in C order (how arrays are held): one copy, no temporary vector (a
    // 10 000-feature, 3-class coef_ is 240 kB).
    std::memcpy(c.w.data(), coef.bytes(), static_cast<std::size_t>(rows * cols) * sizeof(double));
  } else {
    const auto wv = coef.to_vector<double>();
    std::copy(wv.begin(), wv.end(), c.w.data());
  }
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

}  // namespace

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

}  // namespace skops::estimators::detail::linear_model
