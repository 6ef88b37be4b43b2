#include "native_models/models.hpp"

namespace skops::native_models {

void add_decomposition(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& components = f.components;
  const auto& pca = f.pca;
  const auto& svd = f.svd;
  out.emplace_back("PCA", pca);
  auto pca_whiten = std::make_shared<decomposition::PCA>(
      components, std::vector<double>{5.8, 3.0, 3.8, 1.2}, std::vector<double>{4.2, 0.25}, true);
  pca_whiten->set_noise_variance(0.05);
  out.emplace_back("PCA_whiten_noise_variance", pca_whiten);
  out.emplace_back("TruncatedSVD", svd);
}

}  // namespace skops::native_models
