#pragma once
// mypkg.preprocessing.MyScaler: a user's own transformer, X - shift_, made loadable and
// savable by skops-cpp with one registration call (register_my_types).
//
// The Python side would be an ordinary scikit-learn-style class:
//
//   class MyScaler(TransformerMixin, BaseEstimator):
//       def fit(self, X, y=None):
//           self.shift_ = X.mean(axis=0); self.n_features_in_ = X.shape[1]; return self
//       def transform(self, X):
//           return X - self.shift_

#include <skops/skops.hpp>
#include <string>
#include <vector>

namespace mypkg {

class MyScaler final : public skops::Estimator {
 public:
  static constexpr const char* kTypeName = "mypkg.preprocessing.MyScaler";

  /// Throws skops::ValidationError when `shift` is empty.
  explicit MyScaler(std::vector<double> shift);

  const std::vector<double>& shift() const noexcept { return shift_; }

  skops::Role role() const noexcept override { return skops::Role::Transformer; }
  bool supports(skops::Method m) const noexcept override { return m == skops::Method::Transform; }
  /// Transform only; throws skops::InputError on a wrong column count,
  /// skops::UnsupportedError for any other method.
  skops::NdArray run(skops::Method m, const skops::MatrixView& X) const override;

 private:
  std::vector<double> shift_;
};

/// Registers MyScaler's build and save functions. Throws skops::RegistryError when the
/// registry already has the name (registering twice is a bug, never silently ignored).
void register_my_types(skops::TypeRegistry& registry);

}  // namespace mypkg
