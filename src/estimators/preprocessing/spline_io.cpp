// SplineTransformer in a .skops file: hyper-parameters, n_features_in_, n_features_out_ and
// bsplines_, a list of scipy.interpolate._bsplines.BSpline objects (ObjectNodes whose state is
// {t, c, k, extrapolate, axis}; scikit-learn builds them with BSpline.construct_fast, so only the
// plain attributes exist). Python skops does not trust BSpline by default (the user passes it
// to `trusted`); skops-cpp reads it as a helper type, trusted by default like the loss objects:
// only those five plain values are read and nothing is ever called.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_polynomial.py#L762-L812

#include <cmath>

#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators::detail::preprocessing {

namespace {

const char* const kBSplineModule = "scipy.interpolate._bsplines";

SplineTransformer::Extrapolation extrapolation_of(const ValueView& v) {
  using E = SplineTransformer::Extrapolation;
  const std::string s = v.as_str();
  if (s == "error") return E::Error;
  if (s == "constant") return E::Constant;
  if (s == "linear") return E::Linear;
  if (s == "continue") return E::Continue;
  if (s == "periodic") return E::Periodic;
  v.fail("extrapolation must be one of error, constant, linear, continue, periodic");
}

BSpline read_bspline(const ValueView& v) {
  const Node& node = v.node();
  if (node.kind != NodeKind::Object || node.module != kBSplineModule || node.cls != "BSpline")
    v.fail("expected a scipy.interpolate._bsplines.BSpline object");
  const ObjectView obj(v.ptr(), v.ctx());
  BSpline s;
  const auto tv = obj.at("t");
  const NdArray t = tv.as_array();
  if (t.dtype().kind() != DTypeKind::Float || t.ndim() != 1) tv.fail("t must be a 1-d float array");
  s.t = t.to_vector<double>();
  const auto cv = obj.at("c");
  const NdArray c = cv.as_array();
  // SplineTransformer's coefficients are always a float64 matrix (np.eye).
  if (c.dtype().kind() != DTypeKind::Float || c.ndim() != 2) cv.fail("c must be a 2-d float array");
  s.c = c.to_vector<double>();
  s.n_coef = c.dim(0);
  s.n_out = c.dim(1);
  s.k = obj.integer("k");
  const auto ev = obj.at("extrapolate");
  if (ev.node().kind == NodeKind::Json && ev.node().scalar == ScalarKind::Str) {
    if (ev.as_str() != "periodic") ev.fail("extrapolate must be True, False or \"periodic\"");
    s.extrapolate = BSpline::Extrapolate::Periodic;
  } else {
    s.extrapolate = ev.as_bool() ? BSpline::Extrapolate::Yes : BSpline::Extrapolate::No;
  }
  if (const auto ax = obj.find("axis"); ax && ax->as_int() != 0)
    ax->fail("axis must be 0 (SplineTransformer evaluates along the first axis)");
  try {
    s.validate();
  } catch (const ValidationError& e) {
    v.fail(e.detail());
  }
  return s;
}

NodePtr bspline_node(const BSpline& s) {
  NodePtr extrapolate = s.extrapolate == BSpline::Extrapolate::Periodic
                            ? make::str("periodic")
                            : make::boolean(s.extrapolate == BSpline::Extrapolate::Yes);
  return make::object(kBSplineModule, "BSpline",
                      {{"t", make::array(NdArray::from_vector(s.t, {static_cast<std::int64_t>(s.t.size())}))},
                       {"c", make::array(NdArray::from_vector(s.c, {s.n_coef, s.n_out}))},
                       {"k", make::integer(s.k)},
                       {"extrapolate", extrapolate},
                       {"axis", make::integer(0)}});
}

}  // namespace

std::unique_ptr<SplineTransformer> build_spline(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const auto list = obj.at("bsplines_");
  const auto items = list.items();
  if (static_cast<std::int64_t>(items.size()) != n)
    list.fail("bsplines_ has " + std::to_string(items.size()) + " splines, n_features_in_ is " +
              std::to_string(n));
  const auto degree = obj.integer("degree");
  std::vector<BSpline> splines;
  splines.reserve(items.size());
  for (const auto& item : items) {
    splines.push_back(read_bspline(item));
    // Checked again by the constructor; here so that the error names the spline.
    if (splines.back().k != degree)
      item.fail("k = " + std::to_string(splines.back().k) + " but degree is " + std::to_string(degree));
    if (splines.back().n_out != splines.front().n_out)
      item.fail("c has " + std::to_string(splines.back().n_out) + " columns, bsplines_[0].c has " +
                std::to_string(splines.front().n_out));
  }
  const auto extrapolation = extrapolation_of(obj.at("extrapolation"));
  auto est = detail::located(obj, [&] {
    return std::make_unique<SplineTransformer>(std::move(splines), degree, extrapolation,
                                               detail::flag(obj, "include_bias", true),
                                               detail::flag(obj, "sparse_output", false));
  });
  if (auto v = obj.find("n_features_out_"); v && v->as_int() != est->n_features_out()) {
    v->fail("n_features_out_ = " + std::to_string(v->as_int()) + " but bsplines_ give " +
            std::to_string(est->n_features_out()));
  }
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_spline(const SplineTransformer& e, ObjectWriter& w) {
  const BSpline& first = e.bsplines().front();
  const std::int64_t n_knots = static_cast<std::int64_t>(first.t.size()) - 2 * e.degree();
  w.set_default("n_knots", make::integer(n_knots));
  w.set_default("degree", make::integer(e.degree()));
  // A natively built transformer was given its base knots: they are the knots parameter
  // (the interior of every spline's t).
  const auto n = static_cast<std::int64_t>(e.bsplines().size());
  std::vector<double> base;
  base.reserve(static_cast<std::size_t>(n_knots * n));
  for (std::int64_t r = 0; r < n_knots; ++r) {
    for (const auto& s : e.bsplines()) base.push_back(s.t[static_cast<std::size_t>(e.degree() + r)]);
  }
  w.set_default("knots", make::array(NdArray::from_vector(base, {n_knots, n})));
  w.set_default("extrapolation", make::str(SplineTransformer::extrapolation_name(e.extrapolation())));
  w.set_default("include_bias", make::boolean(e.include_bias()));
  w.set_default("order", make::str("C"));
  // A loaded file keeps its own state (1.2 files have no sparse_output); a native one gets
  // the attribute from 1.3 on, where scikit-learn has it.
  if (e.original_state()) {
  } else if (w.ctx().target_at_least(1, 3)) {
    w.set_default("sparse_output", make::boolean(e.sparse_output()));
  } else if (e.sparse_output()) {
    throw UnsupportedError("SplineTransformer: sparse_output exists from scikit-learn 1.3 on; "
                           "the target version is " + w.ctx().sklearn_version());
  }
  w.set_int("n_features_in_", e.n_features_in());
  std::vector<NodePtr> splines;
  for (const auto& s : e.bsplines()) splines.push_back(bspline_node(s));
  w.set_default("bsplines_", make::list(std::move(splines)));
  w.set_int("n_features_out_", e.n_features_out());
}

}  // namespace skops::estimators::detail::preprocessing
