// TableBuilder: a table from row records.

#include <cmath>
#include <limits>

#include "skops/table.hpp"
#include "table_internal.hpp"

namespace skops {

namespace {

const char* kind_name(Cell::Kind k) {
  switch (k) {
    case Cell::Kind::Missing:
      return "missing";
    case Cell::Kind::Float:
      return "float";
    case Cell::Kind::Int:
      return "int";
    case Cell::Kind::Bool:
      return "bool";
    case Cell::Kind::String:
      return "string";
  }
  return "?";
}

}  // namespace

TableBuilder& TableBuilder::add_column(std::string name, ColumnType type) {
  if (rows_ != 0 || in_row_) throw InputError("add_column after rows were added");
  for (const Col& c : cols_) {
    if (c.name == name) throw InputError("duplicate column name " + detail::quoted_excerpt(name));
  }
  Col c;
  c.name = std::move(name);
  c.type = type;
  cols_.push_back(std::move(c));
  return *this;
}

void TableBuilder::push_missing(Col& col) {
  if (!col.any_missing) {
    col.missing.assign(rows_, 0);
    col.any_missing = true;
  }
  col.missing.push_back(1);
  switch (col.type) {
    case ColumnType::Float64:
      col.f.push_back(std::numeric_limits<double>::quiet_NaN());
      break;
    case ColumnType::Int64:
      col.i.push_back(0);
      break;
    case ColumnType::Bool:
      col.b.push_back(0);
      break;
    case ColumnType::String:
      col.s.emplace_back();
      break;
  }
}

void TableBuilder::push(Col& col, const Cell& cell, std::size_t row) {
  if (cell.kind() == Cell::Kind::Missing) {
    push_missing(col);
    return;
  }
  bool ok = true;
  switch (col.type) {
    case ColumnType::Float64:
      if (cell.kind() == Cell::Kind::Float)
        col.f.push_back(cell.float_value());
      else if (cell.kind() == Cell::Kind::Int)
        col.f.push_back(static_cast<double>(cell.int_value()));
      else
        ok = false;
      break;
    case ColumnType::Int64:
      if (cell.kind() == Cell::Kind::Int)
        col.i.push_back(cell.int_value());
      else
        ok = false;
      break;
    case ColumnType::Bool:
      if (cell.kind() == Cell::Kind::Bool)
        col.b.push_back(cell.bool_value());
      else
        ok = false;
      break;
    case ColumnType::String:
      if (cell.kind() == Cell::Kind::String)
        col.s.push_back(cell.string_value());
      else
        ok = false;
      break;
  }
  if (!ok) {
    throw InputError("row " + std::to_string(row) + ", column " + detail::quoted_excerpt(col.name) +
                     ": a " + kind_name(cell.kind()) + " cell in a " + to_string(col.type) +
                     " column");
  }
  if (col.any_missing) col.missing.push_back(0);
}

TableBuilder& TableBuilder::add_row(const std::vector<Cell>& cells) {
  if (in_row_) throw InputError("add_row inside begin_row/end_row");
  if (cells.size() != cols_.size()) {
    throw InputError("row " + std::to_string(rows_) + " has " + std::to_string(cells.size()) +
                     " cells for " + std::to_string(cols_.size()) + " columns");
  }
  // Check every cell first so that a refused row leaves the builder unchanged.
  for (std::size_t j = 0; j < cells.size(); ++j) {
    const Cell::Kind k = cells[j].kind();
    const ColumnType t = cols_[j].type;
    const bool fits =
        k == Cell::Kind::Missing ||
        (t == ColumnType::Float64 && (k == Cell::Kind::Float || k == Cell::Kind::Int)) ||
        (t == ColumnType::Int64 && k == Cell::Kind::Int) ||
        (t == ColumnType::Bool && k == Cell::Kind::Bool) ||
        (t == ColumnType::String && k == Cell::Kind::String);
    if (!fits) {
      throw InputError("row " + std::to_string(rows_) + ", column " +
                       detail::quoted_excerpt(cols_[j].name) + ": a " + kind_name(k) +
                       " cell in a " + to_string(t) + " column");
    }
  }
  for (std::size_t j = 0; j < cells.size(); ++j) push(cols_[j], cells[j], rows_);
  ++rows_;
  return *this;
}

TableBuilder& TableBuilder::begin_row() {
  if (in_row_) throw InputError("begin_row inside an unfinished row");
  in_row_ = true;
  row_set_.assign(cols_.size(), 0);
  return *this;
}

TableBuilder& TableBuilder::set(std::string_view name, const Cell& cell) {
  if (!in_row_) throw InputError("set outside begin_row/end_row");
  for (std::size_t j = 0; j < cols_.size(); ++j) {
    if (cols_[j].name != name) continue;
    if (row_set_[j]) {
      throw InputError("row " + std::to_string(rows_) + ", column " + detail::quoted_excerpt(name) +
                       ": set twice");
    }
    push(cols_[j], cell, rows_);
    row_set_[j] = 1;
    return *this;
  }
  throw InputError("row " + std::to_string(rows_) + ": no column named " +
                   detail::quoted_excerpt(name));
}

TableBuilder& TableBuilder::end_row() {
  if (!in_row_) throw InputError("end_row without begin_row");
  for (std::size_t j = 0; j < cols_.size(); ++j) {
    if (!row_set_[j]) push_missing(cols_[j]);
  }
  in_row_ = false;
  ++rows_;
  return *this;
}

Table TableBuilder::build() {
  if (in_row_) throw InputError("build inside an unfinished row");
  std::vector<Column> columns;
  columns.reserve(cols_.size());
  for (Col& c : cols_) {
    switch (c.type) {
      case ColumnType::Float64:
        columns.push_back(Column::float64(std::move(c.name), std::move(c.f)));
        break;
      case ColumnType::Int64:
        columns.push_back(Column::int64(std::move(c.name), std::move(c.i), std::move(c.missing)));
        break;
      case ColumnType::Bool:
        columns.push_back(Column::boolean(std::move(c.name), std::move(c.b), std::move(c.missing)));
        break;
      case ColumnType::String:
        columns.push_back(Column::string(std::move(c.name), c.s, std::move(c.missing)));
        break;
    }
  }
  cols_.clear();
  rows_ = 0;
  return Table(std::move(columns));
}

}  // namespace skops
