// `.npy` header: magic, version, length, then the dict literal. Every size the file
// states is checked against the member's real size and the caller's limits before anything
// is allocated on its behalf.

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "npy/npy_internal.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"

namespace skops {
namespace npy_detail {
namespace {

constexpr unsigned char kMagic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

// Versions 1.0 and 2.0 store the header as latin-1: every byte is one code point.
std::string latin1_to_utf8(const std::uint8_t* p, std::size_t n) {
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] < 0x80) {
      out += static_cast<char>(p[i]);
    } else {
      out += static_cast<char>(0xC0 | (p[i] >> 6));
      out += static_cast<char>(0x80 | (p[i] & 0x3F));
    }
  }
  return out;
}

// Version 3.0 headers are UTF-8; reject malformed sequences instead of passing them on.
bool valid_utf8(const std::uint8_t* p, std::size_t n) {
  for (std::size_t i = 0; i < n;) {
    const std::uint8_t c = p[i];
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c >> 5) == 0x6) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c >> 4) == 0xE) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c >> 3) == 0x1E) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (n - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

const PyValue* find_key(const PyValue& dict, const char* key) {
  for (std::size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    if (dict.items[i].kind == PyValue::Kind::Str && dict.items[i].str == key)
      return &dict.items[i + 1];
  }
  return nullptr;
}

void check_keys(const PyValue& dict) {
  std::string keys;
  bool ok = dict.items.size() == 6;
  for (std::size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    const PyValue& k = dict.items[i];
    if (!keys.empty()) keys += ", ";
    keys += py_repr(k);
    if (k.kind != PyValue::Kind::Str ||
        (k.str != "descr" && k.str != "fortran_order" && k.str != "shape")) {
      ok = false;
    }
  }
  // Six items with three allowed names and no repeats means exactly the three keys.
  if (ok &&
      (!find_key(dict, "descr") || !find_key(dict, "fortran_order") || !find_key(dict, "shape"))) {
    ok = false;
  }
  if (!ok) {
    if (keys.size() > 200) keys = keys.substr(0, 200) + "...";
    throw NpyError("bad header: keys must be exactly 'descr', 'fortran_order', 'shape'; got [" +
                   keys + "]");
  }
}

std::vector<std::int64_t> parse_shape(const PyValue& v, const Limits& limits) {
  if (v.kind != PyValue::Kind::Tuple)
    throw NpyError("bad header: shape is not valid: " + py_repr(v));
  if (v.items.size() > limits.max_ndim) {
    throw LimitError("array has " + std::to_string(v.items.size()) + " dimensions, more than " +
                     std::to_string(limits.max_ndim) + " (max_ndim)");
  }
  std::vector<std::int64_t> shape;
  shape.reserve(v.items.size());
  for (const auto& d : v.items) {
    if (d.kind != PyValue::Kind::Int)
      throw NpyError("bad header: shape is not valid: " + py_repr(v));
    if (d.integer < 0) throw NpyError("negative dimension in shape " + py_repr(v));
    if (d.int_overflow) throw NpyError("shape too large / overflow: " + py_repr(v));
    shape.push_back(d.integer);
  }
  return shape;
}

// What a header text says (the part a cache may reuse: it depends on the text alone).
struct Decoded {
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
  DType dtype;
  SwapPlan swap;
};

Decoded decode_header_text(const std::uint8_t* text, std::size_t text_len, int major,
                           const Limits& limits) {
  std::string utf8;
  if (major == 3) {
    if (!valid_utf8(text, text_len)) throw NpyError("bad header: not valid UTF-8");
    utf8.assign(reinterpret_cast<const char*>(text), text_len);
  } else {
    utf8 = latin1_to_utf8(text, text_len);
  }
  const PyValue dict = parse_py_literal(utf8);
  if (dict.kind != PyValue::Kind::Dict) throw NpyError("bad header: not a dict: " + py_repr(dict));
  check_keys(dict);

  const PyValue& fortran = *find_key(dict, "fortran_order");
  if (fortran.kind != PyValue::Kind::Bool) {
    throw NpyError("bad header: fortran_order is not a valid bool: " + py_repr(fortran));
  }
  Decoded d;
  d.fortran_order = fortran.boolean;
  d.shape = parse_shape(*find_key(dict, "shape"), limits);
  ParsedDescr descr = parse_descr(*find_key(dict, "descr"), limits);
  d.dtype = std::move(descr.dtype);
  d.swap = std::move(descr.swap);
  return d;
}

}  // namespace

}  // namespace npy_detail

struct NpyHeaderCache::Impl {
  // Header texts of real files are a few hundred bytes; 1 MiB holds thousands of them.
  static constexpr std::size_t kMaxTextBytes = std::size_t{1} << 20;
  Limits limits;
  std::mutex mutex;
  /// By npy major version (latin-1 and UTF-8 texts decode differently), then header text.
  std::map<std::string, npy_detail::Decoded, std::less<>> decoded[3];
  std::size_t text_bytes = 0;
};

NpyHeaderCache::NpyHeaderCache(const Limits& limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
}
NpyHeaderCache::~NpyHeaderCache() = default;
const Limits& NpyHeaderCache::limits() const noexcept { return impl_->limits; }

