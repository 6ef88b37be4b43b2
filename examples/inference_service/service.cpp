#include "service.hpp"

#include <cmath>
#include <limits>
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

}  // namespace

Reply error_reply(int status, const std::string& message) {
  return Reply{status, nlohmann::json{{"error", message}, {"status", status}}};
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
              {"methods", methods},
              {"types", types},
              {"untrusted", by_default.untrusted},
              {"trusted_by_option", trusted}};
}

Reply PredictionService::predict(const std::string& body) const {
  const nlohmann::json request = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) return error_reply(400, "request body is not valid JSON");
  if (!request.is_object())
    return error_reply(400, "request body must be a JSON object with \"rows\"");
  auto rows = request.find("rows");
  if (rows == request.end())
    return error_reply(400, "missing \"rows\" (a list of rows, each a list of numbers)");

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

  skops::Matrix X;
  const std::string problem = parse_rows(*rows, limits_, X);
  if (!problem.empty()) return error_reply(400, problem);
  if (X.size() == 0) {
    return error_reply(413, "too many rows or values (at most " + std::to_string(limits_.max_rows) +
                                " rows, " + std::to_string(limits_.max_cells) + " values)");
  }

  try {
    nlohmann::json out;
    if (method == skops::Method::Predict) {
      out["predictions"] = to_json(model_->predict(X));
      if (model_->supports(skops::Method::PredictProba))
        out["probabilities"] = to_json(model_->predict_proba(X));
    } else {
      out["method"] = skops::to_string(method);
      out["result"] = to_json(model_->run(method, X));
    }
    return Reply{200, std::move(out)};
  } catch (const skops::InputError& e) {
    return error_reply(422, e.detail());
  } catch (const skops::UnsupportedError& e) {
    return error_reply(422, e.detail());
  }
}

}  // namespace service
