// Registrations of the ensembles of other estimators (AdaBoost, Bagging, IsolationForest,
// Voting, Stacking); called from register_ensembles.

#include "estimators/ensemble/meta.hpp"

namespace skops::ensemble_detail {

void register_meta_ensembles(TypeRegistry& reg) {
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

}  // namespace skops::ensemble_detail
