#pragma once
// The builders and writers of sklearn.preprocessing, registered in register.cpp.

#include <memory>
#include <string>
#include <vector>

#include "skops/estimators/preprocessing.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::preprocessing {

// scalers.cpp
std::unique_ptr<StandardScaler> build_standard(const ObjectView& obj);
void save_standard(const StandardScaler& e, ObjectWriter& w);
std::unique_ptr<MinMaxScaler> build_minmax(const ObjectView& obj);
void save_minmax(const MinMaxScaler& e, ObjectWriter& w);
std::unique_ptr<MaxAbsScaler> build_maxabs(const ObjectView& obj);
void save_maxabs(const MaxAbsScaler& e, ObjectWriter& w);
std::unique_ptr<RobustScaler> build_robust(const ObjectView& obj);
void save_robust(const RobustScaler& e, ObjectWriter& w);

// simple.cpp, polynomial.cpp
std::unique_ptr<Normalizer> build_normalizer(const ObjectView& obj);
void save_normalizer(const Normalizer& e, ObjectWriter& w);
std::unique_ptr<Binarizer> build_binarizer(const ObjectView& obj);
void save_binarizer(const Binarizer& e, ObjectWriter& w);
std::unique_ptr<PolynomialFeatures> build_poly(const ObjectView& obj);
void save_poly(const PolynomialFeatures& e, ObjectWriter& w);

// bspline.cpp, spline.cpp, spline_io.cpp
/// numpy's float remainder (`a % b`): the sign of b, NaN when b is 0.
double numpy_remainder(double a, double b);
std::unique_ptr<SplineTransformer> build_spline(const ObjectView& obj);
void save_spline(const SplineTransformer& e, ObjectWriter& w);

// kernel_centerer.cpp
std::unique_ptr<KernelCenterer> build_kernel_centerer(const ObjectView& obj);
void save_kernel_centerer(const KernelCenterer& e, ObjectWriter& w);

// encoders_io.cpp, label.cpp
/// A 1-d numeric or '<U' numpy array, or an object array of str/int/float/None, as
/// categories (SimpleImputer's object statistics_ read the same way).
CategoryList read_categories(const ValueView& v);
/// The array node read_categories reads back.
NodePtr categories_node(const CategoryList& c);
std::unique_ptr<OneHotEncoder> build_onehot(const ObjectView& obj);
void save_onehot(const OneHotEncoder& e, ObjectWriter& w);
std::unique_ptr<OrdinalEncoder> build_ordinal(const ObjectView& obj);
void save_ordinal(const OrdinalEncoder& e, ObjectWriter& w);
std::unique_ptr<LabelEncoder> build_label(const ObjectView& obj);
void save_label(const LabelEncoder& e, ObjectWriter& w);

// target_encoder.cpp
std::unique_ptr<TargetEncoder> build_target(const ObjectView& obj);
void save_target(const TargetEncoder& e, ObjectWriter& w);
/// categories_ of an encoder: one category list per input column (n when known, else -1).
std::vector<CategoryList> read_all_categories(const ObjectView& obj, std::int64_t n);

// quantile_transformer.cpp, power_transformer.cpp, kbins_discretizer.cpp
std::unique_ptr<QuantileTransformer> build_quantile(const ObjectView& obj);
void save_quantile(const QuantileTransformer& e, ObjectWriter& w);
std::unique_ptr<PowerTransformer> build_power(const ObjectView& obj);
void save_power(const PowerTransformer& e, ObjectWriter& w);
std::unique_ptr<KBinsDiscretizer> build_kbins(const ObjectView& obj);
void save_kbins(const KBinsDiscretizer& e, ObjectWriter& w);

// function_transformer.cpp
std::unique_ptr<FunctionTransformer> build_function(const ObjectView& obj);
void save_function(const FunctionTransformer& e, ObjectWriter& w);
/// The numpy ufuncs a FunctionTransformer may name, under every module path skops writes
/// them (trusted as helpers; mapped to C++ functions, never called through Python).
std::vector<std::string> ufunc_type_names();

}  // namespace skops::estimators::detail::preprocessing
