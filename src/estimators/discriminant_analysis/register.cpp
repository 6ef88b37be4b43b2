// sklearn.discriminant_analysis: LinearDiscriminantAnalysis (lda.cpp) and
// QuadraticDiscriminantAnalysis (qda.cpp).

#include "estimators/builtins.hpp"
#include "estimators/discriminant_analysis/internal.hpp"

namespace skops::estimators {

void register_discriminant_analysis(TypeRegistry& reg) {
  using detail::discriminant_analysis::Access;
  reg.add<LinearDiscriminantAnalysis>("sklearn.discriminant_analysis.LinearDiscriminantAnalysis",
                                      Access::build_lda, Access::save_lda);
  reg.add<QuadraticDiscriminantAnalysis>(
      "sklearn.discriminant_analysis.QuadraticDiscriminantAnalysis",
      detail::discriminant_analysis::build_qda, detail::discriminant_analysis::save_qda);
}

}  // namespace skops::estimators
