// Reading KNeighborsClassifier/Regressor from files and writing them back. The metric is
// taken from `effective_metric_` / `effective_metric_params_` (what fit resolved:
// minkowski p=1/2/inf become manhattan/euclidean/chebyshev, sklearn/neighbors/_base.py
// _fit); `_tree` (KDTree/BallTree) is kept for re-saving but never read.

#include <cmath>

#include "estimators/neighbors/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::neighbors {

namespace {

NeighborsParams read_params(const ObjectView& obj) {
  NeighborsParams p;
  const ValueView wv = obj.at("weights");
  if (wv.node().kind != NodeKind::Json || wv.node().scalar != ScalarKind::Str) {
    throw UnsupportedError("callable weights are not supported (only 'uniform' and 'distance')", {},
                           wv.pointer());
  }
  const std::string weights = wv.as_str();
  if (weights != "uniform" && weights != "distance") wv.fail("unknown weights '" + weights + "'");
  p.distance_weights = weights == "distance";
  p.n_neighbors = obj.integer("n_neighbors");
  p.fit_method = obj.str("_fit_method");

  const ValueView mv = obj.at("effective_metric_");
  if (mv.node().kind != NodeKind::Json || mv.node().scalar != ScalarKind::Str) {
    throw UnsupportedError("callable metrics are not supported", {}, mv.pointer());
  }
  const std::string metric = mv.as_str();
  const auto params = obj.find("effective_metric_params_");
  if (params && params->node().kind != NodeKind::Dict) params->fail("must be a dict");
  std::size_t used = 0;
  if (metric == "euclidean" || metric == "l2") {
    p.metric = NeighborsMetric::Euclidean;
    // Only the name "euclidean" takes the ||x||^2 - 2x.y + ||y||^2 brute-force path.
    p.euclidean_reduction = metric == "euclidean";
  } else if (metric == "manhattan" || metric == "cityblock" || metric == "l1") {
    p.metric = NeighborsMetric::Manhattan;
  } else if (metric == "chebyshev" || metric == "infinity") {
    p.metric = NeighborsMetric::Chebyshev;
  } else if (metric == "minkowski") {
    p.metric = NeighborsMetric::Minkowski;
    const auto pv = params ? params->find("p") : std::nullopt;
    if (!pv) obj.fail("effective_metric_params_ has no 'p' for the minkowski metric");
    p.p = pv->as_double();
    ++used;
    if (const auto w = params->find("w")) {
      if (!w->is_none()) {
        throw UnsupportedError("weighted minkowski distances are not supported", {}, w->pointer());
      }
      ++used;
    }
  } else {
    throw UnsupportedError("metric '" + metric + "' is not supported", {}, mv.pointer());
  }
  if (params && params->node().entries.size() != used) {
    throw UnsupportedError("metric parameters other than minkowski's p are not supported", {},
                           params->pointer());
  }
  p.fit_X = detail::numpy_array(obj.at("_fit_X"), "_fit_X");
  return p;
}

void check_common(const ObjectView& obj, const NeighborsParams& p) {
  if (const auto n = obj.find("n_samples_fit_")) {
    if (n->as_int() != p.fit_X.dim(0)) {
      n->fail("n_samples_fit_ = " + std::to_string(n->as_int()) + " but _fit_X has " +
              std::to_string(p.fit_X.dim(0)) + " rows");
    }
  }
  if (const auto n = obj.find("n_features_in_")) {
    if (n->as_int() != p.fit_X.dim(1)) {
      n->fail("n_features_in_ = " + std::to_string(n->as_int()) + " but _fit_X has " +
              std::to_string(p.fit_X.dim(1)) + " columns");
    }
  }
}

template <class Est>
std::unique_ptr<Est> with_file_errors(const ObjectView& obj,
                                      const std::function<std::unique_ptr<Est>()>& make) {
  try {
    return make();
  } catch (const ValidationError& e) {
    // Native validation names the class; re-throw at the object's pointer.
    const std::string d = e.detail();
    detail::attribute_fail(obj)(d.substr(d.find(": ") == std::string::npos ? 0 : d.find(": ") + 2));
    throw;
  }
}

void write_native_params(const NeighborsParams& p, ObjectWriter& w) {
  w.set_int("n_neighbors", p.n_neighbors);
  w.set_none("radius");
  w.set_str("algorithm", "brute");
  w.set_int("leaf_size", 30);
  auto number = [](double v) {
    return std::nearbyint(v) == v ? make::integer(static_cast<std::int64_t>(v)) : make::real(v);
  };
  switch (p.metric) {
    case NeighborsMetric::Euclidean:
      w.set_str("metric", "minkowski");
      w.set_int("p", 2);
      break;
    case NeighborsMetric::Manhattan:
      w.set_str("metric", "minkowski");
      w.set_int("p", 1);
      break;
    case NeighborsMetric::Chebyshev:
      w.set_str("metric", "chebyshev");
      w.set_int("p", 2);
      break;
    case NeighborsMetric::Minkowski:
      w.set_str("metric", "minkowski");
      w.set("p", number(p.p));
      break;
  }
  w.set_none("metric_params");
  w.set_none("n_jobs");
  w.set_str("weights", p.distance_weights ? "distance" : "uniform");
}

void write_fitted(const NeighborsParams& p, ObjectWriter& w, bool native) {
  if (native) {
    const char* names[] = {"euclidean", "manhattan", "chebyshev", "minkowski"};
    if (p.metric == NeighborsMetric::Minkowski) {
      const double v = p.p;
      NodePtr pn =
          std::nearbyint(v) == v ? make::integer(static_cast<std::int64_t>(v)) : make::real(v);
      w.set("effective_metric_params_", make::dict({{"p", pn}, {"w", make::none()}}));
    } else {
      w.set("effective_metric_params_", make::dict({}));
    }
    w.set_str("effective_metric_", names[static_cast<int>(p.metric)]);
    w.set_str("_fit_method", "brute");
  }
  w.set_array("_fit_X", p.fit_X);
  w.set_int("n_samples_fit_", p.fit_X.dim(0));
  if (native) w.set_none("_tree");
}

}  // namespace

