#pragma once
// Internal build/save functions of the ensembles of other estimators (registered in
// register.cpp).

#include <memory>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/ensemble.hpp"
#include "skops/registry.hpp"

namespace skops::estimators::detail::ensemble {

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


}  // namespace skops::estimators::detail::ensemble
