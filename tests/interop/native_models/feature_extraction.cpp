#include "native_models/models.hpp"

namespace skops::native_models {

namespace {

const std::vector<std::string>& documents() {
  static const std::vector<std::string> docs = {
      "Superb direction, a delight!",     "lazy writing; weak cast",
      "Très émouvant — naïve café film",  "",
      "the and of it",                    "ΣΟΦΟΣ ΟΔΟΣ İstanbul 😀 great film",
      "great great film, superb cast",    "weak plot and lazy acting",
      "हिन्दी film delight",              "FILM film Film"};
  return docs;
}

std::unordered_map<std::string, std::int64_t> vocabulary(const std::vector<std::string>& terms) {
  std::unordered_map<std::string, std::int64_t> v;
  for (std::size_t i = 0; i < terms.size(); ++i) v.emplace(terms[i], static_cast<std::int64_t>(i));
  return v;
}

// Deterministic coefficients: k rows of n columns.
NdArray coefficients(std::int64_t k, std::int64_t n) {
  std::vector<double> c;
  for (std::int64_t i = 0; i < k * n; ++i) c.push_back(std::sin(0.7 * static_cast<double>(i) + 0.3) * 1.5);
  return matrix(c, k, n);
}

}  // namespace

void add_feature_extraction(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  using estimators::CountVectorizer;
  using estimators::HashingVectorizer;
  using estimators::TextAnalysis;
  using estimators::TextAnalyzer;
  using estimators::TfidfTransformer;
  const std::vector<std::string> untrusted_csr = {"scipy.sparse._csr.csr_matrix"};

  // CountVectorizer (default analysis) + MultinomialNB.
  const std::vector<std::string> words = {"acting", "cast", "delight", "film", "great", "lazy",
                                          "plot", "superb", "weak"};
  estimators::DiscreteNBParams mnb;
  mnb.kind = estimators::DiscreteNBKind::Multinomial;
  mnb.classes = f.int_classes;
  std::vector<std::vector<double>> probs;
  for (int k = 0; k < 3; ++k) {
    std::vector<double> row;
    for (std::size_t j = 0; j < words.size(); ++j) row.push_back(1.0 + static_cast<double>((j * 7 + static_cast<std::size_t>(k) * 3) % 5));
    probs.push_back(row);
  }
  mnb.feature_log_prob = log_rows(probs);
  mnb.class_log_prior = vec({std::log(0.5), std::log(0.3), std::log(0.2)});
  out.emplace_text(
      "Pipeline_CountVectorizer_MultinomialNB",
      compose::Pipeline::from_estimators(
          {{"count", std::make_shared<CountVectorizer>(TextAnalyzer(TextAnalysis{}), vocabulary(words),
                                                       9, false, DType::int64(), nullptr)},
           {"nb", estimators::DiscreteNB::from_arrays(mnb)}}),
      documents());

  // TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode") +
  // LogisticRegression.
  TextAnalysis bigrams;
  bigrams.ngram_max = 2;
  bigrams.strip_accents = TextAnalysis::Accents::Unicode;
  const std::vector<std::string> terms = {"cafe",  "cast",       "delight", "film",
                                          "great", "great film", "lazy",    "naive",
                                          "superb", "weak",      "weak plot", "οδος"};
  std::vector<double> idf;
  for (std::size_t i = 0; i < terms.size(); ++i) idf.push_back(1.0 + 0.25 * static_cast<double>(i % 4));
  auto tfidf = std::make_shared<TfidfTransformer>(TfidfTransformer::Norm::L2, true, true, true, idf);
  out.emplace_text(
      "Pipeline_TfidfVectorizer_LogisticRegression",
      compose::Pipeline::from_estimators(
          {{"tfidf", std::make_shared<CountVectorizer>(TextAnalyzer(bigrams), vocabulary(terms), 12,
                                                       false, DType::float64(), tfidf)},
           {"clf", LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                 coefficients(3, 12), vec({0.2, -0.1, 0.05}),
                                                 f.int_classes)}}),
      documents(), untrusted_csr);

