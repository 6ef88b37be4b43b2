// docs/estimators.md lists exactly the types the built-in registry can load.

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "skops/api.hpp"

TEST(Docs, EstimatorTableMatchesTheRegistry) {
  std::ifstream in(std::string(SKOPS_SOURCE_DIR) + "/docs/estimators.md");
  ASSERT_TRUE(in) << "docs/estimators.md missing";
  std::set<std::string> documented;
  // Table rows: "| family | class | `module.Class` |".
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    const auto open = line.find(" `");
    const auto close = line.find("` |", open == std::string::npos ? 0 : open + 2);
    if (open == std::string::npos || close == std::string::npos) continue;
    documented.insert(line.substr(open + 2, close - open - 2));
  }
  const auto names = skops::builtin_registry().type_names();
  const std::set<std::string> registered(names.begin(), names.end());
  EXPECT_EQ(documented, registered)
      << "regenerate with: scripts/gen_estimator_table.py build/src/cli/skops-cpp > docs/estimators.md";
}
