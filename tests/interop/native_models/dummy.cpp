#include "native_models/models.hpp"

namespace skops::native_models {

void add_dummy(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& int_classes = f.int_classes;
  using estimators::DummyClassifier;
  out.emplace_back("DummyClassifier_prior",
                   DummyClassifier::from_prior(int_classes, {0.5, 0.3, 0.2}, "prior"));
  out.emplace_back("DummyClassifier_most_frequent",
                   DummyClassifier::from_prior(int_classes, {0.2, 0.3, 0.5}, "most_frequent"));
  out.emplace_back(
      "DummyClassifier_constant_strings",
      DummyClassifier::from_prior(NdArray::from_strings({"a", "b", "c"}, {3}), {0.2, 0.3, 0.5},
                                  "constant", NdArray::from_strings({"b"}, {1})));
  out.emplace_back("DummyClassifier_uniform",
                   DummyClassifier::from_prior(int_classes, {0.2, 0.3, 0.5}, "uniform"));
  out.all.back().skip = {Method::Predict};
  out.emplace_back("DummyRegressor_mean", estimators::DummyRegressor::from_constant({1.5}));
  out.emplace_back("DummyRegressor_quantile_two_outputs",
                   estimators::DummyRegressor::from_constant({1.5, -2.0}, "quantile"));
}

}  // namespace skops::native_models
