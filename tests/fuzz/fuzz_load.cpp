// Fuzz target: the whole load path on arbitrary bytes — archive, schema, audit (every type
// trusted, so the builders and validators run too), arrays, build, and one prediction.
#include <cstdint>
#include <vector>

#include "skops/api.hpp"
#include "skops/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  skops::LoadOptions opts;
  opts.limits.max_member_bytes = 8u << 20;
  opts.limits.max_total_bytes = 32u << 20;
  opts.limits.max_schema_bytes = 4u << 20;
  opts.limits.max_nodes = 100'000;
  opts.limits.max_array_elements = 1u << 20;
  try {
    std::vector<std::uint8_t> bytes(data, data + size);
    auto doc = skops::Document::read_bytes(bytes, skops::ReadOptions{opts.limits, false});
    for (const auto& t : skops::audit(*doc->root(), skops::TrustPolicy()).types) opts.trusted.push_back(t.type);
    auto est = skops::loads(bytes, opts);
    const auto n = est->n_features_in();
    if (n > 0 && n < 4096) {
      skops::Matrix X = skops::Matrix::Constant(2, n, 0.5);
      X(1, 0) = -1.0;
      for (auto m : {skops::Method::Predict, skops::Method::PredictProba, skops::Method::DecisionFunction,
                     skops::Method::Transform}) {
        if (est->supports(m)) (void)est->run(m, X);
      }
    }
  } catch (const skops::Error&) {
  }
  return 0;
}
