// libFuzzer target: arbitrary bytes as CSV (skops::read_csv). Any skops::Error is a correct
// rejection; crashes, sanitizer reports, hangs and large allocations are bugs.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "skops/error.hpp"
#include "skops/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  skops::TableLimits limits;
  limits.max_field_bytes = 1 << 16;
  limits.max_columns = 1 << 12;
  limits.max_cells = 1 << 20;
  try {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const skops::Table t = skops::read_csv(text, limits);
    // A table read is consistent: every column has n_rows cells, names resolve to their
    // index, numeric columns convert, string cells are in range.
    for (std::size_t c = 0; c < t.n_cols(); ++c) {
      const skops::Column& col = t.column(c);
      if (col.size() != t.n_rows()) __builtin_trap();
      if (t.find(col.name()) != c) __builtin_trap();
      if (col.missing_mask().size() != t.n_rows()) __builtin_trap();
      if (col.type() == skops::ColumnType::String) {
        for (std::size_t r = 0; r < t.n_rows(); ++r) {
          if (col.is_missing(r) && !col.string_at(r).empty()) __builtin_trap();
        }
      }
    }
    const std::vector<double> m = t.to_float64(t.numeric_columns());
    if (m.size() != t.n_rows() * t.numeric_columns().size()) __builtin_trap();
    // The same bytes through the format chooser give the same shape.
    if (size > 0 && data[0] != '{' && data[0] != '[' && data[0] != ' ' && data[0] != '\t' &&
        data[0] != '\n' && data[0] != '\r' && data[0] != 0x93 && data[0] != 0xEF) {
      const skops::Table u = skops::read_table(text, skops::TableFormat::Auto, limits);
      if (u.n_rows() != t.n_rows() || u.n_cols() != t.n_cols()) __builtin_trap();
    }
  } catch (const skops::Error&) {
  }
  return 0;
}
