// sklearn.preprocessing: scalers (scalers.cpp), Normalizer, Binarizer and PolynomialFeatures
// (simple.cpp, polynomial.cpp), encoders (encoders*.cpp), LabelEncoder, FunctionTransformer.
#include "estimators/builtins.hpp"
#include "estimators/preprocessing/register.hpp"

namespace skops::estimators {

void register_preprocessing(TypeRegistry& reg) {
  using namespace detail::preprocessing;
  register_scalers(reg);
  register_simple_transformers(reg);
  register_encoders(reg);
  register_label_encoder(reg);
  register_function_transformer(reg);
}

}  // namespace skops::estimators
