#include "service.hpp"

#include <cstdlib>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace service {

namespace {

const char* role_name(skops::Role r) {
  switch (r) {
    case skops::Role::Regressor:
      return "regressor";
    case skops::Role::Classifier:
      return "classifier";
    case skops::Role::Transformer:
      return "transformer";
    case skops::Role::Clusterer:
      return "clusterer";
    case skops::Role::OutlierDetector:
      return "outlier_detector";
    case skops::Role::Other:
      return "other";
  }
  return "other";
}

/// Parses the rows of a request into X. Returns a message for a 400 answer; an empty message
/// with an empty X means over `limits` (413); an empty message with a filled X, success.
std::string parse_rows(const nlohmann::json& rows, const RequestLimits& limits, skops::Matrix& X) {
  if (!rows.is_array()) return "\"rows\" must be a list of rows (lists of numbers)";
  if (rows.empty()) return "\"rows\" is empty";
  if (rows.size() > limits.max_rows) return "";  // reported as 413 by the caller
  const auto& first = rows.front();
  if (!first.is_array() || first.empty()) return "row 0 must be a non-empty list of numbers";
  const std::size_t cols = first.size();
  if (rows.size() * cols > limits.max_cells) return "";
  X.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (!row.is_array()) return "row " + std::to_string(i) + " is not a list";
    if (row.size() != cols) {
      return "row " + std::to_string(i) + " has " + std::to_string(row.size()) +
             " values, row 0 has " + std::to_string(cols);
    }
    for (std::size_t j = 0; j < cols; ++j) {
      const auto& v = row[j];
      double x;
      if (v.is_number()) {
        x = v.get<double>();
      } else if (v.is_null()) {
        x = std::numeric_limits<double>::quiet_NaN();  // a missing value, as numpy's nan
      } else {
        return "row " + std::to_string(i) + ", column " + std::to_string(j) + " is not a number";
      }
      X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = x;
    }
  }
  return {};
}


/// The input forms of a request.
enum class Form { Rows, Records, Split, Documents, Samples };

/// Which form `request` carries; a message for a 400 answer unless it is exactly one.
std::string input_form(const nlohmann::json& request, Form& form) {
  const bool rows = request.contains("rows"), records = request.contains("records");
  const bool columns = request.contains("columns"), data = request.contains("data");
  const bool documents = request.contains("documents"), samples = request.contains("samples");
  if (columns != data) return "the split layout needs both \"columns\" and \"data\"";
  const int forms = int(rows) + int(records) + int(columns) + int(documents) + int(samples);
  if (forms == 0) {
    return "missing \"rows\" (a list of rows, each a list of numbers), \"records\", "
           "\"columns\" and \"data\", \"documents\" (a list of strings) or \"samples\" (dicts, "
           "pairs or token lists)";
  }
  if (forms > 1)
    return "give exactly one of \"rows\", \"records\", \"columns\"+\"data\", \"documents\" or "
           "\"samples\"";
  form = rows      ? Form::Rows
         : records ? Form::Records
         : documents ? Form::Documents
         : samples   ? Form::Samples
                     : Form::Split;
  return {};
}

Reply too_many(const RequestLimits& limits) {
  return error_reply(413, "too many rows or values (at most " + std::to_string(limits.max_rows) +
                              " rows, " + std::to_string(limits.max_cells) + " values)");
}

/// A client's name or string shortened for a message, cut at a UTF-8 character boundary
/// (the reply is JSON, which must stay valid UTF-8).
std::string excerpt(std::string_view s) {
  constexpr std::size_t kMax = 64;
  if (s.size() <= kMax) return std::string(s);
  std::size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

/// The reference tokens of a JSON pointer, unescaped (RFC 6901).
std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '/') {
      tokens.emplace_back();
    } else if (pointer[i] == '~' && i + 1 < pointer.size() && !tokens.empty()) {
      tokens.back() += (pointer[++i] == '1') ? '/' : '~';
    } else if (!tokens.empty()) {
      tokens.back() += pointer[i];
    }
  }
  return tokens;
}

