// A 1-d structured `.npy` array (numpy's record array, e.g. from DataFrame.to_records) as a
// table: one column per named field.

#include <cmath>
#include <cstring>
#include <limits>

#include "../core/utf8.hpp"
#include "skops/npy.hpp"
#include "skops/table.hpp"
#include "table_internal.hpp"

namespace skops {

namespace {

template <class T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

std::int64_t load_int(const std::uint8_t* p, DTypeKind kind, std::uint64_t size,
                      const std::string& name, std::size_t row) {
  if (kind == DTypeKind::Int) {
    switch (size) {
      case 1:
        return load<std::int8_t>(p);
      case 2:
        return load<std::int16_t>(p);
      case 4:
        return load<std::int32_t>(p);
      default:
        return load<std::int64_t>(p);
    }
  }
  switch (size) {
    case 1:
      return load<std::uint8_t>(p);
    case 2:
      return load<std::uint16_t>(p);
    case 4:
      return load<std::uint32_t>(p);
    default: {
      const auto u = load<std::uint64_t>(p);
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        throw UnsupportedError("npy table: field " + detail::quoted_excerpt(name) + ", row " +
                               std::to_string(row) + ": uint64 value beyond int64");
      }
      return static_cast<std::int64_t>(u);
    }
  }
}

}  // namespace

Table table_from_npy(const NdArray& array, const TableLimits& limits) {
  const DType& dtype = array.dtype();
  if (!dtype.is_structured() || array.ndim() != 1) {
    throw UnsupportedError("npy table: expected a 1-d structured array (named fields), got " +
                           dtype.name() + " with " + std::to_string(array.ndim()) + " dimensions");
  }
  const std::size_t rows = static_cast<std::size_t>(array.dim(0));
  if (rows > limits.max_rows) {
    throw LimitError("npy table: " + std::to_string(rows) + " rows exceed max_rows (" +
                     std::to_string(limits.max_rows) + ")");
  }
  std::size_t named = 0;
  for (const DTypeField& f : dtype.fields()) named += !f.name.empty();
  if (named > limits.max_columns) {
    throw LimitError("npy table: " + std::to_string(named) + " fields exceed max_columns (" +
                     std::to_string(limits.max_columns) + ")");
  }
  std::uint64_t cells = 0;
  if (__builtin_mul_overflow(static_cast<std::uint64_t>(rows), static_cast<std::uint64_t>(named),
                             &cells) ||
      cells > limits.max_cells) {
    throw LimitError("npy table: more cells than max_cells (" + std::to_string(limits.max_cells) +
                     ")");
  }
  const std::uint64_t stride = dtype.itemsize();
  const std::uint8_t* base = array.bytes();
  std::vector<Column> columns;
  for (const DTypeField& f : dtype.fields()) {
    if (f.name.empty()) continue;  // padding
    const DType& t = *f.type;
    const std::string where = "npy table: field " + detail::quoted_excerpt(f.name);
    if (!f.subshape.empty() || t.is_structured()) {
      throw UnsupportedError(where + ": sub-array and nested fields are not table columns");
    }
    const std::uint64_t size = t.itemsize();
    switch (t.kind()) {
      case DTypeKind::Float: {
        if (size != 2 && size != 4 && size != 8)
          throw UnsupportedError(where + ": float of " + std::to_string(size) + " bytes");
        std::vector<double> v(rows);
        for (std::size_t r = 0; r < rows; ++r) {
          const std::uint8_t* p = base + r * stride + f.offset;
          v[r] = size == 8   ? load<double>(p)
                 : size == 4 ? load<float>(p)
                             : half_to_double(load<std::uint16_t>(p));
        }
        columns.push_back(Column::float64(f.name, std::move(v)));
        break;
      }
      case DTypeKind::Int:
      case DTypeKind::UInt: {
        if (size != 1 && size != 2 && size != 4 && size != 8)
          throw UnsupportedError(where + ": integer of " + std::to_string(size) + " bytes");
        std::vector<std::int64_t> v(rows);
        for (std::size_t r = 0; r < rows; ++r) {
          v[r] = load_int(base + r * stride + f.offset, t.kind(), size, f.name, r);
        }
        columns.push_back(Column::int64(f.name, std::move(v)));
        break;
      }
      case DTypeKind::Bool: {
        std::vector<std::uint8_t> v(rows);
        for (std::size_t r = 0; r < rows; ++r) v[r] = base[r * stride + f.offset] != 0;
        columns.push_back(Column::boolean(f.name, std::move(v)));
        break;
      }
      case DTypeKind::Unicode:
      case DTypeKind::Bytes: {
        if (size > limits.max_field_bytes) {
          throw LimitError(where + ": strings of " + std::to_string(size) +
                           " bytes exceed max_field_bytes (" +
                           std::to_string(limits.max_field_bytes) + ")");
        }
        std::vector<std::string> v(rows);
        for (std::size_t r = 0; r < rows; ++r) {
          const std::uint8_t* p = base + r * stride + f.offset;
          std::string& s = v[r];
          if (t.kind() == DTypeKind::Bytes) {
            std::size_t n = size;
            while (n > 0 && p[n - 1] == 0) --n;
            s.assign(reinterpret_cast<const char*>(p), n);
            continue;  // UTF-8 is checked by Column::string
          }
          std::size_t n = size / 4;
          while (n > 0 && load<std::uint32_t>(p + 4 * (n - 1)) == 0) --n;
          for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t cp = load<std::uint32_t>(p + 4 * k);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              throw InputError(where + ", row " + std::to_string(r) + ": invalid code point " +
                               std::to_string(cp));
            }
            detail::append_utf8(s, cp);
          }
        }
        columns.push_back(Column::string(f.name, v));
        break;
      }
      default:
        throw UnsupportedError(where + ": dtype " + t.name() + " is not a table column type");
    }
  }
  return Table(std::move(columns));
}

Table read_npy_table(const ByteView& bytes, const TableLimits& limits) {
  if (bytes.size > limits.max_input_bytes) {
    throw LimitError("npy table: input of " + std::to_string(bytes.size) +
                     " bytes exceeds max_input_bytes (" + std::to_string(limits.max_input_bytes) +
                     ")");
  }
  Limits npy_limits;
  npy_limits.max_array_elements = limits.max_rows;
  return table_from_npy(read_npy(bytes, npy_limits, "table.npy"), limits);
}

}  // namespace skops
