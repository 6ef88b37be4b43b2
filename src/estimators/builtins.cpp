// TypeRegistry::with_builtins: every module folder registers its types, in alphabetical
// order; what they register is what a load trusts by default.

#include "estimators/builtins.hpp"

namespace skops {

TypeRegistry TypeRegistry::with_builtins() {
  TypeRegistry reg;
  estimators::register_calibration(reg);
  estimators::register_cluster(reg);
  estimators::register_compose(reg);
  estimators::register_decomposition(reg);
  estimators::register_discriminant_analysis(reg);
  estimators::register_dummy(reg);
  estimators::register_feature_extraction(reg);
  estimators::register_ensemble(reg);
  estimators::register_feature_selection(reg);
  estimators::register_impute(reg);
  estimators::register_isotonic(reg);
  estimators::register_linear_model(reg);
  estimators::register_model_selection(reg);
  estimators::register_multiclass(reg);
  estimators::register_multioutput(reg);
  estimators::register_naive_bayes(reg);
  estimators::register_neighbors(reg);
  estimators::register_neural_network(reg);
  estimators::register_pipeline(reg);
  estimators::register_preprocessing(reg);
  estimators::register_semi_supervised(reg);
  estimators::register_svm(reg);
  estimators::register_tree(reg);
  reg.default_trusted_ = std::make_shared<const std::set<std::string>>(reg.trusted_names());
  return reg;
}

}  // namespace skops
