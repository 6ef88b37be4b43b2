#include "skops/api.hpp"
#include "skops/error.hpp"

namespace skops {

NodePtr to_node(const Estimator& estimator, const DumpOptions& options) {
  const TypeRegistry& registry = options.registry ? *options.registry : builtin_registry();
  SaveContext ctx(registry, options.sklearn_version);
  return ctx.save(estimator);
}

void dump(const Estimator& estimator, const std::string& path, const DumpOptions& options) {
  WriteOptions wo;
  wo.compression = options.compression;
  write_document(*to_node(estimator, options), path, wo);
}

std::vector<std::uint8_t> dumps(const Estimator& estimator, const DumpOptions& options) {
  WriteOptions wo;
  wo.compression = options.compression;
  return write_document_bytes(*to_node(estimator, options), wo);
}

}  // namespace skops
