// The audit walks every node reachable from the root through for_each_child, the same
// definition of "child" the builder and the writer use, so nothing reachable escapes it.

#include <algorithm>
#include <map>
#include <unordered_set>

#include "skops/error.hpp"
#include "skops/trust.hpp"

namespace skops {

namespace {

// Names a node asks to be trusted (Python's unsafe-set contributions, §6.2).
std::vector<std::string> names_of(const Node& n) {
  std::vector<std::string> names{n.type_name()};
  if (n.kind == NodeKind::Method) names.push_back(n.type_name() + "." + n.method_name);
  if (n.kind == NodeKind::RandomGenerator) {
    // The bit generator is resolved by name inside numpy.random: audit that name too.
    if (auto bg = n.child("bit_generator")) {
      if (auto name = bg->get("bit_generator"); name && name->kind == NodeKind::Json &&
                                                name->scalar == ScalarKind::Str) {
        names.push_back("numpy.random." + name->str_value);
      } else {
        names.push_back("numpy.random.<unknown bit generator>");
      }
    }
  }
  return names;
}

// JsonNode and SliceNode hold plain data whatever their names say (Python never checks them).
bool always_safe(const Node& n) { return n.kind == NodeKind::Json || n.kind == NodeKind::Slice; }

}  // namespace

AuditReport audit(const Node& root, const TrustPolicy& policy) {
  std::map<std::pair<std::string, std::string>, TypeUse> uses;
  std::unordered_set<const Node*> seen;
  // Iterative walk: graphs from files are depth-capped, but C++-built ones need not be.
  std::vector<std::pair<const Node*, std::string>> stack{{&root, root.pointer}};
  while (!stack.empty()) {
    const Node* n = stack.back().first;
    const std::string path = std::move(stack.back().second);
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    const auto names = names_of(*n);
    for (const auto& name : names) {
      auto& u = uses[{name, loader_name(n->kind)}];
      if (u.type.empty()) {
        u.type = name;
        u.loader = loader_name(n->kind);
        u.derived = &name != &names.front();
        u.trusted = always_safe(*n) || policy.trusts(name);
      }
      u.paths.push_back(path);
    }
    std::vector<std::pair<const Node*, std::string>> kids;
    for_each_child(*n, [&](const NodePtr& c, const std::string& seg) {
      kids.emplace_back(c.get(), c->pointer.empty() ? path + seg : c->pointer);
    });
    // Reverse so that the walk visits children in Python's processing order.
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  AuditReport report;
  std::set<std::string> untrusted;
  for (auto& kv : uses) {
    if (!kv.second.trusted) untrusted.insert(kv.second.type);
    report.types.push_back(std::move(kv.second));
  }
  report.untrusted.assign(untrusted.begin(), untrusted.end());
  return report;
}

void require_trusted(const AuditReport& report) {
  if (report.ok()) return;
  std::map<std::string, std::vector<std::string>> paths;
  for (const auto& u : report.types) {
    if (u.trusted) continue;
    auto& p = paths[u.type];
    p.insert(p.end(), u.paths.begin(), u.paths.end());
  }
  std::vector<UntrustedUse> list;
  for (auto& kv : paths) list.push_back({kv.first, std::move(kv.second)});
  throw UntrustedTypeError(std::move(list));
}

TrustPolicy TrustPolicy::primitives() {
  // What Python skops trusts by default for the node types the built-in estimators use,
  // minus anything that can run code: containers, scalars, numpy arrays and scalar types.
  // No scipy sparse class: Python's SparseMatrixNode trusts only the abstract
  // scipy.sparse._base.spmatrix, which no file names, so a user trusts csr_matrix by name.
  std::set<std::string> names = {
      "builtins.dict", "builtins.list", "builtins.tuple", "builtins.set", "builtins.str",
      "builtins.int", "builtins.float", "builtins.bool", "builtins.slice", "builtins.bytes",
      "builtins.bytearray", "collections.OrderedDict", "numpy.ndarray",
      "numpy.random.mtrand.RandomState", "numpy.random._generator.Generator",
      // The bit generators numpy ships (a RandomGeneratorNode names one of them).
      "numpy.random.PCG64", "numpy.random.PCG64DXSM", "numpy.random.MT19937", "numpy.random.Philox",
      "numpy.random.SFC64",
      // numpy masked arrays (search estimators' cv_results_), trusted by Python skops too
      // (MaskedArrayNode): a container of two arrays, data and mask, each audited as a node
      // of its own — an object array among them holds nodes whose types are checked.
      "numpy.ma.core.MaskedArray", "numpy.ma.MaskedArray"};
  for (const char* t : {"bool_", "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                        "uint64", "float16", "float32", "float64", "complex64", "complex128", "str_",
                        "bytes_", "longlong", "ulonglong", "intc", "uintc", "intp", "uintp"}) {
    names.insert(std::string("numpy.") + t);
  }
  return TrustPolicy(std::move(names));
}

}  // namespace skops
