#include "json_value.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "skops/error.hpp"

namespace skops::detail {

namespace {

// Sentinel lexemes standing in for Python's non-finite tokens: nlohmann's lexer does not
// know NaN/Infinity, so they are swapped (outside strings) for numbers whose text the SAX
// handler recognises again.
constexpr const char* kNanLexeme = "0.0e-0000000042";
constexpr const char* kInfLexeme = "0.0e-0000000043";

std::string replace_nonfinite(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
    } else if (text.compare(i, 3, "NaN") == 0) {
      out += kNanLexeme;
      i += 2;
    } else if (text.compare(i, 8, "Infinity") == 0) {
      out += kInfLexeme;
      i += 7;
    } else {
      out += c;
    }
  }
  return out;
}

using nlohmann::json;

class DomBuilder : public nlohmann::json_sax<json> {
 public:
  explicit DomBuilder(const JsonParseOptions& options) : options_(options) {}

  JsonValue result;

  bool null() override { return put(JsonValue{}); }
  bool boolean(bool v) override {
    JsonValue j;
    j.type = JsonValue::Type::Bool;
    j.b = v;
    return put(std::move(j));
  }
  bool number_integer(number_integer_t v) override {
    JsonValue j;
    j.type = JsonValue::Type::Int;
    j.i = v;
    return put(std::move(j));
  }
  bool number_unsigned(number_unsigned_t v) override {
    JsonValue j;
    j.type = JsonValue::Type::UInt;
    j.u = v;
    return put(std::move(j));
  }
  bool number_float(number_float_t v, const string_t& text) override {
    JsonValue j;
    j.type = JsonValue::Type::Float;
    j.d = v;
    j.s = text;
    if (options_.allow_nonfinite) {
      const bool neg = !text.empty() && text[0] == '-';
      const std::string body = neg ? text.substr(1) : text;
      if (body == kNanLexeme) {
        j.d = std::numeric_limits<double>::quiet_NaN();
        j.s = "NaN";
      } else if (body == kInfLexeme) {
        j.d = neg ? -std::numeric_limits<double>::infinity()
                  : std::numeric_limits<double>::infinity();
        j.s = neg ? "-Infinity" : "Infinity";
      }
    }
    return put(std::move(j));
  }
  bool string(string_t& v) override {
    JsonValue j;
    j.type = JsonValue::Type::String;
    j.s = std::move(v);
    return put(std::move(j));
  }
  bool binary(binary_t&) override { return false; }

  bool start_object(std::size_t) override {
    JsonValue j;
    j.type = JsonValue::Type::Object;
    j.object.reserve(6);  // a node's __class__, __module__, __loader__, content, __id__, +1
    return open(std::move(j));
  }
  bool key(string_t& k) override {
    Frame& f = stack_.back();
    // Schema objects have a handful of keys: a scan beats hashing them; a set only for big ones.
    constexpr std::size_t kScanKeys = 16;
    auto& members = f.value.object;
    bool duplicate = false;
    if (members.size() < kScanKeys) {
      for (const auto& m : members) duplicate = duplicate || m.first == k;
    } else {
      if (f.keys.empty()) {
        for (const auto& m : members) f.keys.insert(m.first);
      }
      duplicate = !f.keys.insert(k).second;
    }
    if (duplicate) throw SchemaError("duplicate JSON key \"" + k + "\"");
    f.pending_key = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    JsonValue j;
    j.type = JsonValue::Type::Array;
    return open(std::move(j));
  }
  bool end_array() override { return close(); }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's message embeds the offending token; keep its reason and our offset.
    std::string what = ex.what();
    const auto p = what.find("] ");
    if (p != std::string::npos) what = what.substr(p + 2);
    throw SchemaError("invalid JSON at byte " + std::to_string(position) + ": " + what);
  }

 private:
  struct Frame {
    JsonValue value;
    std::string pending_key;
    std::unordered_set<std::string> keys;
  };

  bool open(JsonValue v) {
    if (stack_.size() >= options_.max_depth) {
      // A schema error (not a LimitError): no real skops file comes close to the cap.
      throw SchemaError("JSON nesting too deep (more than " + std::to_string(options_.max_depth) +
                        " levels)");
    }
    stack_.push_back(Frame{std::move(v), {}, {}});
    return true;
  }
  bool close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    return put(std::move(f.value));
  }
  bool put(JsonValue v) {
    if (stack_.empty()) {
      result = std::move(v);
      return true;
    }
    Frame& f = stack_.back();
    if (f.value.type == JsonValue::Type::Array) {
      f.value.array.push_back(std::move(v));
    } else {
      f.value.object.emplace_back(std::move(f.pending_key), std::move(v));
      f.pending_key.clear();
    }
    return true;
  }

  JsonParseOptions options_;
  std::vector<Frame> stack_;
};

void append_escaped(std::string& out, const std::string& s) {
  // Python's json.dumps(ensure_ascii=True) form: every non-ASCII code point escaped.
  static const char* hex = "0123456789abcdef";
  auto esc16 = [&](unsigned v) {
    out += "\\u";
    out += hex[(v >> 12) & 0xF];
    out += hex[(v >> 8) & 0xF];
    out += hex[(v >> 4) & 0xF];
    out += hex[v & 0xF];
  };
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      esc16(c);
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // Decode one UTF-8 sequence (input was validated by the parser or built in C++).
      std::uint32_t cp = 0;
      std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
      if (len == 1 || i + len > s.size()) {
        esc16(0xFFFD);
        continue;
      }
      cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      i += len - 1;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        esc16(0xD800 + (cp >> 10));
        esc16(0xDC00 + (cp & 0x3FF));
      } else {
        esc16(cp);
      }
    }
  }
  out += '"';
}

}  // namespace

JsonValue parse_json(const std::string& text, const JsonParseOptions& options) {
  DomBuilder builder(options);
  const std::string prepared = options.allow_nonfinite ? replace_nonfinite(text) : std::string();
  const std::string& input = options.allow_nonfinite ? prepared : text;
  const bool ok = json::sax_parse(input, &builder, json::input_format_t::json, true, false);
  if (!ok) throw SchemaError("invalid JSON");
  return std::move(builder.result);
}

std::string json_escape_string(const std::string& s) {
  std::string out;
  append_escaped(out, s);
  return out;
}

}  // namespace skops::detail
