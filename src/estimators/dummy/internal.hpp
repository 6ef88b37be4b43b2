#pragma once
// The builders and writers of sklearn.dummy (registered in register.cpp).

#include <memory>

#include "skops/estimators/dummy.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::dummy {

/// The only code that reaches the classes' private state.
struct Access {
  static std::unique_ptr<DummyClassifier> build_classifier(const ObjectView& obj);
  static void save_classifier(const DummyClassifier& est, ObjectWriter& w);
  static std::unique_ptr<DummyRegressor> build_regressor(const ObjectView& obj);
  static void save_regressor(const DummyRegressor& est, ObjectWriter& w);
};

}  // namespace skops::estimators::detail::dummy
