#pragma once
/// \file object_writer.hpp
/// Writing an estimator back into the node graph: ObjectWriter sets attributes over the
/// estimator's original state (so what a class does not model survives load → save);
/// SaveContext holds the registry, the target scikit-learn version and the memo of shared
/// sub-estimators.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/node.hpp"
#include "skops/sklearn_version.hpp"

namespace skops {

class TypeRegistry;
class SaveContext;

/// Writes an estimator's attributes. Starting from the estimator's original state (if
/// any), `set` replaces an attribute in place or appends it; attributes not set are kept,
/// so a loaded estimator re-saves losslessly.
class ObjectWriter {
 public:
  ObjectWriter(std::string module, std::string cls, const NodePtr& original_state,
               SaveContext& ctx);

  void set(const std::string& key, NodePtr value);
  void set_int(const std::string& key, std::int64_t v) { set(key, make::integer(v)); }
  void set_real(const std::string& key, double v) { set(key, make::real(v)); }
  void set_str(const std::string& key, std::string v) { set(key, make::str(std::move(v))); }
  void set_bool(const std::string& key, bool v) { set(key, make::boolean(v)); }
  void set_none(const std::string& key) { set(key, make::none()); }
  void set_array(const std::string& key, NdArray a) { set(key, make::array(std::move(a))); }
  /// A scipy.sparse._csr.csr_matrix (SparseMatrixNode), written as scipy.sparse.save_npz
  /// (compressed=False) writes it. Throws InputError when `m` is not valid.
  void set_sparse(const std::string& key, CsrMatrix m);
  /// Only when the key is absent (for attributes of natively built estimators that keep
  /// whatever a loaded file said).
  void set_default(const std::string& key, NodePtr value);
  /// A sub-estimator, saved through its registered writer.
  void set_estimator(const std::string& key, const Estimator& est);
  SaveContext& ctx() noexcept { return *ctx_; }
  /// The ObjectNode.
  NodePtr finish();

 private:
  std::string module_, cls_;
  std::vector<DictEntry> entries_;
  SaveContext* ctx_;
};

/// State of one save: the registry, the target scikit-learn version, and a memo so that an
/// estimator referenced twice is written as one shared node.
class SaveContext {
 public:
  /// `sklearn_version`: the scikit-learn release natively built estimators are written for
  /// (DumpOptions::sklearn_version), parsed here once. Throws InputError when it is not a
  /// version ("1.4.2", "1.5.dev0"): one dump never mixes the layouts of several releases.
  SaveContext(const TypeRegistry& registry, std::string sklearn_version);
  const TypeRegistry& registry() const noexcept { return registry_; }
  /// The target version as given ("1.4.2" default), written into `_sklearn_version`.
  const std::string& sklearn_version() const noexcept { return sklearn_version_; }
  /// The target version, parsed.
  const SklearnVersion& target() const noexcept { return target_; }
  /// The target is `major.minor.patch` or later.
  bool target_at_least(int major, int minor, int patch = 0) const noexcept {
    return target_.at_least(major, minor, patch);
  }
  /// Saves an estimator through its registered writer. Throws UnsupportedError.
  NodePtr save(const Estimator& est);

 private:
  const TypeRegistry& registry_;
  std::string sklearn_version_;
  SklearnVersion target_;
  std::map<const Estimator*, NodePtr> memo_;
};

}  // namespace skops
