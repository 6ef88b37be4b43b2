// sklearn.cluster: KMeans and MiniBatchKMeans (kmeans.cpp).

#include "estimators/builtins.hpp"
#include "estimators/cluster/internal.hpp"

namespace skops::estimators {

void register_cluster(TypeRegistry& reg) {
  using namespace detail::cluster;
  reg.add<KMeans>(
      "sklearn.cluster._kmeans.KMeans",
      [](const ObjectView& obj) { return build_kmeans(false, obj); }, save_kmeans);
  reg.add<KMeans>(
      "sklearn.cluster._kmeans.MiniBatchKMeans",
      [](const ObjectView& obj) { return build_kmeans(true, obj); }, save_kmeans);
}

}  // namespace skops::estimators
