#pragma once
/// \file feature_extraction.hpp
/// sklearn.feature_extraction: the text vectorizers (CountVectorizer, TfidfVectorizer,
/// HashingVectorizer), TfidfTransformer, DictVectorizer and FeatureHasher. Documents go in
/// through Estimator::run_documents / transform_documents (a 1-d array of str in
/// scikit-learn), dicts / pairs / strings through run_feature_samples; results are sparse
/// (CsrMatrix) as scikit-learn's, dense only through `run` / the CLI.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skops/estimator.hpp"

namespace skops::estimators {

namespace detail::feature_extraction {
struct CompiledAnalyzer;  // src/estimators/feature_extraction/analyzer.hpp
}

/// What _VectorizerMixin.build_analyzer makes of a vectorizer's parameters: how a document
/// becomes its terms. Only scikit-learn's built-in steps (no callables) with input="content".
struct TextAnalysis {
  enum class Kind { Word, Char, CharWb };
  enum class Accents { None, Ascii, Unicode };
  Kind analyzer = Kind::Word;
  bool lowercase = true;
  Accents strip_accents = Accents::None;
  /// A Python `re` pattern (the linear-time subset, docs/text.md).
  std::string token_pattern = "(?u)\\b\\w\\w+\\b";
  /// stop_words="english" (scikit-learn's built-in list).
  bool english_stop_words = false;
  /// stop_words as a list (when not english); none when stop_words=None.
  std::optional<std::vector<std::string>> stop_words;
  int ngram_min = 1;
  int ngram_max = 1;
};

/// "word", "char", "char_wb" and back.
const char* to_string(TextAnalysis::Kind k) noexcept;

/// The analyzer compiled once (token pattern, stop-word set); immutable and thread-safe.
class TextAnalyzer {
 public:
  /// Throws ValidationError / UnsupportedError / LimitError for a bad or unsupported token
  /// pattern or ngram_range (naming it).
  explicit TextAnalyzer(TextAnalysis params);
  ~TextAnalyzer();
  TextAnalyzer(TextAnalyzer&&) noexcept;
  TextAnalyzer& operator=(TextAnalyzer&&) noexcept;
  const TextAnalysis& params() const noexcept { return params_; }
  /// build_analyzer()(doc): the terms of one UTF-8 document, in scikit-learn's order.
  /// Throws InputError on invalid UTF-8.
  std::vector<std::string> analyze(std::string_view document) const;

  /// Internal: the compiled form.
  const detail::feature_extraction::CompiledAnalyzer& compiled() const noexcept { return *compiled_; }

 private:
  TextAnalysis params_;
  std::unique_ptr<const detail::feature_extraction::CompiledAnalyzer> compiled_;
};

/// sklearn.feature_extraction.text.TfidfTransformer, fitted: counts → (sublinear_tf) →
/// × idf_ (use_idf) → row norm ("l1", "l2" or none). Sparse in, sparse out.
class TfidfTransformer final : public Estimator {
 public:
  enum class Norm { None, L1, L2 };
  /// `idf` empty when !use_idf.
  TfidfTransformer(Norm norm, bool use_idf, bool smooth_idf, bool sublinear_tf,
                   std::vector<double> idf);
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  bool accepts_sparse() const noexcept override { return true; }
  NdArray run(Method m, const MatrixView& X) const override;
  Norm norm() const noexcept { return norm_; }
  bool use_idf() const noexcept { return use_idf_; }
  bool smooth_idf() const noexcept { return smooth_idf_; }
  bool sublinear_tf() const noexcept { return sublinear_tf_; }
  const std::vector<double>& idf() const noexcept { return idf_; }
  /// The transform, in place on a validated CSR of this width.
  void apply(CsrMatrix& X) const;

 protected:
  SparseTransform on_sparse_transform(const CsrMatrix& X) const override;

 private:
  Norm norm_;
  bool use_idf_, smooth_idf_, sublinear_tf_;
  std::vector<double> idf_;
};

/// sklearn.feature_extraction.text.CountVectorizer and TfidfVectorizer (a CountVectorizer
/// followed by its `_tfidf` TfidfTransformer), fitted: terms looked up in vocabulary_,
/// counted per document (binary: 1), then the tf-idf step if any. transform only.
class CountVectorizer final : public Estimator {
 public:
  /// A fitted vectorizer: `vocabulary` maps each term to its column (0..n_terms-1, each
  /// once); `dtype` is the output dtype of CountVectorizer (int64 by default); `tfidf` the
  /// fitted TfidfTransformer of a TfidfVectorizer (null for CountVectorizer; its type name
  /// follows). Throws ValidationError.
  CountVectorizer(TextAnalyzer analyzer, std::unordered_map<std::string, std::int64_t> vocabulary,
                  std::int64_t n_terms, bool binary, DType dtype,
                  std::shared_ptr<const TfidfTransformer> tfidf);
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  bool accepts_documents() const noexcept override { return true; }
  /// A matrix is not documents: InputError.
  NdArray run(Method m, const MatrixView& X) const override;
  const TextAnalyzer& analyzer() const noexcept { return analyzer_; }
  std::int64_t n_terms() const noexcept { return n_terms_; }
  bool binary() const noexcept { return binary_; }
  const DType& dtype() const noexcept { return dtype_; }
  const std::shared_ptr<const TfidfTransformer>& tfidf() const noexcept { return tfidf_; }
  /// The term of each column (get_feature_names_out()).
  std::vector<std::string> feature_names() const;
  /// transform(documents) as CSR (float64 values; exact for the int64 counts).
  CsrMatrix vectorize(const std::vector<std::string_view>& documents) const;