namespace npy_detail {
namespace {

Decoded decode_cached(NpyHeaderCache* cache, const std::uint8_t* data, std::size_t len, int major,
                      const Limits& limits) {
  if (!cache) return decode_header_text(data, len, major, limits);
  NpyHeaderCache::Impl& c = cache->impl();
  auto& decoded = c.decoded[major - 1];
  const std::string_view text(reinterpret_cast<const char*>(data), len);
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    const auto it = decoded.find(text);
    if (it != decoded.end()) return it->second;
  }
  Decoded d = decode_header_text(data, len, major, limits);
  std::lock_guard<std::mutex> lock(c.mutex);
  if (c.text_bytes + len <= NpyHeaderCache::Impl::kMaxTextBytes) {
    if (decoded.emplace(std::string(text), d).second) c.text_bytes += len;
  }
  return d;
}

}  // namespace

ParsedNpy parse_npy(const std::uint8_t* data, std::size_t size, const Limits& limits,
                    NpyHeaderCache* cache) {
  if (size < sizeof kMagic || std::memcmp(data, kMagic, sizeof kMagic) != 0) {
    const bool prefix = size > 0 && std::memcmp(data, kMagic, std::min(size, sizeof kMagic)) == 0;
    if (!prefix) throw NpyError("bad magic: not a .npy member");
  }
  if (size < 8) throw NpyError("truncated header");
  ParsedNpy out;
  NpyHeader& h = out.header;
  h.major = data[6];
  h.minor = data[7];
  if (h.minor != 0 || (h.major != 1 && h.major != 2 && h.major != 3)) {
    throw NpyError("unsupported npy version " + std::to_string(h.major) + "." +
                   std::to_string(h.minor));
  }
  const std::size_t len_bytes = h.major == 1 ? 2 : 4;
  if (size < 8 + len_bytes) throw NpyError("truncated header");
  std::uint64_t hlen = 0;
  for (std::size_t i = 0; i < len_bytes; ++i)
    hlen |= static_cast<std::uint64_t>(data[8 + i]) << (8 * i);
  if (hlen > limits.max_npy_header_bytes) {
    throw LimitError("npy header of " + std::to_string(hlen) +
                     " bytes exceeds max_npy_header_bytes (" +
                     std::to_string(limits.max_npy_header_bytes) + ")");
  }
  const std::uint64_t text_start = 8 + len_bytes;
  if (hlen > size - text_start) {
    throw NpyError("truncated header: expected " + std::to_string(hlen) + " bytes, got " +
                   std::to_string(size - text_start));
  }
  h.data_offset = text_start + hlen;
  Decoded decoded =
      decode_cached(cache, data + text_start, static_cast<std::size_t>(hlen), h.major, limits);
  h.fortran_order = decoded.fortran_order;
  h.shape = std::move(decoded.shape);
  h.dtype = std::move(decoded.dtype);
  h.big_endian = !decoded.swap.empty();
  out.swap = std::move(decoded.swap);

  // Sizes: overflow first (the header is nonsense), then the data that is really there
  // (a lying header is malformed however large it claims to be), then the caller's cap.
  std::uint64_t count = 1;
  for (auto d : h.shape) {
    if (__builtin_mul_overflow(count, static_cast<std::uint64_t>(d), &count) ||
        count > static_cast<std::uint64_t>(INT64_MAX)) {
      throw NpyError("shape too large / overflow: element count exceeds 64 bits");
    }
  }
  if (__builtin_mul_overflow(count, h.dtype.itemsize(), &h.data_bytes) ||
      h.data_bytes > static_cast<std::uint64_t>(INT64_MAX)) {
    throw NpyError("shape too large / overflow: byte size exceeds 64 bits");
  }
  const std::uint64_t available = size - h.data_offset;
  if (h.data_bytes > available) {
    throw NpyError("data shorter than the header says: expected " + std::to_string(h.data_bytes) +
                   " bytes, got " + std::to_string(available));
  }
  if (count > limits.max_array_elements) {
    throw LimitError("array of " + std::to_string(count) +
                     " elements exceeds max_array_elements (" +
                     std::to_string(limits.max_array_elements) + ")");
  }
  return out;
}

}  // namespace npy_detail

namespace {
// Errors from the parser name no entry; the public entry points add the caller's.
template <class F>
auto with_entry(const std::string& entry, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const NpyError& e) {
    if (entry.empty() || !e.entry().empty()) throw;
    throw NpyError(e.detail(), entry);
  } catch (const LimitError& e) {
    if (entry.empty() || !e.entry().empty()) throw;
    throw LimitError(e.detail(), entry);
  } catch (const UnsupportedError& e) {
    if (entry.empty() || !e.entry().empty()) throw;
    throw UnsupportedError(e.detail(), entry);
  }
}
}  // namespace

NpyHeader parse_npy_header(const std::uint8_t* data, std::size_t size, const Limits& limits,
                           const std::string& entry) {
  return with_entry(entry,
                    [&] { return npy_detail::parse_npy(data, size, limits, nullptr).header; });
}

namespace npy_detail {
ParsedNpy parse_npy_for_entry(const std::uint8_t* data, std::size_t size, const Limits& limits,
                              const std::string& entry, NpyHeaderCache* cache) {
  return with_entry(entry, [&] { return parse_npy(data, size, limits, cache); });
}
}  // namespace npy_detail

}  // namespace skops
