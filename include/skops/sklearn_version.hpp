#pragma once
/// \file sklearn_version.hpp
/// A scikit-learn release number ("1.4.2", "1.5.dev0", "1.4.1.post1"), as a file records it
/// in `_sklearn_version` or a dump asks for it in DumpOptions::sklearn_version. Node layouts,
/// tree values and attribute names change with it, so it is parsed once and compared as
/// numbers.

#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace skops {

struct SklearnVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;  ///< 0 when absent or not a number ("1.5.dev0")

  /// Major.minor[.patch] at the start of `text` (a suffix such as ".dev0" or "rc1" is
  /// ignored); nullopt when the text does not start that way or a number is absurd (> 100000).
  static std::optional<SklearnVersion> parse(std::string_view text) noexcept;

  /// This release is `major.minor.patch` or later.
  bool at_least(int major_, int minor_, int patch_ = 0) const noexcept {
    return std::tie(major, minor, patch) >= std::tie(major_, minor_, patch_);
  }
  /// "major.minor.patch".
  std::string str() const;
};

}  // namespace skops
