#include "skops/api.hpp"
#include "skops/error.hpp"

namespace skops {

const TypeRegistry& builtin_registry() {
  // Immutable after construction (C++11 guarantees thread-safe initialisation).
  static const TypeRegistry registry = TypeRegistry::with_builtins();
  return registry;
}

TrustPolicy default_trust(const TypeRegistry& registry, const std::vector<std::string>& extra) {
  TrustPolicy policy = TrustPolicy::primitives();
  for (const auto& n : registry.default_trusted_names()) policy.add(n);
  policy.add(extra);
  return policy;
}

namespace {

std::unique_ptr<Estimator> load_document(const Document& doc, const LoadOptions& options) {
  const TypeRegistry& registry = options.registry ? *options.registry : builtin_registry();
  // Phase 2: audit the very graph that will be built; nothing is constructed before this.
  require_trusted(audit(*doc.root(), default_trust(registry, options.trusted)));
  // Phase 3: read arrays, then build and validate.
  const NodePtr root = materialize(doc, options.threads);
  BuildContext ctx(registry, options.threads);
  return ctx.build_root(root);
}

}  // namespace

std::unique_ptr<Estimator> load(const std::string& path, const LoadOptions& options) {
  ReadOptions ro;
  ro.limits = options.limits;
  ro.memory_map = options.memory_map;
  ro.threads = options.threads;
  auto doc = Document::read_file(path, ro);
  return load_document(*doc, options);
}

std::unique_ptr<Estimator> loads(const std::vector<std::uint8_t>& bytes,
                                 const LoadOptions& options) {
  ReadOptions ro;
  ro.limits = options.limits;
  auto doc = Document::read_bytes(bytes, ro);
  return load_document(*doc, options);
}

AuditReport audit_file(const std::string& path, const std::vector<std::string>& trusted,
                       const LoadOptions& options) {
  const TypeRegistry& registry = options.registry ? *options.registry : builtin_registry();
  std::vector<std::string> extra = options.trusted;
  extra.insert(extra.end(), trusted.begin(), trusted.end());
  return audit_file(path, default_trust(registry, extra), options, true);
}

AuditReport audit_file(const std::string& path, const TrustPolicy& policy,
                       const LoadOptions& options, bool verify_members) {
  ReadOptions ro;
  ro.limits = options.limits;
  ro.threads = options.threads;
  auto doc = Document::read_file(path, ro);
  if (verify_members) doc->verify_members();
  return audit(*doc->root(), policy);
}

}  // namespace skops
