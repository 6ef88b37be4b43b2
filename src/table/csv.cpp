// CSV with pandas.read_csv's default rules: one tokenizing pass that stores each field as a
// view (into the input, or into a small arena when unquoting changed it), then per-column
// type inference and conversion. Every limit is checked as the input is consumed.

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <unordered_map>

#include "skops/table.hpp"
#include "table_internal.hpp"
#include "text_values.hpp"

namespace skops {

namespace {

// Bytes that end or need a look inside an unquoted field: delimiter, line ends, NUL and
// non-ASCII (validated as UTF-8).
constexpr std::array<bool, 256> make_special() {
  std::array<bool, 256> t{};
  for (int c = 0x80; c < 256; ++c) t[c] = true;
  t[0] = t[','] = t['\n'] = t['\r'] = true;
  return t;
}
constexpr std::array<bool, 256> kSpecial = make_special();

std::string where(std::uint64_t line, std::uint64_t field) {
  return "csv: line " + std::to_string(line) + ", field " + std::to_string(field);
}

class CsvReader {
 public:
  CsvReader(std::string_view text, const TableLimits& limits) : s_(text), limits_(limits) {}

  Table read();

 private:
  enum class End { Field, Record, Eof };

  // Parses the field at pos_; returns what ended it. `field` is 1-based for messages.
  End next_field(std::string_view* out, std::uint64_t field);
  void skip_blank_lines();
  void check_byte(std::size_t at, std::uint64_t field, std::size_t* skip);
  Column convert(std::size_t j, std::string name);

