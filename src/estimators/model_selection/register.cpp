// sklearn.model_selection: GridSearchCV and RandomizedSearchCV (search.cpp).

#include "estimators/builtins.hpp"
#include "estimators/model_selection/internal.hpp"

namespace skops::estimators {

void register_model_selection(TypeRegistry& reg) {
  using namespace detail::model_selection;
  reg.add<SearchCV>("sklearn.model_selection._search.GridSearchCV", build_search, save_search);
  reg.add<SearchCV>("sklearn.model_selection._search.RandomizedSearchCV", build_search,
                    save_search);
}

}  // namespace skops::estimators
