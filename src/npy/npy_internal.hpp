#pragma once
// Internals of the npy component, shared by its source files only.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "skops/limits.hpp"
#include "skops/ndarray.hpp"
#include "skops/npy.hpp"

namespace skops::npy_detail {

// ---- Python literal (header_literal.cpp) --------------------------------------------------

/// The subset of Python literals a `.npy` header may contain. The header is only ever read as
/// data: nothing here can call, import or evaluate anything.
struct PyValue {
  enum class Kind { Str, Int, Bool, None, Tuple, List, Dict };
  Kind kind = Kind::None;
  std::string str;             ///< Str: UTF-8
  std::int64_t integer = 0;    ///< Int (valid unless int_overflow)
  bool int_overflow = false;   ///< Int did not fit in int64
  bool boolean = false;        ///< Bool
  std::vector<PyValue> items;  ///< Tuple/List; Dict: key, value, key, value, ...
};

/// Parses `text` (UTF-8) as one Python literal surrounded by optional whitespace.
/// Throws NpyError("bad header: ...") on anything else.
PyValue parse_py_literal(std::string_view text);

/// Python-style repr of a value, for error messages (truncated by the caller).
std::string py_repr(const PyValue& v);

// ---- dtype descr (dtype_descr.cpp) --------------------------------------------------------

struct SwapField;

/// Where the bytes of one element must be reversed to turn the file's byte order into the
/// native (little-endian) one. Kept as a tree, not a flat list, so that a header cannot make
/// it large: a sub-array field of 2**40 elements is one entry with a count, not 2**40 entries.
struct SwapPlan {
  std::uint32_t width = 0;        ///< leaf: bytes of one swapped unit (2, 4 or 8); else 0
  std::uint64_t units = 0;        ///< leaf: units per element (complex: 2, '<U5': 5)
  std::vector<SwapField> fields;  ///< structured: only the fields that need swapping
  bool empty() const noexcept { return width == 0 && fields.empty(); }
};

struct SwapField {
  std::uint64_t offset = 0;  ///< of the field in the element
  std::uint64_t count = 1;   ///< sub-array elements of the field
  std::uint64_t stride = 0;  ///< bytes between them
  SwapPlan plan;
};

struct ParsedDescr {
  DType dtype;    ///< native byte order
  SwapPlan swap;  ///< empty when the file's layout is already native
};

/// Interprets a header's 'descr' value. Throws NpyError (unknown or object dtype, malformed
/// field list), UnsupportedError (datetimes, long double, field titles) and LimitError.
ParsedDescr parse_descr(const PyValue& descr, const Limits& limits);

// ---- header (header_parser.cpp) -----------------------------------------------------------

struct ParsedNpy {
  NpyHeader header;
  SwapPlan swap;
};

/// Parses and checks a header, reusing `cache`'s decodes when given; errors name no entry.
ParsedNpy parse_npy(const std::uint8_t* data, std::size_t size, const Limits& limits,
                    NpyHeaderCache* cache = nullptr);
/// As parse_npy, with `entry` added to the errors.
ParsedNpy parse_npy_for_entry(const std::uint8_t* data, std::size_t size, const Limits& limits,
                              const std::string& entry, NpyHeaderCache* cache = nullptr);

// ---- layout conversion (byteswap.cpp) -----------------------------------------------------

/// Applies `plan` to each of `count` elements of `itemsize` bytes, in place.
void byteswap_elements(std::uint8_t* data, std::uint64_t count, std::uint64_t itemsize,
                       const SwapPlan& plan);

/// Copies a Fortran-ordered array into C order. `dst` and `src` hold product(shape) elements.
void fortran_to_c(const std::uint8_t* src, std::uint8_t* dst,
                  const std::vector<std::int64_t>& shape, std::uint64_t itemsize);

/// True when Fortran and C order lay the array out identically (at most one axis longer
/// than 1, or no elements).
bool fortran_is_c_layout(const std::vector<std::int64_t>& shape);

}  // namespace skops::npy_detail
