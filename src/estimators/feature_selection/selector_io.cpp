// Reading, validating and writing the filter selectors' attributes.

#include <cmath>

#include "estimators/feature_selection/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::feature_selection {

namespace {

constexpr const char* kUnivariate = "sklearn.feature_selection._univariate_selection";

bool uses_pvalues(const SelectorParams& p) {
  switch (p.kind) {
    case SelectorKind::Fpr:
    case SelectorKind::Fdr:
    case SelectorKind::Fwe:
      return true;
    case SelectorKind::Generic:
      return p.mode == "fpr" || p.mode == "fdr" || p.mode == "fwe";
    default:
      return false;
  }
}

// k (int or "all") from SelectKBest.k or GenericUnivariateSelect.param.
void read_k(const ValueView& v, SelectorParams& p) {
  if (v.node().kind == NodeKind::Json && v.node().scalar == ScalarKind::Str) {
    if (v.as_str() != "all") v.fail("k must be an integer or 'all'");
    p.k_all = true;
  } else {
    p.k = v.as_int();
  }
}

}  // namespace

const char* type_name(SelectorKind kind) noexcept {
  switch (kind) {
    case SelectorKind::KBest:
      return "sklearn.feature_selection._univariate_selection.SelectKBest";
    case SelectorKind::Percentile:
      return "sklearn.feature_selection._univariate_selection.SelectPercentile";
    case SelectorKind::Fpr:
      return "sklearn.feature_selection._univariate_selection.SelectFpr";
    case SelectorKind::Fdr:
      return "sklearn.feature_selection._univariate_selection.SelectFdr";
    case SelectorKind::Fwe:
      return "sklearn.feature_selection._univariate_selection.SelectFwe";
    case SelectorKind::Generic:
      return "sklearn.feature_selection._univariate_selection.GenericUnivariateSelect";
    case SelectorKind::VarianceThreshold:
      return "sklearn.feature_selection._variance_threshold.VarianceThreshold";
  }
  return "";
}

std::vector<std::string> score_function_types() {
  const std::string u = std::string(kUnivariate) + ".";
  return {u + "f_classif",
          u + "f_regression",
          u + "chi2",
          u + "r_regression",
          "sklearn.feature_selection._mutual_info.mutual_info_classif",
          "sklearn.feature_selection._mutual_info.mutual_info_regression"};
}

void validate(const SelectorParams& p, const detail::Fail& fail) {
  if (p.kind == SelectorKind::VarianceThreshold) {
    detail::check_float_array(p.variances, "variances_", 1, {}, fail);
    if (p.variances.dim(0) < 1) fail("variances_ is empty");
    if (std::isnan(p.threshold)) fail("threshold is NaN");
    return;
  }
  detail::check_float_array(p.scores, "scores_", 1, {}, fail);
  const std::int64_t n = p.scores.dim(0);
  if (n < 1) fail("scores_ is empty");
  const bool has_p = p.pvalues.ndim() > 0;
  if (has_p) detail::check_float_array(p.pvalues, "pvalues_", 1, {n}, fail);
  if (uses_pvalues(p) && !has_p) fail("pvalues_ is required by this selector");
  if (p.kind == SelectorKind::Generic && p.mode != "percentile" && p.mode != "k_best" &&
      p.mode != "fpr" && p.mode != "fdr" && p.mode != "fwe") {
    fail("unknown mode '" + p.mode + "'");
  }
  if (!p.k_all && p.k < 0) fail("k must be non-negative");
  if (!(p.percentile >= 0 && p.percentile <= 100)) fail("percentile must be in [0, 100]");
  if (std::isnan(p.alpha)) fail("alpha is NaN");
}

