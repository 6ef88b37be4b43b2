// The core component: the error vocabulary and its messages, overflow-checked sizes, UTF-8
// encoding of code points.
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <limits>
#include <set>
#include <string>

#include "core/checked.hpp"
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
