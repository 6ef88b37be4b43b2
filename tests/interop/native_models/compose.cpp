#include "native_models/models.hpp"

namespace skops::native_models {

void add_titanic_frame(Models& out, const std::string& version);

void add_compose(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& data_min = f.data_min;
  const auto& data_max = f.data_max;
  const auto& mm_scale = f.mm_scale;
  const auto& mm_min = f.mm_min;
  // --- Compose ------------------------------------------------------------------------------
  using Part = compose::ColumnTransformer::Part;
  // An unweighted part over `cols`.
  auto part = [](std::string name, EstimatorPtr est, std::vector<std::int64_t> cols) {
    return Part{
        {std::move(name), std::move(est), "estimator"}, std::move(cols), 1.0, false, nullptr};
  };
  std::vector<Part> parts;
  parts.push_back(part("scale",
                       std::make_shared<pp::StandardScaler>(std::vector<double>{5.8, 3.0},
                                                            std::vector<double>{0.8, 0.4}),
                       {0, 1}));
  parts.push_back(
      part("minmax",
           std::make_shared<pp::MinMaxScaler>(std::vector<double>{mm_scale[3], mm_scale[2]},
                                              std::vector<double>{mm_min[3], mm_min[2]}, 0.0, 1.0,
                                              false, std::vector<double>{data_min[3], data_min[2]},
                                              std::vector<double>{data_max[3], data_max[2]}, 150),
           {3, 2}));
  out.emplace_back("ColumnTransformer",
                   std::make_shared<compose::ColumnTransformer>(std::move(parts), 4));
  std::vector<Part> parts2;
  parts2.push_back(part("robust",
                        std::make_shared<pp::RobustScaler>(std::vector<double>{4.35, 1.3},
                                                           std::vector<double>{3.5, 1.5}),
                        {2, 3}));
  parts2.push_back(Part{{"gone", nullptr, "drop"}, {1}, 1.0, false, nullptr});
  parts2.push_back(Part{{"keep", nullptr, "passthrough"}, {3}, 1.0, false, nullptr});
  parts2.push_back(Part{{"remainder", nullptr, "passthrough"}, {0}, 2.0, true, nullptr});
  out.emplace_back("ColumnTransformer_drop_passthrough_remainder",
                   std::make_shared<compose::ColumnTransformer>(std::move(parts2), 4));
  add_titanic_frame(out, version);
}

// A Titanic-style DataFrame pipeline built natively: columns chosen by name, numbers imputed
// (median) and scaled, strings imputed (most frequent) and one-hot encoded, then a
// logistic regression. Python must load it and predict the same on the CSV as a DataFrame.
void add_titanic_frame(Models& out, const std::string& version) {
  (void)version;
  using Part = compose::ColumnTransformer::Part;
  using estimators::Category;
  using estimators::CategoryList;
  auto num = compose::Pipeline::from_estimators(
      {{"impute", std::make_shared<pp::SimpleImputer>(std::vector<double>{28.0, 14.45}, "median")},
       {"scale", std::make_shared<pp::StandardScaler>(std::vector<double>{29.7, 32.2},
                                                      std::vector<double>{13.0, 49.7})}});
  auto cat_imputer =
      std::make_shared<pp::SimpleImputer>(std::vector<double>{0.0, 0.0}, "most_frequent");
  cat_imputer->set_object_statistics({Category::of(std::string("male")), Category::of(std::string("S"))});
  auto cat = compose::Pipeline::from_estimators(
      {{"impute", cat_imputer},
       {"onehot", std::make_shared<pp::OneHotEncoder>(
                      std::vector<CategoryList>{CategoryList::strings({"female", "male"}),
                                                CategoryList::strings({"C", "Q", "S"})},
                      "ignore")}});
  std::vector<Part> parts;
  parts.push_back(Part{{"num", num, "estimator"}, {0, 1}, 1.0, false, nullptr, true});
  parts.push_back(Part{{"cat", cat, "estimator"}, {3, 2}, 1.0, false, nullptr, true});
  auto ct = std::make_shared<compose::ColumnTransformer>(std::move(parts), 5);
  ct->set_feature_names_in({"age", "fare", "pclass", "embarked", "sex"});
  const NdArray coef = matrix({-0.4, 0.3, 1.2, -1.1, 0.2, -0.3, 0.1}, 1, 7);
  auto lr = LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression, coef,
                                          vec({0.15}),
                                          NdArray::from_strings({"died", "lived"}, {2}));
  auto pipe = compose::Pipeline::from_estimators({{"pre", ct}, {"clf", EstimatorPtr(std::move(lr))}});
  const std::string csv =
      "age,fare,pclass,embarked,sex\n"
      "22,7.25,3,S,male\n"
      ",71.28,1,C,female\n"
      "26,7.92,3,,female\n"
      "35.5,53.1,1,S,\n"
      "54,,1,Q,male\n"
      "2,21.07,3,X,female\n";
  // _fit_dtype (numpy.dtype) as in Python's files.
  out.emplace_frame("Pipeline_titanic_frame", pipe, csv, {"numpy.dtype"});
}

}  // namespace skops::native_models
