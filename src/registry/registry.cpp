#include "skops/registry.hpp"

#include <iterator>

#include "skops/error.hpp"

namespace skops {

void TypeRegistry::add(const std::string& type_name, BuildFn build, SaveFn save) {
  if (type_name.empty() || type_name.find('.') == std::string::npos) {
    throw RegistryError("type name \"" + type_name + "\" is not a module.Class name");
  }
  if (!build || !save) throw RegistryError("type " + type_name + " needs both a build and a save function");
  if (entries_.count(type_name)) throw RegistryError("type " + type_name + " is already registered");
  entries_.emplace(type_name, std::make_shared<const Entry>(Entry{type_name, std::move(build), std::move(save)}));
}

void TypeRegistry::add_alias(const std::string& alias, const std::string& canonical) {
  auto it = entries_.find(canonical);
  if (it == entries_.end()) throw RegistryError("alias " + alias + " names unregistered type " + canonical);
  if (entries_.count(alias)) throw RegistryError("type " + alias + " is already registered");
  entries_.emplace(alias, it->second);
}

void TypeRegistry::add_helper_types(const std::vector<std::string>& names) {
  helpers_.insert(names.begin(), names.end());
}

const TypeRegistry::Entry* TypeRegistry::find(const std::string& type_name) const noexcept {
  auto it = entries_.find(type_name);
  return it == entries_.end() ? nullptr : it->second.get();
}

std::vector<std::string> TypeRegistry::type_names() const {
  std::vector<std::string> out;
  for (const auto& kv : entries_) out.push_back(kv.first);
  return out;
}

std::set<std::string> TypeRegistry::trusted_names() const {
  std::set<std::string> out(helpers_);
  // entries_ is sorted: the hint makes each insert a comparison or two instead of a descent
  // over long shared prefixes (this runs once per process, on the first load's clock).
  auto hint = out.begin();
  for (const auto& kv : entries_) hint = std::next(out.insert(hint, kv.first));
  return out;
}

}  // namespace skops
