// Unit tests of sklearn.feature_extraction (src/estimators/feature_extraction/): the analyzer
// (lowercase, strip_accents, token patterns, stop words, word / char / char_wb n-grams) and
// HashingVectorizer's columns against scikit-learn 1.2.1 over a grid of parameters and
// documents (tests/data/text/analyzer_cases.json, made by generate_analyzer_cases.py beside
// it), murmurhash3_32, and the refusals at construction.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "skops/error.hpp"
#include "skops/estimators/feature_extraction.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
using skops::CsrMatrix;
using skops::estimators::HashingVectorizer;
using skops::estimators::TextAnalysis;
using skops::estimators::TextAnalyzer;
using skops::estimators::TfidfTransformer;

const nlohmann::json& cases() {
  static const nlohmann::json j =
      nlohmann::json::parse(ts::read_file_text(ts::data_path("text/analyzer_cases.json")));
  return j;
}

TextAnalysis analysis_of(const nlohmann::json& p) {
  TextAnalysis a;
  if (p.contains("lowercase")) a.lowercase = p["lowercase"].get<bool>();
  if (p.contains("strip_accents"))
    a.strip_accents = p["strip_accents"] == "ascii" ? TextAnalysis::Accents::Ascii
                                                    : TextAnalysis::Accents::Unicode;
  if (p.contains("stop_words")) {
    if (p["stop_words"].is_string())
      a.english_stop_words = true;
    else
      a.stop_words = p["stop_words"].get<std::vector<std::string>>();
  }
  if (p.contains("ngram_range")) {
    a.ngram_min = p["ngram_range"][0].get<int>();
    a.ngram_max = p["ngram_range"][1].get<int>();
  }
  if (p.contains("token_pattern")) a.token_pattern = p["token_pattern"].get<std::string>();
  if (p.contains("analyzer"))
    a.analyzer = p["analyzer"] == "char" ? TextAnalysis::Kind::Char : TextAnalysis::Kind::CharWb;
  return a;
}

TEST(TextAnalyzer, TermsEqualScikitLearnOverTheGrid) {
  std::size_t n = 0;
  for (const auto& c : cases().at("cases")) {
    const TextAnalyzer an(analysis_of(c["params"]));
    const std::string doc = c["doc"].get<std::string>();
    EXPECT_EQ(an.analyze(doc), c["terms"].get<std::vector<std::string>>())
        << c["params"].dump() << " on " << doc;
    ++n;
  }
  EXPECT_EQ(n, 26u * 14u);
}

TEST(HashingVectorizer, ColumnsAndSignsEqualScikitLearnOverTheGrid) {
  for (const auto& c : cases().at("cases")) {
    const HashingVectorizer hv(TextAnalyzer(analysis_of(c["params"])), 257, false,
                               TfidfTransformer::Norm::None, true, skops::DType::float64());
    const auto out = hv.transform_documents(std::vector<std::string>{c["doc"].get<std::string>()});
    const CsrMatrix& X = std::get<CsrMatrix>(out);
    EXPECT_EQ(X.indices, c["hashed_indices"].get<std::vector<std::int64_t>>()) << c["params"].dump();
    EXPECT_EQ(X.data, c["hashed_data"].get<std::vector<double>>()) << c["params"].dump();
  }
}

TEST(Murmurhash3, EqualsScikitLearn) {
  const auto& m = cases().at("murmurhash3_32");
  ASSERT_EQ(m.size(), 13u);
  for (std::size_t i = 0; i < m.size(); ++i) {
    const std::uint32_t seed = i < 10 ? 0 : 42;
    EXPECT_EQ(skops::estimators::murmurhash3_32(m[i][0].get<std::string>(), seed),
              m[i][1].get<std::int32_t>())
        << m[i][0];
  }
}

TEST(TextAnalyzer, RefusesWhatItCannotRun) {
  TextAnalysis a;
  a.token_pattern = "(\\w)\\1";  // backreference
  EXPECT_THROW(TextAnalyzer{a}, skops::UnsupportedError);
  a.token_pattern = "(?=a)b";  // lookahead
  EXPECT_THROW(TextAnalyzer{a}, skops::UnsupportedError);
  a.token_pattern = "\\w*";  // matches the empty string
  EXPECT_THROW(TextAnalyzer{a}, skops::UnsupportedError);
  a.token_pattern = "(a)(b)";  // two groups: scikit-learn refuses too
  EXPECT_THROW(TextAnalyzer{a}, skops::Error);
  a.token_pattern = "[a-";
  EXPECT_THROW(TextAnalyzer{a}, skops::ValidationError);
  TextAnalysis b;
  b.ngram_min = 2;
  b.ngram_max = 1;
  EXPECT_THROW(TextAnalyzer{b}, skops::ValidationError);
}

TEST(TextAnalyzer, InvalidUtf8IsAnInputError) {
  const TextAnalyzer an{TextAnalysis{}};
  EXPECT_THROW(an.analyze(std::string("ok \xff bad")), skops::InputError);
}

TEST(TfidfTransformer, SublinearIdfAndNormsOnCsr) {
  // TfidfTransformer(sublinear_tf=True) with idf_ [1, 2, 3] on [[1, 0, e], [0, 0, 0]]:
  // log(1)+1 = 1 → 1*1; log(e)+1 = 2 → 2*3; l2 norm sqrt(1 + 36).
  CsrMatrix X;
  X.rows = 2;
  X.cols = 3;
  X.indptr = {0, 2, 2};
  X.indices = {0, 2};
  X.data = {1.0, std::exp(1.0)};
  const TfidfTransformer t(TfidfTransformer::Norm::L2, true, true, true, {1.0, 2.0, 3.0});
  const auto out = std::get<CsrMatrix>(t.transform_sparse(X));
  ASSERT_EQ(out.data.size(), 2u);
  EXPECT_DOUBLE_EQ(out.data[0], 1.0 / std::sqrt(37.0));
  EXPECT_DOUBLE_EQ(out.data[1], 6.0 / std::sqrt(37.0));
  EXPECT_EQ(out.indptr, (std::vector<std::int64_t>{0, 2, 2}));  // an empty row stays empty
  X.cols = 4;
  EXPECT_THROW(t.transform_sparse(X), skops::InputError);  // 4 features for 3 idf values
}

}  // namespace
