#pragma once
/// \file compat/preprocessing.hpp
/// Spellings of skops/estimators/preprocessing.hpp before 0.2 (every class is now in
/// skops::estimators), kept for one release and removed in 0.3: docs/versioning.md.

#include "skops/estimators/preprocessing.hpp"

namespace skops::preprocessing {
using estimators::TransformerBase;
using estimators::StandardScaler;
using estimators::MinMaxScaler;
using estimators::MaxAbsScaler;
using estimators::RobustScaler;
using estimators::Normalizer;
using estimators::Binarizer;
using estimators::PolynomialFeatures;
using estimators::Category;
using estimators::CategoryList;
using estimators::OneHotEncoder;
using estimators::OrdinalEncoder;
using estimators::LabelEncoder;
using estimators::FunctionTransformer;
}  // namespace skops::preprocessing
