// sklearn.tree: DecisionTree{Classifier,Regressor}, ExtraTree{Classifier,Regressor} (decision_tree.cpp,
// tree_io.cpp), and the sklearn.tree._tree.Tree helper they hold.
#include "estimators/builtins.hpp"
#include "estimators/tree/decision_tree.hpp"

namespace skops::estimators {

void register_tree(TypeRegistry& reg) {
  using namespace detail::tree;
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
