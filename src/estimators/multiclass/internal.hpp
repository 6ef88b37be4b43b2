#pragma once
// The builder and writer of sklearn.multiclass's OneVsRestClassifier (one_vs_rest.cpp),
// registered in register.cpp.

#include <memory>

#include "skops/estimators/multiclass.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::multiclass {

std::unique_ptr<OneVsRestClassifier> build_one_vs_rest(const ObjectView& obj);
void save_one_vs_rest(const OneVsRestClassifier& est, ObjectWriter& w);
// one_vs_one.cpp
std::unique_ptr<OneVsOneClassifier> build_one_vs_one(const ObjectView& obj);
void save_one_vs_one(const OneVsOneClassifier& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::multiclass
