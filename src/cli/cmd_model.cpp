// Verbs that build estimators: validate, predict, resave, types.

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "skops/api.hpp"
#include "skops/estimators/preprocessing.hpp"
#include "skops/npy.hpp"
#include "skops/table.hpp"

namespace skops::cli {

namespace {

LoadOptions load_options(const Args& args) {
  LoadOptions o;
  o.trusted = args.trusted;
  o.memory_map = args.memory_map;
  return o;
}

// The file's bytes, refused past `max_bytes` while reading (its reported size is not trusted).
std::vector<std::uint8_t> read_all(const std::string& path,
                                   std::uint64_t max_bytes = TableLimits{}.max_input_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open " + path);
  std::vector<std::uint8_t> out;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.insert(out.end(), buf, buf + in.gcount());
    if (out.size() > max_bytes)
      throw LimitError("input is larger than " + std::to_string(max_bytes) + " bytes (max_input_bytes)", path);
  }
  return out;
}

TableFormat input_format(const Args& args, const std::string& path) {
  auto f = args.options.find("--input-format");
  if (f == args.options.end()) {
    try {
      return table_format_for_path(path);
    } catch (const UnsupportedError&) {
      throw UsageError{"cannot tell the input format from " + path +
                       "; name it .csv, .json or .npy, or pass --input-format"};
    }
  }
  if (f->second == "csv") return TableFormat::Csv;
  if (f->second == "json") return TableFormat::Json;
  if (f->second == "npy") return TableFormat::Npy;
  throw UsageError{"--input-format must be csv, json or npy"};
}

// A numeric .npy runs as the matrix it is; a 1-d str .npy and a JSON array of strings as
// documents; JSON as feature samples (dicts, pairs, strings) for a model that takes them; a
// structured .npy, CSV and JSON as a table. A sparse result (a vectorizer's
// transform) is written dense. The result is one array, or the list a list-returning method
// gives (Estimator::returns_list).
std::vector<NdArray> run_input(const Estimator& est, Method method, const std::string& path,
                               TableFormat fmt) {
  auto on_table = [&](const Table& t) { return est.run_list_table(method, t); };
  if (fmt == TableFormat::Npy) {
    const NdArray X = read_npy(ByteView::adopt(read_all(path, Limits{}.max_member_bytes)), Limits{}, path);
    if (auto docs = documents_from_npy(X)) return {est.run_documents(method, *docs)};
    if (X.dtype().kind() != DTypeKind::Structured) return est.run_list_array(method, X);
    return on_table(table_from_npy(X));
  }
  if (fmt == TableFormat::Json) {
    const std::vector<std::uint8_t> bytes = read_all(path);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (est.accepts_feature_samples())
      return {est.run_feature_samples(method, read_json_feature_samples(text))};
    if (auto docs = read_json_documents(text)) return {est.run_documents(method, *docs)};
    return on_table(read_json_table(text));
  }
  return on_table(read_table_file(path, fmt));
}

// LabelEncoder encodes y, a 1-d vector of labels, not X: its input is a 1-d .npy (strings
// or numbers; integer codes for inverse_transform) or a JSON array of strings.
NdArray run_label_encoder(const estimators::LabelEncoder& le, Method method, const std::string& path,
                          TableFormat fmt) {
  if (method != Method::Transform && method != Method::InverseTransform)
    throw UnsupportedError("LabelEncoder has the methods transform and inverse_transform");
  std::optional<std::vector<std::string>> strings;
  NdArray numbers;
  if (fmt == TableFormat::Json) {
    const std::vector<std::uint8_t> bytes = read_all(path);
    strings = read_json_documents(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    if (!strings) throw InputError("LabelEncoder takes a JSON array of strings", path);
  } else if (fmt == TableFormat::Npy) {
    numbers = read_npy(ByteView::adopt(read_all(path, Limits{}.max_member_bytes)), Limits{}, path);
    if (numbers.ndim() != 1)
      throw InputError("LabelEncoder takes a 1-d array of labels, got " + std::to_string(numbers.ndim()) +
                       " dimensions", path);
    strings = documents_from_npy(numbers);
    if (!strings && !numbers.is_numeric())
      throw InputError("LabelEncoder takes labels of a string or numeric dtype, not " + numbers.dtype().name(), path);
  } else {
    throw InputError("LabelEncoder takes a 1-d .npy or a JSON array of strings", path);
  }
  if (method == Method::Transform) {
    if (strings) return le.transform_labels(*strings);
    return le.transform_values(numbers.to_vector<double>());
  }
  const DTypeKind k = numbers.dtype().kind();
  if (strings || (k != DTypeKind::Int && k != DTypeKind::UInt))
    throw InputError("inverse_transform takes the integer codes transform gives", path);
  const std::vector<std::int64_t> codes = numbers.to_vector<std::int64_t>();
  return le.string_classes() ? le.inverse_transform_labels(codes) : le.inverse_transform_values(codes);
}

void write_all(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot write " + tmp);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw IoError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw IoError("cannot rename " + tmp + " to " + path);
}

}  // namespace

int cmd_types(const Args& args) {
  if (!args.positional.empty()) throw UsageError{"types takes no argument"};
  for (const auto& t : builtin_registry().type_names()) std::cout << t << "\n";
  return 0;
}

int cmd_validate(const Args& args) {
  if (args.positional.size() != 1) throw UsageError{"validate takes one FILE"};
  auto est = load(args.positional[0], load_options(args));
  std::cout << "ok: " << est->type_name() << " (n_features_in " << est->n_features_in() << ")\n";
  return 0;
}

int cmd_predict(const Args& args) {
  if (args.positional.size() != 1) throw UsageError{"predict takes one FILE"};
  auto in = args.options.find("--input");
  auto out = args.options.find("--output");
  if (in == args.options.end() || out == args.options.end()) throw UsageError{"predict needs --input and --output"};
  Method method = Method::Predict;
  if (auto m = args.options.find("--method"); m != args.options.end()) {
    auto parsed = method_from_string(m->second);
    if (!parsed) throw UsageError{"unknown method " + m->second};
    method = *parsed;
  }
  const TableFormat fmt = input_format(args, in->second);
  auto est = load(args.positional[0], load_options(args));
  if (const auto* le = dynamic_cast<const estimators::LabelEncoder*>(est.get())) {
    write_all(out->second, write_npy(run_label_encoder(*le, method, in->second, fmt), 0, 64));
    return 0;
  }
  if (!est->supports(method)) {
    throw UnsupportedError(est->type_name() + " has no method " + to_string(method));
  }
  const std::vector<NdArray> results = run_input(*est, method, in->second, fmt);
  if (!est->returns_list(method)) {
    write_all(out->second, write_npy(results.front(), 0, 64));
    return 0;
  }
  // A list (MultiOutputClassifier.predict_proba): element k goes to OUT.k.npy, OUT being
  // --output without its ".npy".
  std::string stem = out->second;
  if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".npy") == 0) stem.resize(stem.size() - 4);
  for (std::size_t k = 0; k < results.size(); ++k)
    write_all(stem + "." + std::to_string(k) + ".npy", write_npy(results[k], 0, 64));
  return 0;
}

int cmd_resave(const Args& args) {
  if (args.positional.size() != 2) throw UsageError{"resave takes IN and OUT"};
  DumpOptions d;
  if (auto c = args.options.find("--compression"); c != args.options.end()) {
    bool known = false;
    for (Compression k : {Compression::Stored, Compression::Deflate, Compression::Bzip2,
                          Compression::Lzma, Compression::Zstd}) {
      if (c->second == to_string(k)) {
        d.compression = k;
        known = true;
      }
    }
    if (!known) throw UsageError{"--compression must be stored, deflate, bzip2, lzma or zstd"};
  }
  auto est = load(args.positional[0], load_options(args));
  dump(*est, args.positional[1], d);
  return 0;
}

}  // namespace skops::cli
