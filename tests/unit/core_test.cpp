// The core component: the error vocabulary and its messages, detail::printable (the one
// escaping function for text a file controls), overflow-checked sizes, UTF-8 encoding.
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/checked.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"
#include "skops/error.hpp"

namespace {
using namespace skops;

TEST(Error, WhatCarriesKindEntryAndPointerInThatOrder) {
  const ValidationError e("bad shape", "coef.npy", "/content/coef_");
  EXPECT_EQ(std::string(e.what()), "validation: coef.npy: /content/coef_: bad shape");
  EXPECT_EQ(e.kind(), ErrorKind::Validation);
  EXPECT_EQ(e.detail(), "bad shape");
  EXPECT_EQ(e.entry(), "coef.npy");
  EXPECT_EQ(e.json_pointer(), "/content/coef_");
  EXPECT_EQ(std::string(InputError("no rows").what()), "input: no rows");
}

TEST(Error, EveryKindHasItsOwnName) {
  const ErrorKind kinds[] = {ErrorKind::Archive,    ErrorKind::Limit,       ErrorKind::Schema,
                             ErrorKind::Npy,        ErrorKind::Untrusted,   ErrorKind::Unsupported,
                             ErrorKind::Validation, ErrorKind::Input,       ErrorKind::Registry,
                             ErrorKind::Io};
  std::set<std::string> names;
  for (ErrorKind k : kinds) names.insert(to_string(k));
  EXPECT_EQ(names.size(), std::size(kinds));
  EXPECT_EQ(std::string(to_string(ErrorKind::Limit)), "limit");
}

TEST(Error, UntrustedListsEveryTypeSortedWithWhereItOccurs) {
  const UntrustedTypeError e({{"a.A", {"/content/x", "/content/y"}}, {"b.B", {""}}});
  EXPECT_EQ(e.types(), (std::vector<std::string>{"a.A", "b.B"}));
  const std::string what = e.what();
  EXPECT_NE(what.find("a.A (at /content/x and 1 more)"), std::string::npos) << what;
  EXPECT_NE(what.find("b.B (at /)"), std::string::npos) << what;
  EXPECT_EQ(e.kind(), ErrorKind::Untrusted);
}

TEST(Checked, OverflowIsALimitErrorNotAWrap) {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(detail::checked_mul(1u << 20, 1u << 20), std::uint64_t{1} << 40);
  EXPECT_EQ(detail::checked_add(kMax - 1, 1), kMax);
  EXPECT_THROW(detail::checked_mul(std::uint64_t{1} << 32, std::uint64_t{1} << 32), LimitError);
  EXPECT_THROW(detail::checked_add(kMax, 1), LimitError);
  EXPECT_EQ(detail::checked_mul(0, kMax), 0u);
}

TEST(Utf8, EncodesEachLengthClassAtItsBoundaries) {
  auto enc = [](std::uint32_t cp) {
    std::string s;
    detail::append_utf8(s, cp);
    return s;
  };
  EXPECT_EQ(enc(0x41), "A");
  EXPECT_EQ(enc(0x7F), "\x7F");
  EXPECT_EQ(enc(0x80), "\xC2\x80");
  EXPECT_EQ(enc(0x7FF), "\xDF\xBF");
  EXPECT_EQ(enc(0x800), "\xE0\xA0\x80");
  EXPECT_EQ(enc(0x20AC), "\xE2\x82\xAC");
  EXPECT_EQ(enc(0xFFFF), "\xEF\xBF\xBF");
  EXPECT_EQ(enc(0x10000), "\xF0\x90\x80\x80");
  EXPECT_EQ(enc(0x10FFFF), "\xF4\x8F\xBF\xBF");
}

}  // namespace

