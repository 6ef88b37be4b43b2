// schema.json ⇄ node graph: JsonNode scalars, memo semantics, structural checks, limits,
// and write → parse round trips.

#include "skops/schema.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "skops/error.hpp"

namespace {

using namespace skops;

std::string json_node(const std::string& content_json, std::int64_t id = 0) {
  std::string s =
      R"({"__class__": "str", "__module__": "builtins", "__loader__": "JsonNode", "content": )" +
      content_json + R"(, "is_json": true)";
  if (id) s += ", \"__id__\": " + std::to_string(id);
  return s + "}";
}

std::string list_node(const std::vector<std::string>& items, std::int64_t id = 0) {
  std::string s =
      R"({"__class__": "list", "__module__": "builtins", "__loader__": "ListNode", "content": [)";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  s += "]";
  if (id) s += ", \"__id__\": " + std::to_string(id);
  return s + "}";
}

std::string with_protocol(std::string node, int protocol = 2) {
  node.pop_back();
  return node + ", \"protocol\": " + std::to_string(protocol) + "}";
}

NodePtr scalar(const std::string& content) {
  Node n;
  decode_json_scalar(n, content);
  return std::make_shared<Node>(n);
}

TEST(JsonScalar, PythonValues) {
  EXPECT_EQ(scalar("null")->scalar, ScalarKind::None);
  EXPECT_TRUE(scalar("true")->bool_value);
  EXPECT_EQ(scalar("-12")->int_value, -12);
  EXPECT_EQ(scalar("1.5")->float_value, 1.5);
  EXPECT_EQ(scalar("1.0")->scalar, ScalarKind::Float);  // "1.0" stays a float
  EXPECT_EQ(scalar("\"l2\"")->str_value, "l2");
  EXPECT_EQ(scalar("\"h\\u00e9llo \\u2603\"")->str_value, "h\xc3\xa9llo \xe2\x98\x83");
}

TEST(JsonScalar, NonFiniteTokens) {
  EXPECT_TRUE(std::isnan(scalar("NaN")->float_value));
  EXPECT_EQ(scalar("Infinity")->float_value, INFINITY);
  EXPECT_EQ(scalar("-Infinity")->float_value, -INFINITY);
  auto list = scalar("[1, NaN, \"NaN\", -Infinity]");
  EXPECT_EQ(list->scalar, ScalarKind::OtherJson);
  EXPECT_EQ(list->str_value, "[1, NaN, \"NaN\", -Infinity]");
}

TEST(JsonScalar, BigIntegersKeptExactly) {
  auto n = scalar("302602671330392952913379056849247414473");
  EXPECT_EQ(n->scalar, ScalarKind::BigInt);
  EXPECT_EQ(n->str_value, "302602671330392952913379056849247414473");
  EXPECT_EQ(scalar("18446744073709551616")->scalar, ScalarKind::BigInt);
  EXPECT_EQ(scalar("-18446744073709551617")->str_value, "-18446744073709551617");
  EXPECT_EQ(scalar("9223372036854775807")->int_value, INT64_MAX);
  EXPECT_EQ(scalar("9223372036854775808")->scalar, ScalarKind::BigInt);
}

TEST(JsonScalar, InvalidContentIsASchemaError) {
  EXPECT_THROW(scalar("{not json"), SchemaError);
  EXPECT_THROW(scalar("nan"), SchemaError);
  EXPECT_THROW(scalar(""), SchemaError);
}

TEST(FloatRepr, MatchesPython) {
  EXPECT_EQ(python_float_repr(1.0), "1.0");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(1e-05), "1e-05");
  EXPECT_EQ(python_float_repr(1e-07), "1e-07");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(123.456), "123.456");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(5e-324), "5e-324");
  EXPECT_EQ(python_float_repr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(python_float_repr(1234567890123456.0), "1234567890123456.0");
  EXPECT_EQ(python_float_repr(NAN), "NaN");
  EXPECT_EQ(python_float_repr(-INFINITY), "-Infinity");
}

TEST(ParseSchema, RootNeedsAValidProtocol) {
  const std::string node = json_node("\"1\"");
  EXPECT_NO_THROW(parse_schema(with_protocol(node, 2)));
  EXPECT_NO_THROW(parse_schema(with_protocol(node, 0)));
  EXPECT_THROW(parse_schema(with_protocol(node, 3)), SchemaError);
  EXPECT_THROW(parse_schema(with_protocol(node, -1)), SchemaError);
  EXPECT_THROW(parse_schema(node), SchemaError);
  EXPECT_THROW(parse_schema("[1]"), SchemaError);
  EXPECT_THROW(parse_schema("\"x\""), SchemaError);
}

