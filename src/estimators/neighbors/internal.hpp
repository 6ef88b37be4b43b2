#pragma once
// Build/save functions of the neighbors family and shared checks.

#include <memory>
#include <string>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/neighbors.hpp"

namespace skops::estimators::detail::neighbors {

constexpr const char* kClassifierType = "sklearn.neighbors._classification.KNeighborsClassifier";
constexpr const char* kRegressorType = "sklearn.neighbors._regression.KNeighborsRegressor";
constexpr const char* kCentroidType = "sklearn.neighbors._nearest_centroid.NearestCentroid";

/// Checks fit_X (real, 2-d, finite, ≥ 1 row and column), n_neighbors in [1, n_samples],
/// the Minkowski power and the fit method.
void validate_params(const NeighborsParams& p, const detail::Fail& fail);

std::unique_ptr<KNeighborsClassifier> build_classifier(const ObjectView& obj);
void save_classifier(const KNeighborsClassifier& est, ObjectWriter& w);
std::unique_ptr<KNeighborsRegressor> build_regressor(const ObjectView& obj);
void save_regressor(const KNeighborsRegressor& est, ObjectWriter& w);
std::unique_ptr<NearestCentroid> build_centroid(const ObjectView& obj);
void save_centroid(const NearestCentroid& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::neighbors