std::unique_ptr<FeatureSelector> build_selector(SelectorKind kind, const ObjectView& obj) {
  SelectorParams p;
  p.kind = kind;
  std::vector<std::pair<std::string, NodePtr>> nodes;
  for (const char* key : {"scores_", "pvalues_", "variances_", "k", "percentile", "alpha", "mode",
                          "param", "threshold", "score_func", "n_features_in_"}) {
    if (const auto v = obj.find(key)) nodes.emplace_back(key, v->ptr());
  }
  if (kind == SelectorKind::VarianceThreshold) {
    p.variances = detail::numpy_array(obj.at("variances_"), "variances_");
    p.threshold = obj.real("threshold");
  } else {
    p.scores = detail::numpy_array(obj.at("scores_"), "scores_");
    if (const auto v = obj.find("pvalues_"); v && !v->is_none()) {
      p.pvalues = detail::numpy_array(*v, "pvalues_");
    }
    if (const auto f = obj.find("score_func")) {
      p.score_func = f->node().type_name();
    }
  }
  switch (kind) {
    case SelectorKind::KBest:
      read_k(obj.at("k"), p);
      break;
    case SelectorKind::Percentile:
      p.percentile = obj.real("percentile");
      break;
    case SelectorKind::Fpr:
    case SelectorKind::Fdr:
    case SelectorKind::Fwe:
      p.alpha = obj.real("alpha");
      break;
    case SelectorKind::Generic: {
      p.mode = obj.str("mode");
      const ValueView param = obj.at("param");
      if (p.mode == "k_best") {
        read_k(param, p);
      } else if (p.mode == "percentile") {
        p.percentile = param.as_double();
      } else {
        p.alpha = param.as_double();
      }
      break;
    }
    case SelectorKind::VarianceThreshold:
      break;
  }
  validate(p, [&](const std::string& w) { obj.fail(w); });
  const std::int64_t n =
      kind == SelectorKind::VarianceThreshold ? p.variances.dim(0) : p.scores.dim(0);
  if (const auto v = obj.find("n_features_in_")) {
    if (v->as_int() != n) {
      v->fail("n_features_in_ = " + std::to_string(v->as_int()) + " does not match the " +
              std::to_string(n) + " feature scores");
    }
  }
  auto est = FeatureSelector::from_arrays(std::move(p));
  est->nodes_ = std::move(nodes);
  est->set_type_name(obj.type_name());
  est->set_original_state(obj.state());
  return est;
}

void save_selector(const FeatureSelector& est, ObjectWriter& w) {
  if (est.original_state()) {
    for (const auto& [key, node] : est.nodes_) w.set(key, node);
    return;
  }
  const SelectorParams& p = est.params();
  const auto k_node = [&]() { return p.k_all ? make::str("all") : make::integer(p.k); };
  if (p.kind == SelectorKind::VarianceThreshold) {
    w.set_real("threshold", p.threshold);
  } else {
    const auto dot = p.score_func.rfind('.');
    w.set("score_func",
          make::function_ref(p.score_func.substr(0, dot), p.score_func.substr(dot + 1)));
    switch (p.kind) {
      case SelectorKind::KBest:
        w.set("k", k_node());
        break;
      case SelectorKind::Percentile:
        w.set_real("percentile", p.percentile);
        break;
      case SelectorKind::Generic:
        w.set_str("mode", p.mode);
        if (p.mode == "k_best") {
          w.set("param", k_node());
        } else {
          w.set_real("param", p.mode == "percentile" ? p.percentile : p.alpha);
        }
        break;
      default:
        w.set_real("alpha", p.alpha);
        break;
    }
  }
  w.set_int("n_features_in_", est.n_features_in());
  if (p.kind == SelectorKind::VarianceThreshold) {
    w.set_array("variances_", p.variances);
  } else {
    w.set_array("scores_", p.scores);
    if (p.pvalues.ndim() > 0) {
      w.set_array("pvalues_", p.pvalues);
    } else {
      w.set_none("pvalues_");
    }
  }
  w.set_str("_sklearn_version", w.ctx().sklearn_version());
}

}  // namespace skops::estimators::detail::feature_selection
