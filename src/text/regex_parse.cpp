// Pattern parser: the grammar of CPython 3.11's re/_parser.py (same escapes, same literal
// fallbacks such as "x{}" and "[]a]", same errors), producing the AST of regex_program.hpp.
// Python syntax errors are ValidationError; valid Python constructs this engine does not run
// are UnsupportedError; both name the construct and its offset in code points.

#include <cstdio>
#include <string>

#include "regex_program.hpp"
#include "skops/error.hpp"

namespace skops::detail::text {
namespace {

constexpr std::uint64_t kMaxRepeat = 0xFFFFFFFFull;  // _sre.MAXREPEAT

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_oct(char32_t c) { return c >= '0' && c <= '7'; }
bool is_hex(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int hex_value(char32_t c) {
  if (is_digit(c)) return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  return static_cast<int>(c - 'A' + 10);
}

std::string printable(char32_t c) {
  if (c >= 0x20 && c < 0x7F) return std::string(1, static_cast<char>(c));
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::unique_ptr<Node> make(Node::Kind kind, std::size_t offset) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->offset = offset;
  return n;
}

class Parser {
 public:
  Parser(const std::u32string& p, const RegexLimits& limits) : p_(p), limits_(limits) {}

  Parsed run() {
    Parsed out;
    out.root = parse_alternation(0);
    if (pos_ < p_.size()) syntax("unbalanced parenthesis", pos_);
    out.flags = flags_;
    out.groups = groups_;
    return out;
  }

 private:
  [[noreturn]] void syntax(const std::string& what, std::size_t at) const {
    throw ValidationError("regex: " + what + " at offset " + std::to_string(at));
  }
  [[noreturn]] void unsupported(const std::string& what, std::size_t at) const {
    throw UnsupportedError("regex: " + what + " at offset " + std::to_string(at) +
                           " is not supported (docs/text.md)");
  }

  bool at_end() const { return pos_ >= p_.size(); }
  char32_t peek(std::size_t k = 0) const { return pos_ + k < p_.size() ? p_[pos_ + k] : 0; }
  bool has(std::size_t k = 0) const { return pos_ + k < p_.size(); }

  std::unique_ptr<Node> parse_alternation(std::size_t depth) {
    if (depth > limits_.max_nesting) {
      throw LimitError("regex: groups nested deeper than " + std::to_string(limits_.max_nesting) +
                       " at offset " + std::to_string(pos_));
    }
    const std::size_t start = pos_;
    std::vector<std::unique_ptr<Node>> branches;
    branches.push_back(parse_sequence(depth, branches.empty() && depth == 0));
    while (has() && peek() == '|') {
      ++pos_;
      branches.push_back(parse_sequence(depth, false));
    }
    if (branches.size() == 1) return std::move(branches[0]);
    return simplify_alternation(std::move(branches), start);  // regex_simplify.cpp
  }

  std::unique_ptr<Node> parse_sequence(std::size_t depth, bool first) {
    auto seq = make(Node::Concat, pos_);
    auto& items = seq->children;
    while (has() && peek() != '|' && peek() != ')') {
      const std::size_t at = pos_;
      const char32_t c = p_[pos_++];
      switch (c) {
        case '\\':
          items.push_back(parse_escape(at));
          break;
        case '[':
          items.push_back(parse_class(at));
          break;
        case '.':
          items.push_back(make(Node::Any, at));
          break;
        case '^': {
          auto n = make(Node::Assert, at);
          n->assertion = flags_.multiline ? AssertKind::BeginLine : AssertKind::Begin;
          items.push_back(std::move(n));
          break;
        }
        case '$': {
          auto n = make(Node::Assert, at);
          n->assertion = flags_.multiline ? AssertKind::EndLine : AssertKind::End;
          items.push_back(std::move(n));
          break;
        }
        case '(': {
          auto g = parse_group(at, depth, first && items.empty());
          if (g) items.push_back(std::move(g));
          break;
        }
        case '*':
        case '+':
        case '?':
        case '{':
          if (!parse_repeat(c, at, items)) {
            auto n = make(Node::Literal, at);
            n->ch = c;
            items.push_back(std::move(n));
          }
          break;
        default: {
          auto n = make(Node::Literal, at);
          n->ch = c;
          items.push_back(std::move(n));
        }
      }
    }
    // sre_parse unpacks non-capturing groups into the sequence (after quantifiers took
    // theirs), which the alternation rewrites below then see.
    std::vector<std::unique_ptr<Node>> flat;
    for (auto& item : items) {
      if (item->kind == Node::Group && item->capture < 0) {
        std::unique_ptr<Node> body = std::move(item->children[0]);
        if (body->kind == Node::Concat) {
          for (auto& c : body->children) flat.push_back(std::move(c));
        } else if (body->kind != Node::Empty) {
          flat.push_back(std::move(body));
        }
      } else {
        flat.push_back(std::move(item));
      }
    }
    items = std::move(flat);
    if (items.size() == 1) return std::move(items[0]);
    if (items.empty()) seq->kind = Node::Empty;
    return seq;
  }

  // Returns false when '{' is a literal (not a valid {m,n}); the position is then restored.
  bool parse_repeat(char32_t c, std::size_t at, std::vector<std::unique_ptr<Node>>& items) {
    std::uint64_t min = 0;
    std::uint64_t max = Node::kInfinite;
    if (c == '?') {
      max = 1;
    } else if (c == '+') {
      min = 1;
    } else if (c == '{') {
      if (has() && peek() == '}') return false;
      const std::size_t here = pos_;
      auto digits = [&](bool* any, bool* overflow) {
        std::uint64_t v = 0;
        while (has() && is_digit(peek())) {
          *any = true;
          v = v * 10 + (p_[pos_++] - '0');
          if (v > kMaxRepeat) *overflow = true, v = kMaxRepeat + 1;
        }
        return v;
      };
      bool lo_any = false, hi_any = false, overflow = false;
      const std::uint64_t lo = digits(&lo_any, &overflow);
      std::uint64_t hi = lo;
      bool hi_given = lo_any;
      if (has() && peek() == ',') {
        ++pos_;
        hi = digits(&hi_any, &overflow);
        hi_given = hi_any;
      }
      if (!has() || peek() != '}') {
        pos_ = here;
        return false;
      }
      ++pos_;
      if (overflow || (lo_any && lo >= kMaxRepeat) || (hi_given && hi >= kMaxRepeat)) {
        syntax("the repetition number is too large", at);
      }
      if (lo_any) min = lo;
      if (hi_given) {
        max = hi;
        if (max < min) syntax("min repeat greater than max repeat", at);
      }
    }
    if (items.empty() || items.back()->kind == Node::Assert) syntax("nothing to repeat", at);
    if (items.back()->kind == Node::Repeat) syntax("multiple repeat", at);
    bool greedy = true;
    if (has() && peek() == '?') {
      ++pos_;
      greedy = false;
    } else if (has() && peek() == '+') {
      unsupported("possessive quantifier " + printable(c) + "+", at);
    }
    auto rep = make(Node::Repeat, at);
    rep->min = static_cast<std::uint32_t>(min);
    rep->max = static_cast<std::uint32_t>(max);
    rep->greedy = greedy;
    rep->children.push_back(std::move(items.back()));
    items.back() = std::move(rep);
    return true;
  }

  // Returns null for constructs that add no item ((?flags), (?#comment)).
  std::unique_ptr<Node> parse_group(std::size_t at, std::size_t depth, bool at_start) {
    int capture = -1;
    if (has() && peek() == '?') {
      ++pos_;
      if (!has()) syntax("unexpected end of pattern", pos_);
      const char32_t c = p_[pos_++];
      if (c == ':') {
        // non-capturing
      } else if (c == 'P') {
        if (has() && peek() == '<') {
          ++pos_;
          const std::size_t name_at = pos_;
          while (has() && peek() != '>') ++pos_;
          if (!has()) syntax("missing >, unterminated name", name_at);
          if (pos_ == name_at) syntax("missing group name", name_at);
          for (std::size_t i = name_at; i < pos_; ++i) {
            const char32_t ch = p_[i];
            const bool ok =
                ch == '_' || is_ascii_letter(ch) || (i > name_at && is_digit(ch)) || ch >= 0x80;
            if (!ok) syntax("bad character in group name", name_at);
          }
          ++pos_;
          capture = ++groups_;
        } else if (has() && peek() == '=') {
          unsupported("named backreference (?P=...)", at);
        } else {
          syntax("unknown extension ?P", at + 1);
        }
      } else if (c == '#') {
        while (has() && peek() != ')') ++pos_;
        if (!has()) syntax("missing ), unterminated comment", at);
        ++pos_;
        return nullptr;
      } else if (c == '=' || c == '!') {
        unsupported(std::string("lookahead (?") + static_cast<char>(c) + "...)", at);
      } else if (c == '<') {
        if (has() && (peek() == '=' || peek() == '!')) {
          unsupported(std::string("lookbehind (?<") + static_cast<char>(peek()) + "...)", at);
        }
        syntax("unknown extension ?<", at + 1);
      } else if (c == '(') {
        unsupported("conditional group (?(...)...)", at);
      } else if (c == '>') {
        unsupported("atomic group (?>...)", at);
      } else if (c == '-' || c == 'a' || c == 'i' || c == 'L' || c == 'm' || c == 's' || c == 'u' ||
                 c == 'x') {
        --pos_;
        parse_flags(at, at_start);
        return nullptr;
      } else {
        syntax("unknown extension ?" + printable(c), at + 1);
      }
    } else {
      capture = ++groups_;
    }
    auto body = parse_alternation(depth + 1);
    if (!has() || peek() != ')') syntax("missing ), unterminated subpattern", at);
    ++pos_;
    auto g = make(Node::Group, at);
    g->capture = capture;
    g->children.push_back(std::move(body));
    return g;
  }

  void parse_flags(std::size_t at, bool at_start) {
    RegexFlags f = flags_;
    bool a = false, u = false;
    while (has() && peek() != ')' && peek() != ':' && peek() != '-') {
      const char32_t c = p_[pos_++];
      switch (c) {
        case 'a':
          a = true;
          f.ascii = true;
          break;
        case 'u':
          u = true;
          break;
        case 'i':
          f.ignorecase = true;
          break;
        case 'm':
          f.multiline = true;
          break;
        case 's':
          f.dotall = true;
          break;
        case 'x':
          unsupported("verbose flag (?x)", at);
        case 'L':
          syntax("bad inline flags: cannot use 'L' flag with a str pattern", at);
        default:
          syntax("unknown flag " + printable(c), pos_ - 1);
      }
    }
    if (!has()) syntax("missing -, : or )", pos_);
    if (peek() != ')') unsupported("scoped inline flags (?flags:...)", at);
    ++pos_;
    if ((a && u) || (a && seen_unicode_) || (u && flags_.ascii)) {
      syntax("bad inline flags: flags 'a', 'u' and 'L' are incompatible", at);
    }
    if (!at_start) syntax("global flags not at the start of the expression", at);
    seen_unicode_ = seen_unicode_ || u;
    flags_ = f;
  }

  std::unique_ptr<Node> literal(char32_t c, std::size_t at) {
    auto n = make(Node::Literal, at);
    n->ch = c;
    return n;
  }

  // \x \u \U \N and octal forms shared by both escape contexts; returns true when handled.
  bool numeric_escape(char32_t c, std::size_t at, char32_t* out) {
    auto hex = [&](int n) {
      char32_t v = 0;
      for (int i = 0; i < n; ++i) {
        if (!has() || !is_hex(peek())) syntax("incomplete escape \\" + printable(c), at);
        v = v * 16 + static_cast<char32_t>(hex_value(p_[pos_++]));
      }
      return v;
    };
    if (c == 'x') {
      *out = hex(2);
    } else if (c == 'u') {
      *out = hex(4);
    } else if (c == 'U') {
      const char32_t v = hex(8);
      if (v > 0x10FFFF) syntax("bad escape \\U (code point above U+10FFFF)", at);
      *out = v;
    } else if (c == 'N') {
      unsupported("named character escape \\N{...}", at);
    } else {
      return false;
    }
    return true;
  }

  std::unique_ptr<Node> category(Category cat, std::size_t at) {
    auto n = make(Node::Class, at);
    n->items.push_back(ClassItem{ClassItem::Cat, 0, 0, cat});
    return n;
  }

  std::unique_ptr<Node> assertion(AssertKind k, std::size_t at) {
    auto n = make(Node::Assert, at);
    n->assertion = k;
    return n;
  }

  std::unique_ptr<Node> parse_escape(std::size_t at) {
    if (!has()) syntax("bad escape (end of pattern)", at);
    const char32_t c = p_[pos_++];
    switch (c) {
      case 'd':
        return category(Category::Digit, at);
      case 'D':
        return category(Category::NotDigit, at);
      case 's':
        return category(Category::Space, at);
      case 'S':
        return category(Category::NotSpace, at);
      case 'w':
        return category(Category::Word, at);
      case 'W':
        return category(Category::NotWord, at);
      case 'A':
        return assertion(AssertKind::Begin, at);
      case 'Z':
        return assertion(AssertKind::EndString, at);
      case 'b':
        return assertion(flags_.ascii ? AssertKind::AsciiBoundary : AssertKind::Boundary, at);
      case 'B':
        return assertion(flags_.ascii ? AssertKind::AsciiNotBoundary : AssertKind::NotBoundary, at);
      case 'a':
        return literal(7, at);
      case 'f':
        return literal(12, at);
      case 'n':
        return literal(10, at);
      case 'r':
        return literal(13, at);
      case 't':
        return literal(9, at);
      case 'v':
        return literal(11, at);
      default:
        break;
    }
    char32_t v = 0;
    if (numeric_escape(c, at, &v)) return literal(v, at);
    if (c == '0') {
      v = 0;
      for (int i = 0; i < 2 && has() && is_oct(peek()); ++i) v = v * 8 + (p_[pos_++] - '0');
      return literal(v, at);
    }
    if (is_digit(c)) {
      int group = static_cast<int>(c - '0');
      if (has() && is_digit(peek())) {
        const char32_t d2 = p_[pos_++];
        if (is_oct(c) && is_oct(d2) && has() && is_oct(peek())) {
          v = (c - '0') * 64 + (d2 - '0') * 8 + (p_[pos_++] - '0');
          if (v > 0377) syntax("octal escape value outside of range 0-0o377", at);
          return literal(v, at);
        }
        group = group * 10 + static_cast<int>(d2 - '0');
      }
      // Python accepts a reference to an already opened group; anything else is its error.
      if (group > groups_) syntax("invalid group reference " + std::to_string(group), at + 1);
      unsupported("backreference \\" + std::to_string(group), at);
    }
    if (is_ascii_letter(c)) syntax("bad escape \\" + printable(c), at);
    return literal(c, at);
  }

  // One class member after '\\' (sre's _class_escape). Sets *is_cat for \d \w \s etc.
  ClassItem class_escape(std::size_t at) {
    if (!has()) syntax("unterminated character set", at);
    const char32_t c = p_[pos_++];
    auto lit = [](char32_t v) { return ClassItem{ClassItem::Literal, v, v, Category::Digit}; };
    auto cat = [](Category k) { return ClassItem{ClassItem::Cat, 0, 0, k}; };
    switch (c) {
      case 'd':
        return cat(Category::Digit);
      case 'D':
        return cat(Category::NotDigit);
      case 's':
        return cat(Category::Space);
      case 'S':
        return cat(Category::NotSpace);
      case 'w':
        return cat(Category::Word);
      case 'W':
        return cat(Category::NotWord);
      case 'a':
        return lit(7);
      case 'b':
        return lit(8);
      case 'f':
        return lit(12);
      case 'n':
        return lit(10);
      case 'r':
        return lit(13);
      case 't':
        return lit(9);
      case 'v':
        return lit(11);
      default:
        break;
    }
    char32_t v = 0;
    if (numeric_escape(c, at, &v)) return lit(v);
    if (is_oct(c)) {
      v = c - '0';
      for (int i = 0; i < 2 && has() && is_oct(peek()); ++i) v = v * 8 + (p_[pos_++] - '0');
      if (v > 0377) syntax("octal escape value outside of range 0-0o377", at);
      return lit(v);
    }
    if (is_digit(c) || is_ascii_letter(c)) syntax("bad escape \\" + printable(c), at);
    return lit(c);
  }

  std::unique_ptr<Node> parse_class(std::size_t at) {
    std::vector<ClassItem> set;
    bool negate = false;
    if (has() && peek() == '^') {
      ++pos_;
      negate = true;
    }
    for (;;) {
      if (!has()) syntax("unterminated character set", at);
      const std::size_t item_at = pos_;
      const char32_t c = p_[pos_++];
      if (c == ']' && !set.empty()) break;
      ClassItem first =
          c == '\\' ? class_escape(item_at) : ClassItem{ClassItem::Literal, c, c, Category::Digit};
      if (has() && peek() == '-') {
        ++pos_;
        if (!has()) syntax("unterminated character set", at);
        const char32_t d = p_[pos_++];
        if (d == ']') {
          set.push_back(first);
          set.push_back(ClassItem{ClassItem::Literal, '-', '-', Category::Digit});
          break;
        }
        const ClassItem second = d == '\\' ? class_escape(pos_ - 1)
                                           : ClassItem{ClassItem::Literal, d, d, Category::Digit};
        if (first.kind != ClassItem::Literal || second.kind != ClassItem::Literal ||
            second.lo < first.lo) {
          syntax("bad character range", item_at);
        }
        set.push_back(ClassItem{ClassItem::Range, first.lo, second.lo, Category::Digit});
      } else {
        set.push_back(first);
      }
    }
    // sre_parse's _uniq, then a lone literal becomes LITERAL / NOT_LITERAL.
    std::vector<ClassItem> items = uniq_class_items(set);
    if (items.size() == 1 && items[0].kind == ClassItem::Literal) {
      auto n = make(negate ? Node::NotLiteral : Node::Literal, at);
      n->ch = items[0].lo;
      return n;
    }
    auto n = make(Node::Class, at);
    n->negate = negate;
    n->items = std::move(items);
    return n;
  }

  const std::u32string& p_;
  const RegexLimits& limits_;
  std::size_t pos_ = 0;
  RegexFlags flags_;
  bool seen_unicode_ = false;
  int groups_ = 0;
};

}  // namespace

Parsed parse_regex(const std::u32string& pattern, const RegexLimits& limits) {
  return Parser(pattern, limits).run();
}

}  // namespace skops::detail::text
