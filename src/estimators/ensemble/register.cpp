// Registrations of the ensemble family (sklearn.ensemble).
#include "estimators/ensemble/forest.hpp"
#include "estimators/families.hpp"

namespace skops::estimators {

void register_ensembles(TypeRegistry& reg) {
  using namespace ensemble_detail;
  for (const char* name : {"sklearn.ensemble._forest.RandomForestClassifier",
                           "sklearn.ensemble._forest.ExtraTreesClassifier"}) {
    reg.add<ForestClassifier>(name, build_forest_classifier, save_forest_classifier);
  }
  for (const char* name : {"sklearn.ensemble._forest.RandomForestRegressor",
                           "sklearn.ensemble._forest.ExtraTreesRegressor"}) {
    reg.add<ForestRegressor>(name, build_forest_regressor, save_forest_regressor);
  }
}

}  // namespace skops::estimators
