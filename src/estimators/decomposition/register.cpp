// sklearn.decomposition: PCA and TruncatedSVD (pca.cpp).

#include "estimators/builtins.hpp"
#include "estimators/decomposition/internal.hpp"

namespace skops::estimators {

void register_decomposition(TypeRegistry& reg) {
  using namespace detail::decomposition;
  reg.add<PCA>("sklearn.decomposition._pca.PCA", build_pca, save_pca);
  reg.add<TruncatedSVD>("sklearn.decomposition._truncated_svd.TruncatedSVD", build_svd, save_svd);
}

}  // namespace skops::estimators
