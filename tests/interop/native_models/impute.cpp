#include "native_models/models.hpp"

namespace skops::native_models {

void add_impute(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  (void)f;
  Matrix with_nan = input();
  with_nan(1, 2) = std::nan("");
  with_nan(4, 0) = std::nan("");
  // _fit_dtype is a numpy.dtype, which skops does not trust by default (as in Python's files).
  out.emplace_back("SimpleImputer",
                   std::make_shared<pp::SimpleImputer>(std::vector<double>{5.8, 3.0, 4.35, 1.3}),
                   {"numpy.dtype"}, with_nan);
  auto imputer_ind =
      std::make_shared<pp::SimpleImputer>(std::vector<double>{5.8, 3.0, 4.35, 1.3}, "median");
  imputer_ind->set_indicator_features({0, 2});
  out.emplace_back("SimpleImputer_add_indicator", imputer_ind, {"numpy.dtype"}, with_nan);
  // A standalone MissingIndicator that had missing values in columns 0 and 2 in fit.
  out.emplace_back("MissingIndicator",
                   std::make_shared<pp::MissingIndicator>(std::vector<std::int64_t>{0, 2}, 4,
                                                          std::nan(""), false, false),
                   {}, with_nan);
}

}  // namespace skops::native_models
