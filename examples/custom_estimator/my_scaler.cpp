#include "my_scaler.hpp"

#include <memory>
#include <utility>

namespace mypkg {

MyScaler::MyScaler(std::vector<double> shift) : shift_(std::move(shift)) {
  if (shift_.empty()) throw skops::ValidationError("MyScaler: shift_ must not be empty");
  set_type_name(kTypeName);
  set_n_features_in(static_cast<std::int64_t>(shift_.size()));
}

skops::NdArray MyScaler::run(skops::Method m, const skops::MatrixView& X) const {
  if (m != skops::Method::Transform) {
    throw skops::UnsupportedError(std::string(kTypeName) + " has no method " + skops::to_string(m));
  }
  check_input(X);  // column count and at least one row: InputError otherwise
  skops::Matrix out = X;
  for (Eigen::Index j = 0; j < out.cols(); ++j)
    out.col(j).array() -= shift_[static_cast<std::size_t>(j)];
  return skops::to_ndarray(out);
}

void register_my_types(skops::TypeRegistry& registry) {
  registry.add<MyScaler>(
      MyScaler::kTypeName,
      // Build: read and check the attributes; every accessor error names the JSON pointer.
      [](const skops::ObjectView& obj) {
        const std::vector<double> shift = obj.array("shift_").to_vector<double>();
        if (static_cast<std::int64_t>(shift.size()) != obj.integer("n_features_in_")) {
          obj.fail("shift_ has " + std::to_string(shift.size()) + " values but n_features_in_ is " +
                   std::to_string(obj.integer("n_features_in_")));
        }
        return std::make_unique<MyScaler>(shift);
      },
      // Save: what Python's MyScaler needs to run (attributes of a loaded file are kept).
      [](const MyScaler& est, skops::ObjectWriter& w) {
        w.set_array("shift_", skops::NdArray::from_vector(est.shift()));
        w.set_int("n_features_in_", est.n_features_in());
      });
}

}  // namespace mypkg
