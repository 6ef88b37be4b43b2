#pragma once
// scikit-learn version strings ("1.4.2", "1.5.dev0", "1.4.1.post1") as recorded in a file's
// `_sklearn_version` or asked for in DumpOptions: what changes with them (node layouts,
// tree values, attribute names) is decided by comparing against a release.

#include <optional>
#include <string>
#include <string_view>

#include "skops/build.hpp"

namespace skops::detail {

struct SklearnVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;  ///< 0 when absent or not a number ("1.5.dev0")
};

/// Major.minor[.patch] of a version string; nullopt when it does not start that way.
std::optional<SklearnVersion> parse_sklearn_version(std::string_view version);

/// Whether `version` is `least` or later; `if_unparsable` when it cannot be read.
bool sklearn_version_at_least(std::string_view version, SklearnVersion least, bool if_unparsable);

/// An object's `_sklearn_version` when it is a string, else "".
std::string file_sklearn_version(const ObjectView& obj);

}  // namespace skops::detail
