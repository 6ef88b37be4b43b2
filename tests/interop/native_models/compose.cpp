#include "native_models/models.hpp"

namespace skops::native_models {

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
}

}  // namespace skops::native_models
