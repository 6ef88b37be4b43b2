// SelectFromModel: the support mask of _get_support_mask from the fitted estimator_'s coef_
// or, without one, its feature_importances_ (importance_getter="auto"; a property
// scikit-learn computes from the trees, not stored: computed here the same way, see
// importances.cpp). The same code in scikit-learn
// 1.2.1 and 1.4.2. The mask depends on the file's state only, so it is computed once at build.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/feature_selection/_from_model.py

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <string>

#include "estimators/feature_selection/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/feature_selection.hpp"

namespace skops::estimators::detail::feature_selection {

namespace {

constexpr const char* kSelectFromModel = "sklearn.feature_selection._from_model.SelectFromModel";

// _get_feature_importances(transform_func="norm"): |coef_| when 1-d, else
// np.linalg.norm(coef_, axis=0, ord=norm_order), which adds the rows in order.
std::vector<double> importances(const ValueView& coef_v, double norm_order, std::int64_t n) {
  const NdArray coef = coef_v.as_array();
  if ((coef.ndim() != 1 && coef.ndim() != 2) || coef.dim(coef.ndim() - 1) != n ||
      (coef.dtype().kind() != DTypeKind::Float)) {
    coef_v.fail("coef_ must be a 1-d or 2-d float array of n_features_in_ columns");
  }
  const auto c = coef.to_vector<double>();
  for (double v : c) {
    if (!std::isfinite(v)) coef_v.fail("coef_ is not finite");
  }
  const auto cols = static_cast<std::size_t>(n);
  std::vector<double> out(cols, 0.0);
  if (coef.ndim() == 1) {
    for (std::size_t j = 0; j < cols; ++j) out[j] = std::abs(c[j]);
    return out;
  }
  const std::size_t rows = c.size() / cols;
  for (std::size_t j = 0; j < cols; ++j) {
    double acc = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double x = c[r * cols + j];
      if (std::isinf(norm_order)) {
        acc = r == 0 ? std::abs(x) : std::max(acc, std::abs(x));
      } else {
        const double term = norm_order == 1 ? std::abs(x) : x * x;
        acc = r == 0 ? term : acc + term;
      }
    }
    out[j] = norm_order == 2 ? std::sqrt(acc) : acc;
  }
  return out;
}

double mean_of(const std::vector<double>& v) {
  return numpy_sum(v.data(), static_cast<std::int64_t>(v.size())) / static_cast<double>(v.size());
}

// np.median: the middle value, or the mean of the two middle values.
double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2.0;
}

double reference(const std::string& name, const std::vector<double>& scores, const ValueView& at) {
  if (name == "mean") return mean_of(scores);
  if (name == "median") return median_of(scores);
  throw UnsupportedError("SelectFromModel: unknown threshold reference \"" + name + "\"", {},
                         at.pointer());
}

std::string strip(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\n\r\f\v");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\n\r\f\v") - b + 1);
}

bool isclose_one(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::Json && (n.scalar == ScalarKind::Float || n.scalar == ScalarKind::Int)) {
    return std::abs(v.as_double() - 1.0) <= 1e-8 + 1e-5;
  }
  throw UnsupportedError("SelectFromModel: a non-scalar l1_ratio is not supported", {}, v.pointer());
}

// _calculate_threshold; None means the estimator's default.
double threshold_of(const ValueView& t, const ValueView& est, const std::vector<double>& scores) {
  std::string spec;
  if (t.is_none()) {
    const std::string cls = est.node().cls;
    const NodePtr state = est.node().child("content");
    ValueView s(state, est.ctx());
    const auto penalty = s.find("penalty");
    const bool l1 = penalty && penalty->node().kind == NodeKind::Json &&
                    penalty->node().scalar == ScalarKind::Str && penalty->as_str() == "l1";
    bool elastic_l1 = false;
    if (cls.find("ElasticNet") != std::string::npos) {
      const auto r_ = s.find("l1_ratio_");
      const auto r = s.find("l1_ratio");
      elastic_l1 = (r_ && isclose_one(*r_)) || (r && isclose_one(*r));
    }
    if (l1 || cls.find("Lasso") != std::string::npos || elastic_l1) return 1e-5;
    spec = "mean";
  } else if (t.node().kind == NodeKind::Json && t.node().scalar == ScalarKind::Str) {
    spec = t.as_str();
  } else {
    return t.as_double();
  }
  if (const auto star = spec.find('*'); star != std::string::npos) {
    const std::string scale_s = strip(spec.substr(0, star));
    char* end = nullptr;
    const double scale = std::strtod(scale_s.c_str(), &end);
    if (scale_s.empty() || end != scale_s.c_str() + scale_s.size()) {
      t.fail("threshold scale \"" + scale_s + "\" is not a number");
    }
    return scale * reference(strip(spec.substr(star + 1)), scores, t);
  }
  if (spec == "mean" || spec == "median") return reference(spec, scores, t);
  t.fail("threshold must be a number, \"mean\", \"median\" or \"<scale>*mean|median\"");
}

}  // namespace

