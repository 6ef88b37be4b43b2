// sklearn.model_selection: GridSearchCV and RandomizedSearchCV (search.cpp),
// HalvingGridSearchCV and HalvingRandomSearchCV (halving.cpp). Their scorers and splitters
// (scorer_, _checked_cv_orig) are never built and stay untrusted, as in Python skops.

#include "estimators/builtins.hpp"
#include "estimators/model_selection/internal.hpp"

namespace skops::estimators {

void register_model_selection(TypeRegistry& reg) {
  using namespace detail::model_selection;
  reg.add<SearchCV>("sklearn.model_selection._search.GridSearchCV", build_search, save_search);
  reg.add<SearchCV>("sklearn.model_selection._search.RandomizedSearchCV", build_search,
                    save_search);
  reg.add<SearchCV>("sklearn.model_selection._search_successive_halving.HalvingGridSearchCV",
                    build_halving_search, save_search);
  reg.add<SearchCV>("sklearn.model_selection._search_successive_halving.HalvingRandomSearchCV",
                    build_halving_search, save_search);
}

}  // namespace skops::estimators