std::unique_ptr<KNeighborsClassifier> build_classifier(const ObjectView& obj) {
  NeighborsParams p = read_params(obj);
  if (const auto o = obj.find("outputs_2d_"); o && o->as_bool()) {
    throw UnsupportedError("multi-output KNeighborsClassifier is not supported", {}, o->pointer());
  }
  const ValueView cv = obj.at("classes_");
  NdArray classes = detail::read_classes(cv);
  const ValueView yv = obj.at("_y");
  const NdArray y = detail::numpy_array(yv, "_y");
  if (y.dtype().kind() != DTypeKind::Int && y.dtype().kind() != DTypeKind::UInt) {
    yv.fail("_y must hold integer class indices, found dtype " + y.dtype().name());
  }
  if (y.ndim() != 1) yv.fail("_y must be 1-d for a single-output classifier");
  check_common(obj, p);
  auto est = with_file_errors<KNeighborsClassifier>(obj, [&] {
    return KNeighborsClassifier::from_arrays(p, classes, y.to_vector<std::int64_t>());
  });
  est->y_array_ = y;
  est->classes_node_ = cv.ptr();
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_classifier(const KNeighborsClassifier& est, ObjectWriter& w) {
  const bool native = !est.original_state();
  if (native) write_native_params(est.params(), w);
  w.set_int("n_features_in_", est.n_features_in());
  if (native) w.set_bool("outputs_2d_", false);
  w.set("classes_", est.classes_node_ ? est.classes_node_ : make::array(est.classes()));
  w.set_array("_y", est.y_array_);
  write_fitted(est.params(), w, native);
}

std::unique_ptr<KNeighborsRegressor> build_regressor(const ObjectView& obj) {
  NeighborsParams p = read_params(obj);
  const NdArray y = detail::numpy_array(obj.at("_y"), "_y");
  check_common(obj, p);
  auto est = with_file_errors<KNeighborsRegressor>(
      obj, [&] { return KNeighborsRegressor::from_arrays(p, y); });
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_regressor(const KNeighborsRegressor& est, ObjectWriter& w) {
  const bool native = !est.original_state();
  if (native) write_native_params(est.params(), w);
  w.set_int("n_features_in_", est.n_features_in());
  w.set_array("_y", est.y());
  write_fitted(est.params(), w, native);
}

}  // namespace skops::estimators::detail::neighbors
