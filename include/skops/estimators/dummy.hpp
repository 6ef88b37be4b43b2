#pragma once
/// \file dummy.hpp
/// sklearn.dummy: DummyClassifier and DummyRegressor, loaded from `.skops` files or built
/// natively.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"

namespace skops::estimators {

namespace detail::dummy {
struct Access;  // the builders and writers (src/estimators/dummy)
}  // namespace detail::dummy

/// sklearn.dummy.DummyClassifier (single output). Strategies "prior", "most_frequent",
/// "constant", "uniform" (predict_proba only) and "stratified" (load/save only): predict of
/// "uniform"/"stratified" and predict_proba of "stratified" draw random numbers in
/// scikit-learn and throw UnsupportedError here.
class DummyClassifier final : public Estimator {
 public:
  /// `classes` 1-d labels, `class_prior` one float per class; `constant` the label for
  /// strategy "constant" (a 0-d or 1-element array of the label's dtype; empty otherwise).
  /// Throws ValidationError.
  static std::unique_ptr<DummyClassifier> from_prior(NdArray classes,
                                                     std::vector<double> class_prior,
                                                     std::string strategy = "prior",
                                                     NdArray constant = {});

  const std::string& strategy() const noexcept { return strategy_; }
  Role role() const noexcept override { return Role::Classifier; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;

 private:
  friend struct detail::dummy::Access;
  NdArray classes_;
  NodePtr classes_node_;
  std::vector<double> prior_;
  std::string strategy_ = "prior";
  std::int64_t constant_index_ = -1;  ///< "constant": index of the constant in classes_
  NdArray constant_label_;            ///< "constant": the label predicted (its own dtype)
};

/// sklearn.dummy.DummyRegressor: predicts constant_ (1, n_outputs) for every row.
class DummyRegressor final : public Estimator {
 public:
  /// `constant` one value per output; `strategy` "mean", "median", "quantile" or "constant".
  static std::unique_ptr<DummyRegressor> from_constant(std::vector<double> constant,
                                                       std::string strategy = "mean");

  Role role() const noexcept override { return Role::Regressor; }
  bool supports(Method m) const noexcept override { return m == Method::Predict; }
  NdArray run(Method m, const MatrixView& X) const override;

 private:
  friend struct detail::dummy::Access;
  NdArray constant_;  ///< (1, n_outputs) as stored
  std::string strategy_ = "mean";
};

}  // namespace skops::estimators
