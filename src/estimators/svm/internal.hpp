#pragma once
// Type names and the build/save functions of the libsvm models of sklearn.svm (registered in
// register.cpp).

#include <memory>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/svm.hpp"

namespace skops::estimators::detail::svm {

constexpr const char* kSVCType = "sklearn.svm._classes.SVC";
constexpr const char* kNuSVCType = "sklearn.svm._classes.NuSVC";
constexpr const char* kSVRType = "sklearn.svm._classes.SVR";
constexpr const char* kNuSVRType = "sklearn.svm._classes.NuSVR";
constexpr const char* kOneClassSVMType = "sklearn.svm._classes.OneClassSVM";

std::unique_ptr<SVC> build_svc(const ObjectView& obj, bool nu);
void save_svc(const SVC& est, ObjectWriter& w);
std::unique_ptr<SVR> build_svr(const ObjectView& obj, bool nu);
void save_svr(const SVR& est, ObjectWriter& w);
std::unique_ptr<OneClassSVM> build_one_class(const ObjectView& obj);
void save_one_class(const OneClassSVM& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::svm
