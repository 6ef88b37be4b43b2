#pragma once
// Registration entry point of the naive_bayes, neighbors, cluster and
// QuadraticDiscriminantAnalysis families (called by TypeRegistry::with_builtins; explicit,
// no static initialisers).

#include "skops/registry.hpp"

namespace skops::estimators {

/// Every family below.
void register_more_models(TypeRegistry& reg);

/// GaussianNB, MultinomialNB, ComplementNB, BernoulliNB, CategoricalNB.
void register_naive_bayes(TypeRegistry& reg);
/// KNeighborsClassifier/Regressor, NearestCentroid, and the KDTree/BallTree/DistanceMetric
/// helper objects their files hold.
void register_neighbors(TypeRegistry& reg);
/// KMeans, MiniBatchKMeans.
void register_cluster(TypeRegistry& reg);
/// QuadraticDiscriminantAnalysis.
void register_qda(TypeRegistry& reg);
/// SVC, NuSVC, SVR, NuSVR, OneClassSVM (libsvm kernels).
void register_svm_kernel(TypeRegistry& reg);
/// MLPClassifier, MLPRegressor, and the optimizer/LabelBinarizer helper objects their files
/// hold.
void register_neural_network(TypeRegistry& reg);
/// SelectKBest, SelectPercentile, SelectFpr/Fdr/Fwe, GenericUnivariateSelect,
/// VarianceThreshold, and the score functions their files name.
void register_feature_selection(TypeRegistry& reg);

}  // namespace skops::estimators
