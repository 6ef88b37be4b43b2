// write_npy: numpy-identical `.npy` output (numpy 1.24's header text and padding), with the
// padding optionally chosen so that the data lands aligned inside an enclosing archive.

#include <cstring>
#include <string>
#include <vector>

#include "skops/error.hpp"
#include "skops/npy.hpp"

namespace skops {
namespace {

// numpy leaves room to grow the first axis in place: 21 characters for its repr.
constexpr std::size_t kGrowthAxisMaxDigits = 21;
// Largest alignment accepted: beyond a page, padding would push the header past numpy's
// 10 000-character limit for np.load(allow_pickle=False).
constexpr std::uint64_t kMaxAlignment = 4096;

std::string header_dict(const NdArray& array) {
  const DType& dt = array.dtype();
  // DType::descr() is the Python repr for structured dtypes and the bare string otherwise.
  const std::string descr = dt.is_structured() ? dt.descr() : "'" + dt.descr() + "'";
  const auto& shape = array.shape();
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  s += ")";
  std::string h = "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + s + ", }";
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(shape[0]).size();
    if (digits < kGrowthAxisMaxDigits) h.append(kGrowthAxisMaxDigits - digits, ' ');
  }
  return h;
}

// numpy writes latin-1 (versions 1.0/2.0) when it can and UTF-8 (3.0) otherwise. Field names
// are the only text that may be non-ASCII; they are held as UTF-8.
bool utf8_to_latin1(const std::string& in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < in.size() &&
               (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
      out += static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3F));
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

struct Layout {
  int major = 1;
  std::string text;         // encoded header text, before padding
  std::uint64_t pad = 0;    // spaces before the final '\n'
  std::uint64_t total = 0;  // magic + version + length + text + pad + '\n'
};

Layout layout_for(const NdArray& array, std::uint64_t member_offset, std::uint64_t alignment) {
  if (alignment == 0 || alignment % 16 != 0 || alignment > kMaxAlignment) {
    throw InputError("npy data alignment must be a multiple of 16 up to 4096, got " +
                     std::to_string(alignment));
  }
  std::uint64_t want = 1;
  for (auto d : array.shape()) {
    if (d < 0 || __builtin_mul_overflow(want, static_cast<std::uint64_t>(d), &want)) want = 0;
  }
  if (__builtin_mul_overflow(want, array.dtype().itemsize(), &want) || want != array.nbytes()) {
    throw InputError("array bytes do not match its shape and dtype");
  }
  Layout l;
  const std::string dict = header_dict(array);
  if (!utf8_to_latin1(dict, l.text)) {
    l.major = 3;
    l.text = dict;
  }
  for (;;) {
    const std::uint64_t prefix = l.major == 1 ? 10 : 12;
    const std::uint64_t hlen = l.text.size() + 1;  // + the final '\n'
    l.pad = alignment - ((member_offset % alignment + prefix + hlen) % alignment);
    l.total = prefix + hlen + l.pad;
    if (l.major != 1 || hlen + l.pad <= 0xFFFF) return l;
    l.major = 2;  // the 16-bit length field of 1.0 is too small
  }
}

}  // namespace

std::uint64_t npy_header_size(const NdArray& array, std::uint64_t member_offset,
                              std::uint64_t data_alignment) {
  return layout_for(array, member_offset, data_alignment).total;
}

std::vector<std::uint8_t> write_npy(const NdArray& array, std::uint64_t member_offset,
                                    std::uint64_t data_alignment) {
  const Layout l = layout_for(array, member_offset, data_alignment);
  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(l.total) + array.nbytes());
  const std::uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  out.insert(out.end(), magic, magic + 6);
  out.push_back(static_cast<std::uint8_t>(l.major));
  out.push_back(0);
  const std::uint64_t hlen = l.text.size() + l.pad + 1;
  const int len_bytes = l.major == 1 ? 2 : 4;
  for (int i = 0; i < len_bytes; ++i) out.push_back(static_cast<std::uint8_t>(hlen >> (8 * i)));
  out.insert(out.end(), l.text.begin(), l.text.end());
  out.insert(out.end(), static_cast<std::size_t>(l.pad), ' ');
  out.push_back('\n');
  if (array.nbytes()) out.insert(out.end(), array.bytes(), array.bytes() + array.nbytes());
  return out;
}

}  // namespace skops