  std::string_view s_;
  const TableLimits& limits_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::deque<std::string> arena_;  // unquoted fields that differ from their bytes
  std::vector<std::vector<std::string_view>> cells_;  // per column
  std::vector<std::uint64_t> row_line_;               // line where each data row starts
};

// Validates the byte at `at` (called only for bytes >= 0x80 or NUL); *skip = its length.
void CsvReader::check_byte(std::size_t at, std::uint64_t field, std::size_t* skip) {
  const auto* p = reinterpret_cast<const unsigned char*>(s_.data()) + at;
  if (*p == 0)
    throw InputError(where(line_, field) + ": NUL byte (byte offset " + std::to_string(at) + ")");
  const std::size_t n = detail::utf8_sequence_length(
      p, reinterpret_cast<const unsigned char*>(s_.data()) + s_.size());
  if (n == 0) {
    throw InputError(where(line_, field) + ": invalid UTF-8 (byte offset " + std::to_string(at) +
                     ")");
  }
  *skip = n;
}

void CsvReader::skip_blank_lines() {
  // pandas skips empty lines and lines of only spaces/tabs (skip_blank_lines=True).
  while (pos_ < s_.size()) {
    std::size_t q = pos_;
    while (q < s_.size() && (s_[q] == ' ' || s_[q] == '\t')) ++q;
    if (q == s_.size()) {
      pos_ = q;
      return;
    }
    if (s_[q] == '\n') {
      pos_ = q + 1;
    } else if (s_[q] == '\r') {
      pos_ = q + 1 < s_.size() && s_[q + 1] == '\n' ? q + 2 : q + 1;
    } else {
      return;
    }
    ++line_;
  }
}

CsvReader::End CsvReader::next_field(std::string_view* out, std::uint64_t field) {
  const std::size_t n = s_.size();
  const std::uint64_t start_line = line_;
  std::size_t i = pos_;
  std::string* buf = nullptr;  // set once the field's text differs from its bytes
  std::string_view text;
  if (i < n && s_[i] == '"') {
    std::size_t seg = ++i;
    for (;;) {
      if (i >= n) {
        throw InputError(where(start_line, field) +
                         ": unterminated quoted field (opened at byte offset " +
                         std::to_string(pos_) + ")");
      }
      const char c = s_[i];
      if (c == '"') {
        if (i + 1 < n && s_[i + 1] == '"') {  // "" is one quote
          if (!buf) buf = &arena_.emplace_back();
          buf->append(s_.data() + seg, i + 1 - seg);
          i += 2;
          seg = i;
          continue;
        }
        break;
      }
      if (c == '\n') {
        ++line_;
      } else if (c == '\r') {
        if (!(i + 1 < n && s_[i + 1] == '\n')) ++line_;
      } else if (static_cast<unsigned char>(c) >= 0x80 || c == 0) {
        std::size_t skip;
        check_byte(i, field, &skip);
        i += skip;
        continue;
      }
      ++i;
      if (i - seg + (buf ? buf->size() : 0) > limits_.max_field_bytes) {
        throw LimitError(where(start_line, field) + ": field longer than max_field_bytes (" +
                         std::to_string(limits_.max_field_bytes) + ")");
      }
    }
    if (buf) {
      buf->append(s_.data() + seg, i - seg);
    } else {
      text = s_.substr(seg, i - seg);
    }
    ++i;  // the closing quote
    // pandas appends what follows the closing quote up to the delimiter: "ab"c is abc.
    const std::size_t tail = i;
    while (i < n && s_[i] != ',' && s_[i] != '\n' && s_[i] != '\r') {
      if (static_cast<unsigned char>(s_[i]) >= 0x80 || s_[i] == 0) {
        std::size_t skip;
        check_byte(i, field, &skip);
        i += skip;
      } else {
        ++i;
      }
    }
    if (i > tail) {
      if (!buf) buf = &arena_.emplace_back(text);
      buf->append(s_.data() + tail, i - tail);
    }
  } else {
    const std::size_t start = i;
    while (i < n) {
      const char c = s_[i];
      if (!kSpecial[static_cast<unsigned char>(c)]) {
        ++i;
        continue;
      }
      if (c == ',' || c == '\n' || c == '\r') break;
      if (static_cast<unsigned char>(c) >= 0x80 || c == 0) {
        std::size_t skip;
        check_byte(i, field, &skip);
        i += skip;
      } else {
        ++i;
      }
    }
    text = s_.substr(start, i - start);
  }
  if (buf) text = *buf;
  if (text.size() > limits_.max_field_bytes) {
    throw LimitError(where(start_line, field) + ": field longer than max_field_bytes (" +
                     std::to_string(limits_.max_field_bytes) + ")");
  }
  *out = text;
  if (i >= n) {
    pos_ = n;
    return End::Eof;
  }
  if (s_[i] == ',') {
    pos_ = i + 1;
    return End::Field;
  }
  pos_ = s_[i] == '\r' && i + 1 < n && s_[i + 1] == '\n' ? i + 2 : i + 1;
  ++line_;
  return End::Record;
}

Table CsvReader::read() {
  if (s_.size() > limits_.max_input_bytes) {
    throw LimitError("csv: input of " + std::to_string(s_.size()) +
                     " bytes exceeds max_input_bytes (" + std::to_string(limits_.max_input_bytes) +
                     ")");
  }
  if (s_.size() >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // BOM, as pandas

  skip_blank_lines();
  if (pos_ >= s_.size()) throw InputError("csv: no header row (empty input)");
  const std::uint64_t header_line = line_;
  std::vector<std::string_view> header;
  End end;
  do {
    if (header.size() >= limits_.max_columns) {
      throw LimitError(where(line_, header.size() + 1) + ": more columns than max_columns (" +
                       std::to_string(limits_.max_columns) + ")");
    }
    std::string_view f;
    end = next_field(&f, header.size() + 1);
    header.push_back(f);
  } while (end == End::Field);

  const std::size_t ncols = header.size();
  std::vector<std::string> names(ncols);
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t j = 0; j < ncols; ++j) {
    // pandas names an empty header field "Unnamed: <index>".
    names[j] = header[j].empty() ? "Unnamed: " + std::to_string(j) : std::string(header[j]);
  }
  for (std::size_t j = 0; j < ncols; ++j) {
    const auto [it, fresh] = seen.emplace(names[j], j);
    if (!fresh) {
      throw InputError(where(header_line, j + 1) + ": duplicate column name " +
                       detail::quoted_excerpt(names[j]) + " (also field " +
                       std::to_string(it->second + 1) + ")");
    }
  }

  // Room for as many rows as the input has line ends (an upper bound: blank lines and line
  // ends inside quotes count too), capped by the limits: one allocation per column.
  const std::size_t line_ends = static_cast<std::size_t>(
      std::count(s_.begin() + static_cast<std::ptrdiff_t>(pos_), s_.end(), '\n'));
  const std::uint64_t row_hint = std::min<std::uint64_t>(
      {line_ends + 1, limits_.max_rows, limits_.max_cells / std::max<std::size_t>(ncols, 1)});
  cells_.resize(ncols);
  for (auto& c : cells_) c.reserve(row_hint);
  row_line_.reserve(row_hint);
  std::uint64_t rows = 0;
  for (;;) {
    skip_blank_lines();
    if (pos_ >= s_.size()) break;
    if (rows >= limits_.max_rows) {
      throw LimitError("csv: line " + std::to_string(line_) + ": more rows than max_rows (" +
                       std::to_string(limits_.max_rows) + ")");
    }
    std::uint64_t cells = 0;
    if (__builtin_mul_overflow(rows + 1, ncols, &cells) || cells > limits_.max_cells) {
      throw LimitError("csv: line " + std::to_string(line_) + ": more cells than max_cells (" +
                       std::to_string(limits_.max_cells) + ")");
    }
    const std::uint64_t row_line = line_;
    std::size_t j = 0;
    do {
      if (j >= ncols) {
        throw InputError(where(row_line, j + 1) + ": expected " + std::to_string(ncols) +
                         " fields (as the header), saw more");
      }
      std::string_view f;
      end = next_field(&f, j + 1);
      cells_[j].push_back(f);
      ++j;
    } while (end == End::Field);
    if (j < ncols) {
      throw InputError(where(row_line, j) + ": expected " + std::to_string(ncols) +
                       " fields (as the header), saw " + std::to_string(j));
    }
    row_line_.push_back(row_line);
    ++rows;
  }

  std::vector<Column> columns;
  columns.reserve(ncols);
  for (std::size_t j = 0; j < ncols; ++j) {
    columns.push_back(convert(j, std::move(names[j])));
    cells_[j] = {};
  }
  return Table(std::move(columns));
}

// The column's type as pandas infers it (pandas/_libs/parsers.pyx _convert_with_dtype and
// _try_int64 / _try_uint64 / _try_double / _try_bool_flex), then the typed column. pandas
// tries int64 over the column first; the first field that is not an int64 decides the
// next attempt: out of int64's range → uint64, otherwise float64, then bool, then object.
Column CsvReader::convert(std::size_t j, std::string name) {
  enum Kind { Empty, Int, BigUInt, Float, Bool, Text };
  const std::vector<std::string_view>& cells = cells_[j];
  const std::size_t rows = cells.size();
  std::vector<std::uint8_t> na(rows);
  bool any_missing = false;
  bool any_value = false;
  for (std::size_t r = 0; r < rows; ++r) {
    na[r] = detail::is_na_text(cells[r]);
    any_missing = any_missing || na[r];
    any_value = any_value || !na[r];
  }
  Kind kind = any_value ? Int : Empty;
  std::size_t big_row = 0;
  std::int64_t iv;
  bool bv;
  detail::IntText fail = detail::IntText::Int;
  for (std::size_t r = 0; r < rows && kind == Int; ++r) {
    if (na[r]) continue;
    fail = detail::parse_int_text(cells[r], &iv);
    if (fail != detail::IntText::Int) kind = Float;  // a first guess, settled below
  }
  if (kind == Float && fail != detail::IntText::No) {
    // uint64: a value above uint64 makes the column object at once; a non-integer sends it
    // on to float64; a negative value (or a missing one) leaves it object at the end.
    bool negative = false;
    kind = BigUInt;
    for (std::size_t r = 0; r < rows; ++r) {
      if (na[r]) continue;
      // pandas' uint64 parser flags any field with a leading '-' as negative ("-0.0",
      // "-inf" too) and goes on.
      const std::size_t first = cells[r].find_first_not_of(" \t\n\r\v\f");
      if (first != std::string_view::npos && cells[r][first] == '-') {
        negative = true;
        continue;
      }
      const detail::IntText t = detail::parse_int_text(cells[r], &iv);
      if (t == detail::IntText::TooBig) {
        kind = Text;
        break;
      }
      if (t == detail::IntText::No) {
        kind = Float;
        break;
      }
      if (t == detail::IntText::BigUInt && kind == BigUInt && big_row == 0) big_row = r + 1;
    }
    if (kind == BigUInt && (negative || any_missing)) kind = Text;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> floats;  // the Float64 column, parsed once while deciding
  if (kind == Float) {
    floats.assign(rows, nan);
    for (std::size_t r = 0; r < rows; ++r) {
      if (!na[r] && !detail::parse_float_text(cells[r], &floats[r])) {
        kind = Bool;
        floats = {};
        break;
      }
    }
  }
  if (kind == Bool) {
    for (std::size_t r = 0; r < rows; ++r) {
      if (!na[r] && !detail::parse_bool_text(cells[r], &bv)) {
        kind = Text;
        break;
      }
    }
  }
  // pandas would make a uint64 column: it does not fit an int64 table, so it is refused.
  if (kind == BigUInt) {
    const std::size_t r = big_row - 1;
    throw InputError(where(row_line_[r], j + 1) + " (column " + detail::quoted_excerpt(name) +
                     "): integer " + detail::quoted_excerpt(cells[r]) +
                     " is beyond int64 (pandas would read a uint64 column)");
  }
  if (kind == Empty && rows == 0) kind = Text;  // pandas: object columns when no rows
  if (kind == Int && any_missing) kind = Float;
  switch (kind) {
    case Empty: {
      return Column::float64(std::move(name), std::vector<double>(rows, nan));
    }
    case Int: {
      std::vector<std::int64_t> v(rows);
      for (std::size_t r = 0; r < rows; ++r) detail::parse_int_text(cells[r], &v[r]);
      return Column::int64(std::move(name), std::move(v));
    }
    case Float: {
      if (floats.empty()) {  // an integer column with missing values
        floats.assign(rows, nan);
        for (std::size_t r = 0; r < rows; ++r) {
          if (!na[r] && detail::parse_int_text(cells[r], &iv) == detail::IntText::Int) {
            floats[r] = static_cast<double>(iv);
          }
        }
      }
      return Column::float64(std::move(name), std::move(floats));
    }
    case Bool: {
      std::vector<std::uint8_t> v(rows, 0);
      Column::Mask missing;
      if (any_missing) missing.assign(rows, 0);
      for (std::size_t r = 0; r < rows; ++r) {
        if (na[r]) {
          missing[r] = 1;
        } else {
          bool b = false;
          detail::parse_bool_text(cells[r], &b);
          v[r] = b;
        }
      }
      return Column::boolean(std::move(name), std::move(v), std::move(missing));
    }
    case BigUInt:
    case Text:
      break;
  }
  Column::Mask missing;
  if (any_missing) missing = std::move(na);
  // Every field was checked to be UTF-8 while tokenizing.
  return detail::ColumnFactory::string_of_valid_utf8(std::move(name), cells, std::move(missing));
}

}  // namespace

Table read_csv(std::string_view text, const TableLimits& limits) {
  return CsvReader(text, limits).read();
}

}  // namespace skops
