#include "skops/sklearn_version.hpp"

namespace skops {
namespace {

// A run of digits at `i` (advanced past it); nullopt when there is none or it is absurd.
std::optional<int> number_at(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  int v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i++] - '0');
    if (v > 100000) return std::nullopt;
  }
  if (i == start) return std::nullopt;
  return v;
}

}  // namespace

std::optional<SklearnVersion> SklearnVersion::parse(std::string_view s) noexcept {
  std::size_t i = 0;
  SklearnVersion v;
  const auto major = number_at(s, i);
  if (!major || i >= s.size() || s[i] != '.') return std::nullopt;
  ++i;
  const auto minor = number_at(s, i);
  if (!minor) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (const auto patch = number_at(s, i)) v.patch = *patch;
  }
  return v;
}

std::string SklearnVersion::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace skops
