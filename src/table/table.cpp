// Column and Table: immutable, shared buffers; the numeric conversion for estimators.

#include "skops/table.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

#include "table_internal.hpp"

namespace skops {

namespace detail {

struct ColumnData {
  std::string name;
  ColumnType type = ColumnType::Float64;
  std::size_t size = 0;
  std::shared_ptr<const void> owner;  // keeps `values` alive (empty for caller views)
  const void* values = nullptr;       // double / int64 / uint8, per type
  std::vector<std::uint8_t> missing;  // empty: nothing missing (Float64: always empty)
  std::size_t missing_count = 0;
  std::string bytes;                   // String: all values, concatenated
  std::vector<std::uint64_t> offsets;  // String: size + 1 offsets into bytes
};

struct TableData {
  std::vector<Column> columns;
  std::vector<std::string> names;
  std::unordered_map<std::string_view, std::size_t> index;  // views into names
  std::size_t rows = 0;
  bool positional = false;
};

}  // namespace detail

namespace {

std::string column_label(const std::string& name) {
  return "column " + detail::quoted_excerpt(name);
}

std::size_t check_mask(const Column::Mask& missing, std::size_t size, const std::string& name) {
  if (missing.empty()) return 0;
  if (missing.size() != size) {
    throw InputError(column_label(name) + ": missing mask has " + std::to_string(missing.size()) +
                     " entries for " + std::to_string(size) + " rows");
  }
  std::size_t n = 0;
  for (const std::uint8_t m : missing) n += m != 0;
  return n;
}

Column::Mask normalised(Column::Mask missing, std::size_t count) {
  if (count == 0) return {};
  for (std::uint8_t& m : missing) m = m != 0;
  return missing;
}

// A column over caller memory (no owner: the caller keeps `data` alive), nothing missing.
std::shared_ptr<detail::ColumnData> view(std::string name, ColumnType type, const void* data,
                                         std::size_t size) {
  auto d = std::make_shared<detail::ColumnData>();
  d->name = std::move(name);
  d->type = type;
  d->size = size;
  d->values = data;
  return d;
}

// A column owning `values`.
template <class V>
std::shared_ptr<detail::ColumnData> adopt(std::string name, ColumnType type, V values) {
  auto owned = std::make_shared<const V>(std::move(values));
  auto d = view(std::move(name), type, owned->data(), owned->size());
  d->owner = std::move(owned);
  return d;
}

template <class S>
std::shared_ptr<detail::ColumnData> strings(std::string name, const std::vector<S>& values,
                                            Column::Mask missing, bool validate = true) {
  auto d = std::make_shared<detail::ColumnData>();
  d->name = std::move(name);
  d->type = ColumnType::String;
  d->size = values.size();
  d->missing_count = check_mask(missing, values.size(), d->name);
  d->missing = normalised(std::move(missing), d->missing_count);
  std::size_t total = 0;
  for (const auto& v : values) total += v.size();
  d->bytes.reserve(total);
  d->offsets.reserve(values.size() + 1);
  d->offsets.push_back(0);
  for (std::size_t r = 0; r < values.size(); ++r) {
    const std::string_view v(values[r]);
    if (!d->missing.empty() && d->missing[r]) {
      d->offsets.push_back(d->bytes.size());
      continue;
    }
    if (validate && detail::invalid_utf8_offset(v) != std::string_view::npos) {
      throw InputError(column_label(d->name) + ", row " + std::to_string(r) +
                       ": string is not valid UTF-8");
    }
    d->bytes.append(v);
    d->offsets.push_back(d->bytes.size());
  }
  return d;
}

}  // namespace

const char* to_string(ColumnType type) noexcept {
  switch (type) {
    case ColumnType::Float64:
      return "float64";
    case ColumnType::Int64:
      return "int64";
    case ColumnType::Bool:
      return "bool";
    case ColumnType::String:
      return "string";
  }
  return "?";
}

Column::Column() : Column(adopt(std::string(), ColumnType::Float64, std::vector<double>())) {}
Column::Column(std::shared_ptr<const detail::ColumnData> d) : d_(std::move(d)) {}

Column Column::float64(std::string name, std::vector<double> values) {
  return Column(adopt(std::move(name), ColumnType::Float64, std::move(values)));
}

Column Column::float64_view(std::string name, const double* data, std::size_t size) {
  return Column(view(std::move(name), ColumnType::Float64, data, size));
}

Column Column::int64(std::string name, std::vector<std::int64_t> values, Mask missing) {
  const std::size_t count = check_mask(missing, values.size(), name);
  auto d = adopt(std::move(name), ColumnType::Int64, std::move(values));
  d->missing_count = count;
  d->missing = normalised(std::move(missing), count);
  return Column(std::move(d));
}

Column Column::int64_view(std::string name, const std::int64_t* data, std::size_t size) {
  return Column(view(std::move(name), ColumnType::Int64, data, size));
}

Column Column::boolean(std::string name, std::vector<std::uint8_t> values, Mask missing) {
  const std::size_t count = check_mask(missing, values.size(), name);
  for (std::uint8_t& v : values) v = v != 0;
  auto d = adopt(std::move(name), ColumnType::Bool, std::move(values));
  d->missing_count = count;
  d->missing = normalised(std::move(missing), count);
  return Column(std::move(d));
}

Column Column::string(std::string name, const std::vector<std::string>& values, Mask missing) {
  return Column(strings(std::move(name), values, std::move(missing)));
}

Column Column::string(std::string name, const std::vector<std::string_view>& values, Mask missing) {
  return Column(strings(std::move(name), values, std::move(missing)));
}

Column detail::ColumnFactory::string_of_valid_utf8(std::string name,
                                                   const std::vector<std::string_view>& values,
                                                   Column::Mask missing) {
  return Column(strings(std::move(name), values, std::move(missing), false));
}

const std::string& Column::name() const noexcept { return d_->name; }
ColumnType Column::type() const noexcept { return d_->type; }
std::size_t Column::size() const noexcept { return d_->size; }

const char* Column::pandas_dtype() const noexcept {
  switch (d_->type) {
    case ColumnType::Float64:
      return "float64";
    case ColumnType::Int64:
      return d_->missing_count ? "Int64" : "int64";
    case ColumnType::Bool:
      return d_->missing_count ? "object" : "bool";
    case ColumnType::String:
      return "object";
  }
  return "?";
}

std::size_t Column::missing_count() const noexcept {
  if (d_->type != ColumnType::Float64) return d_->missing_count;
  const auto* v = static_cast<const double*>(d_->values);
  std::size_t n = 0;
  for (std::size_t i = 0; i < d_->size; ++i) n += std::isnan(v[i]);
  return n;
}

bool Column::is_missing(std::size_t row) const noexcept {
  if (row >= d_->size) return false;
  if (d_->type == ColumnType::Float64)
    return std::isnan(static_cast<const double*>(d_->values)[row]);
  return !d_->missing.empty() && d_->missing[row] != 0;
}

Column::Mask Column::missing_mask() const {
  if (d_->type != ColumnType::Float64) {
    return d_->missing.empty() ? Mask(d_->size, 0) : d_->missing;
  }
  Mask m(d_->size);
  const auto* v = static_cast<const double*>(d_->values);
  for (std::size_t i = 0; i < d_->size; ++i) m[i] = std::isnan(v[i]);
  return m;
}

namespace {
[[noreturn]] void wrong_type(const detail::ColumnData& d, ColumnType wanted) {
  throw InputError(column_label(d.name) + " is " + to_string(d.type) + ", not " +
                   to_string(wanted));
}
}  // namespace

ConstSpan<double> Column::float64() const {
  if (d_->type != ColumnType::Float64) wrong_type(*d_, ColumnType::Float64);
  return {static_cast<const double*>(d_->values), d_->size};
}

ConstSpan<std::int64_t> Column::int64() const {
  if (d_->type != ColumnType::Int64) wrong_type(*d_, ColumnType::Int64);
  return {static_cast<const std::int64_t*>(d_->values), d_->size};
}

ConstSpan<std::uint8_t> Column::boolean() const {
  if (d_->type != ColumnType::Bool) wrong_type(*d_, ColumnType::Bool);
  return {static_cast<const std::uint8_t*>(d_->values), d_->size};
}

std::string_view Column::string_at(std::size_t row) const {
  if (d_->type != ColumnType::String) wrong_type(*d_, ColumnType::String);
  if (row >= d_->size) {
    throw InputError(column_label(d_->name) + ": row " + std::to_string(row) + " out of range (" +
                     std::to_string(d_->size) + " rows)");
  }
  const std::uint64_t b = d_->offsets[row];
  return std::string_view(d_->bytes).substr(b, d_->offsets[row + 1] - b);
}

double Column::as_double(std::size_t row) const {
  if (row >= d_->size) {
    throw InputError(column_label(d_->name) + ": row " + std::to_string(row) + " out of range (" +
                     std::to_string(d_->size) + " rows)");
  }
  if (d_->type == ColumnType::Float64) return static_cast<const double*>(d_->values)[row];
  if (d_->type == ColumnType::String) {
    throw InputError(column_label(d_->name) + " holds strings, not numbers");
  }
  if (!d_->missing.empty() && d_->missing[row]) return std::numeric_limits<double>::quiet_NaN();
  if (d_->type == ColumnType::Int64) {
    return static_cast<double>(static_cast<const std::int64_t*>(d_->values)[row]);
  }
  return static_cast<const std::uint8_t*>(d_->values)[row] ? 1.0 : 0.0;
}

// ---------------------------------------------------------------------------------------

Table::Table() : d_(std::make_shared<detail::TableData>()) {}

Table::Table(std::vector<Column> columns) {
  auto d = std::make_shared<detail::TableData>();
  d->rows = columns.empty() ? 0 : columns.front().size();
  d->names.reserve(columns.size());
  for (const Column& c : columns) {
    if (detail::invalid_utf8_offset(c.name()) != std::string_view::npos) {
      throw InputError("column name " + std::to_string(d->names.size()) + " is not valid UTF-8");
    }
    if (c.size() != d->rows) {
      throw InputError(column_label(c.name()) + " has " + std::to_string(c.size()) +
                       " rows, the first column " + std::to_string(d->rows));
    }
    d->names.push_back(c.name());
  }
  d->index.reserve(d->names.size());
  for (std::size_t i = 0; i < d->names.size(); ++i) {
    if (!d->index.emplace(d->names[i], i).second) {
      throw InputError("duplicate column name " + detail::quoted_excerpt(d->names[i]));
    }
  }
  d->columns = std::move(columns);
  d_ = std::move(d);
}

Table Table::positional(std::vector<Column> columns) {
  auto d = std::make_shared<detail::TableData>();
  d->rows = columns.empty() ? 0 : columns.front().size();
  for (const Column& c : columns) {
    if (c.size() != d->rows) {
      throw InputError(column_label(c.name()) + " has " + std::to_string(c.size()) +
                       " rows, the first column " + std::to_string(d->rows));
    }
    d->names.push_back(c.name());
  }
  d->columns = std::move(columns);
  d->positional = true;
  Table t;
  t.d_ = std::move(d);
  return t;
}

bool Table::has_names() const noexcept { return !d_->positional; }

std::size_t Table::n_rows() const noexcept { return d_->rows; }
std::size_t Table::n_cols() const noexcept { return d_->columns.size(); }
const std::vector<std::string>& Table::column_names() const noexcept { return d_->names; }

const Column& Table::column(std::size_t index) const {
  if (index >= d_->columns.size()) {
    throw InputError("column index " + std::to_string(index) + " out of range (" +
                     std::to_string(d_->columns.size()) + " columns)");
  }
  return d_->columns[index];
}

const Column& Table::column(std::string_view name) const {
  const auto i = find(name);
  if (!i) throw InputError("no column named " + detail::quoted_excerpt(name));
  return d_->columns[*i];
}

std::optional<std::size_t> Table::find(std::string_view name) const noexcept {
  const auto it = d_->index.find(name);
  if (it == d_->index.end()) return std::nullopt;
  return it->second;
}

std::vector<std::size_t> Table::select(const std::vector<std::string>& names) const {
  std::vector<std::size_t> out;
  out.reserve(names.size());
  for (const std::string& n : names) {
    const auto i = find(n);
    if (!i) throw InputError("no column named " + detail::quoted_excerpt(n));
    out.push_back(*i);
  }
  return out;
}

std::vector<std::size_t> Table::select(const std::vector<bool>& mask) const {
  if (mask.size() != n_cols()) {
    throw InputError("column mask has " + std::to_string(mask.size()) + " entries for " +
                     std::to_string(n_cols()) + " columns");
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < mask.size(); ++i) {
    if (mask[i]) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> Table::select(ColumnType type) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n_cols(); ++i) {
    if (d_->columns[i].type() == type) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> Table::numeric_columns() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n_cols(); ++i) {
    if (d_->columns[i].type() != ColumnType::String) out.push_back(i);
  }
  return out;
}

std::vector<double> Table::to_float64(const std::vector<std::size_t>& columns) const {
  const std::size_t k = columns.size();
  for (const std::size_t c : columns) {
    if (column(c).type() == ColumnType::String) {
      throw InputError(column_label(column(c).name()) + " holds strings, not numbers");
    }
  }
  std::vector<double> out(n_rows() * k);
  for (std::size_t j = 0; j < k; ++j) {
    const Column& col = d_->columns[columns[j]];
    if (col.type() == ColumnType::Float64) {
      const auto v = col.float64();
      for (std::size_t r = 0; r < n_rows(); ++r) out[r * k + j] = v[r];
    } else {
      for (std::size_t r = 0; r < n_rows(); ++r) out[r * k + j] = col.as_double(r);
    }
  }
  return out;
}

NdArray Table::to_ndarray(const std::vector<std::size_t>& columns) const {
  return NdArray::from_vector(to_float64(columns), {static_cast<std::int64_t>(n_rows()),
                                                    static_cast<std::int64_t>(columns.size())});
}

}  // namespace skops
