#include "native_models/models.hpp"

namespace skops::native_models {

void add_linear_model(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& coef3 = f.coef3;
  const auto& int_classes = f.int_classes;
  const auto& coef_bin = f.coef_bin;
  const auto& int_binary = f.int_binary;
  const auto& intercept3 = f.intercept3;
  const auto& coef4 = f.coef4;
  const auto& scalar_intercept = f.scalar_intercept;
  out.emplace_back("LogisticRegression_multinomial",
                   LinearClassifier::from_arrays(
                       LinearClassifierKind::LogisticRegression, coef3,
                       NdArray::from_vector(std::vector<double>{9.0, 2.1, -11.1}), int_classes));
  out.emplace_back("LogisticRegression_binary_strings",
                   LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                 matrix({0.3, -0.8, 1.1, 0.7}, 1, 4),
                                                 NdArray::from_vector(std::vector<double>{-3.0}),
                                                 NdArray::from_strings({"no", "yes"}, {2})));
  out.emplace_back("LinearRegression",
                   estimators::LinearRegressor::from_arrays(
                       estimators::LinearRegressorKind::LinearRegression,
                       NdArray::from_vector(std::vector<double>{0.5, -1.25, 2.0, 0.125}),
                       NdArray::from_vector(std::vector<double>{3.5}, {})));

  out.emplace_back("SGDOneClassSVM", std::make_shared<estimators::SGDOneClassSVM>(
                                         std::vector<double>{0.4, -0.3, 0.25, 0.1}, 2.0));

  estimators::LinearClassifierOptions ovr;
  ovr.multi_class = "ovr";
  ovr.solver = "liblinear";
  out.emplace_back("LogisticRegression_ovr_liblinear",
                   linear_classifier(LinearClassifierKind::LogisticRegression, coef3, intercept3,
                                     int_classes, ovr));
  out.emplace_back("RidgeClassifier", linear_classifier(LinearClassifierKind::RidgeClassifier,
                                                        coef3, intercept3, int_classes));
  out.emplace_back("RidgeClassifier_binary_strings",
                   linear_classifier(LinearClassifierKind::RidgeClassifier, coef_bin, vec({-3.0}),
                                     NdArray::from_strings({"no", "yes"}, {2})));
  for (const std::string loss : {"hinge", "log_loss", "modified_huber"}) {
    estimators::LinearClassifierOptions o;
    o.loss = loss;
    out.emplace_back("SGDClassifier_" + loss, linear_classifier(LinearClassifierKind::SGDClassifier,
                                                                coef3, intercept3, int_classes, o));
  }
  estimators::LinearClassifierOptions log_loss;
  log_loss.loss = "log_loss";
  out.emplace_back("SGDClassifier_log_loss_binary",
                   linear_classifier(LinearClassifierKind::SGDClassifier, coef_bin, vec({-3.0}),
                                     int_binary, log_loss));
  out.emplace_back("Perceptron", linear_classifier(LinearClassifierKind::Perceptron, coef3,
                                                   intercept3, int_classes));
  out.emplace_back("PassiveAggressiveClassifier_binary",
                   linear_classifier(LinearClassifierKind::PassiveAggressiveClassifier, coef_bin,
                                     vec({-3.0}), int_binary));

  using estimators::LinearRegressor;
  using estimators::LinearRegressorKind;
  const std::vector<std::pair<std::string, LinearRegressorKind>> scalar_kinds = {
      {"Lasso", LinearRegressorKind::Lasso},
      {"ElasticNet", LinearRegressorKind::ElasticNet},
      {"HuberRegressor", LinearRegressorKind::HuberRegressor},
      {"QuantileRegressor", LinearRegressorKind::QuantileRegressor},
      {"BayesianRidge", LinearRegressorKind::BayesianRidge},
      // issue 14: natively built, these have no CV side state (predict needs none).
      {"ElasticNetCV", LinearRegressorKind::ElasticNetCV},
      {"LassoCV", LinearRegressorKind::LassoCV},
      {"Lars", LinearRegressorKind::Lars},
      {"LarsCV", LinearRegressorKind::LarsCV},
      {"LassoLars", LinearRegressorKind::LassoLars},
      {"LassoLarsCV", LinearRegressorKind::LassoLarsCV},
      {"LassoLarsIC", LinearRegressorKind::LassoLarsIC},
      {"OrthogonalMatchingPursuit", LinearRegressorKind::OrthogonalMatchingPursuit},
      {"OrthogonalMatchingPursuitCV", LinearRegressorKind::OrthogonalMatchingPursuitCV},
      {"RidgeCV", LinearRegressorKind::RidgeCV},
      {"TheilSenRegressor", LinearRegressorKind::TheilSenRegressor},
      {"ARDRegression", LinearRegressorKind::ARDRegression}};
  for (const auto& [name, kind] : scalar_kinds)
    out.emplace_back(name, LinearRegressor::from_arrays(kind, coef4, scalar_intercept));
  out.emplace_back(
      "Ridge_two_targets",
      LinearRegressor::from_arrays(LinearRegressorKind::Ridge,
                                   matrix({0.5, -1.25, 2.0, 0.125, -0.3, 0.2, 0.1, 1.5}, 2, 4),
                                   vec({3.5, -1.0})));
  out.emplace_back("SGDRegressor", LinearRegressor::from_arrays(LinearRegressorKind::SGDRegressor,
                                                                coef4, vec({3.5})));
  out.emplace_back("PassiveAggressiveRegressor",
                   LinearRegressor::from_arrays(LinearRegressorKind::PassiveAggressiveRegressor,
                                                coef4, vec({-0.5})));
  const NdArray coef_2x4 = matrix({0.5, -1.25, 0.0, 0.125, -0.3, 0.2, 0.0, 1.5}, 2, 4);
  for (const auto& [name, kind] : std::vector<std::pair<std::string, LinearRegressorKind>>{
           {"MultiTaskElasticNet", LinearRegressorKind::MultiTaskElasticNet},
           {"MultiTaskElasticNetCV", LinearRegressorKind::MultiTaskElasticNetCV},
           {"MultiTaskLasso", LinearRegressorKind::MultiTaskLasso},
           {"MultiTaskLassoCV", LinearRegressorKind::MultiTaskLassoCV}}) {
    out.emplace_back(name + "_two_targets",
                     LinearRegressor::from_arrays(kind, coef_2x4, vec({3.5, -1.0})));
  }
  out.emplace_back("RidgeClassifierCV", linear_classifier(LinearClassifierKind::RidgeClassifierCV,
                                                          coef3, intercept3, int_classes));
  out.emplace_back("LogisticRegressionCV_multinomial",
                   linear_classifier(LinearClassifierKind::LogisticRegressionCV, coef3, intercept3,
                                     int_classes));
  out.emplace_back("LogisticRegressionCV_binary_strings_ovr",
                   linear_classifier(LinearClassifierKind::LogisticRegressionCV, coef_bin,
                                     vec({-3.0}), NdArray::from_strings({"no", "yes"}, {2}), ovr));
}

}  // namespace skops::native_models