std::unique_ptr<WrapperFeatureSelector> build_from_model(const ObjectView& obj) {
  if (obj.str("importance_getter") != "auto") {
    throw UnsupportedError("SelectFromModel: only importance_getter=\"auto\" is supported", {},
                           obj.at("importance_getter").pointer());
  }
  const ValueView est = obj.has("estimator_") ? obj.at("estimator_") : obj.at("estimator");
  if (est.node().kind != NodeKind::Object) est.fail("estimator_ must be an estimator");
  const NodePtr state = est.node().child("content");
  if (!state || state->kind != NodeKind::Dict) est.fail("the estimator has no attribute dict");
  const ValueView s(state, est.ctx());
  const auto coef = s.find("coef_");
  double norm_order = 1;
  if (const ValueView no = obj.at("norm_order"); no.node().kind == NodeKind::Json &&
                                                 no.node().scalar == ScalarKind::Int) {
    norm_order = static_cast<double>(no.as_int());
  } else {
    norm_order = no.as_double();
  }
  if (norm_order != 1 && norm_order != 2 && !(std::isinf(norm_order) && norm_order > 0)) {
    throw UnsupportedError("SelectFromModel: norm_order must be 1, 2 or inf", {},
                           obj.at("norm_order").pointer());
  }
  std::vector<double> scores;
  if (coef) {
    // n_features_in_ is a property (estimator_'s) in scikit-learn 1.2 and 1.4: coef_'s columns.
    const NdArray coef_a = coef->as_array();
    if (coef_a.ndim() < 1 || coef_a.ndim() > 2) coef->fail("coef_ must be a 1-d or 2-d array");
    const std::int64_t n = coef_a.dim(coef_a.ndim() - 1);
    if (n < 1) coef->fail("coef_ has no columns");
    scores = importances(*coef, norm_order, n);
  } else {
    // No coef_: the feature_importances_ property, computed from the fitted trees as
    // scikit-learn does (1-d and non-negative, so the norm is the value itself).
    const EstimatorPtr fitted = est.estimator();
    try {
      scores = estimators::feature_importances(*fitted);
    } catch (const UnsupportedError&) {
      throw UnsupportedError("SelectFromModel: the estimator (" + est.node().type_name() +
                                 ") has neither coef_ nor a feature_importances_ skops-cpp "
                                 "computes (trees, forests, gradient boosting)",
                             {}, est.pointer());
    }
    if (scores.empty()) est.fail("the estimator has no features");
    for (double& v : scores) {
      if (std::isnan(v)) est.fail("feature_importances_ is NaN (every tree has zero importance)");
      v = std::abs(v);
    }
  }
  const double threshold = threshold_of(obj.at("threshold"), est, scores);
  std::vector<bool> mask(scores.size(), true);
  if (!obj.at("max_features").is_none()) {
    const std::int64_t k =
        obj.has("max_features_") ? obj.integer("max_features_") : obj.integer("max_features");
    if (k < 0) obj.at("max_features").fail("max_features must be >= 0");
    // np.argsort(-scores, kind="mergesort")[:k]: the k largest, ties by index.
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return -scores[a] < -scores[b]; });
    std::fill(mask.begin(), mask.end(), false);
    for (std::size_t i = 0; i < order.size() && static_cast<std::int64_t>(i) < k; ++i) mask[order[i]] = true;
  }
  for (std::size_t j = 0; j < scores.size(); ++j) {
    if (scores[j] < threshold) mask[j] = false;
  }
  auto out = detail::located(obj, [&] {
    return std::make_unique<WrapperFeatureSelector>(kSelectFromModel, std::move(mask), nullptr);
  });
  out->set_original_state(obj.state());
  return out;
}

void save_from_model(const WrapperFeatureSelector& e, ObjectWriter& w) {
  // The mask comes from the fitted estimator_ the file holds; a selector without one has
  // nothing scikit-learn could recompute it from.
  if (e.original_state() == nullptr) {
    throw UnsupportedError("SelectFromModel can only be saved when it was loaded from a file");
  }
  (void)w;  // everything is kept as read
}

}  // namespace skops::estimators::detail::feature_selection
