#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "core/text.hpp"
#include "skops/api.hpp"

namespace skops::cli {

int cmd_audit(const Args& args) {
  if (args.positional.size() != 1) throw UsageError{"audit takes one FILE"};
  const AuditReport report = audit_file(args.positional[0], args.trusted);
  if (args.json) {
    nlohmann::ordered_json out;
    out["untrusted"] = report.untrusted;
    auto types = nlohmann::ordered_json::array();
    for (const auto& t : report.types) {
      nlohmann::ordered_json j;
      j["type"] = t.type;
      j["loader"] = t.loader;
      j["paths"] = t.paths;
      j["trusted"] = t.trusted;
      if (t.derived) j["derived"] = true;
      types.push_back(std::move(j));
    }
    out["types"] = std::move(types);
    // Strings from the file are valid UTF-8 (the JSON parser checks); dump escapes controls.
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    const auto shown = [](const std::string& s) { return detail::printable(s); };
    std::cout << "types in " << shown(args.positional[0]) << ":\n";
    for (const auto& t : report.types) {
      std::cout << "  " << (t.trusted ? "  " : "! ") << shown(t.type) << "  [" << t.loader << ", "
                << t.paths.size() << (t.paths.size() == 1 ? " place" : " places") << ", first at "
                << (t.paths.front().empty() ? "/" : shown(t.paths.front())) << "]\n";
    }
    if (report.untrusted.empty()) {
      std::cout << "no untrusted types\n";
    } else {
      std::cout << "untrusted types (" << report.untrusted.size() << "):\n";
      for (const auto& u : report.untrusted) std::cout << "  " << shown(u) << "\n";
    }
  }
  return report.untrusted.empty() ? 0 : 1;
}

}  // namespace skops::cli
