#include "native_models/models.hpp"

namespace skops::native_models {

void add_multiclass(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  // OutputCodeClassifier over the 3 fixture classes: two binary logistic regressions on -1/1
  // (scored by decision_function) and a _ConstantPredictor column of +1 (a type Python skops
  // does not trust by default, as in its own files).
  auto logistic = [](std::vector<double> coef, double b) {
    return estimators::LinearClassifier::from_arrays(
        estimators::LinearClassifierKind::LogisticRegression,
        NdArray::from_vector(coef, {1, static_cast<std::int64_t>(coef.size())}), vec({b}),
        NdArray::from_vector(std::vector<std::int64_t>{-1, 1}));
  };
  const Matrix book = (Matrix(3, 3) << 1, -1, 1, -1, 1, 1, 1, 1, 1).finished();
  out.emplace_back(
      "OutputCodeClassifier",
      std::make_shared<estimators::OutputCodeClassifier>(
          std::vector<EstimatorPtr>{logistic({0.3, -0.8, 1.1, 0.7}, -3.0),
                                    logistic({-0.2, 0.4, -0.6, 1.0}, 0.5),
                                    std::make_shared<estimators::ConstantPredictor>(
                                        NdArray::from_vector(std::vector<std::int64_t>{1}), 4)},
          f.int_classes, book, version != "1.2.1"),
      {"sklearn.multiclass._ConstantPredictor"});
}

}  // namespace skops::native_models
