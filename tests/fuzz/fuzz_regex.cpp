// libFuzzer target: a Python re pattern and a document, split at the first NUL byte (no NUL:
// the first half is the pattern). Any skops::Error is a correct rejection (bad UTF-8, refused
// construct, limit); crashes, sanitizer reports and hangs are bugs. Matching must stay linear:
// the program is capped at RegexLimits::max_program_size, and each token a match returns
// must lie inside the document. The string functions run on the document too.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "skops/error.hpp"
#include "text/regex.hpp"
#include "text/strings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Replay feeds whole test files: keep each run small and bounded.
  if (size > (1u << 14)) size = 1u << 14;
  const auto* chars = reinterpret_cast<const char*>(data);
  const void* nul = std::memchr(chars, 0, size);
  const std::size_t split =
      nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - chars) : size / 2;
  const std::string_view pattern(chars, split);
  const std::string_view doc = nul ? std::string_view(chars + split + 1, size - split - 1)
                                   : std::string_view(chars + split, size - split);
  namespace tx = skops::detail::text;
  // Small caps keep each run short (time is O(text x program)); the code paths are the same.
  tx::RegexLimits limits;
  limits.max_program_size = 2000;
  limits.max_scan_factor = 16;
  try {
    const tx::Regex re = tx::Regex::compile(pattern, limits);
    tx::RegexScratch scratch;
    re.findall(doc, scratch, [&](std::string_view token) {
      const bool inside = token.empty() || (token.data() >= doc.data() &&
                                            token.data() + token.size() <= doc.data() + doc.size());
      if (!inside) __builtin_trap();
    });
  } catch (const skops::Error&) {
  }
  try {
    const std::string lowered = tx::python_lower(doc);
    const std::string u = tx::strip_accents_unicode(doc);
    const std::string a = tx::strip_accents_ascii(doc);
    for (const char ch : a) {
      if (static_cast<unsigned char>(ch) >= 0x80) __builtin_trap();
    }
    // Lowering twice changes nothing more only for most text, so no check; the output must be
    // valid UTF-8 again.
    tx::python_lower(lowered);
    tx::strip_accents_unicode(u);
  } catch (const skops::Error&) {
  }
  return 0;
}
