// Reading and writing the text estimators' state. Only scikit-learn's built-in analysis
// runs here: a callable preprocessor/tokenizer/analyzer/strip_accents or input="file"/
// "filename" is refused at load (UnsupportedError at its JSON pointer), never ignored.

#include "estimators/feature_extraction/internal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::feature_extraction {

namespace {

[[noreturn]] void refuse(const ValueView& v, const std::string& what) {
  throw UnsupportedError(what, {}, v.pointer());
}

std::string describe_value(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Str) return "'" + n.str_value + "'";
  return n.type_name();
}

// A str parameter from `allowed`, or None when `none_ok`; returns "" for None.
std::string choice(const ObjectView& obj, const char* key, std::initializer_list<const char*> allowed,
                   bool none_ok, const char* dflt) {
  const auto v = obj.find(key);
  if (!v) return dflt;
  if (v->is_none() && none_ok) return "";
  const Node& n = v->node();
  if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Str) {
    for (const char* a : allowed) {
      if (n.str_value == a) return n.str_value;
    }
    v->fail(std::string(key) + " " + describe_value(*v) + " is not a valid choice");
  }
  refuse(*v, std::string(key) + " is " + describe_value(*v) +
                 ": only scikit-learn's built-in choices are supported (a callable cannot be "
                 "loaded without running code)");
}

void require_none(const ObjectView& obj, const char* key) {
  const auto v = obj.find(key);
  if (v && !v->is_none())
    refuse(*v, std::string(key) + " is " + describe_value(*v) +
                   ": a callable cannot be loaded without running code; only None is supported");
}

std::vector<std::string> string_list(const ValueView& v) {
  std::vector<std::string> out;
  for (const ValueView& item : v.items()) out.push_back(item.as_str());
  return out;
}

TfidfTransformer::Norm read_norm(const ObjectView& obj) {
  const std::string n = choice(obj, "norm", {"l1", "l2"}, true, "l2");
  if (n.empty()) return TfidfTransformer::Norm::None;
  return n == "l1" ? TfidfTransformer::Norm::L1 : TfidfTransformer::Norm::L2;
}

const char* norm_name(TfidfTransformer::Norm n) {
  return n == TfidfTransformer::Norm::L1 ? "l1" : "l2";
}

// The diagonal of _idf_diag (sp.diags(idf), n x n CSR): one stored value per row, on the
// diagonal.
std::vector<double> diagonal(const ValueView& v) {
  const CsrMatrix d = v.as_sparse();
  if (d.rows != d.cols) v.fail("_idf_diag is " + std::to_string(d.rows) + " x " + std::to_string(d.cols) + ", not square");
  std::vector<double> out(static_cast<std::size_t>(d.rows), 0.0);
  for (std::int64_t r = 0; r < d.rows; ++r) {
    for (std::int64_t k = d.indptr[static_cast<std::size_t>(r)];
         k < d.indptr[static_cast<std::size_t>(r) + 1]; ++k) {
      if (d.indices[static_cast<std::size_t>(k)] != r)
        v.fail("_idf_diag has an entry off the diagonal in row " + std::to_string(r));
      out[static_cast<std::size_t>(r)] = d.data[static_cast<std::size_t>(k)];
    }
  }
  return out;
}

// dtype as a parameter of the vectorizers that only produce float64 here.
void require_float64(const ObjectView& obj, const char* cls) {
  if (!obj.has("dtype")) return;
  const DType dtype = dtype_param(obj.at("dtype"));
  if (dtype != DType::float64())
    throw UnsupportedError(std::string(cls) + " with dtype " + dtype.name() +
                               " is not supported (float64 only)", {}, obj.at("dtype").pointer());
}

// The hashers' n_features, checked at its pointer (the constructors check it again).
std::int64_t n_features_param(const ObjectView& obj) {
  const auto v = obj.find("n_features");
  if (!v) return 1 << 20;
  const std::int64_t n = v->as_int();
  if (n < 1 || n > 2147483647) v->fail("n_features " + std::to_string(n) + " is not in [1, 2147483647]");
  return n;
}

}  // namespace

