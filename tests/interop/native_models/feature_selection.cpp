#include "native_models/models.hpp"

namespace skops::native_models {

void add_feature_selection(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  (void)f;
  // --- Feature selection --------------------------------------------------------------------
  const std::vector<std::string> f_classif = {
      "sklearn.feature_selection._univariate_selection.f_classif"};
  const auto selector = [&](estimators::SelectorKind kind) {
    estimators::SelectorParams p;
    p.kind = kind;
    p.scores = vec({3.1, 0.5, 9.8, 7.2});
    p.pvalues = vec({0.04, 0.6, 0.0001, 0.002});
    return p;
  };
  using estimators::FeatureSelector;
  using estimators::SelectorKind;
  auto kbest = selector(SelectorKind::KBest);
  kbest.k = 2;
  out.emplace_back("SelectKBest", FeatureSelector::from_arrays(kbest), f_classif);
  auto percentile = selector(SelectorKind::Percentile);
  percentile.percentile = 50;
  out.emplace_back("SelectPercentile", FeatureSelector::from_arrays(percentile), f_classif);
  out.emplace_back("SelectFpr", FeatureSelector::from_arrays(selector(SelectorKind::Fpr)),
                   f_classif);
  auto fdr = selector(SelectorKind::Fdr);
  fdr.alpha = 0.01;
  out.emplace_back("SelectFdr", FeatureSelector::from_arrays(fdr), f_classif);
  auto fwe = selector(SelectorKind::Fwe);
  fwe.alpha = 0.01;
  out.emplace_back("SelectFwe", FeatureSelector::from_arrays(fwe), f_classif);
  auto generic = selector(SelectorKind::Generic);
  generic.mode = "k_best";
  generic.k = 3;
  out.emplace_back("GenericUnivariateSelect", FeatureSelector::from_arrays(generic), f_classif);
  estimators::SelectorParams variance;
  variance.kind = SelectorKind::VarianceThreshold;
  variance.variances = vec({0.9, 0.2, 4.1, 0.7});
  variance.threshold = 0.5;
  out.emplace_back("VarianceThreshold", FeatureSelector::from_arrays(variance));
}

}  // namespace skops::native_models
