#pragma once
/// \file table.hpp
/// A typed table: the C++ equivalent of the pandas DataFrame a model was fitted on, and the
/// readers that make one from untrusted CSV, JSON and structured `.npy` input.
///
/// A Table is a list of named columns (names unique, UTF-8) of equal length. Each column is
/// float64, int64, bool or string (UTF-8), each may hold missing values:
/// - Float64: NaN is missing (as pandas); there is no separate mask.
/// - Int64: an optional mask (pandas' nullable "Int64"). The readers never make one: as
///   pandas, an integer column with a missing value is read as Float64.
/// - Bool: an optional mask. pandas turns a bool column with missing values into an object
///   column holding True/False/NaN; pandas_dtype() reports "object" for such a column.
/// - String: an optional mask (pandas' object column of str with NaN for missing).
/// Tables and columns are immutable after construction; copies share their buffers, and
/// every const member function is safe to call from several threads at once.
/// See docs/table.md for the reading rules and where they differ from pandas.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skops/error.hpp"
#include "skops/ndarray.hpp"

namespace skops {

enum class ColumnType { Float64, Int64, Bool, String };

/// "float64", "int64", "bool", "string".
const char* to_string(ColumnType type) noexcept;

/// A read-only view of contiguous elements (std::span is C++20).
template <class T>
class ConstSpan {
 public:
  ConstSpan() = default;
  ConstSpan(const T* data, std::size_t size) : data_(data), size_(size) {}
  const T* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

namespace detail {
struct ColumnData;
struct TableData;
struct ColumnFactory;
}  // namespace detail

/// One named, typed column. Cheap to copy (shared, immutable buffers).
class Column {
 public:
  /// Missing masks: one byte per row, nonzero = missing; empty = nothing missing.
  using Mask = std::vector<std::uint8_t>;

  /// Adopts `values` (moved, no copy); NaN is missing.
  static Column float64(std::string name, std::vector<double> values);
  /// Views caller memory without copying: the caller keeps `data` alive and unchanged as long
  /// as any Column or Table refers to it.
  static Column float64_view(std::string name, const double* data, std::size_t size);
  /// Adopts `values` and `missing` (moved). Throws InputError if a non-empty mask has another
  /// length. Values at missing rows are kept but meaningless.
  static Column int64(std::string name, std::vector<std::int64_t> values, Mask missing = {});
  /// Views caller memory without copying (lifetime as float64_view); nothing missing.
  static Column int64_view(std::string name, const std::int64_t* data, std::size_t size);
  /// Values 0/1 (any nonzero byte is normalised to 1). Throws as int64().
  static Column boolean(std::string name, std::vector<std::uint8_t> values, Mask missing = {});
  /// One copy of the strings into a contiguous buffer. Throws InputError if a string is not
  /// valid UTF-8 (naming the row) or a non-empty mask has another length.
  static Column string(std::string name, const std::vector<std::string>& values, Mask missing = {});
  static Column string(std::string name, const std::vector<std::string_view>& values,
                       Mask missing = {});

  Column();
  const std::string& name() const noexcept;
  ColumnType type() const noexcept;
  std::size_t size() const noexcept;
  /// pandas' dtype of this column as read_csv would make it: "float64", "int64", "bool",
  /// or "object" (strings; bool with missing values); "Int64" for an int64 with missing.
  const char* pandas_dtype() const noexcept;

  std::size_t missing_count() const noexcept;
  bool is_missing(std::size_t row) const noexcept;
  /// One byte per row, 1 = missing (for Float64: NaN).
  Mask missing_mask() const;

  /// Typed views; each throws InputError naming the column if the type differs.
  ConstSpan<double> float64() const;
  ConstSpan<std::int64_t> int64() const;    ///< values at missing rows unspecified
  ConstSpan<std::uint8_t> boolean() const;  ///< 0/1; values at missing rows unspecified
  /// Row `row` of a String column ("" when missing); throws InputError if not String or out
  /// of range.
  std::string_view string_at(std::size_t row) const;
  /// A numeric, bool (0/1) cell as double, NaN when missing; throws InputError for String.
  double as_double(std::size_t row) const;

