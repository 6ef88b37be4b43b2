#pragma once
/// \file pipeline.hpp
/// sklearn.pipeline: Pipeline (steps chained) and FeatureUnion (outputs side by side), and
/// Step, the named slot both (and ColumnTransformer) hold. Sub-estimators are any registered
/// estimators (shared, immutable).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

/// One named step or part. `estimator` null means a string step: "passthrough" (identity),
/// "drop" (ColumnTransformer/FeatureUnion only) or None (`kind` "none", Pipeline only).
struct Step {
  std::string name;
  EstimatorPtr estimator;
  std::string kind = "estimator";  ///< "estimator", "passthrough", "drop" or "none"

  bool is_identity() const noexcept {
    return !estimator && (kind == "passthrough" || kind == "none");
  }
};

/// sklearn.pipeline.Pipeline: every step but the last transforms; the methods are those of
/// the last step (or the identity transform when it is 'passthrough'/None). `role()` is
/// the last step's. InverseTransform, when every step has it, runs the steps' inverses in
/// reverse order.
class Pipeline final : public Estimator {
 public:
  /// Steps in order. Throws ValidationError when a non-final step cannot transform, names
  /// repeat, or there are no steps.
  explicit Pipeline(std::vector<Step> steps);
  /// Convenience: (name, estimator) pairs; a null estimator is a 'passthrough' step.
  static std::shared_ptr<Pipeline> from_estimators(
      std::vector<std::pair<std::string, EstimatorPtr>> steps);

  const std::vector<Step>& steps() const noexcept { return steps_; }
  /// The first estimator step's (strings pass 'passthrough' steps unchanged).
  bool accepts_strings() const noexcept override;
  Role role() const noexcept override;
  bool supports(Method m) const noexcept override;
  bool returns_list(Method m) const noexcept override;
  NdArray run(Method m, const MatrixView& X) const override;
  /// float32 data flows through the steps as long as each step keeps it float32.
  NdArray run_float32(Method m, const MatrixView& X) const override;
  /// Whether the first step that is not passthrough takes documents / sparse input.
  bool accepts_documents() const noexcept override;
  bool accepts_sparse() const noexcept override;
  /// Whether the first step that is not passthrough takes feature samples (DictVectorizer,
  /// FeatureHasher).
  bool accepts_feature_samples() const noexcept override;

 protected:
  /// A table flows through the steps with its column types (each step checks it as its
  /// class does); after a step that returns numbers, the rest runs on the numeric matrix.
  NdArray on_table(Method m, const Table& X) const override;
  TableTransform on_table_transform(const Table& X) const override;
  std::vector<NdArray> on_list(Method m, const MatrixView& X) const override;
  std::vector<NdArray> on_list_table(Method m, const Table& X) const override;
  /// Documents go to the first step; its CSR result flows on as CSR (sparse_flow.cpp).
  NdArray on_documents(Method m, const std::vector<std::string_view>& documents) const override;
  SparseTransform on_documents_transform(
      const std::vector<std::string_view>& documents) const override;
  NdArray on_feature_samples(Method m, const FeatureSamples& X) const override;
  SparseTransform on_feature_samples_transform(const FeatureSamples& X) const override;
  NdArray on_sparse(Method m, const CsrMatrix& X) const override;
  SparseTransform on_sparse_transform(const CsrMatrix& X) const override;

 private:
  const Estimator* first_estimator() const noexcept;
  NdArray inverse(const MatrixView& X, bool float32) const;
  std::vector<Step> steps_;
};

/// sklearn.pipeline.FeatureUnion: the transformers' outputs side by side, each multiplied by
/// its weight (transformer_weights) when given.
class FeatureUnion final : public Estimator {
 public:
  FeatureUnion(std::vector<Step> parts, std::map<std::string, double> weights = {});

  const std::vector<Step>& parts() const noexcept { return parts_; }
  const std::map<std::string, double>& weights() const noexcept { return weights_; }
  /// Some part takes strings ('passthrough' included).
  bool accepts_strings() const noexcept override;
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  NdArray run(Method m, const MatrixView& X) const override;
  /// float32 X: the parts' float32 paths; float32 when every block is (np.hstack).
  NdArray run_float32(Method m, const MatrixView& X) const override;
  /// Every part takes documents (e.g. a word and a char vectorizer side by side).
  bool accepts_documents() const noexcept override;

 protected:
  NdArray on_documents(Method m, const std::vector<std::string_view>& documents) const override;
  /// CSR when a part's result is sparse (scipy.sparse.hstack), else dense.
  SparseTransform on_documents_transform(
      const std::vector<std::string_view>& documents) const override;
  /// Every part sees the whole table; numeric blocks side by side, or an object result
  /// (a positional Table) when a block holds strings.
  NdArray on_table(Method m, const Table& X) const override;
  TableTransform on_table_transform(const Table& X) const override;

 private:
  NdArray stack(Method m, const MatrixView& X, bool float32) const;
  std::vector<Step> parts_;
  std::map<std::string, double> weights_;
};

}  // namespace skops::estimators

#include "skops/compat/pipeline.hpp"  // spellings before 0.2, for one release
