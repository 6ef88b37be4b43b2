#include "native_models/models.hpp"

namespace skops::native_models {

void add_ensemble(Models& out, const Fixtures& f, const std::string& version) {
  const auto& coef3 = f.coef3;
  const auto& int_classes = f.int_classes;
  const auto& nb = f.nb;
  const auto& tree_a = f.tree_a;
  const auto& tree_b = f.tree_b;
  const auto& reg_a = f.reg_a;
  const auto& reg_b = f.reg_b;
  const auto& intercept3 = f.intercept3;
  const auto& coef4 = f.coef4;
  const auto& scalar_intercept = f.scalar_intercept;
  out.emplace_back("RandomForestClassifier",
                   ForestClassifier::from_trees({tree_a, tree_b}, {int_classes}));
  out.emplace_back("ExtraTreesClassifier",
                   ForestClassifier::from_trees({tree_b, tree_a}, {int_classes}, /*extra=*/true));
  out.emplace_back("RandomForestRegressor", ForestRegressor::from_trees({reg_a, reg_b}));
  out.emplace_back("ExtraTreesRegressor",
                   ForestRegressor::from_trees({reg_b, reg_a}, /*extra=*/true));

  // IsolationForest over two features per tree (max_features 2 of 4, so X is subset).
  TreeArrays i1;
  i1.n_features = 2;
  i1.left_child = {1, -1, 3, -1, -1};
  i1.right_child = {2, -1, 4, -1, -1};
  i1.feature = {0, -2, 1, -2, -2};
  i1.threshold = {4.5, -2, 1.0, -2, -2};
  i1.values = {0.5, 0.2, 0.6, 0.4, 0.7};
  i1.n_node_samples = {6, 2, 4, 1, 3};
  i1.weighted_n_node_samples = {6, 2, 4, 1, 3};
  TreeArrays i2 = i1;
  i2.left_child = {1, 2, -1, -1, -1};
  i2.right_child = {4, 3, -1, -1, -1};
  i2.feature = {1, 0, -2, -2, -2};
  i2.threshold = {6.0, 5.0, -2, -2, -2};
  i2.n_node_samples = {6, 5, 1, 4, 1};
  i2.weighted_n_node_samples = {6, 5, 1, 4, 1};
  out.emplace_back("IsolationForest",
                   IsolationForest::from_trees({i1, i2}, {{2, 3}, {0, 2}}, 4, 2, 6, -0.5));

  // --- Ensembles of other estimators --------------------------------------------------------
  using Algorithm = AdaBoostClassifier::Algorithm;
  // scikit-learn >= 1.3 scores a wrong SAMME vote -w/(K-1): a native model follows the
  // version it is written for.
  const bool symmetric = at_least(version, 1, 3);
  out.emplace_back("AdaBoostClassifier_SAMME",
                   std::make_shared<AdaBoostClassifier>(std::vector<EstimatorPtr>{tree_a, tree_b},
                                                        std::vector<double>{1.2, 0.8}, int_classes,
                                                        Algorithm::Samme, symmetric));
  out.emplace_back("AdaBoostClassifier_SAMME_R",
                   std::make_shared<AdaBoostClassifier>(std::vector<EstimatorPtr>{tree_b, tree_a},
                                                        std::vector<double>{1.0, 1.0}, int_classes,
                                                        Algorithm::SammeR, symmetric));
  out.emplace_back("AdaBoostRegressor", std::make_shared<AdaBoostRegressor>(
                                            std::vector<EstimatorPtr>{reg_a, reg_b, reg_a},
                                            std::vector<double>{0.6, 0.4, 0.3}));
  BaggingMembers bag;
  bag.estimators = {tree_a, tree_b};
  bag.features = {{0, 1, 2, 3}, {3, 2, 1, 0}};
  bag.n_features = 4;
  out.emplace_back(
      "BaggingClassifier",
      std::make_shared<BaggingClassifier>(
          bag, int_classes, std::vector<std::vector<std::int64_t>>{{0, 1, 2}, {0, 1, 2}}));
  BaggingMembers bag_reg;
  bag_reg.estimators = {reg_a, reg_b};
  bag_reg.features = {{0, 1, 2, 3}, {2, 3, 0, 1}};
  bag_reg.n_features = 4;
  out.emplace_back("BaggingRegressor", std::make_shared<BaggingRegressor>(bag_reg));
  const EstimatorPtr lr3 = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                         coef3, intercept3, int_classes);
  const EstimatorPtr gnb = estimators::GaussianNB::from_arrays(nb);
  const std::vector<std::string> bunch = {"sklearn.utils._bunch.Bunch"};
  out.emplace_back("VotingClassifier_soft",
                   std::make_shared<VotingClassifier>(
                       std::vector<EstimatorPtr>{lr3, gnb}, std::vector<std::string>{"lr", "nb"},
                       int_classes, true, std::vector<double>{2.0, 1.0}),
                   bunch);
  out.emplace_back(
      "VotingClassifier_hard_strings",
      std::make_shared<VotingClassifier>(
          std::vector<EstimatorPtr>{lr3, gnb, tree_b}, std::vector<std::string>{"lr", "nb", "tree"},
          NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3}), false,
          std::vector<double>{}),
      bunch);
  const EstimatorPtr linreg =
      LinearRegressor::from_arrays(LinearRegressorKind::LinearRegression, coef4, scalar_intercept);
  out.emplace_back("VotingRegressor",
                   std::make_shared<VotingRegressor>(std::vector<EstimatorPtr>{linreg, reg_a},
                                                     std::vector<std::string>{"lin", "tree"},
                                                     std::vector<double>{1.0, 3.0}),
                   bunch);
  const EstimatorPtr final_lr =
      LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                    matrix({1.5, -0.5, -1.0, 0.8, -0.2, -0.6, -1.0, 1.2, -0.2, -0.4,
                                            0.1, 0.3, -1.1, -0.7, 1.8, -0.4, 0.1, 0.3},
                                           3, 6),
                                    vec({0.1, 0.2, -0.3}), int_classes);
  out.emplace_back("StackingClassifier",
                   std::make_shared<Stacking>(
                       std::vector<EstimatorPtr>{lr3, gnb}, std::vector<std::string>{"lr", "nb"},
                       std::vector<Method>{Method::PredictProba, Method::PredictProba}, final_lr,
                       false, NdArray::from_strings({"a", "b", "c"}, {3})),
                   bunch);
  const EstimatorPtr final_lin = LinearRegressor::from_arrays(
      LinearRegressorKind::Ridge, vec({0.6, 0.3, 0.01, -0.02, 0.03, 0.05}),
      NdArray::from_vector(std::vector<double>{0.1}, {}));
  out.emplace_back("StackingRegressor_passthrough",
                   std::make_shared<Stacking>(std::vector<EstimatorPtr>{linreg, reg_b},
                                              std::vector<std::string>{"lin", "tree"},
                                              std::vector<Method>{Method::Predict, Method::Predict},
                                              final_lin, true, NdArray{}),
                   bunch);
}

}  // namespace skops::native_models