namespace skops {
namespace {

using detail::is_printable;
using detail::printable;

TEST(Printable, KeepsAsciiAndValidUtf8) {
  EXPECT_EQ(printable("LogisticRegression"), "LogisticRegression");
  EXPECT_EQ(printable("donn\xC3\xA9" "es \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "donn\xC3\xA9" "es \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(printable("a\\b"), "a\\b");
  EXPECT_TRUE(is_printable("donn\xC3\xA9" "es"));
}

TEST(Printable, EscapesControlsAndInvalidBytes) {
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("line\nnext\ttab\r\x1b[31m\x7f"), "line\\x0anext\\x09tab\\x0d\\x1b[31m\\x7f");
  EXPECT_EQ(printable("C1 \xC2\x85"), "C1 \\xc2\\x85");
  EXPECT_EQ(printable("Logistic\xff"), "Logistic\\xff");
  EXPECT_EQ(printable("\x80"), "\\x80");               // stray continuation byte
  EXPECT_EQ(printable("\xC0\xAF"), "\\xc0\\xaf");      // overlong '/'
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // surrogate U+D800
  EXPECT_EQ(printable("\xF4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(printable("\xE2\x82"), "\\xe2\\x82");      // truncated sequence
  EXPECT_EQ(printable("evil\xE2\x80\xAEtxt.exe"), "evil\\u202etxt.exe");  // right-to-left override
  EXPECT_FALSE(is_printable("a\nb"));
  EXPECT_FALSE(is_printable("\xff"));
}

TEST(Printable, CapsAtACharacterBoundary) {
  EXPECT_EQ(printable(std::string(600, 'x')).size(), 512 + std::string("...(88 more bytes)").size());
  EXPECT_EQ(printable("abcdef", 3), "abc...(3 more bytes)");
  // A 2-byte character that does not fit is left out whole.
  EXPECT_EQ(printable("ab\xC3\xA9", 3), "ab...(2 more bytes)");
  EXPECT_EQ(printable("\x01\x02", 5), "\\x01...(1 more bytes)");
}

// append_json_string writes what nlohmann::json's dump (ensure_ascii off, invalid UTF-8
// replaced) writes for the same string: the directory audit's JSON lines use it instead of a
// JSON document per line, and tools parse those lines with any JSON parser.
std::string nlohmann_dumped(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string appended(const std::string& s) {
  std::string out;
  detail::append_json_string(out, s);
  return out;
}

TEST(JsonString, EscapesAsNlohmannDumps) {
  const std::vector<std::string> cases = {"",
                                          "/content/0/__class__",
                                          "sklearn.linear_model._logistic.LogisticRegression",
                                          "quote \" backslash \\ slash /",
                                          std::string("nul \0 bell \x07 esc \x1b del \x7f", 19),
                                          "\b\f\n\r\t",
                                          "donn\xC3\xA9"
                                          "es \xE2\x82\xAC \xF0\x9F\x98\x80 \xE2\x80\xAE",
                                          "a\xff"
                                          "b",
                                          "\xC3",
                                          "\xE2\x82"
                                          "x",
                                          "\xF0\x9F\x98",
                                          "\xED\xA0\x80",
                                          "\xC0\x80z",
                                          "\x80\x80",
                                          "\xE0\x80\x80",
                                          "\xF4\x90\x80\x80",
                                          "\xF0\x80",
                                          "\xEF\xBF\xBF",
                                          "\xF4\x8F\xBF\xBF"};
  for (const auto& s : cases)
    EXPECT_EQ(appended(s), nlohmann_dumped(s)) << ::testing::PrintToString(s);
  // Random bytes, biased towards the bytes that matter (controls, quotes, UTF-8 lead and
  // continuation bytes): 20 000 strings, a fixed seed.
  const unsigned char alphabet[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x1F, 0x20, '"',  '\\', 'a',
                                    0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  const auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  for (int n = 0; n < 20000; ++n) {
    std::string s(next() % 12, '\0');
    for (char& c : s) c = static_cast<char>(alphabet[next() % sizeof alphabet]);
    ASSERT_EQ(appended(s), nlohmann_dumped(s)) << ::testing::PrintToString(s);
  }
}

TEST(ErrorMessages, FileTextIsEscapedAndCapped) {
  const SchemaError e("bad name 'x\x1b]0;pwned\x07' \xff", "dir/\nname.npy", "/content/\x01");
  const std::string what = e.what();
  EXPECT_TRUE(is_printable(what)) << what;
  EXPECT_EQ(what, "schema: dir/\\x0aname.npy: /content/\\x01: bad name 'x\\x1b]0;pwned\\x07' \\xff");
  EXPECT_EQ(e.entry(), "dir/\\x0aname.npy");
  const ArchiveError big(std::string(100000, 'd'), std::string(70000, 'n'));
  EXPECT_LT(std::string(big.what()).size(), 10000u);
}

}  // namespace
}  // namespace skops
