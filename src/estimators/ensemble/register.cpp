// sklearn.ensemble: forests (forest.cpp), gradient boosting (gradient_boosting.cpp,
// hist_gradient_boosting.cpp), AdaBoost, Bagging, IsolationForest, Voting and Stacking, and
// the loss and binning objects their files hold.
#include "estimators/builtins.hpp"
#include "estimators/ensemble/forest.hpp"
#include "estimators/ensemble/gradient_boosting.hpp"
#include "estimators/ensemble/hist_gradient_boosting.hpp"
#include "estimators/ensemble/meta.hpp"

namespace skops::estimators {

void register_ensemble(TypeRegistry& reg) {
  using namespace detail::ensemble;
  for (const char* name : {"sklearn.ensemble._forest.RandomForestClassifier",
                           "sklearn.ensemble._forest.ExtraTreesClassifier"}) {
    reg.add<ForestClassifier>(name, build_forest_classifier, save_forest_classifier);
  }
  for (const char* name : {"sklearn.ensemble._forest.RandomForestRegressor",
                           "sklearn.ensemble._forest.ExtraTreesRegressor"}) {
    reg.add<ForestRegressor>(name, build_forest_regressor, save_forest_regressor);
  }
  reg.add<GradientBoosting>(
      "sklearn.ensemble._gb.GradientBoostingClassifier",
      [](const ObjectView& obj) { return build_gradient_boosting(obj, true); },
      save_gradient_boosting);
  reg.add<GradientBoosting>(
      "sklearn.ensemble._gb.GradientBoostingRegressor",
      [](const ObjectView& obj) { return build_gradient_boosting(obj, false); },
      save_gradient_boosting);

  const std::string hgb = "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.";
  reg.add<HistGradientBoosting>(
      hgb + "HistGradientBoostingClassifier",
      [](const ObjectView& obj) { return build_hist_gradient_boosting(obj, true); },
      save_hist_gradient_boosting);
  reg.add<HistGradientBoosting>(
      hgb + "HistGradientBoostingRegressor",
      [](const ObjectView& obj) { return build_hist_gradient_boosting(obj, false); },
      save_hist_gradient_boosting);

  // Loss objects the gradient boosting builders read (only their type names and plain
  // attributes; nothing is executed).
  reg.add_helper_types({
      "sklearn.ensemble._gb_losses.BinomialDeviance",
      "sklearn.ensemble._gb_losses.MultinomialDeviance",
      "sklearn.ensemble._gb_losses.ExponentialLoss",
      "sklearn.ensemble._gb_losses.LeastSquaresError",
      "sklearn.ensemble._gb_losses.LeastAbsoluteError",
      "sklearn.ensemble._gb_losses.HuberLossFunction",
      "sklearn.ensemble._gb_losses.QuantileLossFunction",
      "sklearn._loss.loss.HalfBinomialLoss",
      "sklearn._loss.loss.HalfMultinomialLoss",
      "sklearn._loss.loss.ExponentialLoss",
      "sklearn._loss.loss.HalfSquaredError",
      "sklearn._loss.loss.AbsoluteError",
      "sklearn._loss.loss.HuberLoss",
      "sklearn._loss.loss.PinballLoss",
      "sklearn._loss._loss.CyHalfBinomialLoss",
      "sklearn._loss._loss.CyHalfMultinomialLoss",
      "sklearn._loss._loss.CyExponentialLoss",
      "sklearn._loss._loss.CyHalfSquaredError",
      "sklearn._loss._loss.CyAbsoluteError",
      "sklearn._loss._loss.CyHuberLoss",
      "sklearn._loss._loss.CyPinballLoss",
      "sklearn._loss.loss.HalfPoissonLoss",
      "sklearn._loss.loss.HalfGammaLoss",
      "sklearn._loss.loss.HalfTweedieLoss",
      "sklearn._loss.loss.HalfTweedieLossIdentity",
      "sklearn._loss._loss.CyHalfPoissonLoss",
      "sklearn._loss._loss.CyHalfGammaLoss",
      "sklearn._loss._loss.CyHalfTweedieLoss",
      "sklearn._loss._loss.CyHalfTweedieLossIdentity",
      "sklearn._loss.link.IdentityLink",
      "sklearn._loss.link.LogLink",
      "sklearn._loss.link.LogitLink",
      "sklearn._loss.link.HalfLogitLink",
      "sklearn._loss.link.MultinomialLogit",
      "sklearn._loss.link.Interval",
      "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
      "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
  });

  reg.add<AdaBoostClassifier>("sklearn.ensemble._weight_boosting.AdaBoostClassifier",
                              build_adaboost_classifier, save_adaboost_classifier);
  reg.add<AdaBoostRegressor>("sklearn.ensemble._weight_boosting.AdaBoostRegressor",
                             build_adaboost_regressor, save_adaboost_regressor);
  reg.add<BaggingClassifier>("sklearn.ensemble._bagging.BaggingClassifier",
                             build_bagging_classifier, save_bagging_classifier);
  reg.add<BaggingRegressor>("sklearn.ensemble._bagging.BaggingRegressor", build_bagging_regressor,
                            save_bagging_regressor);
  reg.add<IsolationForest>("sklearn.ensemble._iforest.IsolationForest", build_isolation_forest,
                           save_isolation_forest);
  reg.add<VotingClassifier>("sklearn.ensemble._voting.VotingClassifier", build_voting_classifier,
                            save_voting_classifier);
  reg.add<VotingRegressor>("sklearn.ensemble._voting.VotingRegressor", build_voting_regressor,
                           save_voting_regressor);
  reg.add<Stacking>(
      "sklearn.ensemble._stacking.StackingClassifier",
      [](const ObjectView& obj) { return build_stacking(obj, true); }, save_stacking);
  reg.add<Stacking>(
      "sklearn.ensemble._stacking.StackingRegressor",
      [](const ObjectView& obj) { return build_stacking(obj, false); }, save_stacking);
  // named_estimators_ of Voting/Stacking: a dict subclass, read generically (DictNode).
  reg.add_helper_types({"sklearn.utils._bunch.Bunch"});
}

}  // namespace skops::estimators