TextAnalysis read_analysis(const ObjectView& obj) {
  TextAnalysis p;
  const std::string input = choice(obj, "input", {"content", "file", "filename"}, false, "content");
  if (input != "content")
    refuse(obj.at("input"), "input='" + input + "' reads files named by the data; only "
                            "input='content' (the documents themselves) is supported");
  require_none(obj, "preprocessor");
  require_none(obj, "tokenizer");
  const std::string kind = choice(obj, "analyzer", {"word", "char", "char_wb"}, false, "word");
  p.analyzer = kind == "word" ? TextAnalysis::Kind::Word
               : kind == "char" ? TextAnalysis::Kind::Char : TextAnalysis::Kind::CharWb;
  const std::string accents = choice(obj, "strip_accents", {"ascii", "unicode"}, true, "");
  p.strip_accents = accents.empty() ? TextAnalysis::Accents::None
                    : accents == "ascii" ? TextAnalysis::Accents::Ascii
                                         : TextAnalysis::Accents::Unicode;
  p.lowercase = flag(obj, "lowercase", true);
  if (auto v = obj.find("token_pattern"); v && !v->is_none()) p.token_pattern = v->as_str();
  else if (v && p.analyzer == TextAnalysis::Kind::Word)
    v->fail("token_pattern is None with analyzer='word'");
  if (auto v = obj.find("stop_words"); v && !v->is_none()) {
    const Node& n = v->node();
    if (n.kind == NodeKind::Json && n.scalar == ScalarKind::Str) {
      if (n.str_value != "english") v->fail("stop_words '" + n.str_value + "' is not 'english' or a list");
      p.english_stop_words = true;
    } else {
      p.stop_words = string_list(*v);
    }
  }
  if (auto v = obj.find("ngram_range")) {
    const auto items = v->items();
    if (items.size() != 2) v->fail("ngram_range must be a pair (min_n, max_n)");
    const std::int64_t lo = items[0].as_int(), hi = items[1].as_int();
    if (lo < 1 || hi < lo || hi > 1'000'000) v->fail("ngram_range (" + std::to_string(lo) + ", " + std::to_string(hi) + ") is not 1 <= min_n <= max_n");
    p.ngram_min = static_cast<int>(lo);
    p.ngram_max = static_cast<int>(hi);
  }
  return p;
}

// The analysis parameters of a natively built vectorizer, as scikit-learn's __init__ stores
// them (a loaded one keeps what its file said).
void write_analysis(const TextAnalysis& p, ObjectWriter& w) {
  w.set_default("input", make::str("content"));
  w.set_default("encoding", make::str("utf-8"));
  w.set_default("decode_error", make::str("strict"));
  w.set_default("strip_accents", p.strip_accents == TextAnalysis::Accents::None ? make::none()
                                 : make::str(p.strip_accents == TextAnalysis::Accents::Ascii
                                                 ? "ascii" : "unicode"));
  w.set_default("lowercase", make::boolean(p.lowercase));
  w.set_default("preprocessor", make::none());
  w.set_default("tokenizer", make::none());
  NodePtr stop = make::none();
  if (p.english_stop_words) {
    stop = make::str("english");
  } else if (p.stop_words) {
    std::vector<NodePtr> words;
    for (const auto& s : *p.stop_words) words.push_back(make::str(s));
    stop = make::list(std::move(words));
  }
  w.set_default("stop_words", stop);
  w.set_default("token_pattern", make::str(p.token_pattern));
  w.set_default("ngram_range", make::tuple({make::integer(p.ngram_min), make::integer(p.ngram_max)}));
  w.set_default("analyzer", make::str(to_string(p.analyzer)));
}

TextAnalyzer compile_analysis(const ObjectView& obj) {
  TextAnalysis p = read_analysis(obj);
  try {
    return TextAnalyzer(std::move(p));
  } catch (const Error& e) {
    const std::string ptr = obj.has("token_pattern") ? obj.at("token_pattern").pointer() : obj.node().pointer;
    switch (e.kind()) {
      case ErrorKind::Unsupported: throw UnsupportedError("token_pattern: " + e.detail(), {}, ptr);
      case ErrorKind::Limit: throw LimitError("token_pattern: " + e.detail(), {}, ptr);
      default: throw ValidationError("token_pattern: " + e.detail(), {}, ptr);
    }
  }
}

std::unique_ptr<TfidfTransformer> build_tfidf_transformer(const ObjectView& obj) {
  const TfidfTransformer::Norm norm = read_norm(obj);
  const bool use_idf = flag(obj, "use_idf", true);
  std::vector<double> idf;
  if (use_idf) {
    if (auto v = obj.find("idf_"); v && v->node().kind == NodeKind::NdArray)
      idf = float_vector(*v, -1, "idf_");
    else
      idf = diagonal(obj.at("_idf_diag"));
  }
  auto est = located(obj, [&] {
    return std::make_unique<TfidfTransformer>(norm, use_idf, flag(obj, "smooth_idf", true),
                                              flag(obj, "sublinear_tf", false), std::move(idf));
  });
  adopt_identity(*est, obj, read_n_features(obj, use_idf ? est->n_features_in() : -1));
  return est;
}

