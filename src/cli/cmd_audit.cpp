// skops-cpp audit: the types a file would load, trusted or not, without building anything.
// One FILE prints its report (exit 1 when something is untrusted). Several FILEs, a
// directory (every *.skops below it, sorted; directory symlinks not followed) or `-` (paths
// on stdin, one per line) scan many files in one process: one line per file, a file's error
// reported on its line without stopping the scan; exit 2 if any file is invalid, else 1 if
// any holds untrusted types, else 0. A scan reads the central directory and schema.json of
// each file (what Python's get_untrusted_types reads); --verify also reads every member.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>

#include "commands.hpp"
#include "core/text.hpp"
#include "skops/api.hpp"

namespace skops::cli {

namespace {

namespace fs = std::filesystem;

nlohmann::ordered_json report_json(const AuditReport& report) {
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
  return out;
}

// Strings from the file are valid UTF-8 (the JSON parser checks); dump escapes controls, and
// replaces what a file *name* may hold that is not UTF-8.
std::string dumped(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

int audit_one(const Args& args) {
  const AuditReport report = audit_file(args.positional[0], args.trusted);
  if (args.json) {
    std::cout << dumped(report_json(report), 2) << "\n";
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

bool is_skops_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".skops";
}

// The files named by the arguments: files as given, directories walked, `-` read from stdin.
std::vector<std::string> expand(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "-") {
      for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) files.push_back(line);
      }
      continue;
    }
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      files.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(a, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) throw IoError("cannot list " + a + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) throw IoError("cannot list " + a + ": " + ec.message());
      if (it->is_regular_file(ec) && is_skops_file(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// One file's line (text or JSON) and its exit status contribution.
struct Scanned {
  std::string line;
  int status = 0;
};

// A scan's JSON line, {"file":…, then report_json's fields in its order}, written as it
// goes: a JSON document per file, then dumped, was half of a scan's time (the corpus's lines
// are 1 MB, mostly the paths of every type).
void append_report_fields(std::string& out, const AuditReport& report) {
  using detail::append_json_string;
  out += ",\"untrusted\":[";
  for (std::size_t i = 0; i < report.untrusted.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, report.untrusted[i]);
  }
  out += "],\"types\":[";
  for (std::size_t i = 0; i < report.types.size(); ++i) {
    const TypeUse& t = report.types[i];
    out += i ? ",{\"type\":" : "{\"type\":";
    append_json_string(out, t.type);
    out += ",\"loader\":";
    append_json_string(out, t.loader);
    out += ",\"paths\":[";
    for (std::size_t k = 0; k < t.paths.size(); ++k) {
      if (k) out += ',';
      append_json_string(out, t.paths[k]);
    }
    out += t.trusted ? "],\"trusted\":true" : "],\"trusted\":false";
    if (t.derived) out += ",\"derived\":true";
    out += '}';
  }
  out += ']';
}

void append_error_fields(std::string& out, std::string_view kind, std::string_view message) {
  out += ",\"error\":{\"kind\":";
  detail::append_json_string(out, kind);
  out += ",\"message\":";
  detail::append_json_string(out, message);
  out += '}';
}

Scanned scan_one(const std::string& file, const TrustPolicy& policy, const LoadOptions& options,
                 const Args& args) {
  Scanned out;
  std::string json = "{\"file\":";
  detail::append_json_string(json, file);
  std::string text;
  try {
    const AuditReport report = audit_file(file, policy, options, args.verify);
    out.status = report.untrusted.empty() ? 0 : 1;
    if (args.json) {
      append_report_fields(json, report);
    } else {
      text = report.untrusted.empty() ? "ok" : "untrusted:";
      for (const auto& u : report.untrusted) text += " " + detail::printable(u);
    }
  } catch (const Error& e) {
    out.status = 2;
    append_error_fields(json, to_string(e.kind()), e.what());
    text = std::string("error: ") + e.what();
  } catch (const std::bad_alloc&) {
    // One file must not end the scan (nor, from a worker thread, the process).
    out.status = 2;
    append_error_fields(json, "limit", "out of memory");
    text = "error: out of memory";
  } catch (const std::exception& e) {
    out.status = 2;
    append_error_fields(json, "internal", detail::printable(e.what()));
    text = std::string("error: internal: ") + detail::printable(e.what());
  }
  json += '}';
  out.line = args.json ? std::move(json) : detail::printable(file) + ": " + text;
  return out;
}

int audit_many(const Args& args) {
  // Set up once for every file: the policy (the registry's names) and the read options.
  const TrustPolicy policy = default_trust(builtin_registry(), args.trusted);
  LoadOptions options;
  options.threads = 1;  // files run in parallel instead: no thread start per file
  const std::vector<std::string> files = expand(args.positional);
  if (files.empty()) throw UsageError{"audit: no .skops files found"};
  // Files are independent: spread them over the cores, print in order as they finish.
  std::vector<Scanned> results(files.size());
  std::vector<char> done(files.size(), 0);
  std::atomic<std::size_t> next{0};
  std::mutex m;
  std::condition_variable cv;
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      Scanned r = scan_one(files[i], policy, options, args);
      const std::lock_guard<std::mutex> lock(m);
      results[i] = std::move(r);
      done[i] = 1;
      cv.notify_one();
    }
  };
  const unsigned n_threads =
      static_cast<unsigned>(std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), files.size()));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n_threads; ++t) threads.emplace_back(work);
  int worst = 0;
  std::thread printer([&] {
    for (std::size_t i = 0; i < files.size(); ++i) {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return done[i] != 0; });
      Scanned r = std::move(results[i]);
      lock.unlock();
      worst = std::max(worst, r.status);
      std::cout << r.line << "\n";
    }
  });
  work();
  for (auto& t : threads) t.join();
  printer.join();
  return worst;
}

}  // namespace

int cmd_audit(const Args& args) {
  if (args.positional.empty()) throw UsageError{"audit takes a FILE, several, a DIRECTORY or -"};
  std::error_code ec;
  const bool single = args.positional.size() == 1 && args.positional[0] != "-" &&
                      !fs::is_directory(args.positional[0], ec);
  return single ? audit_one(args) : audit_many(args);
}

}  // namespace skops::cli
