// sklearn.preprocessing: the scalers (scalers.cpp), Normalizer and Binarizer (simple.cpp),
// KernelCenterer (kernel_centerer.cpp), PolynomialFeatures (polynomial.cpp), SplineTransformer
// (spline*.cpp, bspline.cpp), OneHotEncoder and OrdinalEncoder (encoders*.cpp),
// TargetEncoder (target_encoder.cpp), LabelEncoder (label.cpp), FunctionTransformer
// (function_transformer.cpp), QuantileTransformer (quantile_transformer.cpp, normal.cpp),
// PowerTransformer (power_transformer.cpp), KBinsDiscretizer (kbins_discretizer.cpp).

#include "estimators/builtins.hpp"
#include "estimators/preprocessing/internal.hpp"

namespace skops::estimators {

void register_preprocessing(TypeRegistry& reg) {
  using namespace detail::preprocessing;
  const std::string data = "sklearn.preprocessing._data.";
  reg.add<StandardScaler>(data + "StandardScaler", build_standard, save_standard);
  reg.add<MinMaxScaler>(data + "MinMaxScaler", build_minmax, save_minmax);
  reg.add<MaxAbsScaler>(data + "MaxAbsScaler", build_maxabs, save_maxabs);
  reg.add<RobustScaler>(data + "RobustScaler", build_robust, save_robust);
  reg.add<Normalizer>(data + "Normalizer", build_normalizer, save_normalizer);
  reg.add<Binarizer>(data + "Binarizer", build_binarizer, save_binarizer);
  reg.add<KernelCenterer>(data + "KernelCenterer", build_kernel_centerer, save_kernel_centerer);
  reg.add<QuantileTransformer>(data + "QuantileTransformer", build_quantile, save_quantile);
  reg.add<PowerTransformer>(data + "PowerTransformer", build_power, save_power);
  reg.add<KBinsDiscretizer>("sklearn.preprocessing._discretization.KBinsDiscretizer", build_kbins,
                            save_kbins);
  reg.add<PolynomialFeatures>("sklearn.preprocessing._polynomial.PolynomialFeatures", build_poly,
                              save_poly);
  reg.add<SplineTransformer>("sklearn.preprocessing._polynomial.SplineTransformer", build_spline,
                             save_spline);
  reg.add<OneHotEncoder>("sklearn.preprocessing._encoders.OneHotEncoder", build_onehot,
                         save_onehot);
  reg.add<OrdinalEncoder>("sklearn.preprocessing._encoders.OrdinalEncoder", build_ordinal,
                          save_ordinal);
  reg.add<TargetEncoder>("sklearn.preprocessing._target_encoder.TargetEncoder", build_target,
                         save_target);
  reg.add<LabelEncoder>("sklearn.preprocessing._label.LabelEncoder", build_label, save_label);
  reg.add<FunctionTransformer>("sklearn.preprocessing._function_transformer.FunctionTransformer",
                               build_function, save_function);
  reg.add_helper_types(ufunc_type_names());
  // SplineTransformer's bsplines_: read as plain {t, c, k, extrapolate, axis} (spline_io.cpp).
  reg.add_helper_types({"scipy.interpolate._bsplines.BSpline"});
}

}  // namespace skops::estimators
