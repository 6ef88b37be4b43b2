#pragma once
/// \file trust.hpp
/// The allowlist and the audit. Trust comes only from the caller, never from the file.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "skops/node.hpp"

namespace skops {

/// A set of exact `module.Class` names. No prefixes, no wildcards, no trust-all switch.
class TrustPolicy {
 public:
  TrustPolicy() = default;
  explicit TrustPolicy(std::set<std::string> names) : names_(std::move(names)) {}
  /// The primitive, container and numpy types the built-in estimators need (builtins.dict,
  /// builtins.list, numpy.ndarray, numpy.float64, ...), without any estimator.
  static TrustPolicy primitives();

  void add(const std::string& name) { names_.insert(name); }
  void add(const std::vector<std::string>& names) { names_.insert(names.begin(), names.end()); }
  /// Also trusts every name of `names`, a set this policy shares instead of copying (a
  /// registry's default names, TypeRegistry::shared_default_trusted_names). One at most.
  void share(std::shared_ptr<const std::set<std::string>> names) { shared_ = std::move(names); }
  bool trusts(const std::string& name) const {
    return names_.count(name) != 0 || (shared_ && shared_->count(name) != 0);
  }
  /// Every trusted name, sorted.
  std::set<std::string> names() const;

 private:
  std::set<std::string> names_;
  std::shared_ptr<const std::set<std::string>> shared_;
};

/// One (type, loader) pair found in a file, with every JSON pointer where it occurs.
struct TypeUse {
  std::string type;    ///< module.Class (MethodNode also adds module.Class.method)
  std::string loader;  ///< "ObjectNode", ...
  std::vector<std::string> paths;
  bool trusted = false;
  /// Not the node's own `module.Class` but a name it resolves at construction (a
  /// MethodNode's method, a RandomGeneratorNode's bit generator): audited all the same.
  bool derived = false;
};

struct AuditReport {
  std::vector<TypeUse> types;          ///< sorted by type, then loader
  std::vector<std::string> untrusted;  ///< sorted, unique
  /// Names of every node type that must be trusted for the graph (JsonNode and SliceNode
  /// contribute their names to `types` but are never untrusted, as in Python skops).
  bool ok() const noexcept { return untrusted.empty(); }
};

/// Walks the whole graph (every reference, through for_each_child) and reports every type.
AuditReport audit(const Node& root, const TrustPolicy& policy);

/// Throws UntrustedTypeError listing every untrusted type with its paths.
void require_trusted(const AuditReport& report);
/// The same verdict as `require_trusted(audit(root, policy))`, without building the report
/// unless a type is untrusted (what a load needs).
void require_trusted(const Node& root, const TrustPolicy& policy);

}  // namespace skops