void save_tfidf_transformer(const TfidfTransformer& est, ObjectWriter& w) {
  // A loaded estimator keeps its state as read (set_default); a native one is written with
  // scikit-learn's parameters and its idf_ as the diagonal CSR matrix fit stores.
  w.set_default("norm", est.norm() == TfidfTransformer::Norm::None ? make::none()
                                                                    : make::str(norm_name(est.norm())));
  w.set_default("use_idf", make::boolean(est.use_idf()));
  w.set_default("smooth_idf", make::boolean(est.smooth_idf()));
  w.set_default("sublinear_tf", make::boolean(est.sublinear_tf()));
  if (est.n_features_in() >= 0) w.set_default("n_features_in_", make::integer(est.n_features_in()));
  if (est.use_idf() && !est.original_state()) {
    CsrMatrix d;
    d.rows = d.cols = static_cast<std::int64_t>(est.idf().size());
    d.indptr.resize(est.idf().size() + 1);
    for (std::size_t i = 0; i < est.idf().size(); ++i) {
      d.indptr[i + 1] = static_cast<std::int64_t>(i + 1);
      d.indices.push_back(static_cast<std::int64_t>(i));
      d.data.push_back(est.idf()[i]);
    }
    w.set_sparse("_idf_diag", std::move(d));
  }
}

std::unique_ptr<CountVectorizer> build_count_vectorizer(const ObjectView& obj) {
  TextAnalyzer analyzer = compile_analysis(obj);
  const ValueView vocab = obj.at("vocabulary_");
  if (vocab.node().kind != NodeKind::Dict) vocab.fail("vocabulary_ must be a dict of str to int");
  std::unordered_map<std::string, std::int64_t> terms;
  terms.reserve(vocab.node().entries.size());
  for (const DictEntry& e : vocab.node().entries) {
    const ValueView v(e.value, obj.ctx());
    if (!terms.emplace(e.key, v.as_int()).second) v.fail("vocabulary_ repeats a term");
  }
  const auto n = static_cast<std::int64_t>(terms.size());
  const DType dtype = obj.has("dtype") ? dtype_param(obj.at("dtype")) : DType::int64();
  std::shared_ptr<const TfidfTransformer> tfidf;
  if (obj.type_name() == "sklearn.feature_extraction.text.TfidfVectorizer") {
    const ValueView t = obj.at("_tfidf");
    tfidf = std::dynamic_pointer_cast<const TfidfTransformer>(t.estimator());
    if (!tfidf) t.fail("_tfidf is not a TfidfTransformer");
    if (dtype != DType::float64())
      throw UnsupportedError("TfidfVectorizer with dtype " + dtype.name() +
                                 " is not supported (float64 only)", {}, obj.at("dtype").pointer());
  }
  auto est = located(obj, [&] {
    return std::make_unique<CountVectorizer>(std::move(analyzer), std::move(terms), n,
                                             flag(obj, "binary", false), dtype, tfidf);
  });
  adopt_identity(*est, obj, -1);
  return est;
}

void save_count_vectorizer(const CountVectorizer& est, ObjectWriter& w) {
  write_analysis(est.analyzer().params(), w);
  w.set_default("max_df", make::real(1.0));
  w.set_default("min_df", make::integer(1));
  w.set_default("max_features", make::none());
  w.set_default("vocabulary", make::none());
  w.set_default("binary", make::boolean(est.binary()));
  w.set_default("dtype", dtype_type_node(est.tfidf() ? DType::float64() : est.dtype()));
  if (const auto& t = est.tfidf()) {
    w.set_default("norm", t->norm() == TfidfTransformer::Norm::None ? make::none()
                                                                     : make::str(norm_name(t->norm())));
    w.set_default("use_idf", make::boolean(t->use_idf()));
    w.set_default("smooth_idf", make::boolean(t->smooth_idf()));
    w.set_default("sublinear_tf", make::boolean(t->sublinear_tf()));
  }
  w.set_default("fixed_vocabulary_", make::boolean(false));
  w.set_default("stop_words_", make::set({}));
  if (!est.original_state()) {
    const std::vector<std::string> names = est.feature_names();
    std::vector<std::pair<std::string, NodePtr>> vocab;
    vocab.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
      vocab.emplace_back(names[i], make::integer(static_cast<std::int64_t>(i)));
    w.set("vocabulary_", make::dict(std::move(vocab)));
  }
  if (est.tfidf()) w.set_estimator("_tfidf", *est.tfidf());
}

