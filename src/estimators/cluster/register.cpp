// sklearn.cluster: KMeans and MiniBatchKMeans (kmeans.cpp).

#include "estimators/builtins.hpp"

namespace skops::estimators {

namespace detail::cluster {
void register_kmeans(TypeRegistry& reg);
}  // namespace detail::cluster

void register_cluster(TypeRegistry& reg) { detail::cluster::register_kmeans(reg); }

}  // namespace skops::estimators
