// sklearn.feature_extraction.text.CountVectorizer / TfidfVectorizer.transform:
// _count_vocab(fixed_vocab=True) — each term found in vocabulary_ counted, unknown terms
// skipped — then sort_indices, binary, the dtype, and TfidfVectorizer's _tfidf step.

#include <algorithm>
#include <unordered_map>

#include "estimators/feature_extraction/analyzer.hpp"
#include "estimators/feature_extraction/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace fe = detail::feature_extraction;

CountVectorizer::CountVectorizer(TextAnalyzer analyzer,
                                 std::unordered_map<std::string, std::int64_t> vocabulary,
                                 std::int64_t n_terms, bool binary, DType dtype,
                                 std::shared_ptr<const TfidfTransformer> tfidf)
    : analyzer_(std::move(analyzer)),
      vocabulary_(std::move(vocabulary)),
      n_terms_(n_terms),
      binary_(binary),
      dtype_(std::move(dtype)),
      tfidf_(std::move(tfidf)) {
  if (vocabulary_.empty()) throw ValidationError("vocabulary_ is empty");
  if (n_terms_ != static_cast<std::int64_t>(vocabulary_.size()))
    throw ValidationError("vocabulary_ has " + std::to_string(vocabulary_.size()) +
                          " terms for " + std::to_string(n_terms_) + " columns");
  // fit makes the indices a permutation of 0..n-1; anything else would index out of range
  // or merge two terms into one column.
  std::vector<bool> seen(static_cast<std::size_t>(n_terms_), false);
  for (const auto& [term, idx] : vocabulary_) {
    if (idx < 0 || idx >= n_terms_ || seen[static_cast<std::size_t>(idx)])
      throw ValidationError("vocabulary_ index " + std::to_string(idx) + " of a term is out of "
                            "range or repeated (the indices must be 0.." +
                            std::to_string(n_terms_ - 1) + ", each once)");
    seen[static_cast<std::size_t>(idx)] = true;
  }
  set_type_name(tfidf_ ? "sklearn.feature_extraction.text.TfidfVectorizer"
                      : "sklearn.feature_extraction.text.CountVectorizer");
  if (tfidf_ && tfidf_->use_idf() &&
      static_cast<std::int64_t>(tfidf_->idf().size()) != n_terms_)
    throw ValidationError("_tfidf has " + std::to_string(tfidf_->idf().size()) +
                          " idf values for a vocabulary of " + std::to_string(n_terms_));
}

std::vector<std::string> CountVectorizer::feature_names() const {
  std::vector<std::string> names(static_cast<std::size_t>(n_terms_));
  for (const auto& [term, idx] : vocabulary_) names[static_cast<std::size_t>(idx)] = term;
  return names;
}

CsrMatrix CountVectorizer::vectorize(const std::vector<std::string_view>& documents) const {
  CsrMatrix X;
  X.rows = static_cast<std::int64_t>(documents.size());
  X.cols = n_terms_;
  X.indptr.reserve(documents.size() + 1);
  std::vector<std::string> terms;
  skops::detail::text::RegexScratch scratch;
  std::vector<std::pair<std::int64_t, double>> row;
  std::unordered_map<std::int64_t, std::size_t> slot;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    try {
      analyzer_.compiled().analyze(documents[d], terms, scratch);
    } catch (const InputError& e) {
      throw InputError("document " + std::to_string(d) + ": " + e.detail());
    }
    row.clear();
    slot.clear();
    for (const std::string& t : terms) {
      const auto it = vocabulary_.find(t);
      if (it == vocabulary_.end()) continue;
      const auto [s, fresh] = slot.emplace(it->second, row.size());
      if (fresh)
        row.emplace_back(it->second, 1.0);
      else
        row[s->second].second += 1.0;
    }
    std::sort(row.begin(), row.end());
    for (const auto& [col, count] : row) {
      X.indices.push_back(col);
      X.data.push_back(binary_ ? 1.0 : count);
    }
    X.indptr.push_back(static_cast<std::int64_t>(X.data.size()));
  }
  if (tfidf_) tfidf_->apply(X);
  return X;
}

NdArray CountVectorizer::run(Method, const MatrixView&) const {
  throw InputError(type_name() + " takes documents (a 1-d array of str), not a numeric matrix");
}

NdArray CountVectorizer::on_documents(Method m, const std::vector<std::string_view>& documents) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  return fe::dense_array(vectorize(documents), tfidf_ ? DType::float64() : dtype_);
}

SparseTransform CountVectorizer::on_documents_transform(
    const std::vector<std::string_view>& documents) const {
  return vectorize(documents);
}

}  // namespace skops::estimators
