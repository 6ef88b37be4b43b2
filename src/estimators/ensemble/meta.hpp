#pragma once
// Internal build/save functions of the ensembles of other estimators (registered in
// register_meta.cpp).

#include <memory>

#include "skops/build.hpp"
#include "skops/estimators/ensemble_meta.hpp"
#include "skops/registry.hpp"

namespace skops::ensemble_detail {

std::unique_ptr<AdaBoostClassifier> build_adaboost_classifier(const ObjectView& obj);
std::unique_ptr<AdaBoostRegressor> build_adaboost_regressor(const ObjectView& obj);
void save_adaboost_classifier(const AdaBoostClassifier& est, ObjectWriter& w);
void save_adaboost_regressor(const AdaBoostRegressor& est, ObjectWriter& w);

std::unique_ptr<BaggingClassifier> build_bagging_classifier(const ObjectView& obj);
std::unique_ptr<BaggingRegressor> build_bagging_regressor(const ObjectView& obj);
void save_bagging_classifier(const BaggingClassifier& est, ObjectWriter& w);
void save_bagging_regressor(const BaggingRegressor& est, ObjectWriter& w);

std::unique_ptr<IsolationForest> build_isolation_forest(const ObjectView& obj);
void save_isolation_forest(const IsolationForest& est, ObjectWriter& w);

std::unique_ptr<VotingClassifier> build_voting_classifier(const ObjectView& obj);
std::unique_ptr<VotingRegressor> build_voting_regressor(const ObjectView& obj);
void save_voting_classifier(const VotingClassifier& est, ObjectWriter& w);
void save_voting_regressor(const VotingRegressor& est, ObjectWriter& w);

std::unique_ptr<Stacking> build_stacking(const ObjectView& obj, bool classifier);
void save_stacking(const Stacking& est, ObjectWriter& w);

/// Registers all of the above (called from register.cpp).
void register_meta_ensembles(TypeRegistry& reg);

}  // namespace skops::ensemble_detail