 private:
  explicit Column(std::shared_ptr<const detail::ColumnData> d);
  std::shared_ptr<const detail::ColumnData> d_;
  friend class Table;
  friend struct detail::ColumnFactory;  // readers that validated their text already
};

/// An immutable table of equal-length columns with unique names.
class Table {
 public:
  Table();
  /// Throws InputError on duplicate names, a name that is not valid UTF-8, or columns of
  /// different lengths.
  explicit Table(std::vector<Column> columns);
  /// A table without feature names: what a numpy array (e.g. an object array holding
  /// strings) is to scikit-learn. Columns are addressed by position; their names (which may
  /// repeat) only label messages; find() and select(names) find nothing, and estimators
  /// fitted on named columns do not check names against it. Throws as the constructor for
  /// unequal lengths.
  static Table positional(std::vector<Column> columns);
  /// False for a positional table.
  bool has_names() const noexcept;

  std::size_t n_rows() const noexcept;
  std::size_t n_cols() const noexcept;
  const std::vector<std::string>& column_names() const noexcept;
  /// Throws InputError when out of range / not found (naming it).
  const Column& column(std::size_t index) const;
  const Column& column(std::string_view name) const;
  std::optional<std::size_t> find(std::string_view name) const noexcept;

  /// Column indices for the estimator layer (ColumnTransformer by name, bool mask, dtype).
  /// Throw InputError when a name is unknown / the mask has another length.
  std::vector<std::size_t> select(const std::vector<std::string>& names) const;
  std::vector<std::size_t> select(const std::vector<bool>& mask) const;
  std::vector<std::size_t> select(ColumnType type) const;
  /// Float64, Int64 and Bool columns, in order (what make_column_selector(dtype_include=
  /// np.number) would take, plus bool).
  std::vector<std::size_t> numeric_columns() const;

  /// Row-major float64 copy of the given columns: n_rows × columns.size(). Int64 and Bool
  /// (0/1) become double, missing values NaN. Throws InputError for a String column or an
  /// index out of range.
  std::vector<double> to_float64(const std::vector<std::size_t>& columns) const;
  /// The same as a 2-d float64 NdArray of shape (n_rows, columns.size()).
  NdArray to_ndarray(const std::vector<std::size_t>& columns) const;

 private:
  std::shared_ptr<const detail::TableData> d_;
};

/// One cell for TableBuilder: missing, a number, a bool or a UTF-8 string.
class Cell {
 public:
  enum class Kind { Missing, Float, Int, Bool, String };
  Cell() = default;
  Cell(std::nullopt_t) {}                            // NOLINT(google-explicit-constructor)
  Cell(double v) : kind_(Kind::Float), f_(v) {}      // NOLINT
  Cell(std::int64_t v) : kind_(Kind::Int), i_(v) {}  // NOLINT
  Cell(int v) : kind_(Kind::Int), i_(v) {}           // NOLINT
  Cell(bool v) : kind_(Kind::Bool), b_(v) {}         // NOLINT
  Cell(std::string v) : kind_(Kind::String), s_(std::move(v)) {}  // NOLINT
  Cell(std::string_view v) : kind_(Kind::String), s_(v) {}        // NOLINT
  Cell(const char* v) : kind_(Kind::String), s_(v) {}             // NOLINT

  Kind kind() const noexcept { return kind_; }
  double float_value() const noexcept { return f_; }
  std::int64_t int_value() const noexcept { return i_; }
  bool bool_value() const noexcept { return b_; }
  const std::string& string_value() const noexcept { return s_; }

 private:
  Kind kind_ = Kind::Missing;
  double f_ = 0;
  std::int64_t i_ = 0;
  bool b_ = false;
  std::string s_;
};

/// Builds a Table from row records: declare the columns, then add rows positionally or cell
/// by name. Cells not set in a row are missing. A Float64 column takes floats and ints, an
/// Int64 column ints, a Bool column bools, a String column strings; any cell may be missing.
class TableBuilder {
 public:
  /// Throws InputError on a duplicate name or after rows were added.
  TableBuilder& add_column(std::string name, ColumnType type);
  /// Throws InputError (naming row and column) if cells.size() != columns or a cell's kind
  /// does not fit its column.
  TableBuilder& add_row(const std::vector<Cell>& cells);
  /// Row by name: begin_row(), set() some cells, end_row().
  TableBuilder& begin_row();
  /// Throws InputError on an unknown name, outside begin_row/end_row, or a cell that does
  /// not fit its column.
  TableBuilder& set(std::string_view name, const Cell& cell);
  TableBuilder& end_row();
  std::size_t n_rows() const noexcept { return rows_; }
  /// The table; the builder is left empty. Throws InputError inside an unfinished row.
  Table build();

