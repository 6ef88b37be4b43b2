// sklearn.feature_extraction.FeatureHasher.transform (_hashing_fast.transform): per
// (name, value) — a str value v makes the name "name=v" and the value 1; a zero value is
// skipped; the UTF-8 name hashed with murmurhash3_32 (seed 0, signed); value × sign of h when
// alternate_sign — then csr_matrix(...).sum_duplicates().

#include "estimators/feature_extraction/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace fe = detail::feature_extraction;

FeatureHasher::FeatureHasher(std::int64_t n_features, FeatureSamples::Kind input_type,
                             bool alternate_sign)
    : n_features_(n_features), input_type_(input_type), alternate_sign_(alternate_sign) {
  if (n_features_ < 1 || n_features_ > 2147483647)
    throw ValidationError("n_features " + std::to_string(n_features_) + " is not in [1, 2147483647]");
  set_type_name("sklearn.feature_extraction._hash.FeatureHasher");
}

CsrMatrix FeatureHasher::vectorize(const FeatureSamples& X) const {
  bool any_item = false;
  for (const auto& s : X.samples) any_item = any_item || !s.empty();
  // Empty lists are both pairs and strings; a dict is never a list.
  const bool lists = X.kind != FeatureSamples::Kind::Dicts && input_type_ != FeatureSamples::Kind::Dicts;
  if (X.kind != input_type_ && (any_item || !lists))
    throw InputError(type_name() + "(input_type='" + to_string(input_type_) + "') got samples of kind '" +
                     to_string(X.kind) + "'");
  CsrMatrix out;
  out.rows = static_cast<std::int64_t>(X.samples.size());
  out.cols = n_features_;
  std::vector<std::pair<std::int64_t, double>> row;
  std::string name;
  for (std::size_t s = 0; s < X.samples.size(); ++s) {
    row.clear();
    for (const auto& [f, value] : X.samples[s]) {
      double v = 1.0;
      std::string_view key = f;
      if (const auto* num = std::get_if<double>(&value)) {
        v = *num;
      } else if (const auto* str = std::get_if<std::string>(&value)) {
        name.assign(f).append("=").append(*str);
        key = name;
      } else {
        throw InputError("sample " + std::to_string(s) + ": feature '" + f + "' is " +
                         (std::holds_alternative<std::monostate>(value) ? "None" : "a list") +
                         " (FeatureHasher takes a number or a str value)");
      }
      if (v == 0.0) continue;
      const std::int32_t h = murmurhash3_32(key, 0);
      if (alternate_sign_ && h < 0) v = -v;
      row.emplace_back(hashed_column(h, n_features_), v);
    }
    fe::append_summed_row(row, out);
  }
  return out;
}

NdArray FeatureHasher::run(Method, const MatrixView&) const {
  throw InputError(type_name() + " takes feature samples (run_feature_samples), not a numeric matrix");
}

NdArray FeatureHasher::on_feature_samples(Method m, const FeatureSamples& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  return fe::dense_array(vectorize(X), DType::float64());
}

SparseTransform FeatureHasher::on_feature_samples_transform(const FeatureSamples& X) const {
  return vectorize(X);
}

}  // namespace skops::estimators
