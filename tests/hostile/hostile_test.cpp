// Every crafted file of tests/data/hostile is refused with the error kind its MANIFEST
// names for its stage. Allowed kinds are read from the fixture's own "expected" text, so
// the test follows the fixture, not the implementation.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

using skops::ErrorKind;
namespace ts = skops::testing_support;

struct Case {
  std::string file;
  std::string stage;
  std::string expected;
  std::vector<std::string> trust;
  std::string kind;  ///< exact kind ("archive", "limit"...) where the manifest names one
};

// Readable test parameter output instead of a byte dump.
void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

std::vector<Case> load_cases() {
  const auto manifest = nlohmann::json::parse(ts::read_file_text(ts::data_path("hostile/MANIFEST.json")));
  std::vector<Case> out;
  for (const auto& c : manifest.at("cases")) {
    Case k{c.at("file"), c.at("stage"), c.at("expected"), {}, {}};
    if (c.contains("kind")) k.kind = c.at("kind");
    if (c.contains("trust_for_test")) k.trust = c.at("trust_for_test").get<std::vector<std::string>>();
    out.push_back(std::move(k));
  }
  return out;
}

std::set<ErrorKind> allowed_kinds(const Case& c) {
  std::set<ErrorKind> k;
  const std::string& e = c.expected;
  auto has = [&](const char* s) { return e.find(s) != std::string::npos; };
  if (has("archive error")) k.insert(ErrorKind::Archive);
  if (has("schema error")) k.insert(ErrorKind::Schema);
  if (has("untrusted/unsupported type")) k.insert(ErrorKind::Untrusted);
  if (has("array (npy) error")) k.insert(ErrorKind::Npy);
  if (has("during validation")) k.insert(ErrorKind::Validation);
  // A trusted type in a place only an estimator may take, which no builder constructs.
  if (has("no builder")) k.insert(ErrorKind::Unsupported);
  // Size caps are LimitErrors: accepted where the fixture says the refusal is about a limit.
  if (has("limit")) k.insert(ErrorKind::Limit);
  return k;
}

// What `skops-cpp audit` does for the first three stages, `inspect` for npy, `load` after.
ErrorKind refusal_kind(const Case& c) {
  const std::string path = ts::data_path("hostile/" + c.file);
  try {
    if (c.stage == "archive" || c.stage == "schema" || c.stage == "types") {
      auto report = skops::audit_file(path);
      skops::require_trusted(report);
      ADD_FAILURE() << c.file << ": audit accepted the file";
      return ErrorKind::Io;
    }
    if (c.stage == "npy") {
      auto doc = skops::Document::read_file(path);
      doc->read_all_arrays();
      ADD_FAILURE() << c.file << ": every array header was accepted";
      return ErrorKind::Io;
    }
    skops::LoadOptions opts;
    opts.trusted = c.trust;
    auto est = skops::load(path, opts);
    ADD_FAILURE() << c.file << ": loaded as " << est->type_name();
    return ErrorKind::Io;
  } catch (const skops::Error& e) {
    std::cout << "  " << c.file << " -> " << e.what() << "\n";
    return e.kind();
  }
}

class Hostile : public ::testing::TestWithParam<Case> {};

TEST_P(Hostile, RefusedWithTheExpectedKind) {
  const Case& c = GetParam();
  const auto allowed = allowed_kinds(c);
  ASSERT_FALSE(allowed.empty()) << "no kind parsed from: " << c.expected;
  const ErrorKind got = refusal_kind(c);
  EXPECT_TRUE(allowed.count(got)) << c.file << " refused as " << skops::to_string(got) << "; expected: " << c.expected;
  if (!c.kind.empty()) {
    EXPECT_EQ(skops::to_string(got), c.kind) << c.file;
  }
}

TEST(HostileFixtures, NoPayloadEverRan) {
  for (const auto& entry : std::filesystem::directory_iterator("/tmp")) {
    EXPECT_EQ(entry.path().filename().string().rfind("skops_hostile_PWNED_", 0), std::string::npos)
        << "a payload left " << entry.path();
  }
}

TEST(HostileFixtures, ManifestCoversEveryFile) {
  const auto cases = load_cases();
  std::set<std::string> listed;
  for (const auto& c : cases) listed.insert(c.file);
  for (const auto& f : ts::list_files("hostile", ".skops")) {
    EXPECT_TRUE(listed.count(std::filesystem::path(f).filename().string())) << f;
  }
  EXPECT_EQ(listed.size(), ts::list_files("hostile", ".skops").size());
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string n = info.param.file.substr(0, info.param.file.size() - 6);
  for (auto& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(AllFiles, Hostile, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
