// Interpretation of a `.npy` header's 'descr': a type string ('<f8', '|S5', ...) or, for
// structured dtypes, a list of (name, descr[, shape]) tuples.

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "npy/npy_internal.hpp"
#include "skops/error.hpp"

namespace skops::npy_detail {
namespace {

// numpy itself nests structured dtypes without limit; real files (sklearn's trees, HGB
// predictors) do not nest at all. A small cap keeps recursion and swap plans shallow.
constexpr int kMaxStructDepth = 8;

// Item sizes beyond this are not real data (numpy caps itemsize at INT_MAX as well).
constexpr std::uint64_t kMaxItemsize = 0x7FFFFFFF;

[[noreturn]] void unknown_dtype(const std::string& s) {
  throw NpyError("unknown dtype '" + s.substr(0, 64) + "'");
}

std::uint64_t mul_or_throw(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw NpyError("dtype too large / overflow");
  return r;
}

std::uint64_t add_or_throw(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw NpyError("dtype too large / overflow");
  return r;
}

// One type string: optional byte order, kind letter, decimal size.
ParsedDescr parse_type_string(const std::string& s) {
  std::size_t i = 0;
  char order = '=';
  if (!s.empty() && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '=')) order = s[i++];
  if (i >= s.size()) unknown_dtype(s);
  const char kind = s[i++];
  // Object arrays are pickles: refusing them here means no pickle is ever looked at.
  if (kind == 'O') throw NpyError("object dtype not allowed ('" + s.substr(0, 64) + "')");
  if (kind == 'M' || kind == 'm') {
    throw UnsupportedError("datetime/timedelta dtype not supported ('" + s.substr(0, 64) + "')");
  }
  if (i >= s.size() || s.size() - i > 10) unknown_dtype(s);
  std::uint64_t n = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') unknown_dtype(s);
    n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (n == 0 || n > kMaxItemsize) unknown_dtype(s);