/// "row 3, column \"age\": " for a pointer of read_json_table into the table sub-document
/// (records: /ROW/KEY; split: /data/ROW/INDEX, /columns/INDEX), so that a client need not
/// decode the pointer; "" when it points elsewhere.
std::string locate(const std::string& pointer, Form form, const nlohmann::json* columns) {
  const auto t = pointer_tokens(pointer);
  auto column_name = [&](const std::string& index) -> std::string {
    const std::size_t j = std::strtoul(index.c_str(), nullptr, 10);
    if (columns && j < columns->size() && (*columns)[j].is_string())
      return "column \"" + excerpt((*columns)[j].get_ref<const std::string&>()) + "\"";
    return "column " + index;
  };
  if (form == Form::Records) {
    if (t.size() == 1) return "row " + t[0] + ": ";
    if (t.size() == 2) return "row " + t[0] + ", column \"" + excerpt(t[1]) + "\": ";
    return "";
  }
  if (t.size() == 2 && t[0] == "data") return "row " + t[1] + ": ";
  if (t.size() == 3 && t[0] == "data") return "row " + t[1] + ", " + column_name(t[2]) + ": ";
  if (t.size() == 2 && t[0] == "columns") return column_name(t[1]) + ": ";
  return "";
}

/// An error of read_json_table as a reply: the place in words, the detail, and the pointer
/// rebased onto the request (a records sub-document is the request's "/records").
Reply table_error(int status, const skops::Error& e, Form form, const nlohmann::json* columns) {
  const std::string base = form == Form::Records ? "/records" : "";
  std::string detail = e.detail();
  if (detail.rfind("json: ", 0) == 0) detail.erase(0, 6);
  // The reader names a second cell in the detail ("(at /0/age)"): rebase it too.
  for (std::size_t at = detail.find("(at /"); at != std::string::npos && !base.empty();
       at = detail.find("(at /", at + 4 + base.size())) {
    detail.insert(at + 4, base);
  }
  // The reader names its own limit; the service's knob for it is max_string_bytes.
  if (auto at = detail.find("max_field_bytes"); at != std::string::npos)
    detail.replace(at, 15, "max_string_bytes");
  const std::string where = e.json_pointer().empty() ? "" : base + e.json_pointer();
  return error_reply(status, locate(e.json_pointer(), form, columns) + detail, where);
}

/// The table of a "records" or "columns"+"data" request, or the error reply. The sub-document
/// is serialized again and read by read_json_table, which applies pandas' typing rules (an
/// integer column with null becomes float, strings stay strings) and the limits as it reads;
/// the body was parsed once already only to find the form. Rows are counted before that
/// copy is made.
std::optional<Reply> parse_table(const nlohmann::json& request, Form form,
                                 const RequestLimits& limits, skops::Table& table) {
  const nlohmann::json* columns = nullptr;
  const nlohmann::json* rows = nullptr;
  const char* rows_name = "records";
  if (form == Form::Records) {
    rows = &request.at("records");
    if (!rows->is_array()) {
      return error_reply(400, "\"records\" must be a list of objects ({\"column\": value, ...})",
                         "/records");
    }
  } else {
    columns = &request.at("columns");
    rows = &request.at("data");
    rows_name = "data";
    if (!columns->is_array())
      return error_reply(400, "\"columns\" must be a list of column names", "/columns");
    if (!rows->is_array())
      return error_reply(400, "\"data\" must be a list of rows (lists of values)", "/data");
  }
  if (rows->empty()) return error_reply(400, std::string("\"") + rows_name + "\" is empty");
  if (rows->size() > limits.max_rows) return too_many(limits);
  const std::string text = form == Form::Records ? rows->dump()
                                                 : "{\"columns\":" + columns->dump() +
                                                       ",\"data\":" + rows->dump() + "}";
  skops::TableLimits table_limits;
  table_limits.max_rows = limits.max_rows;
  table_limits.max_cells = limits.max_cells;
  table_limits.max_field_bytes = limits.max_string_bytes;
  try {
    table = skops::read_json_table(text, table_limits);
  } catch (const skops::LimitError& e) {
    return table_error(413, e, form, columns);
  } catch (const skops::InputError& e) {
    return table_error(400, e, form, columns);
  }
  return std::nullopt;
}

