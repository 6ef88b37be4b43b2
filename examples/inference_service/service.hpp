#pragma once
// The prediction service without the HTTP server: a loaded model plus the JSON request and
// response handling, so that main.cpp only wires routes and the tests read like the API.

#include <memory>
#include <nlohmann/json.hpp>
#include <skops/skops.hpp>
#include <string>
#include <vector>

namespace service {

/// An HTTP answer: status code and JSON body.
struct Reply {
  int status = 200;
  nlohmann::json body;
};

/// Limits on one request (the HTTP server caps the body size separately).
struct RequestLimits {
  std::size_t max_rows = 10000;
  std::size_t max_cells = 2000000;
  /// Bytes of one string value or column name in a table request ("records", "data").
  std::size_t max_string_bytes = 64 * 1024;
  /// Bytes of one document in a "documents" request (the text models' input).
  std::size_t max_document_bytes = 1024 * 1024;
};

class PredictionService {
 public:
  /// Loads `model_path` with the built-in registry plus `trusted` names. Throws what
  /// skops::load throws: UntrustedTypeError (refused), or another skops::Error when the file
  /// is invalid, over a limit or unsupported.
  PredictionService(const std::string& model_path, std::vector<std::string> trusted,
                    RequestLimits limits = {});

  /// POST /predict. Body: exactly one input form plus an optional "method" ("predict"):
  ///   {"rows": [[x, ...], ...]}                    numbers, null is NaN;
  ///   {"records": [{"col": v, ...}, ...]}          a table (pandas' records layout);
  ///   {"columns": ["col", ...], "data": [[v, ...], ...]}   a table (pandas' split layout);
  ///   {"documents": ["text", ...]}                 raw text for a text model (a 1-d array
  ///                                                of str; 422 for other models).
  ///   {"samples": [{"name": v, ...}, ...]}         feature samples for a DictVectorizer /
  ///                                                FeatureHasher model: dicts, [name, value]
  ///                                                pair lists or token lists ("records" is
  ///                                                read so too for such a model; 422 for
  ///                                                other models).
  /// Table values are numbers, strings, booleans or null (missing); tables run through
  /// Estimator::run_table, so DataFrame models see their columns by name.
  /// predict answers {"predictions": [...]} plus "probabilities" when the model has
  /// predict_proba; other methods answer {"method": m, "result": [...]}.
  /// 400: not JSON (invalid UTF-8 included), wrong shape, unknown method, a table value that
  /// is nested or a column mixing strings with numbers (the error has a "pointer" into the
  /// request); 422: the model rejects the input (skops::InputError: wrong feature count,
  /// missing columns, strings where numbers are needed) or lacks the method; 413: too many
  /// rows or values, a string over max_string_bytes, a document over max_document_bytes.
  /// Thread-safe: the model is immutable and `run` is const.
  Reply predict(const std::string& body) const;

  /// GET /model: type, role, n_features_in, methods, every type in the file with its loader
  /// and count, and the types that are not trusted by default (accepted through --trusted).
  const nlohmann::json& summary() const noexcept { return summary_; }

 private:
  std::unique_ptr<const skops::Estimator> model_;
  nlohmann::json summary_;
  RequestLimits limits_;
};

/// {"error": message, "status": code}, plus "pointer" (a JSON pointer into the request) when
/// given.
Reply error_reply(int status, const std::string& message, const std::string& pointer = {});

/// An NdArray (0-, 1- or 2-d; numbers, booleans or strings) as nested JSON lists.
nlohmann::json to_json(const skops::NdArray& a);

}  // namespace service
