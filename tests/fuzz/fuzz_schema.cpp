// Fuzz target: schema.json text → node graph → audit → schema.json → node graph.
#include <cstdint>
#include <string>

#include "skops/error.hpp"
#include "skops/schema.hpp"
#include "skops/trust.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  skops::Limits limits;
  limits.max_nodes = 100'000;
  try {
    const auto parsed = skops::parse_schema(std::string(reinterpret_cast<const char*>(data), size), limits);
    (void)skops::audit(*parsed.root, skops::TrustPolicy::primitives());
    // What was parsed must write and parse back to an equal graph.
    const auto again = skops::parse_schema(skops::write_schema(*parsed.root), limits);
    if (!skops::graphs_equal(*parsed.root, *again.root)) __builtin_trap();
  } catch (const skops::Error&) {
  }
  return 0;
}
