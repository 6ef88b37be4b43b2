#pragma once
// Build/save functions of the linear_model family (registered in register.cpp) and the
// hyper-parameter tables written for natively built estimators.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "skops/build.hpp"
#include "skops/estimators/linear_model.hpp"

namespace skops::estimators {

struct LinearAccess {
  static std::unique_ptr<LinearRegressor> build_regressor(LinearRegressorKind kind,
                                                          const ObjectView& obj);
  static void save_regressor(const LinearRegressor& est, ObjectWriter& w);

  static std::unique_ptr<LinearClassifier> build_classifier(LinearClassifierKind kind,
                                                            const ObjectView& obj);
  static void save_classifier(const LinearClassifier& est, ObjectWriter& w);

  static std::unique_ptr<LinearDiscriminantAnalysis> build_lda(const ObjectView& obj);
  static void save_lda(const LinearDiscriminantAnalysis& est, ObjectWriter& w);

  static std::unique_ptr<DummyClassifier> build_dummy_classifier(const ObjectView& obj);
  static void save_dummy_classifier(const DummyClassifier& est, ObjectWriter& w);
  static std::unique_ptr<DummyRegressor> build_dummy_regressor(const ObjectView& obj);
  static void save_dummy_regressor(const DummyRegressor& est, ObjectWriter& w);
};

namespace linear {

/// Canonical `module.Class` of each kind (the same in scikit-learn 1.2 to 1.4).
const char* type_name(LinearRegressorKind kind) noexcept;
const char* type_name(LinearClassifierKind kind) noexcept;
constexpr const char* kLdaType = "sklearn.discriminant_analysis.LinearDiscriminantAnalysis";
constexpr const char* kDummyClassifierType = "sklearn.dummy.DummyClassifier";
constexpr const char* kDummyRegressorType = "sklearn.dummy.DummyRegressor";

using Params = std::vector<std::pair<std::string, NodePtr>>;

/// The constructor parameters scikit-learn `version` sets in `__init__` (their default values,
/// with Python's types), for the estimator `type`. Unknown types give an empty list.
Params default_params(const std::string& type, const std::string& version);

/// set_default of every default parameter of w's estimator type.
void write_default_params(const std::string& type, ObjectWriter& w);

}  // namespace linear
}  // namespace skops::estimators
