#include "skops/ndarray.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/checked.hpp"
#include "core/utf8.hpp"

namespace skops {

namespace detail {
void throw_dtype_mismatch(const DType& have, const DType& want) {
  throw UnsupportedError("array has dtype " + have.name() + ", expected " + want.name());
}
}  // namespace detail

double half_to_double(std::uint16_t h) noexcept {
  const bool negative = (h & 0x8000) != 0;
  const int exponent = (h >> 10) & 0x1F;
  const std::uint64_t mantissa = h & 0x3FF;
  if (exponent == 0x1F) {
    // Inf and NaN: build the double's bits so that the NaN payload survives.
    const std::uint64_t bits = (negative ? 1ull << 63 : 0) | (0x7FFull << 52) | (mantissa << 42);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  // Subnormals are mantissa × 2^-24; normals carry the implicit leading 1. Both are exact.
  const double magnitude = exponent == 0
                               ? std::ldexp(static_cast<double>(mantissa), -24)
                               : std::ldexp(static_cast<double>(mantissa | 0x400), exponent - 25);
  return negative ? -magnitude : magnitude;
}

DType::DType(DTypeKind kind, std::uint64_t itemsize) : kind_(kind), itemsize_(itemsize) {}

DType DType::structured(std::vector<DTypeField> fields) {
  DType d;
  d.kind_ = DTypeKind::Structured;
  std::uint64_t offset = 0;
  for (auto& f : fields) {
    f.offset = offset;
    std::uint64_t n = 1;
    for (auto s : f.subshape) n = detail::checked_mul(n, static_cast<std::uint64_t>(s));
    offset = detail::checked_add(offset, detail::checked_mul(n, f.type ? f.type->itemsize() : 0));
  }
  d.itemsize_ = offset;
  d.fields_ = std::make_shared<const std::vector<DTypeField>>(std::move(fields));
  return d;
}

const std::vector<DTypeField>& DType::fields() const noexcept {
  static const std::vector<DTypeField> none;
  return fields_ ? *fields_ : none;
}

const DTypeField* DType::field(const std::string& name) const noexcept {
  for (const auto& f : fields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace {
char kind_letter(DTypeKind k) {
  switch (k) {
    case DTypeKind::Bool: return 'b';
    case DTypeKind::Int: return 'i';
    case DTypeKind::UInt: return 'u';
    case DTypeKind::Float: return 'f';
    case DTypeKind::Complex: return 'c';
    case DTypeKind::Bytes: return 'S';
    case DTypeKind::Unicode: return 'U';
    case DTypeKind::Void: return 'V';
    case DTypeKind::Structured: return 'V';
  }
  return '?';
}

// Python's repr() of a str, so that numpy's ast.literal_eval reads back the same name:
// single quotes unless only double quotes avoid escaping, control characters escaped.
std::string python_str_literal(const std::string& s) {
  const bool has_single = s.find('\'') != std::string::npos;
  const bool has_double = s.find('"') != std::string::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  static const char* hex = "0123456789abcdef";
  std::string out(1, quote);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\' || c == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c == 0xC2 && i + 1 < s.size()) {
      // U+0080..U+00A0 and U+00AD are not printable: Python writes them as \xNN.
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if ((d >= 0x80 && d <= 0xA0) || d == 0xAD) {
        out += "\\x";
        out += hex[d >> 4];
        out += hex[d & 15];
        ++i;
      } else {
        out += static_cast<char>(c);
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + quote;
}
}  // namespace

std::string DType::descr() const {
  if (kind_ == DTypeKind::Structured) {
    std::string s = "[";
    const auto& fl = fields();
    for (std::size_t i = 0; i < fl.size(); ++i) {
      if (i) s += ", ";
      // A nested structured type is a list literal itself, not a string.
      const DType& t = *fl[i].type;
      s += "(" + python_str_literal(fl[i].name) + ", " +
           (t.is_structured() ? t.descr() : python_str_literal(t.descr()));
      if (!fl[i].subshape.empty()) {
        s += ", (";
        for (std::size_t j = 0; j < fl[i].subshape.size(); ++j) {
          if (j) s += ", ";
          s += std::to_string(fl[i].subshape[j]);
        }
        if (fl[i].subshape.size() == 1) s += ",";
        s += ")";
      }
      s += ")";
    }
    return s + "]";
  }
  // Single-byte and byte-string types have no byte order ('|'); the rest are little-endian.
  const bool no_order = itemsize_ == 1 || kind_ == DTypeKind::Bytes || kind_ == DTypeKind::Void ||
                        kind_ == DTypeKind::Bool;
  const std::uint64_t n = kind_ == DTypeKind::Unicode ? itemsize_ / 4 : itemsize_;
  return std::string(1, no_order ? '|' : '<') + kind_letter(kind_) + std::to_string(n);
}

std::string DType::name() const {
  switch (kind_) {
    case DTypeKind::Bool: return "bool";
    case DTypeKind::Int: return "int" + std::to_string(itemsize_ * 8);
    case DTypeKind::UInt: return "uint" + std::to_string(itemsize_ * 8);
    case DTypeKind::Float: return "float" + std::to_string(itemsize_ * 8);
    case DTypeKind::Complex: return "complex" + std::to_string(itemsize_ * 8);
    case DTypeKind::Bytes: return "|S" + std::to_string(itemsize_);
    case DTypeKind::Unicode: return "<U" + std::to_string(itemsize_ / 4);
    case DTypeKind::Void: return "|V" + std::to_string(itemsize_);
    case DTypeKind::Structured: return "struct" + descr();
  }
  return "?";
}

bool DType::operator==(const DType& o) const {
  const auto& fa = fields();
  const auto& fb = o.fields();
  if (kind_ != o.kind_ || itemsize_ != o.itemsize_ || fa.size() != fb.size()) return false;
  if (fields_ == o.fields_) return true;
  for (std::size_t i = 0; i < fa.size(); ++i) {
    const auto& a = fa[i];
    const auto& b = fb[i];
    if (a.name != b.name || a.offset != b.offset || a.subshape != b.subshape) return false;
    if (!a.type || !b.type || !(*a.type == *b.type)) return false;
  }
  return true;
}

ByteView ByteView::copy_of(const void* data, std::size_t size) {
  std::vector<std::uint8_t> v(size);
  if (size) std::memcpy(v.data(), data, size);
  return adopt(std::move(v));
}

ByteView ByteView::adopt(std::vector<std::uint8_t> bytes) {
  auto owner = std::make_shared<std::vector<std::uint8_t>>(std::move(bytes));
  ByteView v;
  v.data = owner->data();
  v.size = owner->size();
  v.owner = std::move(owner);
  return v;
}

NdArray::NdArray(DType dtype, std::vector<std::int64_t> shape, ByteView bytes)
    : dtype_(std::move(dtype)), shape_(std::move(shape)), bytes_(std::move(bytes)) {
  std::uint64_t n = 1;
  for (auto d : shape_) {
    if (d < 0) throw NpyError("negative dimension " + std::to_string(d));
    n = detail::checked_mul(n, static_cast<std::uint64_t>(d));
  }
  size_ = n;
  const std::uint64_t want = detail::checked_mul(n, dtype_.itemsize());
  if (want != bytes_.size) {
    throw NpyError("array of shape with " + std::to_string(n) + " elements of " + dtype_.name() +
                   " needs " + std::to_string(want) + " bytes, got " + std::to_string(bytes_.size));
  }
}

std::int64_t NdArray::dim(std::size_t i) const {
  if (i >= shape_.size()) {
    throw ValidationError("array has " + std::to_string(shape_.size()) + " dimensions, asked for axis " +
                          std::to_string(i));
  }
  return shape_[i];
}

namespace {
// Encodes one code point as UTF-8; invalid code points become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  skops::detail::append_utf8(out, cp);
}

std::vector<std::uint32_t> utf8_to_code_points(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    std::size_t len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; len = 3; }
    else if ((c >> 3) == 0x1E) { cp = c & 0x07; len = 4; }
    else { out.push_back(0xFFFD); ++i; continue; }
    if (i + len > s.size()) { out.push_back(0xFFFD); break; }
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}
}  // namespace

NdArray NdArray::from_strings(const std::vector<std::string>& values, std::vector<std::int64_t> shape) {
  std::vector<std::vector<std::uint32_t>> cps;
  std::size_t width = 1;
  for (const auto& v : values) {
    cps.push_back(utf8_to_code_points(v));
    width = std::max(width, cps.back().size());
  }
  std::vector<std::uint8_t> bytes(values.size() * width * 4, 0);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    for (std::size_t k = 0; k < cps[i].size(); ++k) {
      const std::uint32_t cp = cps[i][k];
      std::memcpy(&bytes[(i * width + k) * 4], &cp, 4);
    }
  }
  return NdArray(DType::unicode(width), std::move(shape), ByteView::adopt(std::move(bytes)));
}

std::string NdArray::string_at(std::uint64_t i) const {
  if (i >= size_) throw ValidationError("string index out of range");
  const std::uint64_t w = dtype_.itemsize();
  const std::uint8_t* p = bytes_.data + i * w;
  std::string out;
  if (dtype_.kind() == DTypeKind::Unicode) {
    std::size_t n = w / 4;
    while (n > 0) {
      std::uint32_t cp;
      std::memcpy(&cp, p + (n - 1) * 4, 4);
      if (cp != 0) break;
      --n;
    }
    for (std::size_t k = 0; k < n; ++k) {
      std::uint32_t cp;
      std::memcpy(&cp, p + k * 4, 4);
      append_utf8(out, cp);
    }
    return out;
  }
  if (dtype_.kind() == DTypeKind::Bytes) {
    std::size_t n = w;
    while (n > 0 && p[n - 1] == 0) --n;
    return std::string(reinterpret_cast<const char*>(p), n);
  }
  throw UnsupportedError("array of dtype " + dtype_.name() + " does not hold strings");
}

std::vector<std::string> NdArray::to_strings() const {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(size_));
  for (std::uint64_t i = 0; i < size_; ++i) out.push_back(string_at(i));
  return out;
}

bool NdArray::is_numeric() const noexcept {
  switch (dtype_.kind()) {
    case DTypeKind::Bool:
    case DTypeKind::Int:
    case DTypeKind::UInt:
    case DTypeKind::Float:
      return true;
    default:
      return false;
  }
}

bool NdArray::operator==(const NdArray& o) const {
  return dtype_ == o.dtype_ && shape_ == o.shape_ && bytes_.size == o.bytes_.size &&
         (bytes_.size == 0 || std::memcmp(bytes_.data, o.bytes_.data, bytes_.size) == 0);
}

}  // namespace skops
