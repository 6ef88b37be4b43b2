#include "native_models/models.hpp"

namespace skops::native_models {

void add_naive_bayes(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& int_classes = f.int_classes;
  const auto& nb = f.nb;
  out.emplace_back("GaussianNB", estimators::GaussianNB::from_arrays(nb));

  // --- Naive Bayes --------------------------------------------------------------------------
  const std::vector<std::vector<double>> word_probs = {
      {0.5, 0.34, 0.14, 0.02}, {0.4, 0.19, 0.3, 0.11}, {0.37, 0.17, 0.31, 0.15}};
  const NdArray uniform_log_prior = vec({std::log(1.0 / 3), std::log(1.0 / 3), std::log(1.0 / 3)});
  estimators::DiscreteNBParams mnb;
  mnb.kind = estimators::DiscreteNBKind::Multinomial;
  mnb.classes = int_classes;
  mnb.feature_log_prob = log_rows(word_probs);
  mnb.class_log_prior = uniform_log_prior;
  mnb.class_count = vec({50, 50, 50});
  mnb.feature_count = matrix({249, 169, 69, 9, 295, 138, 212, 65, 328, 147, 276, 100}, 3, 4);
  out.emplace_back("MultinomialNB", estimators::DiscreteNB::from_arrays(mnb));
  estimators::DiscreteNBParams cnb = mnb;
  cnb.kind = estimators::DiscreteNBKind::Complement;
  cnb.feature_log_prob =
      log_rows({{0.38, 0.18, 0.3, 0.14}, {0.43, 0.26, 0.22, 0.09}, {0.45, 0.27, 0.2, 0.08}});
  cnb.class_log_prior = vec({std::log(0.5), std::log(0.3), std::log(0.2)});
  cnb.feature_all = vec({872, 454, 557, 174});
  out.emplace_back("ComplementNB", estimators::DiscreteNB::from_arrays(cnb));
  estimators::DiscreteNBParams bnb;
  bnb.kind = estimators::DiscreteNBKind::Bernoulli;
  bnb.classes = NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3});
  std::vector<double> bern;
  for (double p : {0.98, 0.6, 0.02, 0.02, 0.98, 0.1, 0.7, 0.02, 0.98, 0.3, 0.96, 0.02})
    bern.push_back(std::log(p));
  bnb.feature_log_prob = matrix(bern, 3, 4);
  bnb.class_log_prior = uniform_log_prior;
  bnb.binarize = 3.0;
  out.emplace_back("BernoulliNB", estimators::DiscreteNB::from_arrays(bnb));

  // CategoricalNB: the input truncated to int has categories < 8, 4, 7, 3 per column.
  estimators::CategoricalNBParams cat;
  cat.classes = int_classes;
  cat.class_log_prior = uniform_log_prior;
  cat.class_count = vec({20, 20, 20});
  const std::vector<int> n_categories = {8, 4, 7, 3};
  for (int j = 0; j < 4; ++j) {
    std::vector<std::vector<double>> counts(3);
    for (int c = 0; c < 3; ++c)
      for (int v = 0; v < n_categories[j]; ++v) counts[c].push_back(1 + (c * 7 + v * 3 + j) % 5);
    cat.feature_log_prob.push_back(log_rows(counts));
  }
  out.emplace_back("CategoricalNB", estimators::CategoricalNB::from_arrays(cat));
}

}  // namespace skops::native_models
