#pragma once
// Internals of Regex: the parsed pattern (an AST close to sre_parse's), the character sets
// with sre's matching rules, and the compiled Pike VM program.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "regex.hpp"

namespace skops::detail::text {

/// Global flags of a pattern (re.I, re.A, re.S, re.M; re.U is the default for str patterns).
struct RegexFlags {
  bool ignorecase = false;
  bool ascii = false;
  bool dotall = false;
  bool multiline = false;
};

/// \d \D \s \S \w \W as sre's CATEGORY codes.
enum class Category : std::uint8_t { Digit, NotDigit, Space, NotSpace, Word, NotWord };

/// One item of a parsed character class (sre_parse's LITERAL, RANGE, CATEGORY).
struct ClassItem {
  enum Kind : std::uint8_t { Literal, Range, Cat } kind;
  char32_t lo;
  char32_t hi;
  Category category;
};

/// A compiled set: what one sre IN / LITERAL*_IGNORE opcode tests.
/// test(c): x = lower_first ? lower(c) : c; hit = x in ranges or a category holds for x or
/// x equals a tail literal or (x or upper(x)) is in a tail range; result = hit != negate.
struct CharSet {
  bool negate = false;
  bool lower_first = false;  // sre's *_IGNORE opcodes: the set is tested with c lowered
  bool ascii = false;        // (?a): ASCII categories and ASCII lowering
  std::vector<std::pair<char32_t, char32_t>> ranges;  // sorted, disjoint, not adjacent
  std::vector<Category> categories;
  std::vector<char32_t> tail_literals;                     // non-BMP literal (sre quirk)
  std::vector<std::pair<char32_t, char32_t>> tail_ranges;  // sre RANGE_UNI_IGNORE
  std::array<std::uint64_t, 32> fast{};                    // membership of c < 0x800, precomputed

  static constexpr char32_t kFastLimit = 0x800;
  bool slow_test(char32_t c) const noexcept;
  void precompute();
  bool test(char32_t c) const noexcept {
    if (c < kFastLimit) return (fast[c >> 6] >> (c & 63)) & 1;
    return slow_test(c);
  }
};

enum class AssertKind : std::uint8_t {
  Begin,          // ^ without (?m), \A
  BeginLine,      // ^ with (?m)
  End,            // $ without (?m): end, or before a final '\n'
  EndLine,        // $ with (?m)
  EndString,      // \Z
  Boundary,       // \b
  NotBoundary,    // \B
  AsciiBoundary,  // \b with (?a)
  AsciiNotBoundary,
};

struct Node {
  enum Kind : std::uint8_t {
    Empty,
    Literal,
    NotLiteral,
    Class,
    Any,
    Assert,
    Group,
    Concat,
    Alt,
    Repeat
  } kind;
  char32_t ch = 0;               // Literal, NotLiteral
  bool negate = false;           // Class
  std::vector<ClassItem> items;  // Class
  AssertKind assertion = AssertKind::Begin;
  int capture = -1;                // Group: index (1-based) or -1
  std::uint32_t min = 0, max = 0;  // Repeat; max == kInfinite for no bound
  bool greedy = true;
  std::size_t offset = 0;  // position in the pattern (code points), for messages
  std::vector<std::unique_ptr<Node>> children;

  static constexpr std::uint32_t kInfinite = 0xFFFFFFFFu;
};

struct Parsed {
  std::unique_ptr<Node> root;
  RegexFlags flags;
  int groups = 0;
};

/// sre_parse's alternation rewrites (regex_simplify.cpp): a first item common to all
/// branches moves out, all-single-character branches become one class.
std::unique_ptr<Node> simplify_alternation(std::vector<std::unique_ptr<Node>> branches,
                                           std::size_t start);
/// sre_parse's _uniq over class members: first occurrences, in order.
std::vector<ClassItem> uniq_class_items(const std::vector<ClassItem>& set);

/// Parses a decoded pattern; throws as Regex::compile documents.
Parsed parse_regex(const std::u32string& pattern, const RegexLimits& limits);

enum class Op : std::uint8_t { Char, Set, Any, AnyAll, Assert, Split, Jmp, Save, Match };

struct Inst {
  Op op;
  AssertKind assertion;  // Assert
  std::uint32_t x;  // Char: code point; Set: set index; Split/Jmp: target (preferred); Save: slot
  std::uint32_t y;  // Split: second target
};

struct Program {
  std::vector<Inst> insts;
  std::vector<CharSet> sets;
  int groups = 0;
  // Code points that can begin a match (c < 128 as bits; any c >= 128 when non_ascii_start).
  std::array<std::uint64_t, 2> ascii_start{};
  bool non_ascii_start = true;
  std::size_t max_scan_factor = 64;  // RegexLimits::max_scan_factor
};

/// Compiles a parsed pattern into a program; throws as Regex::compile documents.
std::unique_ptr<const Program> compile_regex(const Parsed& parsed, const RegexLimits& limits);

/// CharSet of a class (sre's _optimize_charset with the pattern's flags).
CharSet make_class_set(const std::vector<ClassItem>& items, bool negate, const RegexFlags& flags);

}  // namespace skops::detail::text
