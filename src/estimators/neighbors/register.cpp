// Registrations of the neighbors family. The KD/ball trees and distance metric objects
// stored in files fitted with algorithm 'auto'/'kd_tree'/'ball_tree' are trusted helper
// types: the builders never read them (search is brute force over _fit_X), they are kept
// verbatim for re-saving. Names cover scikit-learn 1.2 (KDTree, EuclideanDistance) and 1.3+
// (KDTree64, EuclideanDistance64 ...).

#include "estimators/builtins.hpp"
#include "estimators/neighbors/internal.hpp"

namespace skops::estimators {

void register_neighbors(TypeRegistry& reg) {
  reg.add<KNeighborsClassifier>(detail::neighbors::kClassifierType, detail::neighbors::build_classifier,
                                detail::neighbors::save_classifier);
  reg.add<KNeighborsRegressor>(detail::neighbors::kRegressorType, detail::neighbors::build_regressor,
                               detail::neighbors::save_regressor);
  reg.add<NearestCentroid>(detail::neighbors::kCentroidType, detail::neighbors::build_centroid,
                           detail::neighbors::save_centroid);
  std::vector<std::string> helpers = {
      "sklearn.neighbors._kd_tree.KDTree",
      "sklearn.neighbors._kd_tree.KDTree64",
      "sklearn.neighbors._ball_tree.BallTree",
      "sklearn.neighbors._ball_tree.BallTree64",
  };
  for (const char* metric :
       {"EuclideanDistance", "ManhattanDistance", "MinkowskiDistance", "ChebyshevDistance"}) {
    helpers.push_back(std::string("sklearn.metrics._dist_metrics.") + metric);
    helpers.push_back(std::string("sklearn.metrics._dist_metrics.") + metric + "64");
  }
  reg.add_helper_types(helpers);
}

}  // namespace skops::estimators
