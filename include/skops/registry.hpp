#pragma once
/// \file registry.hpp
/// Exact type name → {build, save}. Explicit registration only: no static initialisers.

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "skops/estimator.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops {

using BuildFn = std::function<std::unique_ptr<Estimator>(const ObjectView&)>;
using SaveFn = std::function<void(const Estimator&, ObjectWriter&)>;

class TypeRegistry {
 public:
  struct Entry {
    std::string name;  ///< canonical module.Class
    BuildFn build;
    SaveFn save;
  };

  /// An empty registry.
  TypeRegistry() = default;
  /// Every built-in estimator (defined by the estimators library: src/estimators/builtins.cpp).
  static TypeRegistry with_builtins();

  /// Registers a type. Throws RegistryError if the name (or an alias) is taken.
  void add(const std::string& type_name, BuildFn build, SaveFn save);
  /// Typed form: `build` returns std::unique_ptr<T>, `save` takes const T&.
  template <class T, class B, class S>
  void add(const std::string& type_name, B build, S save) {
    add(
        type_name,
        [build](const ObjectView& v) -> std::unique_ptr<Estimator> { return std::unique_ptr<T>(build(v)); },
        [save](const Estimator& e, ObjectWriter& w) { save(dynamic_cast<const T&>(e), w); });
  }
  /// Another spelling of a registered type (a module that moved between scikit-learn
  /// versions). Throws RegistryError on a clash or an unknown canonical name.
  void add_alias(const std::string& alias, const std::string& canonical);
  /// Types that built-in builders read as helpers (e.g. sklearn.tree._tree.Tree): trusted
  /// by default along with the registered estimators, but not buildable on their own.
  void add_helper_types(const std::vector<std::string>& names);

  /// Entry for a name or alias, or nullptr.
  const Entry* find(const std::string& type_name) const noexcept;
  /// Registered names and aliases, sorted.
  std::vector<std::string> type_names() const;
  /// Registered names, aliases and helper types.
  std::set<std::string> trusted_names() const;
  /// What a load trusts without being told: the names `with_builtins()` registered. Types a
  /// caller registers later are buildable but must still be trusted explicitly
  /// (LoadOptions::trusted), so registering a builder never widens trust by itself.
  const std::set<std::string>& default_trusted_names() const noexcept;
  /// The same set, shared: copies of this registry and the trust policies made from it
  /// (default_trust) read it without copying ~300 names each.
  const std::shared_ptr<const std::set<std::string>>& shared_default_trusted_names()
      const noexcept {
    return default_trusted_;
  }

 private:
  // The keys view the names the entries hold (an alias's, aliases_): one allocation fewer per
  // type, and a copy of the registry shares both with the original.
  std::map<std::string_view, std::shared_ptr<const Entry>, std::less<>> entries_;
  std::vector<std::shared_ptr<const std::string>> aliases_;
  std::set<std::string> helpers_;
  std::shared_ptr<const std::set<std::string>> default_trusted_;
};

}  // namespace skops
