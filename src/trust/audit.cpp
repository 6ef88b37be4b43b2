// The audit walks every node reachable from the root through for_each_child, the same
// definition of "child" the builder and the writer use, so nothing reachable escapes it.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "skops/error.hpp"
#include "skops/trust.hpp"

namespace skops {

namespace {

// Calls `fn(name, derived)` for each name a node asks to be trusted (Python's unsafe-set
// contributions, §6.2): its module.Class first, then names it resolves at construction.
// `buf` is scratch reused across nodes, so the common case allocates nothing.
template <class Fn>
void for_each_name(const Node& n, std::string& buf, Fn&& fn) {
  buf.assign(n.module);
  buf += '.';
  buf += n.cls;
  fn(buf, false);
  if (n.kind == NodeKind::Method) {
    buf += '.';
    buf += n.method_name;
    fn(buf, true);
  }
  if (n.kind == NodeKind::RandomGenerator) {
    // The bit generator is resolved by name inside numpy.random: audit that name too.
    if (auto bg = n.child("bit_generator")) {
      if (auto name = bg->get("bit_generator"); name && name->kind == NodeKind::Json &&
                                                name->scalar == ScalarKind::Str) {
        buf = "numpy.random." + name->str_value;
      } else {
        buf = "numpy.random.<unknown bit generator>";
      }
      fn(buf, true);
    }
  }
}

// JsonNode and SliceNode hold plain data whatever their names say (Python never checks them).
bool always_safe(const Node& n) { return n.kind == NodeKind::Json || n.kind == NodeKind::Slice; }

}  // namespace

AuditReport audit(const Node& root, const TrustPolicy& policy) {
  std::vector<TypeUse> uses;
  std::unordered_map<std::string, std::size_t> index;  // "type\0loader" → uses[i]
  std::string name, key;
  std::unordered_set<const Node*> seen;
  // Iterative walk: graphs from files are depth-capped, but C++-built ones need not be. A
  // node's path is its own pointer; only nodes built in C++ (no pointer) carry one here.
  struct Pending {
    const Node* node;
    std::string path;
  };
  std::vector<Pending> stack{{&root, {}}};
  std::vector<Pending> kids;
  while (!stack.empty()) {
    const Pending p = std::move(stack.back());
    stack.pop_back();
    const Node* n = p.node;
    if (!seen.insert(n).second) continue;
    const std::string& path = n->pointer.empty() ? p.path : n->pointer;
    const char* loader = loader_name(n->kind);
    for_each_name(*n, name, [&](const std::string& nm, bool derived) {
      key.assign(nm);
      key += '\0';
      key += loader;
      const auto [it, fresh] = index.try_emplace(key, uses.size());
      if (fresh) uses.push_back({nm, loader, {}, always_safe(*n) || policy.trusts(nm), derived});
      uses[it->second].paths.push_back(path);
    });
    kids.clear();
    for_each_child(*n, [&](const NodePtr& c, const ChildSegment& seg) {
      Pending k{c.get(), {}};
      if (c->pointer.empty()) {
        k.path = path;
        seg.append_to(k.path);
      }
      kids.push_back(std::move(k));
    });
    // Reverse so that the walk visits children in Python's processing order.
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(std::move(*it));
  }
  std::sort(uses.begin(), uses.end(), [](const TypeUse& a, const TypeUse& b) {
    return std::tie(a.type, a.loader) < std::tie(b.type, b.loader);
  });
  AuditReport report;
  std::set<std::string> untrusted;
  for (const auto& u : uses) {
    if (!u.trusted) untrusted.insert(u.type);
  }
  report.types = std::move(uses);
  report.untrusted.assign(untrusted.begin(), untrusted.end());
  return report;
}

void require_trusted(const Node& root, const TrustPolicy& policy) {
  // The same walk without paths or a report, one policy lookup per distinct name: a load
  // of a trusted file (the common case) pays only this; the report is made only to throw.
  std::unordered_map<std::string, bool> verdicts;
  std::unordered_set<const Node*> seen;
  std::vector<const Node*> stack{&root};
  std::string name;
  bool ok = true;
  while (ok && !stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    if (!always_safe(*n)) {
      for_each_name(*n, name, [&](const std::string& nm, bool) {
        auto it = verdicts.find(nm);
        if (it == verdicts.end()) it = verdicts.emplace(nm, policy.trusts(nm)).first;
        ok = ok && it->second;
      });
    }
    for_each_child(*n, [&](const NodePtr& c, const ChildSegment&) { stack.push_back(c.get()); });
  }
  if (!ok) require_trusted(audit(root, policy));
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

std::set<std::string> TrustPolicy::names() const {
  std::set<std::string> out = names_;
  if (shared_) out.insert(shared_->begin(), shared_->end());
  return out;
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
