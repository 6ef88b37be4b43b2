#include "skops/registry.hpp"

#include <iterator>

#include "skops/error.hpp"

namespace skops {

void TypeRegistry::add(const std::string& type_name, BuildFn build, SaveFn save) {
  if (type_name.empty() || type_name.find('.') == std::string::npos) {
    throw RegistryError("type name \"" + type_name + "\" is not a module.Class name");
  }
  if (!build || !save) throw RegistryError("type " + type_name + " needs both a build and a save function");
  const auto at = entries_.lower_bound(std::string_view(type_name));
  if (at != entries_.end() && at->first == type_name) {
    throw RegistryError("type " + type_name + " is already registered");
  }
  auto entry = std::make_shared<const Entry>(Entry{type_name, std::move(build), std::move(save)});
  const std::string_view key = entry->name;
  entries_.emplace_hint(at, key, std::move(entry));
}

void TypeRegistry::add_alias(const std::string& alias, const std::string& canonical) {
  auto it = entries_.find(std::string_view(canonical));
  if (it == entries_.end()) throw RegistryError("alias " + alias + " names unregistered type " + canonical);
  if (entries_.count(std::string_view(alias)))
    throw RegistryError("type " + alias + " is already registered");
  aliases_.push_back(std::make_shared<const std::string>(alias));
  entries_.emplace(std::string_view(*aliases_.back()), it->second);
}

void TypeRegistry::add_helper_types(const std::vector<std::string>& names) {
  helpers_.insert(names.begin(), names.end());
}

const TypeRegistry::Entry* TypeRegistry::find(const std::string& type_name) const noexcept {
  auto it = entries_.find(std::string_view(type_name));
  return it == entries_.end() ? nullptr : it->second.get();
}

const std::set<std::string>& TypeRegistry::default_trusted_names() const noexcept {
  static const std::set<std::string> none;
  return default_trusted_ ? *default_trusted_ : none;
}

std::vector<std::string> TypeRegistry::type_names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& kv : entries_) out.emplace_back(kv.first);
  return out;
}

std::set<std::string> TypeRegistry::trusted_names() const {
  std::set<std::string> out(helpers_);
  // entries_ is sorted: the hint makes each insert a comparison or two instead of a descent
  // over long shared prefixes (this runs once per process, on the first load's clock).
  auto hint = out.begin();
  for (const auto& kv : entries_) hint = std::next(out.emplace_hint(hint, kv.first));
  return out;
}

}  // namespace skops