/// The documents of a "documents" request (a list of strings), or the error reply.
std::optional<Reply> parse_documents(const nlohmann::json& request, const RequestLimits& limits,
                                     std::vector<std::string>& docs) {
  const nlohmann::json& d = request.at("documents");
  if (!d.is_array()) return error_reply(400, "\"documents\" must be a list of strings", "/documents");
  if (d.empty()) return error_reply(400, "\"documents\" is empty", "/documents");
  if (d.size() > limits.max_rows) return too_many(limits);
  docs.reserve(d.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    const std::string where = "/documents/" + std::to_string(i);
    if (!d[i].is_string())
      return error_reply(400, "document " + std::to_string(i) + " is not a string", where);
    const auto& s = d[i].get_ref<const std::string&>();
    if (s.size() > limits.max_document_bytes)
      return error_reply(413, "document " + std::to_string(i) + " is " + std::to_string(s.size()) +
                                  " bytes (at most " + std::to_string(limits.max_document_bytes) + ")",
                         where);
    docs.push_back(s);
  }
  return std::nullopt;
}

/// The feature samples of a "samples" request (or of "records" for a model that takes
/// dicts), read by read_json_feature_samples with the request limits, or the error reply.
std::optional<Reply> parse_samples(const nlohmann::json& request, const char* key,
                                   const RequestLimits& limits, skops::FeatureSamples& samples) {
  const nlohmann::json& d = request.at(key);
  const std::string base = std::string("/") + key;
  if (!d.is_array())
    return error_reply(400, "\"" + std::string(key) + "\" must be a list of dicts, of [name, value] "
                            "pair lists or of string lists", base);
  if (d.empty()) return error_reply(400, "\"" + std::string(key) + "\" is empty", base);
  if (d.size() > limits.max_rows) return too_many(limits);
  skops::TableLimits l;
  l.max_rows = limits.max_rows;
  l.max_cells = limits.max_cells;
  l.max_field_bytes = limits.max_string_bytes;
  try {
    samples = skops::read_json_feature_samples(d.dump(), l);
  } catch (const skops::Error& e) {
    std::string detail = e.detail();
    if (detail.rfind("json: ", 0) == 0) detail.erase(0, 6);
    if (auto at = detail.find("max_field_bytes"); at != std::string::npos)
      detail.replace(at, 15, "max_string_bytes");
    const std::string where = e.json_pointer().empty() ? base : base + e.json_pointer();
    return error_reply(e.kind() == skops::ErrorKind::Limit ? 413 : 400, detail, where);
  }
  return std::nullopt;
}

/// The library names the column that holds strings where the model needs numbers; the row
/// is what a client needs to fix its request, and only the service holds the table.
std::string with_string_row(const std::string& message, const skops::Table& table) {
  if (message.find("strings") == std::string::npos) return message;
  for (std::size_t j = 0; j < table.n_cols(); ++j) {
    const skops::Column& c = table.column(j);
    if (c.type() != skops::ColumnType::String) continue;
    if (message.find("column " + c.name()) == std::string::npos &&
        message.find("column \"" + c.name() + "\"") == std::string::npos) {
      continue;
    }
    for (std::size_t r = 0; r < c.size(); ++r) {
      if (!c.is_missing(r)) {
        return message + " (row " + std::to_string(r) + ", column \"" + excerpt(c.name()) +
               "\": \"" + excerpt(c.string_at(r)) + "\")";
      }
    }
  }
  return message;
}

