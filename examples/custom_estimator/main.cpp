// Registering one's own estimator type: save it with skops::dump, audit the file, load it
// back with skops::load, and see what happens without the registration or the trust.
//
//   custom_estimator [OUTPUT_DIR]      (default: the current directory)

#include <iostream>
#include <skops/skops.hpp>

#include "my_scaler.hpp"

namespace {

void print_row(const char* label, const skops::NdArray& a) {
  const std::vector<double> v = a.to_vector<double>();
  std::cout << label;
  for (std::int64_t j = 0; j < a.dim(1); ++j) std::cout << ' ' << v[static_cast<std::size_t>(j)];
  std::cout << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  const std::string path = dir + "/my_scaler.skops";
  try {
    // 1. A registry with the built-ins plus our type.
    skops::TypeRegistry registry = skops::TypeRegistry::with_builtins();
    mypkg::register_my_types(registry);

    // 2. Build one natively and save it.
    const mypkg::MyScaler scaler({1.0, 2.0, 3.0});
    skops::DumpOptions dump_options;
    dump_options.registry = &registry;
    skops::dump(scaler, path, dump_options);
    std::cout << "saved " << scaler.type_name() << " to my_scaler.skops\n";

    // 3. Audit under the built-in trust: our type is reported, as an unknown name must be.
    const skops::AuditReport report = skops::audit_file(path);
    std::cout << "audit with built-in trust: untrusted =";
    for (const auto& t : report.untrusted) std::cout << ' ' << t;
    std::cout << "\n";

    // 4. Load it with our registry (which can build it) and our trust decision (which
    //    allows it): registering a builder is not a reason to trust a name in a file.
    skops::LoadOptions options;
    options.registry = &registry;
    options.trusted = {mypkg::MyScaler::kTypeName};
    const auto model = skops::load(path, options);
    skops::Matrix X(2, 3);
    X << 1, 2, 3, 4, 5, 6;
    const skops::NdArray Xt = model->transform(X);
    std::cout << "loaded " << model->type_name() << " (n_features_in " << model->n_features_in()
              << ")\n";
    print_row("transform row 0:", Xt);

    // 5. A duplicate registration is an error, not silently ignored.
    try {
      mypkg::register_my_types(registry);
      std::cout << "duplicate registration accepted (unexpected)\n";
      return 1;
    } catch (const skops::RegistryError& e) {
      std::cout << "duplicate registration: " << e.what() << "\n";
    }

    // 6. With the default options (built-in registry, no extra trust) the type is refused
    //    by the audit, before anything is built.
    try {
      skops::load(path);
      std::cout << "untrusted type loaded (unexpected)\n";
      return 1;
    } catch (const skops::UntrustedTypeError& e) {
      std::cout << "default load: " << e.what() << "\n";
    }

    // 7. Trusted but not registered: there is no C++ code to build it.
    try {
      skops::LoadOptions trusted_only;
      trusted_only.trusted = {mypkg::MyScaler::kTypeName};
      skops::load(path, trusted_only);
      std::cout << "unregistered type loaded (unexpected)\n";
      return 1;
    } catch (const skops::UnsupportedError& e) {
      std::cout << "trusted but unregistered: " << to_string(e.kind()) << " error\n";
    }
    return 0;
  } catch (const skops::Error& e) {
    std::cerr << "custom_estimator: " << e.what() << "\n";
    return 2;
  }
}
