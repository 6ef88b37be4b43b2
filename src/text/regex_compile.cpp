// AST -> Pike VM program. Refuses what the VM cannot reproduce exactly (see regex.hpp) and
// caps the program size while emitting, so a hostile counted repetition such as
// (a{1000}){1000} stops at the cap instead of allocating its expansion.

#include <string>
#include <unordered_map>

#include "regex_program.hpp"
#include "skops/error.hpp"
#include "unicode.hpp"

namespace skops::detail::text {
namespace {

[[noreturn]] void unsupported(const std::string& what, std::size_t at) {
  throw UnsupportedError("regex: " + what + " at offset " + std::to_string(at) +
                         " is not supported (docs/text.md)");
}

// Can the node match without consuming a code point? Assertions count as empty (they can
// succeed without consuming), so this errs towards "yes".
bool nullable(const Node& n) {
  switch (n.kind) {
    case Node::Empty:
    case Node::Assert:
      return true;
    case Node::Literal:
    case Node::NotLiteral:
    case Node::Class:
    case Node::Any:
      return false;
    case Node::Group:
      return nullable(*n.children[0]);
    case Node::Concat:
      for (const auto& c : n.children) {
        if (!nullable(*c)) return false;
      }
      return true;
    case Node::Alt:
      for (const auto& c : n.children) {
        if (nullable(*c)) return true;
      }
      return false;
    case Node::Repeat:
      return n.min == 0 || nullable(*n.children[0]);
  }
  return true;
}

// sre guards repeated bodies that match empty with checks a Thompson NFA does not have
// (and such loops are the classic blow-up); refuse them.
void check_repeats(const Node& n) {
  if (n.kind == Node::Repeat && n.max > 1 && nullable(*n.children[0])) {
    unsupported("repetition of an expression that can match the empty string", n.offset);
  }
  for (const auto& c : n.children) check_repeats(*c);
}

class Emitter {
 public:
  Emitter(Program& prog, const RegexFlags& flags, std::size_t limit)
      : prog_(prog), flags_(flags), limit_(limit) {}

  std::uint32_t emit(Op op, std::uint32_t x = 0, std::uint32_t y = 0,
                     AssertKind a = AssertKind::Begin) {
    if (prog_.insts.size() >= limit_) {
      throw LimitError("regex: the compiled pattern exceeds " + std::to_string(limit_) +
                       " instructions (RegexLimits::max_program_size; counted repetitions are "
                       "expanded)");
    }
    prog_.insts.push_back(Inst{op, a, x, y});
    return static_cast<std::uint32_t>(prog_.insts.size() - 1);
  }
  std::uint32_t here() const { return static_cast<std::uint32_t>(prog_.insts.size()); }

  std::uint32_t add_set(CharSet s) {
    prog_.sets.push_back(std::move(s));
    return static_cast<std::uint32_t>(prog_.sets.size() - 1);
  }

