// Prints the tables skops-cpp reads from files as JSON lines, for the comparison with pandas
// in tests/interop/table_vs_pandas.py:
//   table_dump FILE...   one line per file: {"file": F, "columns": [...]} or {"file": F, "error":
//   E}
// Floats are printed shortest round-trip ("nan", "inf", "-inf" spelled out), int64 as
// decimal strings, bools as true/false, strings as JSON strings, missing as null.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "skops/table.hpp"

namespace {

std::string float_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    nlohmann::json out;
    out["file"] = argv[i];
    try {
      const skops::Table t = skops::read_table_file(argv[i]);
      nlohmann::json cols = nlohmann::json::array();
      for (std::size_t c = 0; c < t.n_cols(); ++c) {
        const skops::Column& col = t.column(c);
        nlohmann::json values = nlohmann::json::array();
        for (std::size_t r = 0; r < t.n_rows(); ++r) {
          if (col.type() == skops::ColumnType::Float64) {
            values.push_back(float_text(col.float64()[r]));
          } else if (col.is_missing(r)) {
            values.push_back(nullptr);
          } else if (col.type() == skops::ColumnType::Int64) {
            values.push_back(std::to_string(col.int64()[r]));
          } else if (col.type() == skops::ColumnType::Bool) {
            values.push_back(col.boolean()[r] != 0);
          } else {
            values.push_back(std::string(col.string_at(r)));
          }
        }
        cols.push_back({{"name", col.name()}, {"dtype", col.pandas_dtype()}, {"values", values}});
      }
      out["columns"] = cols;
    } catch (const skops::Error& e) {
      out["error"] = e.what();
    }
    std::printf("%s\n", out.dump().c_str());
  }
  return 0;
}
