// Registrations of the naive_bayes family (module paths are the same in scikit-learn 1.2
// to 1.4).

#include "estimators/builtins.hpp"
#include "estimators/naive_bayes/internal.hpp"

namespace skops::estimators {

void register_naive_bayes(TypeRegistry& reg) {
  reg.add<GaussianNB>(detail::naive_bayes::kGaussianType, detail::naive_bayes::build_gaussian,
                      detail::naive_bayes::save_gaussian);
  for (DiscreteNBKind kind :
       {DiscreteNBKind::Multinomial, DiscreteNBKind::Complement, DiscreteNBKind::Bernoulli}) {
    reg.add<DiscreteNB>(
        detail::naive_bayes::type_name(kind),
        [kind](const ObjectView& obj) { return detail::naive_bayes::build_discrete(kind, obj); },
        detail::naive_bayes::save_discrete);
  }
  reg.add<CategoricalNB>(detail::naive_bayes::kCategoricalType, detail::naive_bayes::build_categorical,
                         detail::naive_bayes::save_categorical);
}

}  // namespace skops::estimators
