// sklearn.feature_extraction.text.HashingVectorizer.transform: FeatureHasher(input_type=
// "string") over the analyzer's terms — murmurhash3_32 of the UTF-8 bytes, seed 0, signed;
// column abs(h) % n_features, sign of h when alternate_sign — then sum_duplicates (which
// keeps an entry whose +1 and -1 cancel, as a stored 0), binary (data.fill(1), that 0
// included) and normalize.

#include <algorithm>
#include <cstring>

#include "estimators/feature_extraction/analyzer.hpp"
#include "estimators/feature_extraction/internal.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace fe = detail::feature_extraction;

std::int32_t murmurhash3_32(std::string_view key, std::uint32_t seed) noexcept {
  // MurmurHash3_x86_32 (Austin Appleby, public domain), little-endian blocks.
  constexpr std::uint32_t c1 = 0xcc9e2d51u, c2 = 0x1b873593u;
  const auto* data = reinterpret_cast<const unsigned char*>(key.data());
  const std::size_t len = key.size();
  const std::size_t nblocks = len / 4;
  std::uint32_t h = seed;
  auto rotl = [](std::uint32_t x, int r) { return (x << r) | (x >> (32 - r)); };
  for (std::size_t i = 0; i < nblocks; ++i) {
    std::uint32_t k = static_cast<std::uint32_t>(data[4 * i]) |
                      (static_cast<std::uint32_t>(data[4 * i + 1]) << 8) |
                      (static_cast<std::uint32_t>(data[4 * i + 2]) << 16) |
                      (static_cast<std::uint32_t>(data[4 * i + 3]) << 24);
    k *= c1;
    k = rotl(k, 15);
    k *= c2;
    h ^= k;
    h = rotl(h, 13);
    h = h * 5 + 0xe6546b64u;
  }
  const unsigned char* tail = data + nblocks * 4;
  std::uint32_t k1 = 0;
  switch (len & 3) {
    case 3: k1 ^= static_cast<std::uint32_t>(tail[2]) << 16; [[fallthrough]];
    case 2: k1 ^= static_cast<std::uint32_t>(tail[1]) << 8; [[fallthrough]];
    case 1:
      k1 ^= tail[0];
      k1 *= c1;
      k1 = rotl(k1, 15);
      k1 *= c2;
      h ^= k1;
  }
  h ^= static_cast<std::uint32_t>(len);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  std::int32_t out;
  std::memcpy(&out, &h, sizeof out);
  return out;
}

std::int64_t hashed_column(std::int32_t h, std::int64_t n_features) noexcept {
  if (h == INT32_MIN) return (2147483647 - (n_features - 1)) % n_features;
  return (h < 0 ? -static_cast<std::int64_t>(h) : h) % n_features;
}

HashingVectorizer::HashingVectorizer(TextAnalyzer analyzer, std::int64_t n_features, bool binary,
                                     TfidfTransformer::Norm norm, bool alternate_sign, DType dtype)
    : analyzer_(std::move(analyzer)),
      n_features_(n_features),
      binary_(binary),
      norm_(norm),
      alternate_sign_(alternate_sign),
      dtype_(std::move(dtype)) {
  if (n_features_ < 1 || n_features_ > 2147483647)
    throw ValidationError("n_features " + std::to_string(n_features_) +
                          " is not in [1, 2147483647]");
  if (dtype_ != DType::float64())
    throw UnsupportedError("HashingVectorizer with dtype " + dtype_.name() + " (float64 only)");
  set_type_name("sklearn.feature_extraction.text.HashingVectorizer");
}

namespace detail::feature_extraction {

void append_summed_row(std::vector<std::pair<std::int64_t, double>>& row, CsrMatrix& X) {
  std::sort(row.begin(), row.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t k = 0; k < row.size();) {
    double sum = row[k].second;
    std::size_t j = k + 1;
    for (; j < row.size() && row[j].first == row[k].first; ++j) sum += row[j].second;
    X.indices.push_back(row[k].first);
    X.data.push_back(sum);
    k = j;
  }
  X.indptr.push_back(static_cast<std::int64_t>(X.data.size()));
}

}  // namespace detail::feature_extraction

CsrMatrix HashingVectorizer::vectorize(const std::vector<std::string_view>& documents) const {
  CsrMatrix X;
  X.rows = static_cast<std::int64_t>(documents.size());
  X.cols = n_features_;
  std::vector<std::string> terms;
  skops::detail::text::RegexScratch scratch;
  std::vector<std::pair<std::int64_t, double>> row;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    try {
      analyzer_.compiled().analyze(documents[d], terms, scratch);
    } catch (const InputError& e) {
      throw InputError("document " + std::to_string(d) + ": " + e.detail());
    }
    row.clear();
    for (const std::string& t : terms) {
      const std::int32_t h = murmurhash3_32(t, 0);
      row.emplace_back(hashed_column(h, n_features_), alternate_sign_ && h < 0 ? -1.0 : 1.0);
    }
    const std::size_t start = X.data.size();
    fe::append_summed_row(row, X);
    if (binary_) std::fill(X.data.begin() + static_cast<std::ptrdiff_t>(start), X.data.end(), 1.0);
  }
  fe::normalize_rows(X, norm_);
  return X;
}

NdArray HashingVectorizer::run(Method, const MatrixView&) const {
  throw InputError(type_name() + " takes documents (a 1-d array of str), not a numeric matrix");
}

NdArray HashingVectorizer::on_documents(Method m,
                                        const std::vector<std::string_view>& documents) const {
  if (!supports(m)) throw UnsupportedError(type_name() + " has no method " + to_string(m));
  return fe::dense_array(vectorize(documents), dtype_);
}

SparseTransform HashingVectorizer::on_documents_transform(
    const std::vector<std::string_view>& documents) const {
  return vectorize(documents);
}

}  // namespace skops::estimators
