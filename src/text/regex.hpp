#pragma once
// A linear-time regular expression engine with Python `re` semantics for the subset that
// scikit-learn token patterns use (CountVectorizer/TfidfVectorizer: re.compile(p).findall(doc)).
//
// Patterns come from untrusted files, so matching never backtracks: the pattern compiles to
// a program of at most RegexLimits::max_program_size instructions run by a Pike VM (a
// Thompson NFA simulation whose threads keep Python's priorities), O(len(text) x program size)
// time and O(program size) memory per match. Everything Python's re accepts that cannot be
// run this way, or that findall would handle differently from the plain leftmost-first
// search (patterns that can match the empty string), is refused at compile time.
// docs/text.md lists the supported subset and what is refused.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace skops::detail::text {

/// Caps applied by Regex::compile (a pattern is read from an untrusted file).
struct RegexLimits {
  /// Pattern length in bytes (UTF-8).
  std::size_t max_pattern_bytes = 4096;
  /// Instructions after expanding counted repetitions ({m,n}); bounds matching time per
  /// character and memory.
  std::size_t max_program_size = 10000;
  /// Nesting depth of groups.
  std::size_t max_nesting = 64;
  /// Each search is one linear pass, but findall searches again after each match, and a
  /// higher-priority thread may have scanned past the match it lost to (e.g. `.*y|a` on a
  /// text of 'a's without 'y' rescans the rest of the text per token: quadratic, as for
  /// RE2's and Rust regex's find-all loops). findall throws LimitError once the code points
  /// stepped over in total exceed this factor x (text length + 1), keeping every call linear.
  std::size_t max_scan_factor = 64;
};

struct Program;  // regex_program.hpp

/// Reusable working memory for matching; one per thread. Holds no pattern state.
class RegexScratch {
 public:
  RegexScratch();
  ~RegexScratch();
  RegexScratch(RegexScratch&&) noexcept;
  RegexScratch& operator=(RegexScratch&&) noexcept;

  struct Impl;  // regex_vm.cpp

 private:
  friend class Regex;
  std::unique_ptr<Impl> impl_;
};

/// A compiled pattern. Immutable after compile: const methods are safe from many threads
/// (each with its own RegexScratch).
class Regex {
 public:
  /// Compiles a Python `re` pattern (a str pattern: Unicode semantics unless (?a)).
  /// Throws ValidationError when Python's re would refuse the pattern too (syntax), or the
  /// pattern is not valid UTF-8; UnsupportedError for constructs this engine does not run
  /// (backreferences, lookaround, conditionals, atomic groups and possessive quantifiers,
  /// (?x), scoped flags, \N{...}, repetition of something that can match the empty string,
  /// more than one capturing group) and for patterns that can match the empty string;
  /// LimitError when a RegexLimits cap is exceeded. Messages name the construct and its
  /// offset (in code points, as Python's re.error.pos).
  static Regex compile(std::string_view pattern, const RegexLimits& limits = {});

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  /// Python's re.findall(pattern, text): every non-overlapping leftmost-first match, scanning
  /// left to right; without a capturing group the whole match, with one group that group's
  /// text ("" when it did not take part). Throws InputError on invalid UTF-8.
  std::vector<std::string> findall(std::string_view utf8) const;
  /// The same, without allocating per token: calls `on_token(token)` with a view into `utf8`
  /// (valid during the call). Throws InputError on invalid UTF-8 (before any call).
  template <typename F>
  void findall(std::string_view utf8, RegexScratch& scratch, F&& on_token) const {
    for_each_token(utf8, scratch, &on_token,
                   [](void* f, std::string_view t) { (*static_cast<F*>(f))(t); });
  }

  /// Number of capturing groups (0 or 1).
  int groups() const noexcept;
  /// Instructions in the compiled program.
  std::size_t program_size() const noexcept;
  /// Whether findall scans class runs directly (see RunClass) rather than running the VM.
  bool scans_runs() const noexcept { return run_class_ != RunClass::None; }

 private:
  /// The token patterns people write most are "maximal runs of one class, at least `min`
  /// long" (`(?u)\b\w\w+\b`, `\w+`, `\S+`, ...). For those exact pattern texts findall
  /// scans the runs directly instead of running the VM: the same tokens (the equivalence is
  /// argued in regex_vm.cpp and checked by text_test against Python), several times faster.
  enum class RunClass : std::uint8_t { None, Word, NotSpace, AsciiAlpha, WordOrApostrophe };
  explicit Regex(std::unique_ptr<const Program> program);
  void for_each_token(std::string_view utf8, RegexScratch& scratch, void* ctx,
                      void (*cb)(void*, std::string_view)) const;
  std::unique_ptr<const Program> program_;
  RunClass run_class_ = RunClass::None;
  std::uint32_t run_min_ = 0;
};

}  // namespace skops::detail::text
