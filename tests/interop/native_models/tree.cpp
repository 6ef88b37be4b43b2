#include "native_models/models.hpp"

namespace skops::native_models {

void add_tree(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& int_classes = f.int_classes;
  const auto& t = f.t;
  const auto& r1 = f.r1;
  out.emplace_back("DecisionTreeClassifier", DecisionTreeClassifier::from_arrays(t, {int_classes}));
  out.emplace_back("ExtraTreeClassifier",
                   DecisionTreeClassifier::from_arrays(t, {int_classes}, /*extra=*/true));
  out.emplace_back("DecisionTreeRegressor", DecisionTreeRegressor::from_arrays(r1));
}

}  // namespace skops::native_models
