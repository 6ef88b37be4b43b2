// JSON tables in pandas' "split" and "records" layouts, parsed by simdjson (depth-capped,
// UTF-8 validated); nlohmann's SAX parser is run only on failure, to name the faulty byte.

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "skops/table.hpp"
#include "table_internal.hpp"

namespace skops {

namespace {

using Element = simdjson::dom::element;
using Type = simdjson::dom::element_type;

std::string ptr(std::string_view a, std::size_t i) {
  return std::string(a) + "/" + std::to_string(i);
}

using detail::ptr_key;

// Records every event as accepted; keeps the position of a syntax error.
struct ErrorLocator : nlohmann::json_sax<nlohmann::json> {
  std::size_t byte = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    byte = position;
    message = ex.what();
    return false;
  }
};

[[noreturn]] void throw_syntax(std::string_view text, simdjson::error_code code) {
  ErrorLocator locator;
  nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
  std::string detail = std::string("json: invalid JSON (") + simdjson::error_message(code) + ")";
  // nlohmann counts the bytes read, the faulty one included: its 0-based offset is one less.
  if (!locator.message.empty() && locator.byte > 0) {
    detail += " at byte offset " + std::to_string(locator.byte - 1);
  }
  throw InputError(detail);
}

const char* kind_word(Type t) {
  switch (t) {
    case Type::INT64:
    case Type::UINT64:
    case Type::DOUBLE:
      return "number";
    case Type::STRING:
      return "string";
    case Type::BOOL:
      return "bool";
    case Type::NULL_VALUE:
      return "null";
    default:
      return "nested value";
  }
}

// One column's cells (elements of the parsed document) and where each came from.
struct JsonColumn {
  std::string name;
  std::vector<Element> cells;
  std::vector<std::uint8_t> present;  // records layout: 0 where the row lacks the key
};

class JsonTableReader {
 public:
  JsonTableReader(std::string_view text, const TableLimits& limits)
      : text_(text), limits_(limits) {}
  Table read();

 private:
  void read_split(simdjson::dom::object root);
  void read_records(simdjson::dom::array root);
  // `where` makes the JSON pointer of the fault, only when there is one (a string per cell
  // would cost more than the parse).
  template <class Where>
  void add_column(std::string_view name, const Where& where);
  template <class Where>
  void check_cell(Element e, const Where& where) const;
  template <class Where>
  void count_row(std::uint64_t rows, const Where& where) const;
  Column convert(std::size_t j, bool records);

