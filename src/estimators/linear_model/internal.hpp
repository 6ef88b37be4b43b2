#pragma once
// Build/save functions of sklearn.linear_model (registered in register.cpp; LinearSVC and
// LinearSVR by svm/register.cpp) and the hyper-parameter tables written for natively built
// estimators (also of LDA and the dummies).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/linear_model.hpp"
#include "skops/sklearn_version.hpp"

namespace skops::estimators::detail::linear_model {

/// Canonical `module.Class` of each kind (the same in scikit-learn 1.2 to 1.4: checked for
/// 1.2.1 and 1.4.2).
const char* type_name(LinearRegressorKind kind) noexcept;
const char* type_name(LinearClassifierKind kind) noexcept;

/// The builders and writers, the only code that reaches the classes' private state.
struct Access {
  static std::unique_ptr<LinearRegressor> build_regressor(LinearRegressorKind kind,
                                                          const ObjectView& obj);
  static void save_regressor(const LinearRegressor& est, ObjectWriter& w);
  static std::unique_ptr<LinearClassifier> build_classifier(LinearClassifierKind kind,
                                                            const ObjectView& obj);
  static void save_classifier(const LinearClassifier& est, ObjectWriter& w);
};
/// SGDOneClassSVM (sgd_one_class.cpp).
std::unique_ptr<SGDOneClassSVM> build_sgd_one_class(const ObjectView& obj);
void save_sgd_one_class(const SGDOneClassSVM& e, ObjectWriter& w);
/// RANSACRegressor (ransac.cpp).
std::unique_ptr<RANSACRegressor> build_ransac(const ObjectView& obj);
void save_ransac(const RANSACRegressor& e, ObjectWriter& w);

constexpr const char* kLdaType = "sklearn.discriminant_analysis.LinearDiscriminantAnalysis";
constexpr const char* kDummyClassifierType = "sklearn.dummy.DummyClassifier";
constexpr const char* kDummyRegressorType = "sklearn.dummy.DummyRegressor";

using Params = std::vector<std::pair<std::string, NodePtr>>;

/// The constructor parameters scikit-learn `version` sets in `__init__` (their default values,
/// with Python's types), for the estimator `type`. Unknown types give an empty list.
Params default_params(const std::string& type, const SklearnVersion& version);

/// The same for the classes of issue 14 (CV, least-angle, OMP, multi-task, ...), by class name.
Params more_default_params(const std::string& cls, const SklearnVersion& version);

/// set_default of every default parameter of w's estimator type.
void write_default_params(const std::string& type, ObjectWriter& w);

/// Short node makers for the default-parameter tables (params.cpp, params_more.cpp).
namespace param_nodes {
inline NodePtr b(bool v) { return make::boolean(v); }
inline NodePtr i(std::int64_t v) { return make::integer(v); }
inline NodePtr f(double v) { return make::real(v); }
inline NodePtr s(const char* v) { return make::str(v); }
inline NodePtr none() { return make::none(); }
}  // namespace param_nodes

}  // namespace skops::estimators::detail::linear_model