  // sre's literal compilation (re/_compiler.py _compile, LITERAL_CODES).
  void literal(char32_t ch, bool negate) {
    const bool uni = !flags_.ascii;
    const bool cased =
        uni ? re_iscased(ch) : ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
    if (!flags_.ignorecase || !cased) {
      if (!negate) {
        emit(Op::Char, static_cast<std::uint32_t>(ch));
        return;
      }
      CharSet s;
      s.negate = true;
      s.ranges.emplace_back(ch, ch);
      s.precompute();
      emit(Op::Set, add_set(std::move(s)));
      return;
    }
    const std::uint64_t key = (std::uint64_t{ch} << 1) | (negate ? 1u : 0u);
    if (auto it = literal_sets_.find(key); it != literal_sets_.end()) {
      emit(Op::Set, it->second);
      return;
    }
    CharSet s;
    s.negate = negate;
    s.ascii = flags_.ascii;
    s.lower_first = true;
    const char32_t lo = uni ? re_lower(ch) : ((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
    s.ranges.emplace_back(lo, lo);
    if (uni) {
      std::size_t n = 0;
      const std::uint32_t* extra = re_extra_cases(lo, &n);
      for (std::size_t i = 0; i < n; ++i) s.ranges.emplace_back(extra[i], extra[i]);
    }
    s.precompute();
    const std::uint32_t index = add_set(std::move(s));
    literal_sets_.emplace(key, index);
    emit(Op::Set, index);
  }

  void node(const Node& n) {
    switch (n.kind) {
      case Node::Empty:
        return;
      case Node::Literal:
        literal(n.ch, false);
        return;
      case Node::NotLiteral:
        literal(n.ch, true);
        return;
      case Node::Class: {
        // A class repeated by {m,n} is compiled once and shared by its copies.
        auto it = class_sets_.find(&n);
        if (it == class_sets_.end()) {
          it = class_sets_.emplace(&n, add_set(make_class_set(n.items, n.negate, flags_))).first;
        }
        emit(Op::Set, it->second);
        return;
      }
      case Node::Any:
        emit(flags_.dotall ? Op::AnyAll : Op::Any);
        return;
      case Node::Assert:
        emit(Op::Assert, 0, 0, n.assertion);
        return;
      case Node::Group:
        if (n.capture > 0) emit(Op::Save, 2);
        node(*n.children[0]);
        if (n.capture > 0) emit(Op::Save, 3);
        return;
      case Node::Concat:
        for (const auto& c : n.children) node(*c);
        return;
      case Node::Alt:
        alternation(n);
        return;
      case Node::Repeat:
        repeat(n);
        return;
    }
  }

 private:
  // b0 | b1 | ... : split(b0, rest); b0; jmp end; rest: split(b1, rest2); b1; jmp end; ...
  // (a loop, not recursion: a pattern may have thousands of branches).
  void alternation(const Node& n) {
    std::vector<std::uint32_t> jumps;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      if (i + 1 == n.children.size()) {
        node(*n.children[i]);
        break;
      }
      const std::uint32_t split = emit(Op::Split);
      prog_.insts[split].x = here();
      node(*n.children[i]);
      jumps.push_back(emit(Op::Jmp));
      prog_.insts[split].y = here();
    }
    for (const std::uint32_t j : jumps) prog_.insts[j].x = here();
  }

  // Split whose preferred branch is `body` when greedy, `skip` when lazy.
  void set_split(std::uint32_t at, std::uint32_t body, std::uint32_t skip, bool greedy) {
    prog_.insts[at].x = greedy ? body : skip;
    prog_.insts[at].y = greedy ? skip : body;
  }

  void repeat(const Node& n) {
    const Node& body = *n.children[0];
    if (n.max == Node::kInfinite) {
      for (std::uint32_t i = 1; i < n.min; ++i) node(body);
      if (n.min >= 1) {
        // L: body; split(L, out)
        const std::uint32_t top = here();
        node(body);
        const std::uint32_t split = emit(Op::Split);
        set_split(split, top, here(), n.greedy);
      } else {
        // L: split(body, out); body; jmp L; out:
        const std::uint32_t split = emit(Op::Split);
        node(body);
        emit(Op::Jmp, split);
        set_split(split, split + 1, here(), n.greedy);
      }
      return;
    }
    for (std::uint32_t i = 0; i < n.min; ++i) node(body);
    // Optional copies, nested: each split skips to the common end (x{2,4} = xx(?:x(?:x)?)?).
    std::vector<std::uint32_t> splits;
    for (std::uint32_t i = n.min; i < n.max; ++i) {
      splits.push_back(emit(Op::Split));
      node(body);
    }
    const std::uint32_t end = here();
    for (const std::uint32_t s : splits) set_split(s, s + 1, end, n.greedy);
  }

  Program& prog_;
  const RegexFlags& flags_;
  std::size_t limit_;
  std::unordered_map<const Node*, std::uint32_t> class_sets_;
  std::unordered_map<std::uint64_t, std::uint32_t> literal_sets_;
};

// Which code points can begin a match: the consuming instructions reachable from the start
// through splits, jumps, saves and assertions.
void compute_start(Program& prog) {
  std::vector<bool> seen(prog.insts.size(), false);
  std::vector<std::uint32_t> stack{0};
  prog.ascii_start = {0, 0};
  prog.non_ascii_start = false;
  while (!stack.empty()) {
    const std::uint32_t pc = stack.back();
    stack.pop_back();
    if (pc >= prog.insts.size() || seen[pc]) continue;
    seen[pc] = true;
    const Inst& in = prog.insts[pc];
    switch (in.op) {
      case Op::Split:
        stack.push_back(in.x);
        stack.push_back(in.y);
        break;
      case Op::Jmp:
        stack.push_back(in.x);
        break;
      case Op::Save:
      case Op::Assert:
        stack.push_back(pc + 1);
        break;
      case Op::Char:
        if (in.x < 128) {
          prog.ascii_start[in.x >> 6] |= std::uint64_t{1} << (in.x & 63);
        } else {
          prog.non_ascii_start = true;
        }
        break;
      case Op::Set: {
        const CharSet& s = prog.sets[in.x];
        for (char32_t c = 0; c < 128; ++c) {
          if (s.test(c)) prog.ascii_start[c >> 6] |= std::uint64_t{1} << (c & 63);
        }
        const bool plain = !s.negate && !s.lower_first && s.categories.empty() &&
                           s.tail_literals.empty() && s.tail_ranges.empty() &&
                           (s.ranges.empty() || s.ranges.back().second < 128);
        if (!plain) prog.non_ascii_start = true;
        break;
      }
      case Op::Any:
      case Op::AnyAll:
      case Op::Match:  // cannot happen (the pattern is not nullable); be permissive
        prog.ascii_start = {~std::uint64_t{0}, ~std::uint64_t{0}};
        prog.non_ascii_start = true;
        break;
    }
  }
}

}  // namespace

std::unique_ptr<const Program> compile_regex(const Parsed& parsed, const RegexLimits& limits) {
  if (parsed.groups > 1) {
    throw ValidationError("regex: " + std::to_string(parsed.groups) +
                          " capturing groups; findall with more than one group returns tuples, "
                          "which a token pattern cannot use (at most 1 is allowed)");
  }
  check_repeats(*parsed.root);
  if (nullable(*parsed.root)) {
    unsupported("a pattern that can match the empty string", 0);
  }
  auto prog = std::make_unique<Program>();
  prog->groups = parsed.groups;
  prog->max_scan_factor = limits.max_scan_factor;
  Emitter e(*prog, parsed.flags, limits.max_program_size);
  e.emit(Op::Save, 0);
  e.node(*parsed.root);
  e.emit(Op::Save, 1);
  e.emit(Op::Match);
  compute_start(*prog);
  return prog;
}

}  // namespace skops::detail::text
