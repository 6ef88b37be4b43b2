#include "estimators/tree/flat_tree.hpp"

// FlatTree validation (every invariant traversal relies on, checked once) and the compact
// node layout traversal runs on.


#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

#include "estimators/utils/versions.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail {
namespace {

// The largest float32 <= d (for a float32 x, `x <= float_at_most(d)` iff `double(x) <= d`):
// d rounded to float32, stepped one ulp down when rounding went up.
float float_at_most(double d) noexcept {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) > d) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    if (f > 0.0f) {
      bits -= 1;
    } else if (f < 0.0f) {
      bits += 1;
    } else {
      bits = 0x80000001u;  // 0.0 above a tiny negative d: -denorm_min
    }
    std::memcpy(&f, &bits, sizeof f);
  }
  return f;
}

[[noreturn]] void fail_at(const ValueView* at, const std::string& what) {
  if (at) at->fail(what);
  throw ValidationError(what);
}

}  // namespace

void FlatTree::validate_structure(const std::string& where, const ValueView* at) const {
  // Iterative DFS from the root: every node must be reached exactly once (no cycles, no
  // shared children, nothing unreachable), so traversal terminates within node_count steps.
  const std::size_t count = nodes_.size();
  std::vector<std::uint8_t> seen(count, 0);
  std::vector<std::int32_t> stack;
  stack.reserve(64);
  stack.push_back(0);
  std::size_t reached = 0;
  while (!stack.empty()) {
    const std::int32_t id = stack.back();
    stack.pop_back();
    if (seen[static_cast<std::size_t>(id)]) {
      fail_at(at, where + ": node " + std::to_string(id) +
                      " is reached twice from the root (cycle or shared child)");
    }
    seen[static_cast<std::size_t>(id)] = 1;
    ++reached;
    const std::uint8_t* rec = nodes_.record(id);
    const std::int64_t left = TreeRecords::i64(rec);
    if (left >= 0) {
      stack.push_back(static_cast<std::int32_t>(TreeRecords::i64(rec + 8)));
      stack.push_back(static_cast<std::int32_t>(left));
    }
  }
  if (reached != count) {
    std::size_t first = 0;
    while (first < count && seen[first]) ++first;
    fail_at(at, where + ": node " + std::to_string(first) + " is not reachable from the root");
  }
}

namespace {

constexpr std::int32_t kFeatureBits = std::int32_t{1} << 30;

CompactNode compact_internal(const std::uint8_t* rec, bool missing_layout, std::int32_t right) {
  const bool miss_left = missing_layout && rec[56] != 0;
  return CompactNode{
      float_at_most(TreeRecords::f64(rec + 24)),
      static_cast<std::int32_t>(TreeRecords::i64(rec + 16)) | (miss_left ? kFeatureBits : 0),
      right};
}

// A leaf goes right, to itself, whatever the input: `x <= NaN` is false for every x.
CompactNode compact_leaf(std::int32_t self) {
  return CompactNode{std::numeric_limits<float>::quiet_NaN(), 0, self};
}

}  // namespace

void FlatTree::build_compact(const std::string& where, const ValueView* at) {
  const std::size_t count = nodes_.size();
  const auto node_count = static_cast<std::int64_t>(count);
  const bool compact = n_features_ < kFeatureBits;
  // One pass over the records: ranges, features, and how often each node is a child.
  // scikit-learn numbers every child after its parent (Tree._add_node appends), and then
  // "every node but the root is a child exactly once" already means every node is reached
  // exactly once from the root: parent chains strictly decrease to node 0, so there is no
  // cycle. Any other numbering falls back to a walk from the root.
  std::vector<std::uint8_t> is_child(count, 0);
  bool children_after_parent = true;
  // Depth-first builders number a left child right after its parent: then the compact
  // tree keeps scikit-learn's ids and is filled in the same pass.
  bool left_follows = true;
  if (compact) compact_.resize(count);
  for (std::int64_t i = 0; i < node_count; ++i) {
    const std::uint8_t* rec = nodes_.record(i);
    const std::int64_t left = TreeRecords::i64(rec), right = TreeRecords::i64(rec + 8);
    const std::int64_t feature = TreeRecords::i64(rec + 16);
    if (left == -1 && right == -1) {
      if (compact)
        compact_[static_cast<std::size_t>(i)] = compact_leaf(static_cast<std::int32_t>(i));
      continue;
    }
    // Unsigned compares: in [1, node_count) and [0, n_features) each in one test.
    const bool children_ok =
        static_cast<std::uint64_t>(left - 1) < static_cast<std::uint64_t>(node_count - 1) &&
        static_cast<std::uint64_t>(right - 1) < static_cast<std::uint64_t>(node_count - 1);
    if (!children_ok) {
      fail_at(at, where + ": node " + std::to_string(i) + ": children (" + std::to_string(left) +
                      ", " + std::to_string(right) +
                      ") must both be -1 (leaf) or node ids in [1, " + std::to_string(node_count) +
                      ")");
    }
    if (static_cast<std::uint64_t>(feature) >= static_cast<std::uint64_t>(n_features_)) {
      fail_at(at, where + ": node " + std::to_string(i) + ": feature " + std::to_string(feature) +
                      " out of range [0, " + std::to_string(n_features_) + ")");
    }
    auto& l = is_child[static_cast<std::size_t>(left)];
    auto& r = is_child[static_cast<std::size_t>(right)];
    if (l != 0 || r != 0 || left == right) {
      fail_at(at, where + ": node " + std::to_string(l != 0 || left == right ? left : right) +
                      " is reached twice from the root (cycle or shared child)");
    }
    l = r = 1;
    children_after_parent = children_after_parent && left > i && right > i;
    left_follows = left_follows && left == i + 1;
    if (compact) {
      compact_[static_cast<std::size_t>(i)] =
          compact_internal(rec, missing_layout_, static_cast<std::int32_t>(right));
    }
  }
  if (!children_after_parent) {
    try {
      validate_structure(where, at);
    } catch (...) {
      throw;
    }
  } else {
    for (std::size_t i = 1; i < count; ++i) {
      if (is_child[i] == 0) {
        fail_at(at, where + ": node " + std::to_string(i) + " is not reachable from the root");
      }
    }
  }
  if (compact && !left_follows) renumber_compact();
}

void FlatTree::renumber_compact() {
  // Preorder (left subtree right after its node), with the scikit-learn id of each slot.
  // Called on a validated tree: every node is reached once, so `count` slots are filled.
  const std::size_t count = nodes_.size();
  compact_ids_.resize(count);
  std::vector<std::pair<std::int64_t, std::int32_t>> stack;  // (node, parent slot or -1)
  stack.push_back({0, -1});
  std::int32_t next = 0;
  while (!stack.empty()) {
    const auto [id, parent] = stack.back();
    stack.pop_back();
    const std::int32_t slot = next++;
    if (parent >= 0) compact_[static_cast<std::size_t>(parent)].right = slot;
    compact_ids_[static_cast<std::size_t>(slot)] = static_cast<std::int32_t>(id);
    const std::uint8_t* rec = nodes_.record(id);
    const std::int64_t left = TreeRecords::i64(rec);
    if (left < 0) {
      compact_[static_cast<std::size_t>(slot)] = compact_leaf(slot);
      continue;
    }
    compact_[static_cast<std::size_t>(slot)] = compact_internal(rec, missing_layout_, 0);
    // Right is pushed first with this node as the parent whose `right` it fills; the left
    // child is popped next and lands in slot + 1.
    stack.push_back({TreeRecords::i64(rec + 8), slot});
    stack.push_back({left, -1});
  }
}

}  // namespace skops::estimators::detail