TEST(ParseSchema, DeepJsonIsRefusedWithoutRecursion) {
  // 100 000 nested arrays: refused while parsing, long before any recursive routine.
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  EXPECT_THROW(parse_schema(deep), SchemaError);
  // Just under the cap parses as JSON (and then fails as a schema: the root is no object).
  Limits limits;
  std::string ok(limits.max_json_depth, '[');
  ok += std::string(limits.max_json_depth, ']');
  try {
    parse_schema(ok);
    FAIL();
  } catch (const SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("root"), std::string::npos) << e.what();
  }
}

TEST(ParseSchema, DeepNodesAreRefused) {
  std::string node = json_node("\"1\"");
  for (int i = 0; i < 300; ++i) node = list_node({node});
  EXPECT_THROW(parse_schema(with_protocol(node)), SchemaError);
}

TEST(ParseSchema, NodeCountLimit) {
  std::vector<std::string> items(50, json_node("\"1\""));
  Limits limits;
  limits.max_nodes = 20;
  EXPECT_THROW(parse_schema(with_protocol(list_node(items)), limits), LimitError);
  limits.max_nodes = 51;
  EXPECT_NO_THROW(parse_schema(with_protocol(list_node(items)), limits));
}

TEST(ParseSchema, DuplicateKeysAndBadUtf8) {
  EXPECT_THROW(parse_schema(R"({"__class__": "a", "__class__": "b", "protocol": 2})"), SchemaError);
  std::string bad = with_protocol(json_node("\"\\\"x\\\"\""));
  bad.insert(bad.find("builtins"), "\xff");
  EXPECT_THROW(parse_schema(bad), SchemaError);
}

TEST(ParseSchema, DuplicateKeysAnywhereAreRefused) {
  // Not only in node objects: in any object, small (scanned) or large (hashed).
  std::string nested = with_protocol(json_node("\"1\""));
  nested.insert(nested.size() - 1, R"(, "extra": {"a": [{"k": 1, "k": 2}]})");
  try {
    parse_schema(nested);
    FAIL();
  } catch (const SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("duplicate JSON key \"k\""), std::string::npos)
        << e.what();
  }
  std::string large = "{";
  for (int i = 0; i < 40; ++i) large += "\"k" + std::to_string(i) + "\": 0, ";
  std::string unique = with_protocol(json_node("\"1\""));
  unique.insert(unique.size() - 1, ", \"extra\": " + large + "\"k40\": 0}");
  EXPECT_NO_THROW(parse_schema(unique));
  std::string repeated = with_protocol(json_node("\"1\""));
  repeated.insert(repeated.size() - 1, ", \"extra\": " + large + "\"k17\": 0}");
  EXPECT_THROW(parse_schema(repeated), SchemaError);
}

