#include "skops/error.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace skops {

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Archive: return "archive";
    case ErrorKind::Limit: return "limit";
    case ErrorKind::Schema: return "schema";
    case ErrorKind::Npy: return "npy";
    case ErrorKind::Untrusted: return "untrusted";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::Validation: return "validation";
    case ErrorKind::Input: return "input";
    case ErrorKind::Registry: return "registry";
    case ErrorKind::Io: return "io";
  }
  return "error";
}

namespace {
// Caps of the parts of a message; file text inside them is escaped by detail::printable.
constexpr std::size_t kMaxEntry = 512;
constexpr std::size_t kMaxPointer = 1024;
constexpr std::size_t kMaxDetail = 8192;

std::string compose(ErrorKind kind, const std::string& detail, const std::string& entry,
                    const std::string& pointer) {
  std::string s = to_string(kind);
  s += ": ";
  if (!entry.empty()) s += entry + ": ";
  if (!pointer.empty()) s += pointer + ": ";
  s += detail;
  return s;
}

std::string untrusted_detail(const std::vector<UntrustedUse>& uses) {
  std::string s = "untrusted types found in the file:";
  for (const auto& u : uses) {
    s += " " + u.type;
    if (!u.paths.empty()) {
      s += " (at " + (u.paths.front().empty() ? std::string("/") : u.paths.front());
      if (u.paths.size() > 1) s += " and " + std::to_string(u.paths.size() - 1) + " more";
      s += ")";
    }
    s += ";";
  }
  if (!uses.empty()) s.pop_back();
  s += ". Review them and pass the ones you trust explicitly.";
  return s;
}
}  // namespace

Error::Error(ErrorKind kind, std::string detail, std::string entry, std::string json_pointer)
    : std::runtime_error(compose(kind, skops::detail::printable(detail, kMaxDetail),
                                 skops::detail::printable(entry, kMaxEntry),
                                 skops::detail::printable(json_pointer, kMaxPointer))),
      kind_(kind),
      detail_(skops::detail::printable(detail, kMaxDetail)),
      entry_(skops::detail::printable(entry, kMaxEntry)),
      pointer_(skops::detail::printable(json_pointer, kMaxPointer)) {}

UntrustedTypeError::UntrustedTypeError(std::vector<UntrustedUse> uses)
    : Error(ErrorKind::Untrusted, untrusted_detail(uses)), uses_(std::move(uses)) {}

std::vector<std::string> UntrustedTypeError::types() const {
  std::vector<std::string> out;
  for (const auto& u : uses_) out.push_back(u.type);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace skops
