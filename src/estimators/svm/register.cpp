// sklearn.svm: the libsvm models SVC, NuSVC, SVR, NuSVR, OneClassSVM (svc.cpp,
// regressors.cpp), and LinearSVC/LinearSVR, which are linear_model's classes (module paths
// are the same in scikit-learn 1.2 to 1.4).

#include "estimators/builtins.hpp"
#include "estimators/linear_model/internal.hpp"
#include "estimators/svm/internal.hpp"

namespace skops::estimators {

void register_svm(TypeRegistry& reg) {
  reg.add<SVC>(
      detail::svm::kSVCType, [](const ObjectView& obj) { return detail::svm::build_svc(obj, false); },
      detail::svm::save_svc);
  reg.add<SVC>(
      detail::svm::kNuSVCType, [](const ObjectView& obj) { return detail::svm::build_svc(obj, true); },
      detail::svm::save_svc);
  reg.add<SVR>(
      detail::svm::kSVRType, [](const ObjectView& obj) { return detail::svm::build_svr(obj, false); },
      detail::svm::save_svr);
  reg.add<SVR>(
      detail::svm::kNuSVRType, [](const ObjectView& obj) { return detail::svm::build_svr(obj, true); },
      detail::svm::save_svr);
  reg.add<OneClassSVM>(detail::svm::kOneClassSVMType, detail::svm::build_one_class, detail::svm::save_one_class);

  using detail::linear_model::Access;
  reg.add<LinearClassifier>(
      "sklearn.svm._classes.LinearSVC",
      [](const ObjectView& obj) { return Access::build_classifier(LinearClassifierKind::LinearSVC, obj); },
      Access::save_classifier);
  reg.add<LinearRegressor>(
      "sklearn.svm._classes.LinearSVR",
      [](const ObjectView& obj) { return Access::build_regressor(LinearRegressorKind::LinearSVR, obj); },
      Access::save_regressor);
}

}  // namespace skops::estimators
