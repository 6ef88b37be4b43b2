// Registrations of the naive_bayes, neighbors, cluster and QDA families.

#include "estimators/more_families.hpp"

namespace skops::estimators {

void register_more_models(TypeRegistry& reg) {
  register_naive_bayes(reg);
  register_neighbors(reg);
  register_cluster(reg);
  register_qda(reg);
  register_svm_kernel(reg);
  register_neural_network(reg);
  register_feature_selection(reg);
}

}  // namespace skops::estimators
