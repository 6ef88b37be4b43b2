#pragma once
// Template part of node.hpp: the one definition of a node's children.

namespace skops {

template <class Fn>
void for_each_child(const Node& n, Fn&& fn) {
  switch (n.kind) {
    case NodeKind::Dict:
      // Python processes key_types first, then the values in order.
      if (n.key_types) fn(n.key_types, ChildSegment("/key_types"));
      for (const auto& e : n.entries) fn(e.value, ChildSegment("/content/", e.key));
      return;
    case NodeKind::List:
    case NodeKind::Tuple:
    case NodeKind::Set:
      for (std::size_t i = 0; i < n.items.size(); ++i) fn(n.items[i], ChildSegment("/content/", i));
      return;
    case NodeKind::NdArray:
      for (std::size_t i = 0; i < n.items.size(); ++i) fn(n.items[i], ChildSegment("/content/", i));
      if (n.json_shape) fn(n.json_shape, ChildSegment("/shape"));
      return;
    case NodeKind::Tree:
    case NodeKind::Loss:
    case NodeKind::QuantileForest:
      // Reduce-style nodes: state first, then the constructor arguments.
      for (const auto& c : n.children) {
        if (c.name == "content") fn(c.node, ChildSegment("/content"));
      }
      for (const auto& c : n.children) {
        if (c.name == "args") fn(c.node, ChildSegment("/__reduce__/args"));
      }
      return;
    case NodeKind::OperatorFunc:
      for (const auto& c : n.children) fn(c.node, ChildSegment("/", c.name));
      return;
    case NodeKind::Object:
    case NodeKind::ConstructorFromReduce:
    case NodeKind::RandomState:
    case NodeKind::DType:
      for (const auto& c : n.children) fn(c.node, ChildSegment("/content"));
      return;
    case NodeKind::DefaultDict:
    case NodeKind::Partial:
    case NodeKind::Method:
    case NodeKind::MaskedArray:
    case NodeKind::RandomGenerator:
    case NodeKind::DictWithDeprecatedKeys:
      for (const auto& c : n.children) fn(c.node, ChildSegment("/content/", c.name));
      return;
    case NodeKind::Json:
    case NodeKind::Slice:
    case NodeKind::Type:
    case NodeKind::Function:
    case NodeKind::Bytes:
    case NodeKind::Bytearray:
    case NodeKind::SparseMatrix:
      return;
  }
}

}  // namespace skops
