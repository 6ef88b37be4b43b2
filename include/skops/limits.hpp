#pragma once
/// \file limits.hpp
/// Caps applied while reading untrusted files. Every real file of the reference corpus
/// passes the defaults with a wide margin; raise a cap explicitly for unusually large models.

#include <cstdint>

namespace skops {

struct Limits {
  /// Zip members in one archive (a forest writes about 3 per tree).
  std::uint64_t max_members = 1'000'000;
  /// Inflated bytes of schema.json.
  std::uint64_t max_schema_bytes = 512ull << 20;
  /// Inflated bytes of one member other than schema.json (counted while inflating).
  std::uint64_t max_member_bytes = 4ull << 30;
  /// Inflated bytes read from one archive in total (counted while inflating).
  std::uint64_t max_total_bytes = 32ull << 30;
  /// Inflated/compressed ratio of one member, checked once it has inflated past
  /// `ratio_check_floor` bytes (small members may compress well legitimately).
  std::uint64_t max_compression_ratio = 1000;
  std::uint64_t ratio_check_floor = 1ull << 20;
  /// Bytes of a member name.
  std::uint64_t max_name_bytes = 4096;
  /// JSON values of schema.json, bounded before parsing by the count of ',' ':' '[' '{' bytes
  /// in the text: the parser's memory grows with values (~20 bytes each), not only with
  /// bytes. Real schemas hold one per ~19 bytes (a 500 000-term vocabulary: ~18 million).
  std::uint64_t max_json_values = 40'000'000;
  /// Nesting depth of schema.json (JSON arrays and objects), and of JsonNode content.
  std::uint32_t max_json_depth = 256;
  /// Nodes in the graph (every JSON object that is a node, repeated ones included).
  std::uint64_t max_nodes = 20'000'000;
  /// Bytes of a `.npy` header (numpy itself refuses more than 10 000 without allow_pickle).
  std::uint64_t max_npy_header_bytes = 65'536;
  /// Dimensions of one array.
  std::uint32_t max_ndim = 32;
  /// Elements of one array.
  std::uint64_t max_array_elements = 1ull << 34;
};

}  // namespace skops
