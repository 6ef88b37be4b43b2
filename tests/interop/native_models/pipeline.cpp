#include "native_models/models.hpp"

namespace skops::native_models {

void add_pipeline(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& coef3 = f.coef3;
  const auto& int_classes = f.int_classes;
  const auto& scaler = f.scaler;
  const auto& knn = f.knn;
  const auto& pca = f.pca;
  const auto& svd = f.svd;
  out.emplace_back(
      "Pipeline_StandardScaler_LogisticRegression",
      compose::Pipeline::from_estimators(
          {{"scale", scaler},
           {"clf", LinearClassifier::from_arrays(
                       LinearClassifierKind::LogisticRegression, coef3,
                       NdArray::from_vector(std::vector<double>{0.3, 1.2, -1.5}), int_classes)}}));
  out.emplace_back("FeatureUnion", std::make_shared<compose::FeatureUnion>(
                                       std::vector<compose::Step>{{"pca", pca, "estimator"},
                                                                  {"svd", svd, "estimator"}},
                                       std::map<std::string, double>{{"svd", 2.0}}));
  out.emplace_back("Pipeline_passthrough_PCA_KNeighbors",
                   compose::Pipeline::from_estimators(
                       {{"nothing", nullptr},
                        {"pca", pca},
                        {"knn", estimators::KNeighborsRegressor::from_arrays(
                                    [&] {
                                      estimators::NeighborsParams p = knn;
                                      p.fit_X = matrix({0.1, 0.2, -0.4, 0.3, 1.5, -0.2, 2.2, 0.1,
                                                        -1.0, 0.05, 0.7, -0.35},
                                                       6, 2);
                                      return p;
                                    }(),
                                    vec({0.2, 0.25, 1.4, 1.3, 2.1, 1.6}))}}));
}

}  // namespace skops::native_models
