#pragma once
// HistGradientBoosting{Classifier,Regressor}
// (sklearn/ensemble/_hist_gradient_boosting/gradient_boosting.py, _predictor.pyx):
// raw prediction = _baseline_prediction + the sum of every TreePredictor's leaf value,
// iteration by iteration; features compared in float64 (`x <= num_threshold`), NaN routed
// by missing_go_to_left, categorical splits through the raw_left_cat_bitsets and the
// known-category bitsets of the bin mapper.

#include <cstdint>
#include <memory>
#include <vector>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimator.hpp"

namespace skops::estimators::detail::ensemble {

struct HgbNode {
  double threshold;  // num_threshold, or the leaf value for leaves
  std::int32_t feature;
  std::int32_t left;
  std::int32_t right;
  std::uint32_t bitset;  // row of raw_left_cat_bitsets
  std::uint8_t is_leaf;
  std::uint8_t missing_go_to_left;
  std::uint8_t is_categorical;
};

struct HgbPredictor {
  std::vector<HgbNode> nodes;
  std::vector<std::uint32_t> left_cat_bitsets;  // n_bitsets × 8
  double predict_row(const double* x, const std::vector<std::uint32_t>& known_cat,
                     const std::vector<std::uint32_t>& f_idx_map) const noexcept;
};

class HistGradientBoosting final : public Estimator {
 public:
  enum class Link { Identity, Log, Logit, Softmax };

  HistGradientBoosting(bool classifier, Link link, std::int64_t k, std::vector<double> baseline,
                       std::vector<HgbPredictor> predictors, std::vector<std::uint32_t> known_cat,
                       std::vector<std::uint32_t> f_idx_map, NdArray classes);

  Role role() const noexcept override { return classifier_ ? Role::Classifier : Role::Regressor; }
  bool supports(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  Matrix raw_predict(const MatrixView& X) const;
  /// scikit-learn >= 1.4 with categorical features: the fitted `_preprocessor` (a
  /// ColumnTransformer: OrdinalEncoder on the categorical columns, moved first, and
  /// check_array on the others) every input goes through before the trees.
  void set_preprocessor(EstimatorPtr p) { preprocessor_ = std::move(p); }
  bool accepts_strings() const noexcept override {
    return preprocessor_ && preprocessor_->accepts_strings();
  }

 protected:
  /// With a preprocessor, the table goes to it (columns by name, strings encoded); without,
  /// as any numeric estimator.
  NdArray on_table(Method m, const Table& X) const override;

 private:
  NdArray finish(Method m, const Matrix& raw) const;
  EstimatorPtr preprocessor_;
  Matrix proba(const Matrix& raw) const;

  bool classifier_;
  Link link_;
  std::int64_t k_;
  std::vector<double> baseline_;
  std::vector<HgbPredictor> predictors_;  // n_iter × K, row-major
  std::vector<std::uint32_t> known_cat_;  // n_categorical × 8
  std::vector<std::uint32_t> f_idx_map_;  // per feature
  NdArray classes_;
};

std::unique_ptr<HistGradientBoosting> build_hist_gradient_boosting(const ObjectView& obj,
                                                                   bool classifier);
void save_hist_gradient_boosting(const HistGradientBoosting& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::ensemble
