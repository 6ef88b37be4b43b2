// docs/estimators.md lists exactly the types the built-in registry can load.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "skops/api.hpp"

TEST(Docs, EstimatorTableMatchesTheRegistry) {
  std::ifstream in(std::string(SKOPS_SOURCE_DIR) + "/docs/estimators.md");
  ASSERT_TRUE(in) << "docs/estimators.md missing";
  std::set<std::string> documented;
  const std::regex row(R"(^\|[^|]*\|[^|]*\| `([A-Za-z0-9_.]+)` \|)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) documented.insert(m[1]);
  }
  const auto names = skops::builtin_registry().type_names();
  const std::set<std::string> registered(names.begin(), names.end());
  EXPECT_EQ(documented, registered)
      << "regenerate with: scripts/gen_estimator_table.py build/src/cli/skops-cpp > docs/estimators.md";
}