std::unique_ptr<HashingVectorizer> build_hashing_vectorizer(const ObjectView& obj) {
  TextAnalyzer analyzer = compile_analysis(obj);
  require_float64(obj, "HashingVectorizer");
  auto est = located(obj, [&] {
    return std::make_unique<HashingVectorizer>(
        std::move(analyzer), n_features_param(obj),
        flag(obj, "binary", false), read_norm(obj), flag(obj, "alternate_sign", true),
        DType::float64());
  });
  adopt_identity(*est, obj, -1);
  return est;
}

void save_hashing_vectorizer(const HashingVectorizer& est, ObjectWriter& w) {
  write_analysis(est.analyzer().params(), w);
  w.set_default("n_features", make::integer(est.n_features()));
  w.set_default("binary", make::boolean(est.binary()));
  w.set_default("norm", est.norm() == TfidfTransformer::Norm::None ? make::none()
                                                                   : make::str(norm_name(est.norm())));
  w.set_default("alternate_sign", make::boolean(est.alternate_sign()));
  w.set_default("dtype", dtype_type_node(DType::float64()));
}

std::unique_ptr<DictVectorizer> build_dict_vectorizer(const ObjectView& obj) {
  require_float64(obj, "DictVectorizer");
  const ValueView names_v = obj.at("feature_names_");
  std::vector<std::string> names = string_list(names_v);
  // transform reads vocabulary_, get_feature_names_out feature_names_: a file whose two
  // disagree has no single meaning.
  const ValueView vocab = obj.at("vocabulary_");
  if (vocab.node().kind != NodeKind::Dict) vocab.fail("vocabulary_ must be a dict of str to int");
  if (vocab.node().entries.size() != names.size())
    vocab.fail("vocabulary_ has " + std::to_string(vocab.node().entries.size()) + " entries, feature_names_ " +
               std::to_string(names.size()));
  std::unordered_map<std::string_view, std::int64_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], static_cast<std::int64_t>(i));
  for (const DictEntry& e : vocab.node().entries) {
    const ValueView v(e.value, obj.ctx());
    const auto it = index.find(e.key);
    if (it == index.end() || it->second != v.as_int())
      v.fail("vocabulary_ and feature_names_ disagree on '" + e.key + "'");
  }
  std::string separator = obj.has("separator") ? obj.str("separator") : "=";
  auto est = located(obj, [&] {
    return std::make_unique<DictVectorizer>(std::move(names), std::move(separator),
                                            flag(obj, "sparse", true));
  });
  adopt_identity(*est, obj, -1);
  return est;
}

void save_dict_vectorizer(const DictVectorizer& est, ObjectWriter& w) {
  w.set_default("dtype", dtype_type_node(DType::float64()));
  w.set_default("separator", make::str(est.separator()));
  w.set_default("sparse", make::boolean(est.sparse()));
  w.set_default("sort", make::boolean(true));
  if (!est.original_state()) {
    std::vector<NodePtr> names;
    std::vector<std::pair<std::string, NodePtr>> vocab;
    for (std::size_t i = 0; i < est.feature_names().size(); ++i) {
      names.push_back(make::str(est.feature_names()[i]));
      vocab.emplace_back(est.feature_names()[i], make::integer(static_cast<std::int64_t>(i)));
    }
    w.set("feature_names_", make::list(std::move(names)));
    w.set("vocabulary_", make::dict(std::move(vocab)));
  }
}

std::unique_ptr<FeatureHasher> build_feature_hasher(const ObjectView& obj) {
  require_float64(obj, "FeatureHasher");
  const std::string input = choice(obj, "input_type", {"dict", "pair", "string"}, false, "dict");
  const FeatureSamples::Kind kind = input == "dict"   ? FeatureSamples::Kind::Dicts
                                    : input == "pair" ? FeatureSamples::Kind::Pairs
                                                      : FeatureSamples::Kind::Strings;
  auto est = located(obj, [&] {
    return std::make_unique<FeatureHasher>(n_features_param(obj),
                                           kind, flag(obj, "alternate_sign", true));
  });
  adopt_identity(*est, obj, -1);
  return est;
}

void save_feature_hasher(const FeatureHasher& est, ObjectWriter& w) {
  w.set_default("n_features", make::integer(est.n_features()));
  w.set_default("input_type", make::str(to_string(est.input_type())));
  w.set_default("dtype", dtype_type_node(DType::float64()));
  w.set_default("alternate_sign", make::boolean(est.alternate_sign()));
}

}  // namespace skops::estimators::detail::feature_extraction
