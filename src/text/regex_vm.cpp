// The Pike VM: all threads advance together one code point at a time, kept in priority order
// (the order a backtracking matcher such as sre would try them), each program counter at most
// once per position. When the highest-priority live thread reaches Match, the lower ones are
// dropped: that is leftmost-first matching, Python's, in O(len(text) x program size).

#include <array>
#include <limits>

#include "regex_program.hpp"
#include "skops/error.hpp"
#include "strings.hpp"
#include "unicode.hpp"

namespace skops::detail::text {
namespace {

constexpr std::uint32_t kUnset = std::numeric_limits<std::uint32_t>::max();
using Caps = std::array<std::uint32_t, 4>;  // match start/end, group 1 start/end

// Sparse set of program counters in insertion (= priority) order, with each one's captures.
struct ThreadList {
  std::vector<std::uint32_t> sparse;
  std::vector<std::uint32_t> dense;
  std::vector<Caps> caps;
  std::size_t size = 0;

  void reset(std::size_t n) {
    if (sparse.size() < n) {
      sparse.assign(n, 0);
      dense.assign(n, 0);
      caps.assign(n, Caps{});
    }
    size = 0;
  }
  bool contains(std::uint32_t pc) const {
    const std::uint32_t i = sparse[pc];
    return i < size && dense[i] == pc;
  }
  std::size_t insert(std::uint32_t pc) {
    sparse[pc] = static_cast<std::uint32_t>(size);
    dense[size] = pc;
    return size++;
  }
};

struct StackEntry {
  std::uint32_t pc;  // kUnset: restore entry
  std::uint32_t slot;
  std::uint32_t value;
};

bool ascii_word(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

struct RegexScratch::Impl {
  std::u32string text;
  std::vector<std::uint32_t> offsets;  // byte offset of each code point, plus the end
  ThreadList a, b;
  std::vector<StackEntry> stack;
};

RegexScratch::RegexScratch() : impl_(std::make_unique<Impl>()) {}
RegexScratch::~RegexScratch() = default;
RegexScratch::RegexScratch(RegexScratch&&) noexcept = default;
RegexScratch& RegexScratch::operator=(RegexScratch&&) noexcept = default;

namespace {

class Vm {
 public:
  Vm(const Program& prog, RegexScratch::Impl& s)
      : prog_(prog), insts_(prog.insts.data()), s_(s), text_(s.text) {
    const std::size_t n = text_.size() + 1;
    budget_ = prog.max_scan_factor > std::numeric_limits<std::size_t>::max() / n
                  ? std::numeric_limits<std::size_t>::max()
                  : prog.max_scan_factor * n;
  }

  // Leftmost-first match starting at or after `start`; fills `out`.
  bool search(std::uint32_t start, Caps& out) {
    const std::size_t n = prog_.insts.size();
    ThreadList* clist = &s_.a;
    ThreadList* nlist = &s_.b;
    clist->reset(n);
    nlist->reset(n);
    if (s_.stack.size() < n + 1) s_.stack.resize(n + 1);
    const auto len = static_cast<std::uint32_t>(text_.size());
    bool matched = false;
    for (std::uint32_t pos = start;; ++pos) {
      if (!matched) {
        if (clist->size == 0) {
          while (pos < len && !can_start(text_[pos])) ++pos;
          if (pos >= len) return false;  // a match consumes at least one code point
        }
        // A match starting here consumes text_[pos] first (assertions consume nothing).
        if (pos < len && can_start(text_[pos])) {
          Caps init{};
          init.fill(kUnset);
          add_thread(*clist, 0, pos, init);
        }
      }
      if (clist->size == 0) break;
      if (budget_-- == 0) {
        throw LimitError("regex: findall stepped over more than " +
                         std::to_string(prog_.max_scan_factor) +
                         " x the text length (RegexLimits::max_scan_factor): the pattern rescans "
                         "the text after each match");
      }
      nlist->size = 0;
      const char32_t c = pos < len ? text_[pos] : 0;
      for (std::size_t i = 0; i < clist->size; ++i) {
        const std::uint32_t pc = clist->dense[i];
        const Inst& in = insts_[pc];
        bool step = false;
        switch (in.op) {
          case Op::Match:
            matched = true;
            out = clist->caps[i];
            i = clist->size;  // cut the lower-priority threads
            continue;
          case Op::Char:
            step = pos < len && c == in.x;
            break;
          case Op::Set:
            step = pos < len && prog_.sets[in.x].test(c);
            break;
          case Op::Any:
            step = pos < len && c != '\n';
            break;
          case Op::AnyAll:
            step = pos < len;
            break;
          default:
            break;
        }
        if (step) add_thread(*nlist, pc + 1, pos + 1, clist->caps[i]);
      }
      std::swap(clist, nlist);
      if (pos >= len) break;
    }
    return matched;
  }

 private:
  bool can_start(char32_t c) const {
    if (c < 128) return (prog_.ascii_start[c >> 6] >> (c & 63)) & 1;
    return prog_.non_ascii_start;
  }

  bool word_at(std::uint32_t i, bool ascii) const {
    const char32_t c = text_[i];
    return ascii ? ascii_word(c) : is_word(c);
  }

  // sre's SRE(at) for the str-pattern codes.
  bool check(AssertKind k, std::uint32_t pos) const {
    const auto len = static_cast<std::uint32_t>(text_.size());
    switch (k) {
      case AssertKind::Begin:
        return pos == 0;
      case AssertKind::BeginLine:
        return pos == 0 || text_[pos - 1] == '\n';
      case AssertKind::End:
        return pos == len || (pos + 1 == len && text_[pos] == '\n');
      case AssertKind::EndLine:
        return pos == len || text_[pos] == '\n';
      case AssertKind::EndString:
        return pos == len;
      case AssertKind::Boundary:
      case AssertKind::NotBoundary:
      case AssertKind::AsciiBoundary:
      case AssertKind::AsciiNotBoundary: {
        if (len == 0) return false;  // sre: no boundary of either kind in an empty string
        const bool ascii = k == AssertKind::AsciiBoundary || k == AssertKind::AsciiNotBoundary;
        const bool before = pos > 0 && word_at(pos - 1, ascii);
        const bool after = pos < len && word_at(pos, ascii);
        const bool boundary = before != after;
        return (k == AssertKind::Boundary || k == AssertKind::AsciiBoundary) ? boundary : !boundary;
      }
    }
    return false;
  }

  // Follows splits, jumps, saves and assertions from pc at pos, in priority order, adding
  // every instruction reached once; consuming instructions and Match keep the captures.
  void add_thread(ThreadList& list, std::uint32_t pc0, std::uint32_t pos, const Caps& caps0) {
    if (list.contains(pc0)) return;
    {
      // Common case: the next instruction consumes; no closure to follow.
      const Op op = insts_[pc0].op;
      if (op == Op::Char || op == Op::Set || op == Op::Any || op == Op::AnyAll || op == Op::Match) {
        list.caps[list.insert(pc0)] = caps0;
        return;
      }
    }
    Caps caps = caps0;
    // Each instruction is entered at most once per call and pushes at most one entry, so the
    // stack (sized to the program in search()) never grows.
    StackEntry* stack = s_.stack.data();
    std::size_t top = 0;
    stack[top++] = StackEntry{pc0, 0, 0};
    while (top > 0) {
      const StackEntry e = stack[--top];
      if (e.pc == kUnset) {
        caps[e.slot] = e.value;
        continue;
      }
      std::uint32_t pc = e.pc;
      for (;;) {
        if (list.contains(pc)) break;
        const std::size_t idx = list.insert(pc);
        const Inst& in = insts_[pc];
        if (in.op == Op::Jmp) {
          pc = in.x;
        } else if (in.op == Op::Split) {
          stack[top++] = StackEntry{in.y, 0, 0};
          pc = in.x;
        } else if (in.op == Op::Save) {
          stack[top++] = StackEntry{kUnset, in.x, caps[in.x]};
          caps[in.x] = pos;
          ++pc;
        } else if (in.op == Op::Assert) {
          if (!check(in.assertion, pos)) break;
          ++pc;
        } else {
          list.caps[idx] = caps;
          break;
        }
      }
    }
  }

  const Program& prog_;
  const Inst* insts_;
  RegexScratch::Impl& s_;
  const std::u32string& text_;
  std::size_t budget_ = 0;  // positions still allowed over the whole findall
};

}  // namespace

Regex::Regex(std::unique_ptr<const Program> program) : program_(std::move(program)) {}
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

int Regex::groups() const noexcept { return program_->groups; }
std::size_t Regex::program_size() const noexcept { return program_->insts.size(); }

Regex Regex::compile(std::string_view pattern, const RegexLimits& limits) {
  if (pattern.size() > limits.max_pattern_bytes) {
    throw LimitError("regex: pattern of " + std::to_string(pattern.size()) + " bytes exceeds " +
                     std::to_string(limits.max_pattern_bytes) +
                     " (RegexLimits::max_pattern_bytes)");
  }
  const std::size_t bad = find_invalid_utf8(pattern);
  if (bad != std::string_view::npos) {
    throw ValidationError("regex: pattern is not valid UTF-8 (byte offset " + std::to_string(bad) +
                          ")");
  }
  const std::u32string cps = decode_utf8(pattern);
  const Parsed parsed = parse_regex(cps, limits);
  Regex re(compile_regex(parsed, limits));
  // Patterns whose findall is exactly "every maximal run of class C of at least n code
  // points": with C = \w (Python's str.isalnum() or '_'), a \b on either side of a run is
  // always true and never true inside it, and a greedy C+ (or CC+) started at a run's first
  // code point takes the whole run; a search starting inside a run of C cannot happen, as the
  // previous match or failed start ended where the run does. The same holds for \S /
  // [^\s], [a-zA-Z] (no \b) and [\w'] (no \b). \b[a-zA-Z]{3,}\b is not one of them: \b
  // looks at \w, which is wider than the class.
  struct Run {
    std::string_view text;
    RunClass cls;
    std::uint32_t min;
  };
  static constexpr Run kRuns[] = {
      {"\\b\\w\\w+\\b", RunClass::Word, 2}, {"\\w\\w+", RunClass::Word, 2},
      {"\\b\\w+\\b", RunClass::Word, 1},      {"\\w+", RunClass::Word, 1},
      {"\\S+", RunClass::NotSpace, 1},        {"[^\\s]+", RunClass::NotSpace, 1},
      {"[a-zA-Z]+", RunClass::AsciiAlpha, 1}, {"[a-zA-Z]{2,}", RunClass::AsciiAlpha, 2},
      {"[\\w']+", RunClass::WordOrApostrophe, 1}};
  std::string_view body = pattern;
  if (body.substr(0, 4) == "(?u)") body.remove_prefix(4);
  for (const Run& r : kRuns) {
    if (body == r.text) {
      re.run_class_ = r.cls;
      re.run_min_ = r.min;
    }
  }
  return re;
}

void Regex::for_each_token(std::string_view utf8, RegexScratch& scratch, void* ctx,
                           void (*cb)(void*, std::string_view)) const {
  if (utf8.size() >= kUnset) throw LimitError("regex: text of 4 GiB or more");
  RegexScratch::Impl& s = *scratch.impl_;
  s.text.clear();
  decode_utf8(utf8, s.text);
  // Byte offset of every code point (UTF-8 lead bytes), and of the end.
  s.offsets.clear();
  s.offsets.reserve(s.text.size() + 1);
  for (std::uint32_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) s.offsets.push_back(i);
  }
  s.offsets.push_back(static_cast<std::uint32_t>(utf8.size()));
  const auto len = static_cast<std::uint32_t>(s.text.size());
  if (run_class_ != RunClass::None) {
    auto in_class = [this](char32_t c) {
      switch (run_class_) {
        case RunClass::Word: return is_word(c);
        case RunClass::NotSpace: return !is_space(c);
        case RunClass::AsciiAlpha: return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
        case RunClass::WordOrApostrophe: return c == U'\'' || is_word(c);
        case RunClass::None: break;
      }
      return false;
    };
    for (std::uint32_t i = 0; i < len;) {
      if (!in_class(s.text[i])) {
        ++i;
        continue;
      }
      std::uint32_t j = i + 1;
      while (j < len && in_class(s.text[j])) ++j;
      if (j - i >= run_min_) cb(ctx, utf8.substr(s.offsets[i], s.offsets[j] - s.offsets[i]));
      i = j;
    }
    return;
  }
  Vm vm(*program_, s);
  const bool group = program_->groups == 1;
  std::uint32_t pos = 0;
  Caps caps{};
  while (pos < len && vm.search(pos, caps)) {
    if (!group) {
      cb(ctx, utf8.substr(s.offsets[caps[0]], s.offsets[caps[1]] - s.offsets[caps[0]]));
    } else if (caps[2] == kUnset || caps[3] == kUnset) {
      cb(ctx, std::string_view());
    } else {
      cb(ctx, utf8.substr(s.offsets[caps[2]], s.offsets[caps[3]] - s.offsets[caps[2]]));
    }
    // Patterns are never nullable, so every match ends after it starts.
    pos = caps[1] > caps[0] ? caps[1] : caps[0] + 1;
  }
}

std::vector<std::string> Regex::findall(std::string_view utf8) const {
  RegexScratch scratch;
  std::vector<std::string> out;
  findall(utf8, scratch, [&out](std::string_view t) { out.emplace_back(t); });
  return out;
}

}  // namespace skops::detail::text
