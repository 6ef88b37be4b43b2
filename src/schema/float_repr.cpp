// Python's repr() of a float: the shortest digits that round-trip, laid out as CPython's
// float_repr_style 'short' does (fixed notation for 1e-4 <= |v| < 1e16, else exponent with
// at least two digits), so that "1.0" stays a float and "1e-07" matches Python's text.

#include <charconv>
#include <cmath>
#include <string>

#include "skops/schema.hpp"

namespace skops {

std::string python_float_repr(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci = [-]d[.ddd]e±XX
  bool neg = false;
  std::size_t pos = 0;
  if (sci[0] == '-') {
    neg = true;
    pos = 1;
  }
  const std::size_t epos = sci.find('e');
  std::string digits;
  for (std::size_t i = pos; i < epos; ++i) {
    if (sci[i] != '.') digits += sci[i];
  }
  const int exp10 = std::stoi(sci.substr(epos + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  if (exp10 >= -5 && exp10 < 16) {
    // CPython uses fixed notation when -4 <= exponent < 16 ("0.0001", "1e-05").
    if (exp10 < -4) {
      // falls through to exponent form below
    } else if (exp10 < 0) {
      out += "0.";
      out += std::string(static_cast<std::size_t>(-exp10 - 1), '0');
      out += digits;
      return out;
    } else {
      const std::size_t int_len = static_cast<std::size_t>(exp10) + 1;
      if (digits.size() <= int_len) {
        out += digits + std::string(int_len - digits.size(), '0') + ".0";
      } else {
        out += digits.substr(0, int_len) + "." + digits.substr(int_len);
      }
      return out;
    }
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  out += "e";
  out += exp10 < 0 ? "-" : "+";
  const int a = exp10 < 0 ? -exp10 : exp10;
  if (a < 10) out += "0";
  out += std::to_string(a);
  return out;
}

}  // namespace skops
