#include "estimators/utils/versions.hpp"

#include "skops/node.hpp"

namespace skops::estimators::detail {

SklearnVersion file_version(const ObjectView& obj) {
  const auto v = obj.find("_sklearn_version");
  if (!v) return {};
  const Node& n = v->node();
  if (n.kind != NodeKind::Json || n.scalar != ScalarKind::Str) {
    v->fail("_sklearn_version must be a str");
  }
  const auto parsed = SklearnVersion::parse(n.str_value);
  if (!parsed) v->fail("_sklearn_version is not a scikit-learn version");
  return *parsed;
}

bool file_at_least(const ObjectView& obj, int major, int minor, int patch) {
  return file_version(obj).at_least(major, minor, patch);
}

}  // namespace skops::estimators::detail
