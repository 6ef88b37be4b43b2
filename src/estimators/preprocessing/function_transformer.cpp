// FunctionTransformer with func=None (identity; what ColumnTransformer stores for
// 'passthrough' since scikit-learn 1.2) or an elementwise numpy ufunc.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_function_transformer.py

#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/versions.hpp"
#include "estimators/pipeline/steps.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {
using UFunc = double (*)(double);

struct NamedUFunc {
  const char* name;
  UFunc fn;
};

// numpy's float64 loops for these call the C math library (or are exact).
const NamedUFunc kUFuncs[] = {
    {"log1p", [](double x) { return std::log1p(x); }},
    {"expm1", [](double x) { return std::expm1(x); }},
    {"log", [](double x) { return std::log(x); }},
    {"log2", [](double x) { return std::log2(x); }},
    {"log10", [](double x) { return std::log10(x); }},
    {"exp", [](double x) { return std::exp(x); }},
    {"exp2", [](double x) { return std::exp2(x); }},
    {"sqrt", [](double x) { return std::sqrt(x); }},
    {"cbrt", [](double x) { return std::cbrt(x); }},
    {"absolute", [](double x) { return std::fabs(x); }},
    {"fabs", [](double x) { return std::fabs(x); }},
    {"square", [](double x) { return x * x; }},
    {"negative", [](double x) { return -x; }},
    {"reciprocal", [](double x) { return 1.0 / x; }},
    {"sin", [](double x) { return std::sin(x); }},
    {"cos", [](double x) { return std::cos(x); }},
    {"tanh", [](double x) { return std::tanh(x); }},
    {"arcsinh", [](double x) { return std::asinh(x); }},
};

UFunc find_ufunc(const std::string& name) {
  for (const auto& u : kUFuncs) {
    if (name == u.name) return u.fn;
  }
  return nullptr;
}

NdArray apply(const std::string& name, const MatrixView& X) {
  Matrix out = X;
  if (!name.empty()) {
    const UFunc fn = find_ufunc(name);
    for (Eigen::Index i = 0; i < out.size(); ++i) out.data()[i] = fn(out.data()[i]);
  }
  return to_ndarray(out);
}
}  // namespace

FunctionTransformer::FunctionTransformer(std::string func, std::string inverse_func, bool validate,
                                         std::int64_t n_features)
    : func_(std::move(func)), inverse_func_(std::move(inverse_func)), validate_(validate) {
  for (const auto* f : {&func_, &inverse_func_}) {
    if (!f->empty() && !known_ufunc(*f)) {
      throw UnsupportedError("FunctionTransformer: function " + *f + " is not supported");
    }
  }
  set_type_name("sklearn.preprocessing._function_transformer.FunctionTransformer");
  set_n_features_in(n_features);
}

bool FunctionTransformer::known_ufunc(const std::string& name) noexcept {
  return find_ufunc(name) != nullptr;
}

NdArray FunctionTransformer::do_transform(const MatrixView& X) const {
  // validate=False: scikit-learn hands X to func unchecked (not even the column count).
  if (validate_) check_finite_input(X);
  return apply(func_, X);
}

FunctionTransformer FunctionTransformer::check_array_float64(std::int64_t n_features) {
  FunctionTransformer f("", "", false, n_features);
  f.check_array_ = true;
  return f;
}

TableTransform FunctionTransformer::on_table_transform(const Table& X) const {
  if (func_.empty() && !check_array_ && !validate_) return X;  // the identity, unchecked
  return on_table(Method::Transform, X);
}

NdArray FunctionTransformer::on_table(Method m, const Table& X) const {
  if (m == Method::Transform && func_.empty() && !validate_) {
    // identity or check_array: numbers as float64 (check_array(dtype=float64) refuses strings)
    if (check_array_) return to_ndarray(estimators::detail::pipeline::table_matrix(X));
    return estimators::detail::pipeline::table_result(X, type_name());
  }
  return TransformerBase::on_table(m, X);
}

