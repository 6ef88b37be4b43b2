// The audit: every node type with its paths, exact-name trust, nested and derived names.

#include "skops/trust.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "skops/error.hpp"
#include "skops/schema.hpp"

namespace {

using namespace skops;

const TypeUse* find(const AuditReport& r, const std::string& type) {
  for (const auto& t : r.types) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

NodePtr sample() {
  auto evil = make::object("builtins", "eval", {});
  auto nested = make::list({make::dict({{"k", evil}})});
  return make::object("sklearn.linear_model._logistic", "LogisticRegression",
                      {{"coef_", make::array(NdArray::from_vector(std::vector<double>{1.0}))},
                       {"hidden", nested},
                       {"label", make::str("os.system")}});
}

TEST(TrustPolicy, ASharedSetIsTrustedWithoutBeingCopied) {
  auto shared = std::make_shared<const std::set<std::string>>(std::set<std::string>{"a.A", "b.B"});
  TrustPolicy p({"c.C"});
  EXPECT_FALSE(p.trusts("a.A"));
  p.share(shared);
  p.add("d.D");
  EXPECT_TRUE(p.trusts("a.A"));
  EXPECT_TRUE(p.trusts("b.B"));
  EXPECT_TRUE(p.trusts("c.C"));
  EXPECT_TRUE(p.trusts("d.D"));
  EXPECT_FALSE(p.trusts("a"));
  EXPECT_FALSE(p.trusts("a.A "));
  EXPECT_EQ(p.names(), (std::set<std::string>{"a.A", "b.B", "c.C", "d.D"}));
  EXPECT_EQ(shared->size(), 2u);  // adding to the policy leaves the shared set alone
}

TEST(Audit, FindsNestedTypesWithPaths) {
  auto root = parse_schema(write_schema(*sample())).root;
  TrustPolicy policy = TrustPolicy::primitives();
  policy.add("sklearn.linear_model._logistic.LogisticRegression");
  const auto report = audit(*root, policy);
  ASSERT_EQ(report.untrusted, std::vector<std::string>{"builtins.eval"});
  const TypeUse* e = find(report, "builtins.eval");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->paths, std::vector<std::string>{"/content/content/hidden/content/0/content/k"});
  EXPECT_EQ(e->loader, "ObjectNode");
  EXPECT_FALSE(e->trusted);
  // JsonNode content is data: a string saying "os.system" is not a type.
  EXPECT_EQ(find(report, "os.system"), nullptr);
  EXPECT_THROW(require_trusted(report), UntrustedTypeError);
}

TEST(Audit, TrustIsExactNames) {
  auto root = sample();
  TrustPolicy policy = TrustPolicy::primitives();
  policy.add("sklearn.linear_model.LogisticRegression");  // public path: not the stored one
  policy.add("builtins.eval");
  const auto report = audit(*root, policy);
  EXPECT_EQ(report.untrusted, std::vector<std::string>{"sklearn.linear_model._logistic.LogisticRegression"});
  try {
    require_trusted(report);
    FAIL();
  } catch (const UntrustedTypeError& e) {
    EXPECT_EQ(e.types(), report.untrusted);
    EXPECT_NE(std::string(e.what()).find("LogisticRegression"), std::string::npos);
  }
}

TEST(Audit, EmptyPolicyReportsEverythingButJsonAndSlice) {
  auto root = make::list({make::str("x"), make::slice("0", "1", "null"), make::type_ref("numpy", "float64")});
  const auto report = audit(*root, TrustPolicy());
  EXPECT_EQ(report.untrusted, (std::vector<std::string>{"builtins.list", "numpy.float64"}));
  EXPECT_TRUE(find(report, "builtins.str")->trusted);
  EXPECT_TRUE(find(report, "builtins.slice")->trusted);
}

TEST(Audit, MethodNodesReportTheMethodToo) {
  auto obj = make::object("sklearn.linear_model._logistic", "LogisticRegression", {});
  auto m = make::clone(*obj);
  m->kind = NodeKind::Method;
  m->method_name = "__reduce_ex__";
  m->children = {{"obj", obj}};
  const auto report = audit(*m, TrustPolicy::primitives());
  const TypeUse* derived = find(report, "sklearn.linear_model._logistic.LogisticRegression.__reduce_ex__");
  ASSERT_TRUE(derived);
  EXPECT_TRUE(derived->derived);
  EXPECT_FALSE(derived->trusted);
}

TEST(Audit, SharedSubgraphsAreVisitedOnce) {
  // A chain where every level references the next twice: 2^40 paths, 40 nodes.
  NodePtr n = make::str("leaf");
  for (int i = 0; i < 40; ++i) n = make::list({n, n});
  const auto report = audit(*n, TrustPolicy::primitives());
  EXPECT_TRUE(report.ok());
}

}  // namespace