 protected:
  NdArray on_documents(Method m, const std::vector<std::string_view>& documents) const override;
  SparseTransform on_documents_transform(
      const std::vector<std::string_view>& documents) const override;

 private:
  TextAnalyzer analyzer_;
  std::unordered_map<std::string, std::int64_t> vocabulary_;
  std::int64_t n_terms_;
  bool binary_;
  DType dtype_;
  std::shared_ptr<const TfidfTransformer> tfidf_;
};

/// sklearn.feature_extraction.text.HashingVectorizer (stateless: parameters only):
/// murmurhash3_32 (signed, seed 0) of each term's UTF-8 bytes modulo n_features, sign
/// alternated unless alternate_sign=False, then binary and the row norm.
class HashingVectorizer final : public Estimator {
 public:
  HashingVectorizer(TextAnalyzer analyzer, std::int64_t n_features, bool binary,
                    TfidfTransformer::Norm norm, bool alternate_sign, DType dtype);
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  bool accepts_documents() const noexcept override { return true; }
  NdArray run(Method m, const MatrixView& X) const override;
  const TextAnalyzer& analyzer() const noexcept { return analyzer_; }
  std::int64_t n_features() const noexcept { return n_features_; }
  bool binary() const noexcept { return binary_; }
  TfidfTransformer::Norm norm() const noexcept { return norm_; }
  bool alternate_sign() const noexcept { return alternate_sign_; }
  CsrMatrix vectorize(const std::vector<std::string_view>& documents) const;

 protected:
  NdArray on_documents(Method m, const std::vector<std::string_view>& documents) const override;
  SparseTransform on_documents_transform(
      const std::vector<std::string_view>& documents) const override;

 private:
  TextAnalyzer analyzer_;
  std::int64_t n_features_;
  bool binary_;
  TfidfTransformer::Norm norm_;
  bool alternate_sign_;
  DType dtype_;
};

/// sklearn.feature_extraction.DictVectorizer, fitted: each sample's features looked up in
/// vocabulary_ — a number under its name, a str as "name<separator>value" = 1, a list of str
/// one such feature per string — and unseen ones dropped. Feature samples of kind Dicts in
/// (Estimator::run_feature_samples); CSR out when `sparse` (scikit-learn's default), else
/// dense. Duplicate entries of a row (a list repeating a string) are summed, as toarray()
/// sums them; scikit-learn's sparse result keeps them unsummed, which only a step reading
/// stored values one by one (Normalizer's row norm) could tell apart.
class DictVectorizer final : public Estimator {
 public:
  /// `feature_names` in column order (feature_names_; vocabulary_ is their index). Throws
  /// ValidationError when a name repeats.
  DictVectorizer(std::vector<std::string> feature_names, std::string separator, bool sparse);
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  bool accepts_feature_samples() const noexcept override { return true; }
  /// A matrix is not feature dicts: InputError.
  NdArray run(Method m, const MatrixView& X) const override;
  const std::vector<std::string>& feature_names() const noexcept { return feature_names_; }
  const std::string& separator() const noexcept { return separator_; }
  bool sparse() const noexcept { return sparse_; }
  /// transform(X) as CSR, whatever `sparse` says. Throws InputError (samples that are not
  /// dicts; None as the value of a known feature, scikit-learn's TypeError).
  CsrMatrix vectorize(const FeatureSamples& X) const;

 protected:
  NdArray on_feature_samples(Method m, const FeatureSamples& X) const override;
  SparseTransform on_feature_samples_transform(const FeatureSamples& X) const override;

 private:
  std::vector<std::string> feature_names_;
  std::unordered_map<std::string, std::int64_t> vocabulary_;
  std::string separator_;
  bool sparse_;
};

/// sklearn.feature_extraction.FeatureHasher (stateless): each feature's name (a str value
/// v making "name=v" with value 1) hashed with murmurhash3_32 (signed, seed 0) to column
/// abs(h) % n_features, value × sign of h when alternate_sign, zeros skipped, duplicates
/// summed. Feature samples of its input_type in; CSR out.
class FeatureHasher final : public Estimator {
 public:
  FeatureHasher(std::int64_t n_features, FeatureSamples::Kind input_type, bool alternate_sign);
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  bool accepts_feature_samples() const noexcept override { return true; }
  NdArray run(Method m, const MatrixView& X) const override;
  std::int64_t n_features() const noexcept { return n_features_; }
  FeatureSamples::Kind input_type() const noexcept { return input_type_; }
  bool alternate_sign() const noexcept { return alternate_sign_; }
  /// Throws InputError (samples of another shape than input_type, None or a list value).
  CsrMatrix vectorize(const FeatureSamples& X) const;

 protected:
  NdArray on_feature_samples(Method m, const FeatureSamples& X) const override;
  SparseTransform on_feature_samples_transform(const FeatureSamples& X) const override;

 private:
  std::int64_t n_features_;
  FeatureSamples::Kind input_type_;
  bool alternate_sign_;
};

/// sklearn.utils.murmurhash3_32(key, seed, positive=False): MurmurHash3 x86 32-bit.
std::int32_t murmurhash3_32(std::string_view key, std::uint32_t seed = 0) noexcept;
/// The column FeatureHasher gives hash `h`: abs(h) % n_features, and scikit-learn's defined
/// value for h = -2**31 (whose abs overflows int32).
std::int64_t hashed_column(std::int32_t h, std::int64_t n_features) noexcept;

}  // namespace skops::estimators