/// A 400 message for a body nlohmann cannot parse, with the byte offset; says so when the
/// cause is invalid UTF-8. The parser's own message is not echoed: it quotes the bad bytes,
/// which a JSON reply cannot carry.
std::string not_json(const nlohmann::json::parse_error& e) {
  const bool utf8 = std::string(e.what()).find("UTF-8") != std::string::npos;
  return std::string("request body is not valid JSON") + (utf8 ? " (invalid UTF-8)" : "") +
         " at byte " + std::to_string(e.byte);
}

/// The JSON of a method's result: its array, or for a method returning a list
/// (MultiOutputClassifier.predict_proba) the list of its arrays.
nlohmann::json list_json(const std::vector<skops::NdArray>& arrays, bool list) {
  if (!list) return to_json(arrays.front());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : arrays) out.push_back(to_json(a));
  return out;
}

/// The reply to `method` computed by `run(method)` (its JSON): predict adds the
/// probabilities when the model has them. A model's InputError (wrong input) and UnsupportedError are 422.
template <class Run>
Reply answer(const skops::Estimator& model, skops::Method method, const Run& run,
             const skops::Table* table) {
  try {
    nlohmann::json out;
    if (method == skops::Method::Predict) {
      out["predictions"] = run(skops::Method::Predict);
      if (model.supports(skops::Method::PredictProba))
        out["probabilities"] = run(skops::Method::PredictProba);
    } else {
      out["method"] = skops::to_string(method);
      out["result"] = run(method);
    }
    return Reply{200, std::move(out)};
  } catch (const skops::InputError& e) {
    return error_reply(422, table ? with_string_row(e.detail(), *table) : e.detail());
  } catch (const skops::UnsupportedError& e) {
    return error_reply(422, e.detail());
  }
}

}  // namespace

Reply error_reply(int status, const std::string& message, const std::string& pointer) {
  Reply r{status, nlohmann::json{{"error", message}, {"status", status}}};
  if (!pointer.empty()) r.body["pointer"] = pointer;
  return r;
}

nlohmann::json to_json(const skops::NdArray& a) {
  const auto kind = a.dtype().kind();
  const bool text = kind == skops::DTypeKind::Unicode || kind == skops::DTypeKind::Bytes;
  std::vector<double> reals;
  std::vector<std::int64_t> ints;
  if (!text) {
    if (kind == skops::DTypeKind::Float) {
      reals = a.to_vector<double>();
    } else {
      ints = a.to_vector<std::int64_t>();
    }
  }
  auto at = [&](std::uint64_t i) -> nlohmann::json {
    if (text) return a.string_at(i);
    if (!reals.empty())
      return std::isfinite(reals[i]) ? nlohmann::json(reals[i]) : nlohmann::json();
    if (kind == skops::DTypeKind::Bool) return ints[i] != 0;
    return ints[i];
  };
  if (a.ndim() == 0) return at(0);
  const std::uint64_t rows = static_cast<std::uint64_t>(a.dim(0));
  const std::uint64_t cols = a.ndim() == 1 ? 0 : a.size() / std::max<std::uint64_t>(rows, 1);
  nlohmann::json out = nlohmann::json::array();
  for (std::uint64_t i = 0; i < rows; ++i) {
    if (a.ndim() == 1) {
      out.push_back(at(i));
      continue;
    }
    nlohmann::json row = nlohmann::json::array();
    for (std::uint64_t j = 0; j < cols; ++j) row.push_back(at(i * cols + j));
    out.push_back(std::move(row));
  }
  return out;
}