  // CountVectorizer(binary, stop_words="english", char_wb is not used: words) + BernoulliNB
  // with string labels.
  TextAnalysis stop;
  stop.english_stop_words = true;
  stop.strip_accents = TextAnalysis::Accents::Ascii;
  stop.token_pattern = "[a-zA-Z]{2,}";
  estimators::DiscreteNBParams bnb;
  bnb.kind = estimators::DiscreteNBKind::Bernoulli;
  bnb.classes = NdArray::from_strings({"neg", "pos"}, {2});
  std::vector<double> bern;
  for (std::size_t j = 0; j < 2 * words.size(); ++j) bern.push_back(std::log(0.1 + 0.08 * static_cast<double>(j % 10)));
  bnb.feature_log_prob = matrix(bern, 2, static_cast<std::int64_t>(words.size()));
  bnb.class_log_prior = vec({std::log(0.4), std::log(0.6)});
  out.emplace_text(
      "Pipeline_CountVectorizer_stop_binary_BernoulliNB",
      compose::Pipeline::from_estimators(
          {{"count", std::make_shared<CountVectorizer>(TextAnalyzer(stop), vocabulary(words), 9,
                                                       true, DType::int64(), nullptr)},
           {"nb", estimators::DiscreteNB::from_arrays(bnb)}}),
      documents());

  // HashingVectorizer(analyzer="char_wb", ngram_range=(2, 3), n_features=32, norm="l1",
  // alternate_sign=False) + RidgeClassifier.
  TextAnalysis chars;
  chars.analyzer = TextAnalysis::Kind::CharWb;
  chars.ngram_min = 2;
  chars.ngram_max = 3;
  out.emplace_text(
      "Pipeline_HashingVectorizer_char_wb_RidgeClassifier",
      compose::Pipeline::from_estimators(
          {{"hash", std::make_shared<HashingVectorizer>(TextAnalyzer(chars), 32, false,
                                                        TfidfTransformer::Norm::L1, false,
                                                        DType::float64())},
           {"clf", LinearClassifier::from_arrays(LinearClassifierKind::RidgeClassifier,
                                                 coefficients(3, 32), vec({0.1, 0.0, -0.1}),
                                                 f.int_classes)}}),
      documents());

  // DictVectorizer(separator="|") + LogisticRegression on dicts (numbers, one-hot strings,
  // lists of strings, unseen names).
  const std::string dicts = R"([{"city": "Paris", "rooms": 3, "tags": ["garden", "view"]},
      {"city": "Rome", "rooms": 1.5, "new": true}, {}, {"city": "Atlantis", "unseen": null},
      {"tags": ["view", "view"], "rooms": -2, "größe": 0.25}, {"city": "東京", "new": false}])";
  out.emplace_samples(
      "Pipeline_DictVectorizer_LogisticRegression",
      compose::Pipeline::from_estimators(
          {{"dv", std::make_shared<estimators::DictVectorizer>(
                      std::vector<std::string>{"city|Paris", "city|Rome", "city|東京", "größe", "new",
                                               "rooms", "tags|garden", "tags|view"},
                      "|", true)},
           {"clf", LinearClassifier::from_arrays(LinearClassifierKind::LogisticRegression,
                                                 coefficients(3, 8), vec({0.2, -0.1, 0.05}),
                                                 f.int_classes)}}),
      dicts);
  // DictVectorizer(sparse=False) alone (its transform).
  out.emplace_samples("DictVectorizer_dense",
                      std::make_shared<estimators::DictVectorizer>(
                          std::vector<std::string>{"city=Rome", "rooms", "tags=view"}, "=", false),
                      R"([{"city": "Rome", "rooms": 2, "tags": ["view"]}, {"rooms": 0.5}])");
  // FeatureHasher(n_features=16, input_type="string") + RidgeClassifier, and
  // FeatureHasher(n_features=8, input_type="pair", alternate_sign=False) alone.
  out.emplace_samples(
      "Pipeline_FeatureHasher_string_RidgeClassifier",
      compose::Pipeline::from_estimators(
          {{"hash", std::make_shared<estimators::FeatureHasher>(16, FeatureSamples::Kind::Strings, true)},
           {"clf", LinearClassifier::from_arrays(LinearClassifierKind::RidgeClassifier,
                                                 coefficients(3, 16), vec({0.1, 0.0, -0.1}),
                                                 f.int_classes)}}),
      R"([["good", "film", "good"], [], ["😀", "très"], ["x=1", "a b", "film"]])");
  out.emplace_samples("FeatureHasher_pair",
                      std::make_shared<estimators::FeatureHasher>(8, FeatureSamples::Kind::Pairs, false),
                      R"([[["a", 1.5], ["b", "x"], ["a", 2]], [], [["zero", 0], ["c", -3.25]]])");
}

}  // namespace skops::native_models