 private:
  struct Col {
    std::string name;
    ColumnType type;
    std::vector<double> f;
    std::vector<std::int64_t> i;
    std::vector<std::uint8_t> b;
    std::vector<std::string> s;
    Column::Mask missing;
    bool any_missing = false;
  };
  void push(Col& col, const Cell& cell, std::size_t row);
  void push_missing(Col& col);
  std::vector<Col> cols_;
  std::size_t rows_ = 0;
  bool in_row_ = false;
  std::vector<std::uint8_t> row_set_;
};

/// Caps applied while reading untrusted tables, each checked as the input is read (nothing
/// is allocated from a size the input declares). Exceeding one throws LimitError naming it.
struct TableLimits {
  /// Bytes of the whole input.
  std::uint64_t max_input_bytes = 256ull << 20;
  /// Data rows (the CSV header row not counted).
  std::uint64_t max_rows = 10'000'000;
  /// Columns.
  std::uint64_t max_columns = 10'000;
  /// Bytes of one field (CSV field after unquoting, JSON string) or column name.
  std::uint64_t max_field_bytes = 1ull << 20;
  /// rows × columns.
  std::uint64_t max_cells = 20'000'000;
  /// Nesting depth of JSON (split and records layouts need 3).
  std::uint32_t max_json_depth = 32;
};

/// Reads CSV text with pandas.read_csv's default rules (header row, ',' delimiter, '"'
/// quotes with "" escapes, LF/CRLF/CR line ends, blank lines skipped, a leading UTF-8 BOM
/// stripped, pandas' default NA strings, per-column type inference; docs/table.md).
/// Throws InputError with the 1-based line and field (ragged row, unterminated quote,
/// invalid UTF-8, NUL byte, duplicate column name, empty input, a column pandas would read
/// as uint64) and LimitError naming the TableLimits field and the line.
Table read_csv(std::string_view text, const TableLimits& limits = {});

/// Reads JSON in pandas' "split" layout {"columns": [...], "data": [[...], ...]} (an
/// "index" member is allowed and ignored) or "records" layout [{"col": v, ...}, ...]
/// (records may miss keys: missing, as pandas). null is missing. Throws InputError (syntax,
/// duplicate keys or column names, ragged rows, a nested value, a column mixing strings,
/// numbers and bools, numbers beyond int64 in an integer column) with the JSON pointer of
/// the fault in Error::json_pointer(), and LimitError.
Table read_json_table(std::string_view text, const TableLimits& limits = {});

/// A 1-d structured array (fields of bool, int, uint, float, unicode or bytes dtypes) as a
/// table: field names become column names, float16/32/64 → Float64 (NaN missing), integers
/// → Int64, bool → Bool, unicode/bytes (UTF-8) → String. Padding fields (empty names) are
/// skipped. Throws UnsupportedError (not structured 1-d, sub-array or nested field, complex
/// field, uint64 value beyond int64), InputError (bytes not UTF-8), LimitError.
Table table_from_npy(const NdArray& array, const TableLimits& limits = {});
/// read_npy (limits derived from `limits`) then table_from_npy; also throws NpyError.
Table read_npy_table(const ByteView& bytes, const TableLimits& limits = {});

/// Documents (a 1-d array of str, what text models take) from JSON: the top level an array
/// of strings, e.g. `["good film", "bad plot"]`. Returns nullopt when the text is not such an
/// array (read it as a table then). Throws InputError for a non-string item after the first
/// (naming it), LimitError (max_input_bytes, max_rows, max_field_bytes).
std::optional<std::vector<std::string>> read_json_documents(std::string_view text,
                                                            const TableLimits& limits = {});
/// A 1-d '<U' or 'S' array as documents (strings as NdArray::to_strings gives them);
/// nullopt for any other array.
std::optional<std::vector<std::string>> documents_from_npy(const NdArray& a);

enum class TableFormat { Auto, Csv, Json, Npy };

/// Format by file extension (.csv, .json, .npy; case-insensitive); throws UnsupportedError
/// for any other extension.
TableFormat table_format_for_path(std::string_view path);

/// Reads bytes in the given format; Auto sniffs: the `.npy` magic → Npy, a first non-blank
/// byte '{' or '[' → Json, else Csv.
Table read_table(std::string_view bytes, TableFormat format = TableFormat::Auto,
                 const TableLimits& limits = {});

/// Reads a file; Auto chooses by extension (table_format_for_path). Throws IoError, and
/// LimitError as soon as more than limits.max_input_bytes have been read (the size the file
/// system reports is not trusted); then as the reader, with Error::entry() the path.
Table read_table_file(const std::string& path, TableFormat format = TableFormat::Auto,
                      const TableLimits& limits = {});

}  // namespace skops
