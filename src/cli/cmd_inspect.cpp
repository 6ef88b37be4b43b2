// Tree view of a file: every node with its type, attributes and arrays (dtype, shape, bytes).
// Every array header and body is read, so a broken member is reported here.

#include <iostream>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "core/text.hpp"
#include "skops/api.hpp"

namespace skops::cli {

namespace {

/// Every text from the file is shown through this (escaped, capped).
std::string shown(const std::string& s) { return detail::printable(s); }

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

std::string scalar_text(const Node& n) {
  switch (n.scalar) {
    case ScalarKind::None: return "None";
    case ScalarKind::Bool: return n.bool_value ? "True" : "False";
    case ScalarKind::Int: return std::to_string(n.int_value);
    case ScalarKind::BigInt: return shown(n.str_value);
    case ScalarKind::Float: return python_float_repr(n.float_value);
    case ScalarKind::Str: return "'" + shown(n.str_value) + "'";
    case ScalarKind::OtherJson: return shown(n.str_value);
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(const Document& doc) : doc_(doc) {}

  void print(const Node& n, const std::string& label, int depth) {
    std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << shown(label);
    if (n.kind == NodeKind::Json) {
      std::cout << scalar_text(n) << "\n";
      return;
    }
    std::cout << loader_name(n.kind) << " " << shown(n.type_name());
    if (!seen_.insert(&n).second) {
      std::cout << "  (same object as " << (n.pointer.empty() ? "/" : shown(n.pointer)) << ")\n";
      return;
    }
    if (n.kind == NodeKind::NdArray && n.storage == "numpy") {
      const NdArray a = doc_.array_of(n);
      ++arrays_;
      bytes_ += a.nbytes();
      std::cout << "  " << a.dtype().descr() << " " << shape_text(a.shape()) << " " << a.nbytes() << " bytes  ["
                << shown(n.file) << "]";
    } else if (n.kind == NodeKind::Slice) {
      std::cout << "  slice(" << n.slice_start << ", " << n.slice_stop << ", " << n.slice_step << ")";
    } else if (n.kind == NodeKind::Method) {
      std::cout << "  ." << shown(n.method_name);
    } else if (n.kind == NodeKind::Bytes || n.kind == NodeKind::Bytearray || n.kind == NodeKind::SparseMatrix) {
      std::cout << "  " << doc_.member_of(n).size << " bytes  [" << shown(n.file) << "]";
    }
    std::cout << "\n";
    if (n.kind == NodeKind::Dict) {
      for (const auto& e : n.entries) print(*e.value, e.key + ": ", depth + 1);
      return;
    }
    std::size_t i = 0;
    for (const auto& item : n.items) print(*item, "[" + std::to_string(i++) + "]: ", depth + 1);
    for (const auto& c : n.children) print(*c.node, c.name + ": ", depth + 1);
    if (n.json_shape) print(*n.json_shape, "shape: ", depth + 1);
  }

  std::size_t arrays() const { return arrays_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  const Document& doc_;
  std::set<const Node*> seen_;
  std::size_t arrays_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace

int cmd_inspect(const Args& args) {
  if (args.positional.size() != 1) throw UsageError{"inspect takes one FILE"};
  ReadOptions ro;
  ro.memory_map = args.memory_map;
  auto doc = Document::read_file(args.positional[0], ro);
  std::cout << shown(args.positional[0]) << ": protocol " << doc->protocol()
            << ", written by skops "
            << (doc->schema().skops_version.empty() ? "?" : shown(doc->schema().skops_version))
            << ", "
            << doc->archive().entries().size() << " zip members, " << doc->schema().node_count << " nodes\n";
  Printer p(*doc);
  p.print(*doc->root(), "", 0);
  std::cout << p.arrays() << " arrays, " << p.bytes() << " bytes of array data\n";
  return 0;
}

}  // namespace skops::cli