  std::string_view text_;
  const TableLimits& limits_;
  std::deque<JsonColumn> cols_;  // stable addresses: index_ views their names
  std::unordered_map<std::string_view, std::size_t> index_;
  std::uint64_t rows_ = 0;
};

template <class Where>
void JsonTableReader::add_column(std::string_view name, const Where& where) {
  if (cols_.size() >= limits_.max_columns) {
    throw LimitError(
        "json: more columns than max_columns (" + std::to_string(limits_.max_columns) + ")", {},
        where());
  }
  if (name.size() > limits_.max_field_bytes) {
    throw LimitError("json: column name longer than max_field_bytes (" +
                         std::to_string(limits_.max_field_bytes) + ")",
                     {}, where());
  }
  JsonColumn c;
  c.name = std::string(name);
  cols_.push_back(std::move(c));
}

template <class Where>
void JsonTableReader::check_cell(Element e, const Where& where) const {
  const Type t = e.type();
  if (t == Type::ARRAY || t == Type::OBJECT) {
    throw InputError("json: a cell must be a number, string, bool or null, not a nested value", {},
                     where());
  }
  if (t == Type::STRING && e.get_string().value_unsafe().size() > limits_.max_field_bytes) {
    throw LimitError("json: string longer than max_field_bytes (" +
                         std::to_string(limits_.max_field_bytes) + ")",
                     {}, where());
  }
}

template <class Where>
void JsonTableReader::count_row(std::uint64_t rows, const Where& where) const {
  if (rows > limits_.max_rows) {
    throw LimitError("json: more rows than max_rows (" + std::to_string(limits_.max_rows) + ")", {},
                     where());
  }
  std::uint64_t cells = 0;
  if (__builtin_mul_overflow(rows, static_cast<std::uint64_t>(cols_.size()), &cells) ||
      cells > limits_.max_cells) {
    throw LimitError("json: more cells than max_cells (" + std::to_string(limits_.max_cells) + ")",
                     {}, where());
  }
}

void JsonTableReader::read_split(simdjson::dom::object root) {
  std::optional<Element> columns;
  std::optional<Element> data;
  bool has_index = false;
  for (const auto field : root) {
    if ((field.key == "columns" && columns) || (field.key == "data" && data) ||
        (field.key == "index" && has_index)) {
      throw InputError("json: duplicate key " + detail::quoted_excerpt(field.key), {},
                       ptr_key("", field.key));
    }
    has_index = has_index || field.key == "index";
    if (field.key == "columns") {
      columns = field.value;
    } else if (field.key == "data") {
      data = field.value;
    } else if (field.key != "index") {
      throw InputError("json: unexpected key " + detail::quoted_excerpt(field.key) +
                           " in the split layout (columns, data, index)",
                       {}, ptr_key("", field.key));
    }
  }
  if (!columns || columns->type() != Type::ARRAY) {
    throw InputError("json: the split layout needs \"columns\", an array of strings", {},
                     "/columns");
  }
  if (!data || data->type() != Type::ARRAY) {
    throw InputError("json: the split layout needs \"data\", an array of rows", {}, "/data");
  }
  std::size_t j = 0;
  const simdjson::dom::array names = columns->get_array().value_unsafe();
  for (const Element name : names) {
    if (name.type() != Type::STRING) {
      throw InputError("json: a column name must be a string", {}, ptr("/columns", j));
    }
    const std::string_view n = name.get_string().value_unsafe();
    add_column(n, [&] { return ptr("/columns", j); });
    if (!index_.emplace(cols_.back().name, j).second) {
      throw InputError("json: duplicate column name " + detail::quoted_excerpt(n), {},
                       ptr("/columns", j));
    }
    ++j;
  }
  const std::size_t ncols = cols_.size();
  std::size_t r = 0;
  const simdjson::dom::array data_rows = data->get_array().value_unsafe();
  // The parsed array's length (elements present in the input), capped by the limits.
  const std::uint64_t row_hint = std::min<std::uint64_t>(
      {data_rows.size(), limits_.max_rows, limits_.max_cells / std::max<std::size_t>(ncols, 1)});
  for (JsonColumn& c : cols_) c.cells.reserve(row_hint);
  for (const Element row : data_rows) {
    const auto where = [&] { return ptr("/data", r); };
    count_row(r + 1, where);
    if (row.type() != Type::ARRAY) throw InputError("json: a row must be an array", {}, where());
    std::size_t k = 0;
    const simdjson::dom::array cells = row.get_array().value_unsafe();
    for (const Element cell : cells) {
      if (k >= ncols) {
        throw InputError(
            "json: row has more than " + std::to_string(ncols) + " cells (the columns)", {},
            ptr(where(), k));
      }
      check_cell(cell, [&] { return ptr(where(), k); });
      cols_[k].cells.push_back(cell);
      ++k;
    }
    if (k != ncols) {
      throw InputError(
          "json: row has " + std::to_string(k) + " cells for " + std::to_string(ncols) + " columns",
          {}, where());
    }
    ++r;
  }
  rows_ = r;
}

void JsonTableReader::read_records(simdjson::dom::array root) {
  std::size_t r = 0;
  for (const Element rec : root) {
    const auto where = [&] { return ptr("", r); };
    if (rec.type() != Type::OBJECT)
      throw InputError("json: a record must be an object", {}, where());
    const simdjson::dom::object object = rec.get_object().value_unsafe();
    for (const auto field : object) {
      auto it = index_.find(field.key);
      std::size_t j;
      if (it == index_.end()) {
        // A key first seen now: pandas unions the keys, earlier rows missing.
        add_column(field.key, [&] { return ptr_key(where(), field.key); });
        j = cols_.size() - 1;
        index_.emplace(cols_.back().name, j);
        cols_[j].cells.resize(r);
        cols_[j].present.assign(r, 0);
      } else {
        j = it->second;
      }
      JsonColumn& c = cols_[j];
      if (c.cells.size() > r) {
        throw InputError("json: duplicate key " + detail::quoted_excerpt(field.key), {},
                         ptr_key(where(), field.key));
      }
      check_cell(field.value, [&] { return ptr_key(where(), field.key); });
      c.cells.push_back(field.value);
      c.present.push_back(1);
    }
    count_row(r + 1, where);
    for (JsonColumn& c : cols_) {
      if (c.cells.size() == r) {
        c.cells.emplace_back();
        c.present.push_back(0);
      }
    }
    ++r;
  }
  rows_ = r;
}

Column JsonTableReader::convert(std::size_t j, bool records) {
  JsonColumn& col = cols_[j];
  enum Kind { Empty, Int, BigUInt, Float, Bool, Text };
  const std::size_t rows = col.cells.size();
  auto present = [&](std::size_t r) {
    return (!records || col.present[r]) && col.cells[r].type() != Type::NULL_VALUE;
  };
  auto where = [&](std::size_t r) {
    return records ? ptr_key(ptr("", r), col.name) : ptr(ptr("/data", r), j);
  };
  Kind kind = Empty;
  std::size_t first = 0;
  bool any_missing = false;
  for (std::size_t r = 0; r < rows; ++r) {
    if (!present(r)) {
      any_missing = true;
      continue;
    }
    const Type t = col.cells[r].type();
    const Kind k = t == Type::INT64    ? Int
                   : t == Type::UINT64 ? BigUInt
                   : t == Type::DOUBLE ? Float
                   : t == Type::BOOL   ? Bool
                                       : Text;
    if (kind == Empty) {
      kind = k;
      first = r;
      continue;
    }
    if (k == kind) continue;
    const bool numeric = (kind == Int || kind == BigUInt || kind == Float) &&
                         (k == Int || k == BigUInt || k == Float);
    if (!numeric) {
      // pandas would hold such a column as object; no estimator takes mixed kinds.
      throw InputError("json: column " + detail::quoted_excerpt(col.name) + " mixes a " +
                           kind_word(t) + " with a " + kind_word(col.cells[first].type()) +
                           " (at " + where(first) + ")",
                       {}, where(r));
    }
    if (kind == Float || k == Float) {
      kind = Float;
    } else {
      if (k == BigUInt) first = r;
      kind = BigUInt;
    }
  }
  if (kind == BigUInt) {
    throw InputError("json: column " + detail::quoted_excerpt(col.name) +
                         ": integer beyond int64 in an integer column",
                     {}, where(first));
  }
  if (kind == Empty && rows == 0) kind = Text;
  if (kind == Int && any_missing) kind = Float;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::string name = std::move(col.name);
  switch (kind) {
    case Empty:
      return Column::float64(std::move(name), std::vector<double>(rows, nan));
    case Int: {
      std::vector<std::int64_t> v(rows);
      for (std::size_t r = 0; r < rows; ++r) v[r] = col.cells[r].get_int64().value_unsafe();
      return Column::int64(std::move(name), std::move(v));
    }
    case Float: {
      std::vector<double> v(rows, nan);
      for (std::size_t r = 0; r < rows; ++r) {
        if (!present(r)) continue;
        const Element e = col.cells[r];
        v[r] = e.type() == Type::INT64    ? static_cast<double>(e.get_int64().value_unsafe())
               : e.type() == Type::UINT64 ? static_cast<double>(e.get_uint64().value_unsafe())
                                          : e.get_double().value_unsafe();
      }
      return Column::float64(std::move(name), std::move(v));
    }
    case Bool: {
      std::vector<std::uint8_t> v(rows, 0);
      Column::Mask missing;
      if (any_missing) missing.assign(rows, 0);
      for (std::size_t r = 0; r < rows; ++r) {
        if (present(r))
          v[r] = col.cells[r].get_bool().value_unsafe();
        else
          missing[r] = 1;
      }
      return Column::boolean(std::move(name), std::move(v), std::move(missing));
    }
    case BigUInt:
    case Text:
      break;
  }
  std::vector<std::string_view> v(rows);
  Column::Mask missing(rows, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    if (present(r))
      v[r] = col.cells[r].get_string().value_unsafe();
    else
      missing[r] = 1;
  }
  return Column::string(std::move(name), v, std::move(missing));
}

Table JsonTableReader::read() {
  if (text_.size() > limits_.max_input_bytes) {
    throw LimitError("json: input of " + std::to_string(text_.size()) +
                     " bytes exceeds max_input_bytes (" + std::to_string(limits_.max_input_bytes) +
                     ")");
  }
  simdjson::dom::parser parser;
  if (const auto err = parser.allocate(text_.size(), limits_.max_json_depth)) {
    throw LimitError(std::string("json: cannot allocate the parser: ") +
                     simdjson::error_message(err));
  }
  auto result = parser.parse(text_.data(), text_.size(), true);
  if (result.error() == simdjson::DEPTH_ERROR) {
    throw LimitError("json: nesting deeper than max_json_depth (" +
                     std::to_string(limits_.max_json_depth) + ")");
  }
  if (result.error()) throw_syntax(text_, result.error());
  const Element root = result.value_unsafe();
  bool records = false;
  if (root.type() == Type::OBJECT) {
    read_split(root.get_object().value_unsafe());
  } else if (root.type() == Type::ARRAY) {
    records = true;
    read_records(root.get_array().value_unsafe());
  } else {
    throw InputError("json: expected the split layout (an object) or records (an array)");
  }
  std::vector<Column> columns;
  columns.reserve(cols_.size());
  for (std::size_t j = 0; j < cols_.size(); ++j) {
    columns.push_back(convert(j, records));
    cols_[j].cells = {};
    cols_[j].present = {};
  }
  return Table(std::move(columns));
}

}  // namespace

Table read_json_table(std::string_view text, const TableLimits& limits) {
  return JsonTableReader(text, limits).read();
}

}  // namespace skops
