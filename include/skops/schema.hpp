#pragma once
/// \file schema.hpp
/// schema.json ⇄ node graph.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "skops/limits.hpp"
#include "skops/node.hpp"

namespace skops {

/// Protocols this build reads (0, 1 and 2); it writes kWriteProtocol.
constexpr int kMinProtocol = 0;
constexpr int kMaxProtocol = 2;
constexpr int kWriteProtocol = 2;

struct ParsedSchema {
  NodePtr root;
  int protocol = kWriteProtocol;
  std::string skops_version;     ///< `_skops_version`, informational
  std::uint64_t node_count = 0;  ///< JSON objects read as nodes, repeats included
};

/// Parses schema.json. Size, JSON depth and node count are capped while parsing (the
/// text never reaches a recursive routine uncapped); duplicate JSON keys, invalid UTF-8,
/// unknown loaders, missing or ill-typed fields, unknown protocols, conflicting reuse of
/// an `__id__` and reference cycles are errors.
/// Throws SchemaError (with the JSON pointer) and LimitError.
ParsedSchema parse_schema(std::string_view text, const Limits& limits = {});

/// Decodes JsonNode content text: JSON plus NaN, Infinity, -Infinity, and integers of
/// any size (kept exactly as BigInt digits). Throws SchemaError.
void decode_json_scalar(Node& node, const std::string& content, const Limits& limits = {});

/// How `write_schema` names array members.
struct SchemaWriteOptions {
  /// Called for each distinct NdArray/Bytes/Sparse payload node; returns the member name
  /// to reference. Default: keep `file` when set, else "<id>.npy".
  std::function<std::string(const Node&, std::int64_t id)> member_name;
  std::string skops_version = "0.15.dev0+skops-cpp";
  int indent = 2;
};

/// Serialises a graph as schema.json (protocol 2 layouts). Shared nodes (the same
/// pointer) get one `__id__` and their full state repeated, as Python writes them.
std::string write_schema(const Node& root, const SchemaWriteOptions& options = {});

/// Python's repr of a float (shortest round trip, always with '.' or 'e'; NaN, Infinity).
std::string python_float_repr(double v);

}  // namespace skops