NdArray FunctionTransformer::inverse_transform(const MatrixView& X) const {
  if (validate_) check_finite_input(X);
  return apply(inverse_func_, X);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

namespace {
// numpy ufuncs are pickled under their defining module, which moved in numpy 2.
const char* const kUFuncModules[] = {"numpy", "numpy.core._multiarray_umath",
                                     "numpy._core._multiarray_umath"};

// Exactly functools.partial(sklearn.utils.validation.check_array, dtype=[numpy.float64] or
// numpy.float64, force_all_finite=False or ensure_all_finite=False): what
// HistGradientBoosting's _preprocessor holds (scikit-learn >= 1.4). Anything else in a
// partial is refused.
bool is_check_array_partial(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind != NodeKind::Partial) return false;
  auto part = [&](const char* name) {
    NodePtr c = n.child(name);
    if (!c) v.fail(std::string("functools.partial without ") + name);
    return ValueView(c, v.ctx());
  };
  const ValueView func = part("func");
  if (func.node().kind != NodeKind::Function || func.node().module != "sklearn.utils.validation" ||
      func.node().cls != "check_array") {
    v.fail("functools.partial of " + func.node().type_name() + " is not supported");
  }
  if (!part("args").items().empty()) v.fail("functools.partial(check_array) with positional args");
  if (NodePtr ns = n.child("namespace");
      ns && !ns->is_none() && !(ns->kind == NodeKind::Dict && ns->entries.empty())) {
    v.fail("functools.partial(check_array) with a namespace");
  }
  const ValueView kw = part("kwds");
  if (kw.node().kind != NodeKind::Dict) v.fail("functools.partial kwds must be a dict");
  bool dtype_ok = false, finite_ok = false;
  // Failures name the kwds dict: its values are often interned nodes (False) whose
  // pointer is wherever Python first wrote them.
  for (const auto& e : kw.node().entries) {
    const ValueView val(e.value, v.ctx());
    if (e.key == "dtype") {
      const Node* t = &val.node();
      if (t->kind == NodeKind::List && val.items().size() == 1) t = &val.items()[0].node();
      dtype_ok = t->kind == NodeKind::Type && t->module == "numpy" && t->cls == "float64";
      if (!dtype_ok) kw.fail("check_array dtype must be numpy.float64");
    } else if (e.key == "force_all_finite" || e.key == "ensure_all_finite") {
      finite_ok = !val.as_bool();
      if (!finite_ok) kw.fail("check_array " + e.key + " must be False");
    } else {
      kw.fail("check_array keyword " + e.key + " is not supported");
    }
  }
  if (!dtype_ok || !finite_ok) v.fail("functools.partial(check_array) needs dtype and force_all_finite");
  return true;
}

std::string ufunc_of(const ObjectView& obj, const char* key) {
  auto v = obj.find(key);
  if (!v || v->is_none()) return "";
  const Node& n = v->node();
  if (n.kind == NodeKind::Function) {
    for (const char* m : kUFuncModules) {
      if (n.module == m && FunctionTransformer::known_ufunc(n.cls)) return n.cls;
    }
  }
  throw UnsupportedError(std::string("FunctionTransformer: ") + key + " = " + n.type_name() +
                             " is not a supported function (None or a numpy ufunc)",
                         {}, v->pointer());
}

}  // namespace

std::vector<std::string> ufunc_type_names() {
  std::vector<std::string> names;
  for (const auto& u : kUFuncs) {
    for (const char* m : kUFuncModules) names.push_back(std::string(m) + "." + u.name);
  }
  return names;
}

void save_function(const FunctionTransformer& e, ObjectWriter& w) {
  // skops trusts a ufunc under the module numpy reports for it: numpy.core._multiarray_umath
  // before numpy 2, numpy from numpy 2 on. scikit-learn supports numpy 2 from 1.4.2, so an
  // older target runs numpy 1 and would refuse "numpy.log1p" as an untrusted type.
  const bool numpy2 = w.ctx().target_at_least(1, 4, 2);
  auto fn = [numpy2](const std::string& name) {
    return name.empty()
               ? make::none()
               : make::function_ref(numpy2 ? "numpy" : "numpy.core._multiarray_umath", name);
  };
  if (e.is_check_array()) {
    if (!e.original_state() || !e.original_state()->get("func"))
      throw UnsupportedError("FunctionTransformer(check_array) is written only as loaded");
    w.set("func", e.original_state()->get("func"));
  } else {
    w.set_default("func", fn(e.func()));
  }
  w.set_default("inverse_func", fn(e.inverse_func()));
  w.set_default("validate", make::boolean(e.validate()));
  w.set_default("accept_sparse", make::boolean(false));
  w.set_default("check_inverse", make::boolean(true));
  w.set_default("feature_names_out", make::none());
  w.set_default("kw_args", make::none());
  w.set_default("inv_kw_args", make::none());
  if (e.n_features_in() >= 0) w.set_int("n_features_in_", e.n_features_in());
}

std::unique_ptr<FunctionTransformer> build_function(const ObjectView& obj) {
  for (const char* key : {"kw_args", "inv_kw_args"}) {
    auto v = obj.find(key);
    if (v && !v->is_none() && !(v->node().kind == NodeKind::Dict && v->node().entries.empty())) {
      throw UnsupportedError(std::string("FunctionTransformer: ") + key + " is not supported", {},
                             v->pointer());
    }
  }
  const auto n = detail::optional_n_features(obj);
  if (auto f = obj.find("func"); f && is_check_array_partial(*f)) {
    auto est = std::make_unique<FunctionTransformer>(FunctionTransformer::check_array_float64(n));
    if (ufunc_of(obj, "inverse_func") != "")
      obj.at("inverse_func").fail("check_array with an inverse_func is not supported");
    detail::adopt_identity(*est, obj, n);
    return est;
  }
  auto est = std::make_unique<FunctionTransformer>(
      ufunc_of(obj, "func"), ufunc_of(obj, "inverse_func"), detail::flag(obj, "validate", false), n);
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
