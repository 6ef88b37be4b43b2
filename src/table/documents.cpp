// Documents — a 1-d array of str, what text models take — from JSON (a top-level array of
// strings) and from 1-d '<U' / 'S' numpy arrays, with the table readers' limits.

#include <simdjson.h>

#include "skops/error.hpp"
#include "skops/table.hpp"

namespace skops {

std::optional<std::vector<std::string>> read_json_documents(std::string_view text,
                                                            const TableLimits& limits) {
  if (text.size() > limits.max_input_bytes)
    throw LimitError("json: input is " + std::to_string(text.size()) + " bytes (max_input_bytes)");
  // Cheap shape test first: a documents array starts with '[' then '"' (or is "[]").
  std::size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  };
  skip();
  if (i == text.size() || text[i] != '[') return std::nullopt;
  ++i;
  skip();
  if (i == text.size() || text[i] != '"') return std::nullopt;
  simdjson::dom::parser parser;
  if (parser.allocate(text.size(), 2)) throw LimitError("json: cannot allocate the parser");
  auto parsed = parser.parse(text.data(), text.size(), true);
  if (parsed.error()) return std::nullopt;  // the table reader names the fault
  simdjson::dom::array arr;
  if (parsed.value().get_array().get(arr)) return std::nullopt;
  std::vector<std::string> docs;
  std::size_t row = 0;
  for (simdjson::dom::element e : arr) {
    std::string_view s;
    if (e.get_string().get(s)) {
      throw InputError("json: item " + std::to_string(row) + " of the documents array is not a "
                       "string (documents must all be str; null is np.nan, an invalid document)",
                       {}, "/" + std::to_string(row));
    }
    if (s.size() > limits.max_field_bytes)
      throw LimitError("json: document " + std::to_string(row) + " is " + std::to_string(s.size()) +
                       " bytes (max_field_bytes)", {}, "/" + std::to_string(row));
    if (++row > limits.max_rows)
      throw LimitError("json: more than " + std::to_string(limits.max_rows) + " documents (max_rows)");
    docs.emplace_back(s);
  }
  return docs;
}

std::optional<std::vector<std::string>> documents_from_npy(const NdArray& a) {
  const DTypeKind k = a.dtype().kind();
  if (a.ndim() != 1 || (k != DTypeKind::Unicode && k != DTypeKind::Bytes)) return std::nullopt;
  return a.to_strings();
}

}  // namespace skops
