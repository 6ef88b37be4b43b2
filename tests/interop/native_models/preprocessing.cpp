#include "native_models/models.hpp"

namespace skops::native_models {

void add_preprocessing(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& scaler = f.scaler;
  const auto& data_min = f.data_min;
  const auto& data_max = f.data_max;
  const auto& mm_scale = f.mm_scale;
  const auto& mm_min = f.mm_min;
  out.emplace_back("StandardScaler", scaler);
  auto minmax = std::make_shared<pp::MinMaxScaler>(mm_scale, mm_min, 0.0, 1.0, false, data_min,
                                                   data_max, 150);
  out.emplace_back("MinMaxScaler", minmax);
  std::vector<double> clip_scale, clip_min;
  for (int j = 0; j < 4; ++j) {
    clip_scale.push_back(2.0 / (data_max[j] - data_min[j]));
    clip_min.push_back(-1.0 - data_min[j] * clip_scale[j]);
  }
  out.emplace_back("MinMaxScaler_clip_range",
                   std::make_shared<pp::MinMaxScaler>(clip_scale, clip_min, -1.0, 1.0, true,
                                                      data_min, data_max, 150));
  out.emplace_back("MaxAbsScaler", std::make_shared<pp::MaxAbsScaler>(data_max, 150));
  out.emplace_back("RobustScaler",
                   std::make_shared<pp::RobustScaler>(std::vector<double>{5.8, 3.0, 4.35, 1.3},
                                                      std::vector<double>{1.3, 0.5, 3.5, 1.5}));
  out.emplace_back(
      "RobustScaler_no_centering",
      std::make_shared<pp::RobustScaler>(
          std::vector<double>{}, std::vector<double>{1.3, 0.5, 3.5, 1.5}, 4, 10.0, 90.0, true));
  out.emplace_back("Normalizer_l1", std::make_shared<pp::Normalizer>("l1", 4));
  out.emplace_back("Normalizer_max", std::make_shared<pp::Normalizer>("max", 4));
  out.emplace_back("Binarizer", std::make_shared<pp::Binarizer>(3.0, 4));
  // input() read as a kernel against 4 fit samples.
  out.emplace_back("KernelCenterer",
                   std::make_shared<pp::KernelCenterer>(std::vector<double>{5.2, 3.1, 3.9, 1.2}, 3.35));
  out.emplace_back("PolynomialFeatures", std::make_shared<pp::PolynomialFeatures>(4, 2));
  out.emplace_back("PolynomialFeatures_interaction_only",
                   std::make_shared<pp::PolynomialFeatures>(4, 3, 2, true, false));
  // Base knots over part of each iris column, so that input() goes beyond them on both sides.
  const Matrix spline_knots = (Matrix(4, 4) << 4.8, 2.5, 1.5, 0.3,  //
                               5.5, 2.9, 3.0, 0.9,                  //
                               6.1, 3.2, 4.6, 1.5,                  //
                               6.9, 3.6, 5.9, 2.2)
                                  .finished();
  using SplineMode = pp::SplineTransformer::Extrapolation;
  // Python skops asks to trust the BSpline objects (skops-cpp trusts them by default).
  const std::vector<std::string> bspline = {"scipy.interpolate._bsplines.BSpline"};
  out.emplace_back("SplineTransformer_constant",
                   std::make_shared<pp::SplineTransformer>(
                       pp::SplineTransformer::from_base_knots(spline_knots, 3, SplineMode::Constant)),
                   bspline);
  out.emplace_back("SplineTransformer_linear_d1_nobias",
                   std::make_shared<pp::SplineTransformer>(pp::SplineTransformer::from_base_knots(
                       spline_knots, 1, SplineMode::Linear, false)),
                   bspline);
  out.emplace_back("SplineTransformer_periodic_d2",
                   std::make_shared<pp::SplineTransformer>(
                       pp::SplineTransformer::from_base_knots(spline_knots, 2, SplineMode::Periodic)),
                   bspline);
  out.emplace_back("SplineTransformer_continue_d4_nobias",
                   std::make_shared<pp::SplineTransformer>(pp::SplineTransformer::from_base_knots(
                       spline_knots, 4, SplineMode::Continue, false)),
                   bspline);
  const std::vector<pp::CategoryList> some_categories = {
      pp::CategoryList::numeric({4.9, 5.1, 6.4}), pp::CategoryList::numeric({2.3, 3.0, 3.5}),
      pp::CategoryList::numeric({1.4, 4.0}), pp::CategoryList::numeric({0.2, 1.5, 2.5})};
  out.emplace_back("OneHotEncoder_ignore",
                   std::make_shared<pp::OneHotEncoder>(some_categories, "ignore"));
  const std::vector<pp::CategoryList> all_categories = {
      pp::CategoryList::numeric({4.9, 5.1, 5.5, 6.3, 6.4, 7.7}),
      pp::CategoryList::numeric({2.3, 2.6, 3.0, 3.2, 3.3, 3.5}),
      pp::CategoryList::numeric({1.4, 4.0, 4.5, 6.0, 6.9}),
      pp::CategoryList::numeric({0.2, 1.3, 1.5, 2.3, 2.5})};
  out.emplace_back("OneHotEncoder_drop_first",
                   std::make_shared<pp::OneHotEncoder>(all_categories, "error",
                                                       std::vector<std::int64_t>{0, 0, 0, 0}));
  out.emplace_back("OrdinalEncoder", std::make_shared<pp::OrdinalEncoder>(all_categories));
  out.emplace_back("OrdinalEncoder_unknown_value", std::make_shared<pp::OrdinalEncoder>(
                                                       some_categories, "use_encoded_value", -1.0));
  // LabelEncoder transforms one column of labels.
  Matrix labels = input().col(3);
  out.emplace_back("LabelEncoder",
                   std::make_shared<pp::LabelEncoder>(std::vector<double>{0.2, 1.3, 1.5, 2.3, 2.5}),
                   {}, labels);
  out.emplace_back("FunctionTransformer_log1p",
                   std::make_shared<pp::FunctionTransformer>("log1p", "expm1"));
  out.emplace_back("FunctionTransformer_identity", std::make_shared<pp::FunctionTransformer>());
  // Five quantiles per feature (row-major quantiles_), one run repeated in feature 1.
  const std::vector<double> quantiles = {4.3, 2.0, 1.0, 0.1,  5.1, 2.8, 1.6, 0.3,  5.8, 3.0, 4.35, 1.3,
                                         6.4, 3.0, 5.1, 1.8,  7.9, 4.4, 6.9, 2.5};
  const std::vector<double> references = {0.0, 0.25, 0.5, 0.75, 1.0};
  out.emplace_back("QuantileTransformer_uniform",
                   std::make_shared<pp::QuantileTransformer>(quantiles, references, 4));
  out.emplace_back("QuantileTransformer_normal",
                   std::make_shared<pp::QuantileTransformer>(quantiles, references, 4, "normal"));
  out.emplace_back("PowerTransformer_yeo_johnson",
                   std::make_shared<pp::PowerTransformer>(
                       std::vector<double>{0.7, 0.0, 2.0, -0.4}, "yeo-johnson",
                       std::make_shared<pp::StandardScaler>(std::vector<double>{3.1, 1.4, 5.0, 0.6},
                                                            std::vector<double>{0.5, 0.3, 8.0, 0.4})));
  out.emplace_back("PowerTransformer_box_cox", std::make_shared<pp::PowerTransformer>(
                                                   std::vector<double>{0.5, 0.0, 1.3, -0.2}, "box-cox"));
  const std::vector<std::vector<double>> edges = {
      {4.3, 5.2, 6.1, 7.9}, {2.0, 3.0, 4.4}, {1.0, 2.5, 4.2, 5.0, 6.9}, {0.1, 2.5}};
  out.emplace_back("KBinsDiscretizer_ordinal",
                   std::make_shared<pp::KBinsDiscretizer>(edges, "ordinal", "uniform"));
  out.emplace_back("KBinsDiscretizer_onehot",
                   std::make_shared<pp::KBinsDiscretizer>(edges, "onehot", "quantile"),
                   std::vector<std::string>{});
  out.emplace_back("KBinsDiscretizer_onehot_dense_float32",
                   std::make_shared<pp::KBinsDiscretizer>(edges, "onehot-dense", "kmeans",
                                                          DType::float32()));
}

}  // namespace skops::native_models
