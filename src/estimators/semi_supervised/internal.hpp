#pragma once
// The builder and writer of sklearn.semi_supervised's SelfTrainingClassifier
// (self_training.cpp), registered in register.cpp.

#include <memory>

#include "skops/estimators/semi_supervised.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::semi_supervised {

std::unique_ptr<SelfTrainingClassifier> build_self_training(const ObjectView& obj);
void save_self_training(const SelfTrainingClassifier& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::semi_supervised
