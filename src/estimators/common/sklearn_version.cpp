#include "estimators/common/sklearn_version.hpp"

#include <tuple>

#include "skops/node.hpp"

namespace skops::detail {
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

std::optional<SklearnVersion> parse_sklearn_version(std::string_view s) {
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

bool sklearn_version_at_least(std::string_view version, SklearnVersion least, bool if_unparsable) {
  const auto v = parse_sklearn_version(version);
  if (!v) return if_unparsable;
  return std::tie(v->major, v->minor, v->patch) >= std::tie(least.major, least.minor, least.patch);
}

std::string file_sklearn_version(const ObjectView& obj) {
  const auto v = obj.find("_sklearn_version");
  if (!v || v->node().kind != NodeKind::Json || v->node().scalar != ScalarKind::Str) return {};
  return v->node().str_value;
}

}  // namespace skops::detail
