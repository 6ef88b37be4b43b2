// Registrations of the svm_kernel family (module paths are the same in scikit-learn 1.2 to
// 1.4; LinearSVC/LinearSVR are registered by the linear_model family).

#include "estimators/more_families.hpp"
#include "estimators/svm_kernel/internal.hpp"

namespace skops::estimators {

void register_svm_kernel(TypeRegistry& reg) {
  reg.add<SVC>(
      svm::kSVCType, [](const ObjectView& obj) { return svm::build_svc(obj, false); },
      svm::save_svc);
  reg.add<SVC>(
      svm::kNuSVCType, [](const ObjectView& obj) { return svm::build_svc(obj, true); },
      svm::save_svc);
  reg.add<SVR>(
      svm::kSVRType, [](const ObjectView& obj) { return svm::build_svr(obj, false); },
      svm::save_svr);
  reg.add<SVR>(
      svm::kNuSVRType, [](const ObjectView& obj) { return svm::build_svr(obj, true); },
      svm::save_svr);
  reg.add<OneClassSVM>(svm::kOneClassSVMType, svm::build_one_class, svm::save_one_class);
}

}  // namespace skops::estimators
