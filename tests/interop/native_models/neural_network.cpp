#include "native_models/models.hpp"

namespace skops::native_models {

void add_neural_network(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& int_classes = f.int_classes;
  // --- MLP ----------------------------------------------------------------------------------
  estimators::MLPParams mlp;
  mlp.coefs = {matrix({0.2, -0.5, 0.1, 0.4, 0.3, -0.2, -0.6, 0.8, 0.5, -0.1, 0.9, 0.3}, 4, 3),
               matrix({1.1, -0.4, -0.7, -0.9, 0.6, 0.2, 0.3, -1.2, 0.8}, 3, 3)};
  mlp.intercepts = {vec({0.1, -0.3, 0.2}), vec({0.5, 0.0, -0.5})};
  mlp.activation = "relu";
  mlp.out_activation = "softmax";
  mlp.classes = int_classes;
  mlp.y_type = "multiclass";
  out.emplace_back("MLPClassifier_multiclass", estimators::MLP::from_arrays(mlp, true));
  estimators::MLPParams mlp_bin;
  mlp_bin.coefs = {matrix({0.2, -0.5, 0.1, 0.4, 0.3, -0.2, -0.6, 0.8}, 4, 2),
                   matrix({1.1, -0.9}, 2, 1)};
  mlp_bin.intercepts = {vec({0.1, -0.3}), vec({0.2})};
  mlp_bin.activation = "tanh";
  mlp_bin.out_activation = "logistic";
  mlp_bin.classes = NdArray::from_strings({"no", "yes"}, {2});
  mlp_bin.y_type = "binary";
  out.emplace_back("MLPClassifier_binary_strings", estimators::MLP::from_arrays(mlp_bin, true));
  estimators::MLPParams mlp_reg;
  mlp_reg.coefs = {mlp.coefs[0], matrix({1.1, -0.4, 0.7}, 3, 1)};
  mlp_reg.intercepts = {vec({0.1, -0.3, 0.2}), vec({0.5})};
  mlp_reg.activation = "logistic";
  mlp_reg.out_activation = "identity";
  out.emplace_back("MLPRegressor", estimators::MLP::from_arrays(mlp_reg, false));
}

}  // namespace skops::native_models
