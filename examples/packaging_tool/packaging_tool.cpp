// packaging_tool: what a model registry or scanner does with a directory of .skops files.
// For each file: size, protocol, members, every type (with trust), every array (dtype, shape,
// bytes), then a full load (OK, or REFUSED with the error kind and message); optionally each
// loadable file is re-saved with deflate compression into another directory and verified.
//
//   packaging_tool DIR [--resave-to OUT_DIR] [--trusted TYPE]... [--max-arrays N]
//
// Exit: 0 when every file was reported (refused files included), 64 on a bad command line,
// 2 when DIR cannot be read or a re-saved file does not load back identically.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <skops/skops.hpp>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Options {
  fs::path dir;
  fs::path resave_to;
  std::vector<std::string> trusted;
  std::size_t max_arrays = 8;
};

struct Totals {
  std::size_t files = 0, ok = 0, refused = 0, resaved = 0, resave_failed = 0;
};

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// Every NdArray node stored in a member, once each, in document order.
void collect_arrays(const skops::Node& n, std::set<const skops::Node*>& seen,
                    std::vector<const skops::Node*>& out) {
  if (!seen.insert(&n).second) return;
  if (n.kind == skops::NodeKind::NdArray && n.storage == "numpy") out.push_back(&n);
  skops::for_each_child(n, [&](const skops::NodePtr& child, const std::string&) {
    collect_arrays(*child, seen, out);
  });
}

/// One error as the report prints it: "<kind>: <message>".
std::string describe(const std::exception& e) {
  if (const auto* se = dynamic_cast<const skops::Error*>(&e)) return se->what();
  return std::string("internal: ") + e.what();
}

void report_document(const skops::Document& doc, const Options& opt) {
  std::cout << "  protocol " << doc.protocol() << ", " << doc.archive().entries().size()
            << " members, " << doc.schema().node_count << " nodes\n";
  // Types under the default trust plus --trusted, as a load would decide.
  const skops::AuditReport report =
      skops::audit(*doc.root(), skops::default_trust(skops::builtin_registry(), opt.trusted));
  std::cout << "  types (" << report.types.size() << "):\n";
  for (const auto& t : report.types) {
    std::cout << "    " << (t.trusted ? "  " : "! ") << t.type << " [" << t.loader << " x"
              << t.paths.size() << "]\n";
  }
  std::cout << "  untrusted: ";
  if (report.untrusted.empty()) std::cout << "none";
  for (std::size_t i = 0; i < report.untrusted.size(); ++i)
    std::cout << (i ? ", " : "") << report.untrusted[i];
  std::cout << "\n";

  std::set<const skops::Node*> seen;
  std::vector<const skops::Node*> arrays;
  collect_arrays(*doc.root(), seen, arrays);
  std::uint64_t total = 0;
  std::cout << "  arrays (" << arrays.size() << "):\n";
  for (std::size_t i = 0; i < arrays.size(); ++i) {
    const skops::NdArray a = doc.array_of(*arrays[i]);  // header and body read and checked
    total += a.nbytes();
    if (i < opt.max_arrays) {
      std::cout << "    " << (arrays[i]->pointer.empty() ? "/" : arrays[i]->pointer) << "  "
                << a.dtype().descr() << " " << shape_text(a.shape()) << " " << a.nbytes()
                << " bytes\n";
    }
  }
  if (arrays.size() > opt.max_arrays)
    std::cout << "    ... " << arrays.size() - opt.max_arrays << " more\n";
  std::cout << "  array bytes: " << total << "\n";
}

/// Re-saves a loaded model with deflate and checks that it loads back to the same graph.
void resave(const skops::Estimator& model, const fs::path& in, const Options& opt, Totals& totals) {
  const fs::path out = opt.resave_to / in.filename();
  skops::DumpOptions d;
  d.compression = skops::Compression::Deflate;
  skops::dump(model, out.string(), d);
  skops::LoadOptions lo;
  lo.trusted = opt.trusted;
  const auto again = skops::load(out.string(), lo);
  const bool same = skops::graphs_equal(*skops::to_node(model), *skops::to_node(*again));
  std::cout << "  resaved: " << out.filename().string() << " " << fs::file_size(in) << " -> "
            << fs::file_size(out) << " bytes (deflate)"
            << (same ? ", reloads identically" : ", DIFFERS after reload") << "\n";
  ++(same ? totals.resaved : totals.resave_failed);
}

void process(const fs::path& file, const Options& opt, Totals& totals) {
  ++totals.files;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  std::cout << "== " << file.filename().string() << " (" << (ec ? 0 : size) << " bytes)\n";
  try {
    const auto doc = skops::Document::read_file(file.string());
    report_document(*doc, opt);
    skops::LoadOptions lo;
    lo.trusted = opt.trusted;
    const auto model = skops::load(file.string(), lo);
    std::cout << "  OK: " << model->type_name() << " (n_features_in " << model->n_features_in()
              << ")\n";
    ++totals.ok;
    if (!opt.resave_to.empty()) {
      try {
        resave(*model, file, opt, totals);
      } catch (const std::exception& e) {
        ++totals.resave_failed;
        std::cout << "  resave FAILED: " << describe(e) << "\n";
      }
    }
  } catch (const skops::Error& e) {
    ++totals.refused;
    std::cout << "  REFUSED (" << skops::to_string(e.kind()) << "): " << e.what() << "\n";
  } catch (const std::exception& e) {
    ++totals.refused;
    std::cout << "  REFUSED (" << describe(e) << ")\n";
  }
}

int usage(const std::string& why) {
  std::cerr
      << "packaging_tool: " << why << "\n"
      << "usage: packaging_tool DIR [--resave-to OUT_DIR] [--trusted TYPE]... [--max-arrays N]\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--resave-to" && has_value) {
      opt.resave_to = argv[++i];
    } else if (a == "--trusted" && has_value) {
      opt.trusted.emplace_back(argv[++i]);
    } else if (a == "--max-arrays" && has_value) {
      try {
        opt.max_arrays = static_cast<std::size_t>(std::stoul(argv[++i]));
      } catch (const std::exception&) {
        return usage("--max-arrays needs a number");
      }
    } else if (a.rfind("--", 0) == 0 || !opt.dir.empty()) {
      return usage("unexpected argument " + a);
    } else {
      opt.dir = a;
    }
  }
  if (opt.dir.empty()) return usage("no DIR given");

  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(opt.dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".skops")
      files.push_back(entry.path());
  }
  if (ec) {
    std::cerr << "packaging_tool: cannot read " << opt.dir << ": " << ec.message() << "\n";
    return 2;
  }
  std::sort(files.begin(), files.end());
  if (!opt.resave_to.empty()) fs::create_directories(opt.resave_to);

  Totals totals;
  for (const auto& f : files) process(f, opt, totals);
  std::cout << "summary: " << totals.files << " files, " << totals.ok << " OK, " << totals.refused
            << " refused";
  if (!opt.resave_to.empty())
    std::cout << ", " << totals.resaved << " resaved, " << totals.resave_failed
              << " resave failures";
  std::cout << "\n";
  return totals.resave_failed ? 2 : 0;
}
