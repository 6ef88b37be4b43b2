#pragma once
// The builder and writer of sklearn.cluster's KMeans and MiniBatchKMeans (kmeans.cpp),
// registered in register.cpp.

#include <memory>

#include "skops/estimators/cluster.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::cluster {

/// `mini_batch`: MiniBatchKMeans (same predict/transform, other type name).
std::unique_ptr<KMeans> build_kmeans(bool mini_batch, const ObjectView& obj);
void save_kmeans(const KMeans& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::cluster
