// The preprocessing family: sklearn.preprocessing, sklearn.impute, and the PCA/TruncatedSVD
// projections FeatureUnion/Pipeline models commonly hold.
#include "estimators/families.hpp"
#include "estimators/preprocessing/internal.hpp"

namespace skops::estimators {

void register_preprocessing(TypeRegistry& reg) {
  using namespace preprocessing_detail;
  register_scalers(reg);
  register_simple_transformers(reg);
  register_encoders(reg);
  register_label_encoder(reg);
  register_impute(reg);
  register_function_transformer(reg);
  register_decomposition(reg);
}

}  // namespace skops::estimators
