// Registrations of the naive_bayes family (module paths are the same in scikit-learn 1.2
// to 1.4).

#include "estimators/more_families.hpp"
#include "estimators/naive_bayes/internal.hpp"

namespace skops::estimators {

void register_naive_bayes(TypeRegistry& reg) {
  reg.add<GaussianNB>(naive_bayes::kGaussianType, naive_bayes::build_gaussian,
                      naive_bayes::save_gaussian);
  for (DiscreteNBKind kind :
       {DiscreteNBKind::Multinomial, DiscreteNBKind::Complement, DiscreteNBKind::Bernoulli}) {
    reg.add<DiscreteNB>(
        naive_bayes::type_name(kind),
        [kind](const ObjectView& obj) { return naive_bayes::build_discrete(kind, obj); },
        naive_bayes::save_discrete);
  }
  reg.add<CategoricalNB>(naive_bayes::kCategoricalType, naive_bayes::build_categorical,
                         naive_bayes::save_categorical);
}

}  // namespace skops::estimators