  ParsedDescr out;
  std::uint32_t unit = 0;  // bytes of one byte-swapped unit
  switch (kind) {
    case 'b':
      if (n != 1) unknown_dtype(s);
      out.dtype = DType(DTypeKind::Bool, 1);
      break;
    case 'i':
    case 'u':
      if (n != 1 && n != 2 && n != 4 && n != 8) unknown_dtype(s);
      out.dtype = DType(kind == 'i' ? DTypeKind::Int : DTypeKind::UInt, n);
      unit = static_cast<std::uint32_t>(n);
      break;
    case 'f':
      // float128 is the platform's long double (x87 80-bit on x86): not portable data.
      if (n == 12 || n == 16)
        throw UnsupportedError("long double dtype not supported ('" + s + "')");
      if (n != 2 && n != 4 && n != 8) unknown_dtype(s);
      out.dtype = DType(DTypeKind::Float, n);
      unit = static_cast<std::uint32_t>(n);
      break;
    case 'c':
      if (n == 24 || n == 32)
        throw UnsupportedError("long double dtype not supported ('" + s + "')");
      if (n != 8 && n != 16) unknown_dtype(s);
      out.dtype = DType(DTypeKind::Complex, n);
      unit = static_cast<std::uint32_t>(n / 2);  // real and imaginary parts separately
      break;
    case 'S':
      out.dtype = DType(DTypeKind::Bytes, n);
      break;
    case 'U':
      if (n > kMaxItemsize / 4) unknown_dtype(s);
      out.dtype = DType(DTypeKind::Unicode, 4 * n);
      unit = 4;  // UCS-4 code points
      break;
    case 'V':
      out.dtype = DType(DTypeKind::Void, n);
      break;
    default:
      unknown_dtype(s);
  }
  if (order == '>' && unit > 1) {
    out.swap.width = unit;
    out.swap.units = out.dtype.itemsize() / unit;
  }
  return out;
}

std::uint64_t parse_subshape(const PyValue& v, const Limits& limits,
                             std::vector<std::int64_t>& subshape) {
  std::uint64_t count = 1;
  auto take = [&](const PyValue& d) {
    if (d.kind != PyValue::Kind::Int) throw NpyError("bad header: field shape is not valid");
    if (d.integer < 0) throw NpyError("negative dimension in a field shape");
    if (d.int_overflow) throw NpyError("field shape too large / overflow");
    subshape.push_back(d.integer);
    count = mul_or_throw(count, static_cast<std::uint64_t>(d.integer));
  };
  if (v.kind == PyValue::Kind::Int) {
    take(v);
  } else if (v.kind == PyValue::Kind::Tuple) {
    if (v.items.size() > limits.max_ndim) {
      throw LimitError("field shape has " + std::to_string(v.items.size()) +
                       " dimensions, more than max_ndim");
    }
    for (const auto& d : v.items) take(d);
  } else {
    throw NpyError("bad header: field shape is not valid");
  }
  return count;
}

ParsedDescr parse_descr_at(const PyValue& descr, const Limits& limits, int depth);

ParsedDescr parse_struct(const PyValue& list, const Limits& limits, int depth) {
  if (depth > kMaxStructDepth) throw NpyError("structured dtype nested too deeply");
  if (list.items.empty()) throw NpyError("unknown dtype: empty field list");
  std::vector<DTypeField> fields;
  SwapPlan swap;
  std::set<std::string> names;
  std::uint64_t offset = 0;
  for (const auto& item : list.items) {
    if (item.kind != PyValue::Kind::Tuple || (item.items.size() != 2 && item.items.size() != 3)) {
      throw NpyError("bad header: a field of a structured dtype is not (name, descr[, shape])");
    }
    const PyValue& name = item.items[0];
    if (name.kind == PyValue::Kind::Tuple) {
      throw UnsupportedError("structured dtype fields with titles are not supported");
    }
    if (name.kind != PyValue::Kind::Str) throw NpyError("bad header: field name is not a string");
    // numpy rejects repeated names; empty names are padding (or auto-named) and may repeat.
    if (!name.str.empty() && !names.insert(name.str).second) {
      throw NpyError("duplicate field name '" + name.str.substr(0, 64) + "'");
    }
    ParsedDescr sub = parse_descr_at(item.items[1], limits, depth + 1);
    DTypeField f;
    f.name = name.str;
    std::uint64_t count = 1;
    if (item.items.size() == 3) count = parse_subshape(item.items[2], limits, f.subshape);
    const std::uint64_t field_bytes = mul_or_throw(count, sub.dtype.itemsize());
    if (!sub.swap.empty() && count > 0) {
      SwapField sf;
      sf.offset = offset;
      if (sub.swap.width != 0) {
        // A scalar sub-array is a run of units: one leaf, not `count` of them.
        sf.plan = sub.swap;
        sf.plan.units = mul_or_throw(sub.swap.units, count);
      } else {
        sf.count = count;
        sf.stride = sub.dtype.itemsize();
        sf.plan = std::move(sub.swap);
      }
      swap.fields.push_back(std::move(sf));
    }
    f.type = std::make_shared<const DType>(std::move(sub.dtype));
    fields.push_back(std::move(f));
    offset = add_or_throw(offset, field_bytes);
    if (offset > kMaxItemsize) throw NpyError("dtype too large / overflow");
  }
  ParsedDescr out;
  out.dtype = DType::structured(std::move(fields));
  out.swap = std::move(swap);
  return out;
}

ParsedDescr parse_descr_at(const PyValue& descr, const Limits& limits, int depth) {
  if (descr.kind == PyValue::Kind::Str) return parse_type_string(descr.str);
  if (descr.kind == PyValue::Kind::List) return parse_struct(descr, limits, depth);
  throw NpyError("bad header: descr is not a valid dtype descriptor: " + py_repr(descr));
}

}  // namespace

ParsedDescr parse_descr(const PyValue& descr, const Limits& limits) {
  return parse_descr_at(descr, limits, 0);
}

}  // namespace skops::npy_detail
