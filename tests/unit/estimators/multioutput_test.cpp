// Unit tests of sklearn.multioutput: MultiOutputRegressor (src/estimators/multioutput/), on
// the zoo's wrapper models of both versions.

#include "zoo_wrappers.hpp"

#include "skops/estimators/multioutput.hpp"

namespace {

TEST(MultiOutput, GradientBoostingPerTargetMatchesScikitLearn) {
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"})
    zoo_wrappers::check_zoo_model(v, "wrap_multioutput_gbr",
                                  "sklearn.multioutput.MultiOutputRegressor");
}

}  // namespace
