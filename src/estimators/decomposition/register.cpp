// sklearn.decomposition: PCA and TruncatedSVD (pca.cpp).

#include "estimators/builtins.hpp"

namespace skops::estimators {

namespace detail::decomposition {
void register_pca(TypeRegistry& reg);  // PCA, TruncatedSVD
}  // namespace detail::decomposition

void register_decomposition(TypeRegistry& reg) { detail::decomposition::register_pca(reg); }

}  // namespace skops::estimators
