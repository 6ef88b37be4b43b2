#include <gtest/gtest.h>
#include "text/regex.hpp"
#include "text/strings.hpp"
namespace tx = skops::detail::text;
TEST(TextSmoke, Basic) {
  auto re = tx::Regex::compile("(?u)\\b\\w\\w+\\b");
  auto v = re.findall("hello wo x abc");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(tx::python_lower("ABC\xc4\xb0"), "abci\xcc\x87");
}
