#pragma once
/// \file estimators.hpp
/// Every built-in estimator class (namespace skops::estimators), one header per
/// scikit-learn module.

#include "skops/estimators/calibration.hpp"
#include "skops/estimators/cluster.hpp"
#include "skops/estimators/compose.hpp"
#include "skops/estimators/decomposition.hpp"
#include "skops/estimators/discriminant_analysis.hpp"
#include "skops/estimators/dummy.hpp"
#include "skops/estimators/ensemble.hpp"
#include "skops/estimators/feature_extraction.hpp"
#include "skops/estimators/feature_selection.hpp"
#include "skops/estimators/impute.hpp"
#include "skops/estimators/isotonic.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/estimators/model_selection.hpp"
#include "skops/estimators/multiclass.hpp"
#include "skops/estimators/multioutput.hpp"
#include "skops/estimators/naive_bayes.hpp"
#include "skops/estimators/neighbors.hpp"
#include "skops/estimators/neural_network.hpp"
#include "skops/estimators/pipeline.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/estimators/semi_supervised.hpp"
#include "skops/estimators/svm.hpp"
#include "skops/estimators/tree.hpp"
