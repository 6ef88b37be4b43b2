// A hand-written reader for the Python literals found in `.npy` headers.
//
// numpy reads the header with ast.literal_eval. Evaluating it is out of the question, and a
// general Python parser is far more than needed: the header is a dict of strings, booleans,
// integers, tuples and lists. Everything else is rejected.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf8.hpp"
#include "npy/npy_internal.hpp"
#include "skops/error.hpp"

namespace skops::npy_detail {
namespace {

// Deep enough for structured dtypes nested a few levels; shallow enough that recursion
// cannot exhaust the stack.
constexpr int kMaxDepth = 24;

[[noreturn]] void fail(const std::string& what, std::size_t pos) {
  throw NpyError("bad header: " + what + " at offset " + std::to_string(pos));
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp, std::size_t pos) {
  // Python strings may hold lone surrogates, but they have no UTF-8 form.
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("invalid code point escape", pos);
  skops::detail::append_utf8(out, cp);
}

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view text) : s_(text) {}

  PyValue parse_all() {
    PyValue v = parse_value(0);
    skip_space();
    if (pos_ != s_.size()) fail("unexpected text after the literal", pos_);
    return v;
  }

 private:
  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }

  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool at_end() const { return pos_ >= s_.size(); }

  PyValue parse_value(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply", pos_);
    skip_space();
    if (at_end()) fail("unexpected end", pos_);
    const char c = peek();
    if (c == '\'' || c == '"') return parse_string();
    if (c == '-' || (c >= '0' && c <= '9')) return parse_int();
    if (c == '(') return parse_sequence(depth, ')', PyValue::Kind::Tuple);
    if (c == '[') return parse_sequence(depth, ']', PyValue::Kind::List);
    if (c == '{') return parse_dict(depth);
    if (c == 'T' || c == 'F' || c == 'N') return parse_keyword();
    fail(std::string("unexpected character '") + printable(c) + "'", pos_);
  }

  static std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string(1, c);
    static const char* hex = "0123456789abcdef";
    return std::string("\\x") + hex[u >> 4] + hex[u & 15];
  }

  PyValue parse_keyword() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && ((s_[pos_] >= 'a' && s_[pos_] <= 'z') ||
                                (s_[pos_] >= 'A' && s_[pos_] <= 'Z') || s_[pos_] == '_')) {
      ++pos_;
    }
    const std::string_view word = s_.substr(start, pos_ - start);
    PyValue v;
    if (word == "True" || word == "False") {
      v.kind = PyValue::Kind::Bool;
      v.boolean = word == "True";
    } else if (word == "None") {
      v.kind = PyValue::Kind::None;
    } else {
      fail("unknown name '" + std::string(word.substr(0, 40)) + "'", start);
    }
    return v;
  }

  PyValue parse_int() {
    const std::size_t start = pos_;
    bool negative = false;
    if (peek() == '-') {
      negative = true;
      ++pos_;
      skip_space();  // Python accepts "- 3"
    }
    if (at_end() || peek() < '0' || peek() > '9') fail("expected a digit", pos_);
    PyValue v;
    v.kind = PyValue::Kind::Int;
    // Accumulate the magnitude in uint64 so that -2**63 is representable.
    std::uint64_t mag = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      const auto d = static_cast<std::uint64_t>(peek() - '0');
      if (mag > (UINT64_MAX - d) / 10) v.int_overflow = true;
      if (!v.int_overflow) mag = mag * 10 + d;
      ++pos_;
    }
    // Python 2 wrote long integers as "3L"; numpy still reads such headers.
    if (peek() == 'L') ++pos_;
    if (!at_end() && (peek() == '.' || peek() == 'e' || peek() == 'E' || peek() == 'x' ||
                      peek() == 'j' || peek() == '_')) {
      fail("only plain integers are allowed", start);
    }
    if (!v.int_overflow) {
      if (negative) {
        if (mag > static_cast<std::uint64_t>(INT64_MAX) + 1)
          v.int_overflow = true;
        else
          v.integer = static_cast<std::int64_t>(0 - mag);
      } else {
        if (mag > static_cast<std::uint64_t>(INT64_MAX))
          v.int_overflow = true;
        else
          v.integer = static_cast<std::int64_t>(mag);
      }
    }
    if (v.int_overflow) v.integer = negative ? INT64_MIN : INT64_MAX;
    return v;
  }

  PyValue parse_string() {
    const char quote = s_[pos_];
    const std::size_t start = pos_;
    ++pos_;
    PyValue v;
    v.kind = PyValue::Kind::Str;
    for (;;) {
      if (at_end()) fail("unterminated string", start);
      const char c = s_[pos_];
      if (c == quote) {
        ++pos_;
        return v;
      }
      if (c == '\n' || c == '\r') fail("line break in a string", pos_);
      if (c != '\\') {
        v.str += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (at_end()) fail("unterminated string", start);
      const char e = s_[pos_++];
      switch (e) {
        case '\\':
          v.str += '\\';
          break;
        case '\'':
          v.str += '\'';
          break;
        case '"':
          v.str += '"';
          break;
        case 'n':
          v.str += '\n';
          break;
        case 'r':
          v.str += '\r';
          break;
        case 't':
          v.str += '\t';
          break;
        case 'a':
          v.str += '\a';
          break;
        case 'b':
          v.str += '\b';
          break;
        case 'f':
          v.str += '\f';
          break;
        case 'v':
          v.str += '\v';
          break;
        case 'x':
          append_utf8(v.str, read_hex(2), pos_);
          break;
        case 'u':
          append_utf8(v.str, read_hex(4), pos_);
          break;
        case 'U':
          append_utf8(v.str, read_hex(8), pos_);
          break;
        default:
          if (e >= '0' && e <= '7') {
            std::uint32_t cp = static_cast<std::uint32_t>(e - '0');
            for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k) {
              cp = cp * 8 + static_cast<std::uint32_t>(peek() - '0');
              ++pos_;
            }
            append_utf8(v.str, cp, pos_);
          } else {
            fail("unsupported escape in a string", pos_ - 2);
          }
      }
    }
  }

  std::uint32_t read_hex(int digits) {
    std::uint32_t cp = 0;
    for (int k = 0; k < digits; ++k) {
      const int h = at_end() ? -1 : hex_value(s_[pos_]);
      if (h < 0) fail("bad hex escape", pos_);
      cp = cp * 16 + static_cast<std::uint32_t>(h);
      ++pos_;
    }
    return cp;
  }

  // "(x)" is a parenthesised x, "(x,)" a 1-tuple, "()" the empty tuple; lists are always lists.
  PyValue parse_sequence(int depth, char close, PyValue::Kind kind) {
    ++pos_;
    PyValue v;
    v.kind = kind;
    bool saw_comma = false;
    for (;;) {
      skip_space();
      if (at_end()) fail("unterminated sequence", pos_);
      if (peek() == close) {
        ++pos_;
        break;
      }
      v.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        saw_comma = true;
        ++pos_;
      } else if (peek() != close) {
        fail("expected ',' or a closing bracket", pos_);
      }
    }
    if (kind == PyValue::Kind::Tuple && v.items.size() == 1 && !saw_comma) {
      PyValue inner = std::move(v.items.front());
      return inner;
    }
    return v;
  }

  PyValue parse_dict(int depth) {
    ++pos_;
    PyValue v;
    v.kind = PyValue::Kind::Dict;
    for (;;) {
      skip_space();
      if (at_end()) fail("unterminated dict", pos_);
      if (peek() == '}') {
        ++pos_;
        return v;
      }
      v.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() != ':') fail("expected ':'", pos_);
      ++pos_;
      v.items.push_back(parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
      } else if (peek() != '}') {
        fail("expected ',' or '}'", pos_);
      }
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

void repr_into(const PyValue& v, std::string& out) {
  if (out.size() > 200) return;  // only used in messages
  switch (v.kind) {
    case PyValue::Kind::Str: {
      out += '\'';
      for (char c : v.str) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\'' || c == '\\') out += '\\';
        if (u < 0x20 || u == 0x7F)
          out += '?';
        else
          out += c;
      }
      out += '\'';
      return;
    }
    case PyValue::Kind::Int:
      out += v.int_overflow ? (v.integer < 0 ? "-<huge>" : "<huge>") : std::to_string(v.integer);
      return;
    case PyValue::Kind::Bool:
      out += v.boolean ? "True" : "False";
      return;
    case PyValue::Kind::None:
      out += "None";
      return;
    case PyValue::Kind::Tuple:
    case PyValue::Kind::List: {
      const bool tuple = v.kind == PyValue::Kind::Tuple;
      out += tuple ? '(' : '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        repr_into(v.items[i], out);
      }
      if (tuple && v.items.size() == 1) out += ',';
      out += tuple ? ')' : ']';
      return;
    }
    case PyValue::Kind::Dict:
      out += '{';
      for (std::size_t i = 0; i + 1 < v.items.size(); i += 2) {
        if (i) out += ", ";
        repr_into(v.items[i], out);
        out += ": ";
        repr_into(v.items[i + 1], out);
      }
      out += '}';
      return;
  }
}

}  // namespace

PyValue parse_py_literal(std::string_view text) { return LiteralParser(text).parse_all(); }

std::string py_repr(const PyValue& v) {
  std::string out;
  repr_into(v, out);
  if (out.size() > 200) out = out.substr(0, 200) + "...";
  return out;
}

}  // namespace skops::npy_detail