PredictionService::PredictionService(const std::string& model_path,
                                     std::vector<std::string> trusted, RequestLimits limits)
    : limits_(limits) {
  skops::LoadOptions options;
  options.trusted = trusted;
  model_ = skops::load(model_path, options);  // audits first: refuses untrusted types

  // What the operator had to trust explicitly: the file's types not trusted by default.
  const skops::AuditReport by_default = skops::audit_file(model_path);
  nlohmann::json types = nlohmann::json::array();
  for (const auto& t : by_default.types) {
    types.push_back({{"type", t.type}, {"loader", t.loader}, {"count", t.paths.size()}});
  }
  nlohmann::json methods = nlohmann::json::array();
  for (auto m : skops::all_methods()) {
    if (model_->supports(m)) methods.push_back(skops::to_string(m));
  }
  summary_ = {{"type", model_->type_name()},
              {"role", role_name(model_->role())},
              {"n_features_in", model_->n_features_in()},
              {"input", model_->accepts_documents()         ? "documents"
                        : model_->accepts_feature_samples() ? "samples"
                                                            : "rows or table"},
              {"methods", methods},
              {"types", types},
              {"untrusted", by_default.untrusted},
              {"trusted_by_option", trusted}};
}

Reply PredictionService::predict(const std::string& body) const {
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(body);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond float64 (1e400): nlohmann refuses it rather than reading infinity.
    return error_reply(400, std::string("request body is not valid JSON for this service: a "
                                        "number out of the float64 range (") +
                                (e.id == 406 ? "overflow" : "out of range") + ")");
  } catch (const nlohmann::json::parse_error& e) {
    return error_reply(400, not_json(e));
  }
  if (!request.is_object()) {
    return error_reply(
        400, "request body must be a JSON object with \"rows\", \"records\", \"columns\", "
             "\"documents\" or \"samples\"");
  }
  Form form = Form::Rows;
  if (const std::string problem = input_form(request, form); !problem.empty())
    return error_reply(400, problem);

  skops::Method method = skops::Method::Predict;
  if (auto m = request.find("method"); m != request.end()) {
    if (!m->is_string()) return error_reply(400, "\"method\" must be a string");
    const auto parsed = skops::method_from_string(m->get<std::string>());
    if (!parsed) {
      return error_reply(
          400, "unknown method \"" + m->get<std::string>() + "\" (" + skops::method_names() + ")");
    }
    method = *parsed;
  }
  if (!model_->supports(method)) {
    return error_reply(422, model_->type_name() + " has no method " + skops::to_string(method));
  }

  if (form == Form::Documents) {
    if (!model_->accepts_documents())
      return error_reply(422, model_->type_name() + " takes a matrix or a table, not documents");
    std::vector<std::string> docs;
    if (auto problem = parse_documents(request, limits_, docs)) return *problem;
    return answer(
        *model_, method, [&](skops::Method m) { return to_json(model_->run_documents(m, docs)); }, nullptr);
  }
  if (form == Form::Samples || (form == Form::Records && model_->accepts_feature_samples())) {
    if (!model_->accepts_feature_samples())
      return error_reply(422, model_->type_name() + " takes a matrix or a table, not feature samples");
    skops::FeatureSamples samples;
    if (auto problem = parse_samples(request, form == Form::Samples ? "samples" : "records", limits_, samples))
      return *problem;
    return answer(
        *model_, method, [&](skops::Method m) { return to_json(model_->run_feature_samples(m, samples)); },
        nullptr);
  }
  if (form != Form::Rows) {
    skops::Table table;
    if (auto problem = parse_table(request, form, limits_, table)) return *problem;
    return answer(
        *model_, method,
        [&](skops::Method m) {
          return list_json(model_->run_list_table(m, table), model_->returns_list(m));
        },
        &table);
  }
  skops::Matrix X;
  const std::string problem = parse_rows(request.at("rows"), limits_, X);
  if (!problem.empty()) return error_reply(400, problem);
  if (X.size() == 0) return too_many(limits_);
  return answer(
      *model_, method,
      [&](skops::Method m) { return list_json(model_->run_list(m, X), model_->returns_list(m)); },
      nullptr);
}

}  // namespace service
