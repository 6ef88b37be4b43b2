// Registrations of the tree family (sklearn.tree).
#include "estimators/families.hpp"
#include "estimators/tree/decision_tree.hpp"

namespace skops::estimators {

void register_trees(TypeRegistry& reg) {
  using namespace tree_detail;
  reg.add<DecisionTreeClassifier>("sklearn.tree._classes.DecisionTreeClassifier", build_classifier,
                                  save_classifier);
  reg.add<DecisionTreeClassifier>("sklearn.tree._classes.ExtraTreeClassifier", build_classifier,
                                  save_classifier);
  reg.add<DecisionTreeRegressor>("sklearn.tree._classes.DecisionTreeRegressor", build_regressor,
                                 save_regressor);
  reg.add<DecisionTreeRegressor>("sklearn.tree._classes.ExtraTreeRegressor", build_regressor,
                                 save_regressor);
  // Module path of scikit-learn < 0.22.
  reg.add_alias("sklearn.tree.tree.DecisionTreeClassifier",
                "sklearn.tree._classes.DecisionTreeClassifier");
  reg.add_alias("sklearn.tree.tree.DecisionTreeRegressor",
                "sklearn.tree._classes.DecisionTreeRegressor");
  reg.add_alias("sklearn.tree.tree.ExtraTreeClassifier",
                "sklearn.tree._classes.ExtraTreeClassifier");
  reg.add_alias("sklearn.tree.tree.ExtraTreeRegressor", "sklearn.tree._classes.ExtraTreeRegressor");
  reg.add_helper_types({"sklearn.tree._tree.Tree"});
}

}  // namespace skops::estimators
