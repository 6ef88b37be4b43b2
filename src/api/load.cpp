#include "skops/api.hpp"
#include "skops/error.hpp"

namespace skops {

TrustPolicy default_trust(const TypeRegistry& registry, const std::vector<std::string>& extra) {
  TrustPolicy policy = TrustPolicy::primitives();
  policy.share(registry.shared_default_trusted_names());
  policy.add(extra);
  return policy;
}

namespace {

// The built-in registry and its default trust, made once per process: building the policy
// (~300 names) cost a load of a small model as much as the rest of that load.
struct Builtins {
  TypeRegistry registry = TypeRegistry::with_builtins();
  TrustPolicy trust = default_trust(registry);
};

const Builtins& builtins() {
  // Immutable after construction (C++11 guarantees thread-safe initialisation).
  static const Builtins b;
  return b;
}

// The policy a load checks against: the shared default one unless the caller widened it or
// brought its own registry (`scratch` then holds it).
const TrustPolicy& load_trust(const LoadOptions& options, TrustPolicy& scratch) {
  const bool builtin = !options.registry || options.registry == &builtins().registry;
  if (builtin && options.trusted.empty()) return builtins().trust;
  scratch =
      default_trust(options.registry ? *options.registry : builtins().registry, options.trusted);
  return scratch;
}

}  // namespace

const TypeRegistry& builtin_registry() { return builtins().registry; }

namespace {

std::unique_ptr<Estimator> load_document(const Document& doc, const LoadOptions& options) {
  const TypeRegistry& registry = options.registry ? *options.registry : builtin_registry();
  // Phase 2: audit the very graph that will be built; nothing is constructed before this.
  TrustPolicy scratch;
  require_trusted(*doc.root(), load_trust(options, scratch));
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
