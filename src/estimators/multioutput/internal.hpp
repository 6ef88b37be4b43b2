#pragma once
// The builders and writers of sklearn.multioutput's MultiOutputRegressor and
// MultiOutputClassifier (multi_output.cpp) and of ClassifierChain and RegressorChain
// (chain.cpp), registered in register.cpp.

#include <memory>

#include "skops/estimators/multioutput.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::multioutput {

std::unique_ptr<MultiOutput> build_multi_output(const ObjectView& obj);
void save_multi_output(const MultiOutput& est, ObjectWriter& w);
std::unique_ptr<Chain> build_chain(const ObjectView& obj);
void save_chain(const Chain& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::multioutput
