// sklearn.feature_extraction.DictVectorizer._transform(X, fitting=False): per sample, per
// (name, value): str → "name<sep>value" = 1; number → name = value; None → name, which
// float(None) refuses when the name is known; list of str → "name<sep>s" = 1 per string.
// Names outside vocabulary_ are dropped. Then csr_matrix(...).sort_indices() (sparse) or
// toarray() (dense); duplicates are summed here in both cases (see the header).

#include "estimators/feature_extraction/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace fe = detail::feature_extraction;

DictVectorizer::DictVectorizer(std::vector<std::string> feature_names, std::string separator,
                               bool sparse)
    : feature_names_(std::move(feature_names)), separator_(std::move(separator)), sparse_(sparse) {
  vocabulary_.reserve(feature_names_.size());
  for (std::size_t i = 0; i < feature_names_.size(); ++i) {
    if (!vocabulary_.emplace(feature_names_[i], static_cast<std::int64_t>(i)).second)
      throw ValidationError("feature_names_ repeats the name '" + feature_names_[i] + "'");
  }
  set_type_name("sklearn.feature_extraction._dict_vectorizer.DictVectorizer");
}

CsrMatrix DictVectorizer::vectorize(const FeatureSamples& X) const {
  if (X.kind != FeatureSamples::Kind::Dicts)
    throw InputError(type_name() + " takes dicts (a list of mappings), got samples of kind '" +
                     to_string(X.kind) + "'");
  CsrMatrix out;
  out.rows = static_cast<std::int64_t>(X.samples.size());
  out.cols = static_cast<std::int64_t>(feature_names_.size());
  std::vector<std::pair<std::int64_t, double>> row;
  std::string name;
  auto add = [&](const std::string& f, const std::string& v) {
    name.assign(f).append(separator_).append(v);
    if (auto it = vocabulary_.find(name); it != vocabulary_.end()) row.emplace_back(it->second, 1.0);
  };
  for (std::size_t s = 0; s < X.samples.size(); ++s) {
    row.clear();
    for (const auto& [f, value] : X.samples[s]) {
      if (const auto* num = std::get_if<double>(&value)) {
        if (auto it = vocabulary_.find(f); it != vocabulary_.end()) row.emplace_back(it->second, *num);
      } else if (const auto* str = std::get_if<std::string>(&value)) {
        add(f, *str);
      } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        for (const std::string& v : *list) add(f, v);
      } else if (vocabulary_.count(f)) {
        throw InputError("sample " + std::to_string(s) + ": feature '" + f +
                         "' is None (scikit-learn: float() argument must be a string or a "
                         "number, not 'NoneType')");
      }
    }
    fe::append_summed_row(row, out);
  }
  return out;
}

NdArray DictVectorizer::run(Method, const MatrixView&) const {
  throw InputError(type_name() + " takes feature dicts (run_feature_samples), not a numeric matrix");
}

NdArray DictVectorizer::on_feature_samples(Method m, const FeatureSamples& X) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  return fe::dense_array(vectorize(X), DType::float64());
}

SparseTransform DictVectorizer::on_feature_samples_transform(const FeatureSamples& X) const {
  if (sparse_) return vectorize(X);
  return fe::dense_array(vectorize(X), DType::float64());
}

}  // namespace skops::estimators
