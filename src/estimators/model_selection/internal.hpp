#pragma once
// The builder and writer of sklearn.model_selection's GridSearchCV and RandomizedSearchCV
// (search.cpp) and of the successive-halving searches (halving.cpp), registered in register.cpp.

#include <memory>

#include "skops/estimators/model_selection.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::model_selection {

std::unique_ptr<SearchCV> build_search(const ObjectView& obj);
/// halving.cpp: build_search plus the successive-halving schedule, checked.
std::unique_ptr<SearchCV> build_halving_search(const ObjectView& obj);
void save_search(const SearchCV& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::model_selection