TEST(ParseSchema, SyntaxErrorsNameTheByte) {
  const std::string good = with_protocol(json_node("\"1\""));
  std::string bad = good;
  bad.insert(1, ",");
  try {
    parse_schema(bad);
    FAIL();
  } catch (const SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("invalid JSON at byte 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_schema(good.substr(0, good.size() - 1)), SchemaError);
  EXPECT_THROW(parse_schema(good + " x"), SchemaError);
}

TEST(ParseSchema, IntegersBeyondSixtyFourBitsAreRefused) {
  // Python writes none in schema.json itself (big ints live in JsonNode content strings).
  std::string s = with_protocol(json_node("\"1\""));
  s.insert(s.size() - 1, R"(, "extra": 123456789012345678901234567890)");
  EXPECT_THROW(parse_schema(s), SchemaError);
  std::string id = json_node("\"1\"");
  id.insert(id.size() - 1, R"(, "__id__": 18446744073709551615)");
  EXPECT_THROW(parse_schema(with_protocol(id)), SchemaError);
}

TEST(ParseSchema, SharedIdsFollowPython) {
  const std::string a = json_node("\"1\"", 7);
  auto parsed = parse_schema(with_protocol(list_node({a, a, json_node("\"2\"", 8)})));
  ASSERT_EQ(parsed.root->items.size(), 3u);
  EXPECT_EQ(parsed.root->items[0].get(), parsed.root->items[1].get());  // one shared node
  EXPECT_NE(parsed.root->items[0].get(), parsed.root->items[2].get());
  EXPECT_EQ(parsed.root->items[1]->pointer, "/content/0");  // first occurrence
}

TEST(ParseSchema, ConflictingReuseOfAnIdIsRefused) {
  const std::string a = json_node("\"1\"", 7);
  const std::string b = json_node("\"2\"", 7);
  EXPECT_THROW(parse_schema(with_protocol(list_node({a, b}))), SchemaError);
}

TEST(ParseSchema, CyclesAreRefused) {
  // The inner list repeats the outer list's id: a reference to an enclosing node.
  const std::string inner = list_node({}, 5);
  EXPECT_THROW(parse_schema(with_protocol(list_node({inner}, 5))), SchemaError);
}

TEST(ParseSchema, DanglingCachedNode) {
  const std::string cached =
      R"({"__class__": "x", "__module__": "y", "__loader__": "CachedNode", "__id__": 99})";
  EXPECT_THROW(parse_schema(with_protocol(list_node({cached}))), SchemaError);
}

TEST(ParseSchema, StructuralChecks) {
  auto bad = [](const std::string& node) {
    EXPECT_THROW(parse_schema(with_protocol(node)), SchemaError) << node;
  };
  bad(R"({"__class__": "str", "__module__": "builtins", "content": "1"})");  // no loader
  bad(R"({"__class__": "str", "__module__": "builtins", "__loader__": 123, "content": "1"})");  // not a string
  bad(R"({"__class__": "str", "__module__": "builtins", "__loader__": "EvilNode"})");  // unknown
  bad(R"({"__module__": "builtins", "__loader__": "JsonNode", "content": "1"})");      // no class
  bad(R"({"__class__": "str", "__module__": "builtins", "__loader__": "JsonNode", "content": {}})");
  bad(R"({"__class__": "list", "__module__": "builtins", "__loader__": "ListNode", "content": "x"})");
  bad(R"({"__class__": "ndarray", "__module__": "numpy", "__loader__": "NdArrayNode", "type": "pickle", "file": "a"})");
  bad(R"({"__class__": "ndarray", "__module__": "numpy", "__loader__": "NdArrayNode", "type": "numpy", "file": 3})");
  bad(R"({"__class__": "system", "__module__": "os", "__loader__": "OperatorFuncNode", "attrs": {}})");
  bad(R"({"__class__": "x", "__module__": "a\u0000b", "__loader__": "TypeNode"})");
  bad(R"({"__class__": "x", "__module__": "y", "__loader__": "TypeNode", "__id__": [1]})");
  // key_types must match the keys one for one.
  bad(R"({"__class__": "dict", "__module__": "builtins", "__loader__": "DictNode", "content": {"a": )" +
      json_node("\"1\"") + R"(}, "key_types": )" + list_node({}) + "}");
}

TEST(ParseSchema, OldLoaderNamesAndProtocolZeroFunctions) {
  const std::string sgd = R"({"__class__": "Hinge", "__module__": "sklearn.linear_model._sgd_fast",
    "__reduce__": {"args": {"__class__": "tuple", "__module__": "builtins", "__loader__": "TupleNode", "content": []}},
    "content": {"__class__": "dict", "__module__": "builtins", "__loader__": "DictNode", "content": {},
                "key_types": {"__class__": "list", "__module__": "builtins", "__loader__": "ListNode", "content": []}},
    "__loader__": "SGDNode"})";
  EXPECT_EQ(parse_schema(with_protocol(sgd)).root->kind, NodeKind::Loss);
  const std::string fn =
      R"({"__class__": "function", "__module__": "numpy", "__loader__": "FunctionNode",
    "content": {"module_path": "numpy.core._multiarray_umath", "function": "log1p"}})";
  auto p0 = parse_schema(with_protocol(fn, 0));
  EXPECT_EQ(p0.root->type_name(), "numpy.core._multiarray_umath.log1p");
}

TEST(WriteSchema, RoundTripsEveryNodeKind) {
  auto str_type = make::type_ref("builtins", "str");
  auto shared = make::list({make::integer(1), make::real(0.5)});
  auto root = make::object("mypkg", "Thing",
                           {{"none", make::none()},
                            {"flag", make::boolean(true)},
                            {"n", make::integer(-3)},
                            {"x", make::real(1e-07)},
                            {"nan", make::real(NAN)},
                            {"big", make::json_raw("302602671330392952913379056849247414473")},
                            {"s", make::str("h\xc3\xa9llo \xf0\x9f\x98\x80 \"q\"")},
                            {"t", make::tuple({make::str("a"), shared})},
                            {"again", shared},
                            {"set", make::set({make::integer(2)})},
                            {"type", make::type_ref("numpy", "float64")},
                            {"fn", make::function_ref("numpy.core._multiarray_umath", "log1p")},
                            {"slice", make::slice("1", "null", "2")},
                            {"objarr", make::object_array({make::str("a"), make::str("b")}, {2})}});
  const std::string text = write_schema(*root);
  auto parsed = parse_schema(text);
  EXPECT_TRUE(graphs_equal(*root, *parsed.root)) << text;
  // Sharing survives: both references resolve to one node.
  const Node& state = *parsed.root->child("content");
  EXPECT_EQ(state.get("again").get(), state.get("t")->items[1].get());
  // Writing the parsed graph again gives the same text.
  EXPECT_EQ(write_schema(*parsed.root), text);
}

}  // namespace
