// _VectorizerMixin's analyzers (sklearn/feature_extraction/text.py): _preprocess,
// _word_ngrams, _char_ngrams and _char_wb_ngrams, on code points as Python's str.

#include "estimators/feature_extraction/analyzer.hpp"

#include "skops/error.hpp"
#include "text/strings.hpp"
#include "text/unicode.hpp"

namespace skops::estimators {

namespace fe = detail::feature_extraction;
namespace tx = skops::detail::text;

const char* to_string(TextAnalysis::Kind k) noexcept {
  switch (k) {
    case TextAnalysis::Kind::Word: return "word";
    case TextAnalysis::Kind::Char: return "char";
    case TextAnalysis::Kind::CharWb: return "char_wb";
  }
  return "?";
}

TextAnalyzer::TextAnalyzer(TextAnalysis params)
    : params_(std::move(params)), compiled_(std::make_unique<fe::CompiledAnalyzer>(params_)) {}
TextAnalyzer::~TextAnalyzer() = default;
TextAnalyzer::TextAnalyzer(TextAnalyzer&&) noexcept = default;
TextAnalyzer& TextAnalyzer::operator=(TextAnalyzer&&) noexcept = default;

std::vector<std::string> TextAnalyzer::analyze(std::string_view document) const {
  std::vector<std::string> terms;
  tx::RegexScratch scratch;
  compiled_->analyze(document, terms, scratch);
  return terms;
}

}  // namespace skops::estimators

namespace skops::estimators::detail::feature_extraction {

namespace tx = skops::detail::text;

namespace {

// _preprocess: the document itself when neither step applies (no copy), else `buffer`.
std::string_view preprocess(const TextAnalysis& p, std::string_view doc, std::string& buffer) {
  if (!p.lowercase && p.strip_accents == TextAnalysis::Accents::None) return doc;
  if (p.lowercase) buffer = tx::python_lower(doc);
  else buffer.assign(doc);
  switch (p.strip_accents) {
    case TextAnalysis::Accents::Ascii: buffer = tx::strip_accents_ascii(buffer); break;
    case TextAnalysis::Accents::Unicode: buffer = tx::strip_accents_unicode(buffer); break;
    case TextAnalysis::Accents::None: break;
  }
  return buffer;
}

// re.compile(r"\s\s+").sub(" ", doc): every run of two or more whitespace code points
// becomes one space; a single whitespace code point is kept as it is.
std::u32string collapse_whitespace(const std::u32string& s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (tx::is_space(s[i]) && i + 1 < s.size() && tx::is_space(s[i + 1])) {
      while (i < s.size() && tx::is_space(s[i])) ++i;
      out.push_back(U' ');
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

std::string utf8_of(const std::u32string& s, std::size_t pos, std::size_t n) {
  std::string out;
  tx::encode_utf8(std::u32string_view(s).substr(pos, n), out);
  return out;
}

void char_ngrams(const std::u32string& text, int min_n, int max_n,
                 std::vector<std::string>& out) {
  const auto len = static_cast<long long>(text.size());
  long long lo = min_n;
  if (min_n == 1) {
    for (long long i = 0; i < len; ++i) out.push_back(utf8_of(text, static_cast<std::size_t>(i), 1));
    ++lo;
  }
  for (long long n = lo; n <= std::min<long long>(max_n, len); ++n) {
    for (long long i = 0; i + n <= len; ++i)
      out.push_back(utf8_of(text, static_cast<std::size_t>(i), static_cast<std::size_t>(n)));
  }
}

void char_wb_ngrams(const std::u32string& text, int min_n, int max_n,
                    std::vector<std::string>& out) {
  // str.split(): words separated by runs of whitespace, none empty.
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && tx::is_space(text[i])) ++i;
    if (i == text.size()) break;
    std::size_t j = i;
    while (j < text.size() && !tx::is_space(text[j])) ++j;
    std::u32string w = U" ";
    w.append(text, i, j - i);
    w.push_back(U' ');
    const auto w_len = static_cast<long long>(w.size());
    for (long long n = min_n; n <= max_n; ++n) {
      long long offset = 0;
      out.push_back(utf8_of(w, 0, static_cast<std::size_t>(std::min(n, w_len))));
      while (offset + n < w_len) {
        ++offset;
        out.push_back(utf8_of(w, static_cast<std::size_t>(offset), static_cast<std::size_t>(n)));
      }
      if (offset == 0) break;  // a short word counts once
    }
    i = j;
  }
}

}  // namespace

CompiledAnalyzer::CompiledAnalyzer(const TextAnalysis& p) : params(p) {
  if (p.ngram_min < 1 || p.ngram_max < p.ngram_min)
    throw ValidationError("ngram_range (" + std::to_string(p.ngram_min) + ", " +
                          std::to_string(p.ngram_max) + ") is not 1 <= min_n <= max_n");
  if (p.analyzer == TextAnalysis::Kind::Word) {
    token_regex.emplace(tx::Regex::compile(p.token_pattern));
    if (p.english_stop_words) {
      for (std::string_view w : english_stop_words()) stop_words.emplace(w);
      has_stop_words = true;
    } else if (p.stop_words) {
      stop_words.insert(p.stop_words->begin(), p.stop_words->end());
      has_stop_words = true;
    }
  }
}

void CompiledAnalyzer::analyze(std::string_view document, std::vector<std::string>& terms,
                               tx::RegexScratch& scratch) const {
  terms.clear();
  std::string buffer;
  const std::string_view doc = preprocess(params, document, buffer);
  if (params.analyzer != TextAnalysis::Kind::Word) {
    const std::u32string text = collapse_whitespace(tx::decode_utf8(doc));
    if (params.analyzer == TextAnalysis::Kind::Char)
      char_ngrams(text, params.ngram_min, params.ngram_max, terms);
    else
      char_wb_ngrams(text, params.ngram_min, params.ngram_max, terms);
    return;
  }
  if (params.ngram_max == 1) {
    token_regex->findall(doc, scratch, [&](std::string_view t) {
      if (!has_stop_words || stop_words.count(std::string(t)) == 0) terms.emplace_back(t);
    });
    return;
  }
  std::vector<std::string> tokens;
  token_regex->findall(doc, scratch, [&](std::string_view t) {
    if (!has_stop_words || stop_words.count(std::string(t)) == 0) tokens.emplace_back(t);
  });
  // _word_ngrams: unigrams first (when min_n is 1), then each n in turn, left to right.
  int min_n = params.ngram_min;
  if (min_n == 1) {
    terms = tokens;
    ++min_n;
  }
  const auto n_tokens = static_cast<long long>(tokens.size());
  for (long long n = min_n; n <= std::min<long long>(params.ngram_max, n_tokens); ++n) {
    for (long long i = 0; i + n <= n_tokens; ++i) {
      std::string g = tokens[static_cast<std::size_t>(i)];
      for (long long k = 1; k < n; ++k) {
        g.push_back(' ');
        g += tokens[static_cast<std::size_t>(i + k)];
      }
      terms.push_back(std::move(g));
    }
  }
}

}  // namespace skops::estimators::detail::feature_extraction
