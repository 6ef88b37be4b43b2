// libFuzzer target: arbitrary bytes as a JSON table (skops::read_json_table, split and
// records layouts), through the format chooser (which may take them as CSV or .npy), and as
// feature samples (read_json_feature_samples: dicts, pairs, token lists). Any skops::Error is a correct rejection; crashes, sanitizer reports, hangs
// and large allocations are bugs.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "skops/error.hpp"
#include "skops/feature_samples.hpp"
#include "skops/table.hpp"

namespace {

void check(const skops::Table& t) {
  for (std::size_t c = 0; c < t.n_cols(); ++c) {
    const skops::Column& col = t.column(c);
    if (col.size() != t.n_rows()) __builtin_trap();
    if (t.find(col.name()) != c) __builtin_trap();
  }
  const std::vector<double> m = t.to_float64(t.numeric_columns());
  if (m.size() != t.n_rows() * t.numeric_columns().size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  skops::TableLimits limits;
  limits.max_field_bytes = 1 << 16;
  limits.max_columns = 1 << 12;
  limits.max_cells = 1 << 20;
  limits.max_rows = 1 << 16;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check(skops::read_json_table(text, limits));
  } catch (const skops::Error&) {
  }
  try {
    check(skops::read_table(text, skops::TableFormat::Auto, limits));
  } catch (const skops::Error&) {
  }
  try {
    const skops::FeatureSamples samples = skops::read_json_feature_samples(text, limits);
    samples.validate();  // what the reader returns is already valid: a throw here is a bug
    std::size_t items = 0;
    for (const auto& sample : samples.samples) items += sample.size();
    if (samples.samples.size() > limits.max_rows || items > limits.max_cells) __builtin_trap();
  } catch (const skops::InputError&) {
  } catch (const skops::LimitError&) {
  }
  return 0;
}
