#include "native_models/models.hpp"

namespace skops::native_models {

namespace {

std::shared_ptr<const Estimator> linreg(std::vector<double> coef, double intercept) {
  return estimators::LinearRegressor::from_arrays(
      estimators::LinearRegressorKind::LinearRegression, vec(std::move(coef)),
      NdArray::from_vector(std::vector<double>{intercept}, {}));
}

}  // namespace

void add_multioutput(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  (void)f;
  // RegressorChain over 3 targets in the order [2, 0, 1]: estimator j takes 4 + j columns.
  out.emplace_back("RegressorChain",
                   std::make_shared<estimators::Chain>(
                       std::vector<EstimatorPtr>{linreg({0.5, -1.0, 0.25, 2.0}, 1.0),
                                                 linreg({0.1, 0.2, -0.3, 0.4, 0.5}, -2.0),
                                                 linreg({1.0, 0.0, 0.0, -1.0, 0.05, -0.2}, 0.3)},
                       std::vector<std::int64_t>{2, 0, 1}, 4, false));
  // ClassifierChain of two binary logistic regressions on labels 0/1.
  auto logistic = [](std::vector<double> coef, double b) {
    return estimators::LinearClassifier::from_arrays(
        estimators::LinearClassifierKind::LogisticRegression,
        NdArray::from_vector(coef, {1, static_cast<std::int64_t>(coef.size())}), vec({b}),
        NdArray::from_vector(std::vector<std::int64_t>{0, 1}));
  };
  const NdArray labels = NdArray::from_vector(std::vector<std::int64_t>{0, 1});
  out.emplace_back("ClassifierChain",
                   std::make_shared<estimators::Chain>(
                       std::vector<EstimatorPtr>{logistic({0.3, -0.8, 1.1, 0.7}, -3.0),
                                                 logistic({-0.2, 0.4, 0.6, -1.0, 2.5}, -1.0)},
                       std::vector<std::int64_t>{1, 0}, 4, true, version != "1.2.1",
                       std::vector<NdArray>{labels, labels}));
}

}  // namespace skops::native_models
