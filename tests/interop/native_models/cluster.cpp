#include "native_models/models.hpp"

namespace skops::native_models {

void add_cluster(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  (void)f;
  out.emplace_back("KMeans",
                   estimators::KMeans::from_arrays(
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.7, 4.4, 1.4, 6.9, 3.1, 5.8, 2.1}, 3, 4)));
  out.emplace_back("MiniBatchKMeans",
                   estimators::KMeans::from_arrays(
                       matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.7, 4.4, 1.4, 6.9, 3.1, 5.8, 2.1}, 3, 4),
                       /*mini_batch=*/true));
}

}  // namespace skops::native_models
