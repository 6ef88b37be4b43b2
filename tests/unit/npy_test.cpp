// Tests of the npy component: numpy-written fixtures (tests/data/npy, see its README), write/read
// round trips, numpy-identical output, header alignment, and hostile headers.

#include "skops/npy.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "skops/error.hpp"
#include "skops/limits.hpp"
#include "skops/ndarray.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using skops::ByteView;
using skops::DType;
using skops::DTypeField;
using skops::DTypeKind;
using skops::Limits;
using skops::NdArray;
using skops::NpyHeader;
namespace ts = skops::testing_support;

std::string to_hex(const std::uint8_t* p, std::size_t n) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += hex[p[i] >> 4];
    s += hex[p[i] & 15];
  }
  return s;
}

json float_json(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

// One element as MANIFEST.json writes it (see scripts/make_npy_fixtures.py: json_scalar).
json scalar_json(const DType& dt, const std::uint8_t* p) {
  const auto n = dt.itemsize();
  auto load = [p](auto v, std::size_t off = 0) {
    std::memcpy(&v, p + off, sizeof v);
    return v;
  };
  switch (dt.kind()) {
    case DTypeKind::Bool:
      return p[0] != 0;
    case DTypeKind::Int:
      if (n == 1) return load(std::int8_t{});
      if (n == 2) return load(std::int16_t{});
      if (n == 4) return load(std::int32_t{});
      return load(std::int64_t{});
    case DTypeKind::UInt:
      if (n == 1) return load(std::uint8_t{});
      if (n == 2) return load(std::uint16_t{});
      if (n == 4) return load(std::uint32_t{});
      return load(std::uint64_t{});
    case DTypeKind::Float:
      if (n == 2) return float_json(skops::half_to_double(load(std::uint16_t{})));
      if (n == 4) return float_json(load(float{}));
      return float_json(load(double{}));
    case DTypeKind::Complex:
      if (n == 8) return json::array({float_json(load(float{})), float_json(load(float{}, 4))});
      return json::array({float_json(load(double{})), float_json(load(double{}, 8))});
    case DTypeKind::Bytes: {
      std::size_t len = n;
      while (len > 0 && p[len - 1] == 0) --len;
      return to_hex(p, len);
    }
    case DTypeKind::Void:
      return to_hex(p, n);
    default:
      return nullptr;  // Unicode is compared through to_strings()
  }
}

json load_manifest() { return json::parse(ts::read_file_text(ts::data_path("npy/MANIFEST.json"))); }

NdArray read_file(const std::string& name, const Limits& limits = {}) {
  return skops::read_npy(ByteView::adopt(ts::read_file_bytes(ts::data_path("npy/" + name))), limits,
                         name);
}

// ---- fixtures -----------------------------------------------------------------------------

TEST(NpyFixtures, ManifestCoversEveryFile) {
  const json m = load_manifest();
  const auto files = ts::list_files("npy", ".npy");
  ASSERT_EQ(files.size(), m["files"].size());
  ASSERT_GE(files.size(), 50u);
}

TEST(NpyFixtures, EveryFileMatchesTheManifest) {
  const json m = load_manifest();
  for (const auto& e : m["files"]) {
    const std::string name = e["file"];
    SCOPED_TRACE(name);
    const auto raw = ts::read_file_bytes(ts::data_path("npy/" + name));
    const NpyHeader h = skops::parse_npy_header(raw.data(), raw.size(), Limits{}, name);
    EXPECT_EQ(h.major, e["version"][0].get<int>());
    EXPECT_EQ(h.minor, e["version"][1].get<int>());
    EXPECT_EQ(h.fortran_order, e["fortran_order"].get<bool>());
    EXPECT_EQ(h.big_endian, e["big_endian"].get<bool>());

    const NdArray a = skops::read_npy(ByteView::adopt(raw), Limits{}, name);
    EXPECT_EQ(a.dtype().descr(), e["descr"].get<std::string>());
    EXPECT_EQ(a.dtype(), h.dtype);
    EXPECT_EQ(a.shape(), e["shape"].get<std::vector<std::int64_t>>());
    EXPECT_EQ(a.dtype().itemsize(), e["itemsize"].get<std::uint64_t>());
    EXPECT_EQ(to_hex(a.bytes(), a.nbytes()), e["bytes_hex"].get<std::string>());

    const json& values = e["values"];
    const std::uint64_t isz = a.dtype().itemsize();
    if (a.dtype().is_structured()) {
      for (const auto& [field_name, list] : values.items()) {
        const DTypeField* f = a.dtype().field(field_name);
        ASSERT_NE(f, nullptr) << field_name;
        ASSERT_EQ(list.size(), a.size());
        for (std::uint64_t i = 0; i < a.size(); ++i) {
          const std::uint8_t* p = a.bytes() + i * isz + f->offset;
          if (f->type->kind() == DTypeKind::Unicode) continue;  // covered by the bytes
          EXPECT_EQ(scalar_json(*f->type, p), list[i]) << field_name << "[" << i << "]";
        }
      }
      continue;
    }
    ASSERT_EQ(values.size(), a.size());
    if (a.dtype().kind() == DTypeKind::Unicode) {
      EXPECT_EQ(a.to_strings(), values.get<std::vector<std::string>>());
      continue;
    }
    for (std::uint64_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(scalar_json(a.dtype(), a.bytes() + i * isz), values[i]) << "element " << i;
    }
    if (a.dtype().kind() == DTypeKind::Float) {  // to_vector, float16 included
      const auto v = a.to_vector<double>();
      for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(float_json(v[i]), values[i]);
    }
    if (a.dtype().kind() == DTypeKind::Int) {
      const auto v = a.to_vector<std::int64_t>();
      for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(json(v[i]), values[i]);
    }
  }
}

TEST(NpyFixtures, TreeNodeLayouts) {
  const NdArray t121 = read_file("tree_121.npy");
  EXPECT_EQ(t121.dtype().itemsize(), 56u);
  EXPECT_EQ(t121.dtype().fields().size(), 7u);
  const NdArray t13 = read_file("tree_13.npy");
  ASSERT_EQ(t13.dtype().itemsize(), 64u);
  ASSERT_EQ(t13.dtype().fields().size(), 9u);
  EXPECT_EQ(t13.dtype().field("missing_go_to_left")->offset, 56u);
  EXPECT_EQ(t13.dtype().fields().back().name, "");
  EXPECT_EQ(t13.dtype().fields().back().type->descr(), "|V7");
  EXPECT_EQ(t13.dtype(), read_file("tree_13_be.npy").dtype());
  const NdArray hgb = read_file("hgb_predictor.npy");
  EXPECT_EQ(hgb.dtype().itemsize(), 52u);
  EXPECT_EQ(hgb.dtype().fields().size(), 13u);
  EXPECT_EQ(hgb.dtype().field("bitset_idx")->offset, 48u);
}

// ---- writing ------------------------------------------------------------------------------

// SKOPS_NPY_WRITE_DIR=D: keep what the writer produced, for
// `python3 scripts/make_npy_fixtures.py --check D` (numpy must load it).
void maybe_dump(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  ts::keep_output("SKOPS_NPY_WRITE_DIR", name, bytes);
}

TEST(NpyWrite, RoundTripsEveryFixtureAndMatchesNumpyByteForByte) {
  const json m = load_manifest();
  for (const auto& e : m["files"]) {
    const std::string name = e["file"];
    SCOPED_TRACE(name);
    const auto raw = ts::read_file_bytes(ts::data_path("npy/" + name));
    const NdArray a = skops::read_npy(ByteView::adopt(raw), Limits{});
    const auto out = skops::write_npy(a);
    maybe_dump(name, out);
    maybe_dump(name + "@off37_a16.npy", skops::write_npy(a, 37, 16));
    EXPECT_EQ(out.size() - a.nbytes(), skops::npy_header_size(a));
    const NdArray back = skops::read_npy(ByteView::adopt(out), Limits{});
    EXPECT_EQ(back, a);
    // numpy writes little-endian C-order arrays exactly as we do (non-ASCII names aside:
    // the latin-1/UTF-8 choice is numpy's too).
    const bool numpy_version = e["version"][0] == 1 || name == "struct_utf8_name_v3.npy";
    const bool plain =
        numpy_version && !e["big_endian"].get<bool>() && !e["fortran_order"].get<bool>();
    if (plain) {
      EXPECT_EQ(out, raw);
    }
  }
}

NdArray struct_array(std::vector<DTypeField> fields, std::int64_t n) {
  DType dt = DType::structured(std::move(fields));
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(dt.itemsize() * n));
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return NdArray(dt, {n}, ByteView::adopt(std::move(bytes)));
}

DTypeField field(std::string name, DType t, std::vector<std::int64_t> subshape = {}) {
  DTypeField f;
  f.name = std::move(name);
  f.type = std::make_shared<const DType>(std::move(t));
  f.subshape = std::move(subshape);
  return f;
}

TEST(NpyWrite, RoundTripsEveryDtype) {
  std::vector<NdArray> arrays = {
      NdArray::from_vector<bool>({true, false, true}),
      NdArray::from_vector<std::int8_t>({-128, 0, 127}),
      NdArray::from_vector<std::int16_t>({-3, 4}, {2, 1}),
      NdArray::from_vector<std::int32_t>({1, 2, 3, 4, 5, 6}, {2, 3}),
      NdArray::from_vector<std::int64_t>({std::numeric_limits<std::int64_t>::min()}),
      NdArray::from_vector<std::uint8_t>({255}),
      NdArray::from_vector<std::uint16_t>({65535, 1}),
      NdArray::from_vector<std::uint32_t>({7}, {}),
      NdArray::from_vector<std::uint64_t>({~0ull}),
      NdArray::from_vector<float>({1.5f, -0.0f}),
      NdArray::from_vector<double>({}, {0, 3}),
      NdArray::from_vector<std::complex<float>>({{1, 2}}),
      NdArray::from_vector<std::complex<double>>({{1, 2}, {3, 4}}),
      NdArray::from_strings({"a", "\xc3\xa9t\xc3\xa9", "\xe4\xb8\xad"}, {3}),
      NdArray(DType(DTypeKind::Float, 2), {2}, ByteView::copy_of("\x00\x3c\x00\x7c", 4)),
      NdArray(DType(DTypeKind::Bytes, 3), {2}, ByteView::copy_of("ab\0xyz", 6)),
      NdArray(DType(DTypeKind::Void, 2), {1}, ByteView::copy_of("\x01\x02", 2)),
      struct_array({field("a", DType::int64()), field("", DType(DTypeKind::Void, 7))}, 2),
      struct_array({field("it's", DType::float32()), field("q\"", DType::uint8()),
                    field("nl\n\\", DType::int32(), {2, 3}),
                    field("nested", DType::structured({field("x", DType::int32()),
                                                       field("y", DType::unicode(2), {2})})),
                    field("\xce\xb1", DType::boolean())},
                   3),
  };
  for (const auto& a : arrays) {
    SCOPED_TRACE(a.dtype().descr());
    const auto out = skops::write_npy(a);
    EXPECT_EQ(out.size() % 64, a.nbytes() % 64);
    const NdArray back = skops::read_npy(ByteView::adopt(out), Limits{});
    EXPECT_EQ(back, a);
    maybe_dump("built_" + std::to_string(&a - arrays.data()) + ".npy", out);
  }
}

TEST(NpyWrite, NonLatin1NamesNeedVersion3) {
  const auto out = skops::write_npy(struct_array({field("\xce\xb1", DType::int32())}, 1));
  EXPECT_EQ(out[6], 3);
  const auto latin = skops::write_npy(struct_array({field("\xc3\xa9", DType::int32())}, 1));
  EXPECT_EQ(latin[6], 1);
  EXPECT_NE(std::string(latin.begin(), latin.end()).find("('\xe9', '<i4')"), std::string::npos);
}

TEST(NpyWrite, HeaderIsNumpys) {
  const auto a = NdArray::from_vector<double>(std::vector<double>(12, 0.0), {3, 4});
  const auto out = skops::write_npy(a);
  ASSERT_EQ(out.size(), 128u + 96u);
  const std::string text(out.begin() + 10, out.begin() + 128);
  const std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
  EXPECT_EQ(text.substr(0, dict.size()), dict);
  EXPECT_EQ(text.substr(dict.size()), std::string(118 - dict.size() - 1, ' ') + "\n");
  EXPECT_EQ(out[8] | (out[9] << 8), 118);
}

TEST(NpyWrite, AlignmentForEveryMemberOffset) {
  const auto a = NdArray::from_vector<double>({1, 2, 3});
  for (std::uint64_t align : {16u, 64u, 4096u}) {
    for (std::uint64_t off = 0; off <= 200; ++off) {
      const std::uint64_t h = skops::npy_header_size(a, off, align);
      ASSERT_EQ((off + h) % align, 0u) << off << " " << align;
      const auto out = skops::write_npy(a, off, align);
      ASSERT_EQ(out.size(), h + 24);
      ASSERT_EQ(out[h - 1], '\n');
      const NdArray back = skops::read_npy(ByteView::adopt(out), Limits{});
      ASSERT_EQ(back, a);
      ASSERT_LE(h, 10000u);  // np.load(allow_pickle=False) refuses longer headers
    }
  }
  EXPECT_THROW(skops::write_npy(a, 0, 8), skops::InputError);
  EXPECT_THROW(skops::write_npy(a, 0, 0), skops::InputError);
  EXPECT_THROW(skops::npy_header_size(a, 0, 100), skops::InputError);
}

TEST(NpyWrite, LongHeaderUsesVersion2) {
  std::vector<DTypeField> fields;
  for (int i = 0; i < 3000; ++i)
    fields.push_back(field("field_number_" + std::to_string(i), DType::uint8()));
  const NdArray a = struct_array(std::move(fields), 1);
  const auto out = skops::write_npy(a);
  EXPECT_EQ(out[6], 2);
  EXPECT_EQ(skops::npy_header_size(a) % 64, 0u);
  EXPECT_THROW(skops::read_npy(ByteView::adopt(out), Limits{}), skops::LimitError);
  Limits big;
  big.max_npy_header_bytes = 1 << 20;
  EXPECT_EQ(skops::read_npy(ByteView::adopt(out), big), a);
}

TEST(NpyWrite, RejectsInconsistentArray) {
  EXPECT_THROW(skops::write_npy(NdArray()), skops::InputError);
}

// ---- reading ------------------------------------------------------------------------------

TEST(NpyRead, LittleEndianCOrderIsZeroCopy) {
  auto owner = std::make_shared<std::vector<std::uint8_t>>(
      ts::read_file_bytes(ts::data_path("npy/f8_c_2d.npy")));
  ByteView v;
  v.data = owner->data();
  v.size = owner->size();
  v.owner = owner;
  const NdArray a = skops::read_npy(v, Limits{});
  EXPECT_GE(a.bytes(), owner->data());
  EXPECT_EQ(a.bytes() + a.nbytes(), owner->data() + owner->size());
  EXPECT_EQ(a.view().owner, v.owner);

  const NdArray swapped = read_file("f8_be.npy");
  const NdArray fortran = read_file("f8_fortran_2d.npy");
  EXPECT_EQ(fortran, read_file("f8_c_2d.npy"));
  EXPECT_NE(swapped.view().owner, nullptr);
}

std::vector<std::uint8_t> npy(const std::string& text, int major = 1, int minor = 0,
                              std::size_t data_bytes = 0) {
  std::vector<std::uint8_t> b = {0x93,
                                 'N',
                                 'U',
                                 'M',
                                 'P',
                                 'Y',
                                 static_cast<std::uint8_t>(major),
                                 static_cast<std::uint8_t>(minor)};
  const std::size_t n = text.size();
  b.push_back(static_cast<std::uint8_t>(n));
  b.push_back(static_cast<std::uint8_t>(n >> 8));
  if (major != 1) {
    b.push_back(static_cast<std::uint8_t>(n >> 16));
    b.push_back(static_cast<std::uint8_t>(n >> 24));
  }
  b.insert(b.end(), text.begin(), text.end());
  b.insert(b.end(), data_bytes, 0);
  return b;
}

std::string hdr(const std::string& descr, const std::string& shape,
                const std::string& fortran = "False") {
  return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }\n";
}

NdArray read(const std::vector<std::uint8_t>& b, const Limits& limits = {}) {
  return skops::read_npy(ByteView::copy_of(b.data(), b.size()), limits, "x.npy");
}

TEST(NpyRead, HeaderSyntaxVariants) {
  EXPECT_EQ(read(npy("{\"shape\": (3,), \"descr\": \"<i4\", \"fortran_order\": False}", 1, 0, 12))
                .shape(),
            std::vector<std::int64_t>{3});
  EXPECT_EQ(
      read(npy("  {'descr':'<i4',\n'fortran_order':True,'shape':(2,3)}  \n\n", 1, 0, 24)).shape(),
      (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(read(npy(hdr("'<f8'", "()"), 1, 0, 8)).size(), 1u);
  EXPECT_EQ(read(npy(hdr("'<f8'", "(2L, 3L)"), 1, 0, 48)).size(), 6u);  // Python 2 longs
  EXPECT_EQ(read(npy(hdr("'f8'", "(1,)"), 1, 0, 8)).dtype(), DType::float64());
  EXPECT_EQ(read(npy(hdr("'=i8'", "(1,)"), 1, 0, 8)).dtype(), DType::int64());
  EXPECT_EQ(read(npy(hdr("'<f8'", "(3, 1)", "True"), 1, 0, 24)).shape(),
            (std::vector<std::int64_t>{3, 1}));
  // Extra bytes after the data are ignored, as numpy does.
  EXPECT_EQ(read(npy(hdr("'<f8'", "(1,)"), 1, 0, 20)).nbytes(), 8u);
  // A field sub-array written as a bare int, and escapes in names.
  const NdArray s = read(npy(hdr("[('a\\x41\\u00e9', '<i4', 2), ('b', '>u2')]", "(1,)"), 1, 0, 10));
  EXPECT_NE(s.dtype().field("aA\xc3\xa9"), nullptr);
  EXPECT_EQ(s.dtype().itemsize(), 10u);
}

TEST(NpyRead, FortranSingleAxisIsZeroCopy) {
  const auto b = npy(hdr("'<f8'", "(3, 1)", "True"), 1, 0, 24);
  auto owner = std::make_shared<std::vector<std::uint8_t>>(b);
  ByteView v{owner, owner->data(), owner->size()};
  EXPECT_EQ(skops::read_npy(v, Limits{}).bytes(), owner->data() + owner->size() - 24);
}

template <class E>
void expect_error(const std::vector<std::uint8_t>& b, const Limits& limits = {}) {
  try {
    read(b, limits);
    ADD_FAILURE() << "no error";
  } catch (const E& e) {
    EXPECT_EQ(e.entry(), "x.npy");
    // parse_npy_header must agree with read_npy.
    EXPECT_THROW(skops::parse_npy_header(b.data(), b.size(), limits), E);
  } catch (const skops::Error& e) {
    ADD_FAILURE() << "wrong error type: " << e.what();
  }
}

std::string msg_of(const std::vector<std::uint8_t>& b) {
  try {
    read(b);
  } catch (const skops::Error& e) {
    return e.detail();
  }
  return "";
}

TEST(NpyHostile, MagicVersionAndLength) {
  auto b = npy(hdr("'<f8'", "(1,)"), 1, 0, 8);
  b[0] = 0x80;  // a pickle starts with \x80
  expect_error<skops::NpyError>(b);
  EXPECT_EQ(msg_of(b).rfind("bad magic", 0), 0u);
  expect_error<skops::NpyError>({});
  expect_error<skops::NpyError>({0x93, 'N', 'U'});
  expect_error<skops::NpyError>({0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 5});

  const auto v99 = npy(hdr("'<f8'", "(1,)"), 9, 9, 8);
  expect_error<skops::NpyError>(v99);
  EXPECT_EQ(msg_of(v99), "unsupported npy version 9.9");
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(1,)"), 1, 1, 8));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(1,)"), 0, 0, 8));

  auto truncated = npy(hdr("'<f8'", "(3, 4)"));
  truncated.resize(30);
  expect_error<skops::NpyError>(truncated);
  EXPECT_EQ(msg_of(truncated).rfind("truncated header", 0), 0u);

  auto beyond = npy(hdr("'<f8'", "(1,)"), 1, 0, 8);
  beyond[8] = beyond[9] = 0xFF;  // 65535 > file
  expect_error<skops::NpyError>(beyond);

  // Over the limit: refused before the length is compared with the member (v2: 4 bytes).
  auto huge = npy(hdr("'<f8'", "(1,)"), 2, 0, 8);
  huge[10] = 0x01;  // 65536 + n
  expect_error<skops::LimitError>(huge);
  Limits small;
  small.max_npy_header_bytes = 32;
  expect_error<skops::LimitError>(npy(hdr("'<f8'", "(1,)"), 1, 0, 8), small);

  auto v3 = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x\xff': 1}", 3, 0, 8);
  expect_error<skops::NpyError>(v3);  // invalid UTF-8 in a 3.0 header
}

TEST(NpyHostile, HeaderStructure) {
  expect_error<skops::NpyError>(npy("[1, 2, 3]\n", 1, 0, 8));
  expect_error<skops::NpyError>(npy("{'descr': '<f8', 'fortran_order': False}\n", 1, 0, 8));
  expect_error<skops::NpyError>(
      npy("{'descr': '<f8', 'evil': 1, 'fortran_order': False, 'shape': (1,)}\n", 1, 0, 8));
  expect_error<skops::NpyError>(
      npy("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}\n", 1, 0, 8));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(1,)", "'yes'"), 1, 0, 8));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(1,)", "1"), 1, 0, 8));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "'3x4'"), 1, 0, 96));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(3)"), 1, 0, 24));  // an int, not a tuple
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "[3]"), 1, 0, 24));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(3.0,)"), 1, 0, 24));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(True,)"), 1, 0, 24));
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(1,)") + "x", 1, 0, 8));
  expect_error<skops::NpyError>(
      npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,", 1, 0, 8));
  expect_error<skops::NpyError>(
      npy("{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}", 1, 0, 8));
  expect_error<skops::NpyError>(npy(
      "{'descr': __import__('os').system('x'), 'fortran_order': False, 'shape': (1,)}", 1, 0, 8));
  expect_error<skops::NpyError>(npy(std::string(5000, '(') + std::string(5000, ')'), 1, 0, 8));
}

TEST(NpyHostile, Dtypes) {
  const auto garbage = npy(hdr("'<q99'", "(1,)"), 1, 0, 8);
  expect_error<skops::NpyError>(garbage);
  EXPECT_EQ(msg_of(garbage).rfind("unknown dtype", 0), 0u);
  const auto object = npy(hdr("'|O'", "(1,)"), 1, 0, 64);
  expect_error<skops::NpyError>(object);
  EXPECT_EQ(msg_of(object).rfind("object dtype not allowed", 0), 0u);
  expect_error<skops::NpyError>(npy(hdr("[('a', '|O')]", "(1,)"), 1, 0, 8));
  expect_error<skops::UnsupportedError>(npy(hdr("'<M8[D]'", "(1,)"), 1, 0, 8));
  expect_error<skops::UnsupportedError>(npy(hdr("'<m8'", "(1,)"), 1, 0, 8));
  expect_error<skops::UnsupportedError>(npy(hdr("'<f16'", "(1,)"), 1, 0, 16));
  for (const char* d :
       {"'<i3'", "'<f1'", "'<c4'", "'|b2'", "'<U0'", "'|S'", "''", "'<'", "'float64'", "'<i8 '",
        "'<f-8'", "'<U99999999999'", "3", "None", "('<f8', (2,))", "[]"}) {
    SCOPED_TRACE(d);
    expect_error<skops::NpyError>(npy(hdr(d, "(1,)"), 1, 0, 64));
  }
  expect_error<skops::NpyError>(npy(hdr("[('a', '<i4'), ('a', '<i4')]", "(1,)"), 1, 0, 8));
  expect_error<skops::NpyError>(npy(hdr("[('a', '<i4', (-1,))]", "(1,)"), 1, 0, 8));
  expect_error<skops::NpyError>(npy(hdr("[('a', '<i4', (2**3,))]", "(1,)"), 1, 0, 32));
  expect_error<skops::NpyError>(
      npy(hdr("[('a', '<f8', (4611686018427387904, 8))]", "(1,)"), 1, 0, 8));
  expect_error<skops::NpyError>(npy(hdr("[(1, '<i4')]", "(1,)"), 1, 0, 4));
  expect_error<skops::NpyError>(npy(hdr("[('a',)]", "(1,)"), 1, 0, 4));
  expect_error<skops::UnsupportedError>(npy(hdr("[(('t', 'a'), '<i4')]", "(1,)"), 1, 0, 4));
  std::string deep = "'<i4'";
  for (int i = 0; i < 12; ++i) deep = "[('a', " + deep + ")]";
  expect_error<skops::NpyError>(npy(hdr(deep, "(1,)"), 1, 0, 4));
}

TEST(NpyHostile, Shapes) {
  const auto negative = npy(hdr("'<f8'", "(3, -4)"), 1, 0, 96);
  expect_error<skops::NpyError>(negative);
  EXPECT_EQ(msg_of(negative).rfind("negative dimension", 0), 0u);
  const auto count_overflow = npy(hdr("'<f8'", "(1099511627776, 1099511627776)"), 1, 0, 96);
  expect_error<skops::NpyError>(count_overflow);
  EXPECT_EQ(msg_of(count_overflow).rfind("shape too large / overflow", 0), 0u);
  const auto byte_overflow = npy(hdr("'<f8'", "(2305843009213693952,)"), 1, 0, 96);
  expect_error<skops::NpyError>(byte_overflow);
  EXPECT_EQ(msg_of(byte_overflow).rfind("shape too large / overflow", 0), 0u);
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(99999999999999999999999,)"), 1, 0, 8));
  const auto short_data = npy(hdr("'<f8'", "(3, 1000000000000)"), 1, 0, 96);
  expect_error<skops::NpyError>(short_data);
  EXPECT_EQ(msg_of(short_data),
            "data shorter than the header says: expected 24000000000000 bytes, got 96");
  expect_error<skops::NpyError>(npy(hdr("'<f8'", "(3, 4)"), 1, 0, 10));

  std::string dims = "(";
  for (int i = 0; i < 100; ++i) dims += "1, ";
  expect_error<skops::LimitError>(npy(hdr("'<f8'", dims + ")"), 1, 0, 8));
  Limits few;
  few.max_array_elements = 10;
  expect_error<skops::LimitError>(npy(hdr("'|u1'", "(11,)"), 1, 0, 11), few);
  EXPECT_EQ(read(npy(hdr("'|u1'", "(10,)"), 1, 0, 10), few).size(), 10u);
}

// ---- float16 ------------------------------------------------------------------------------

TEST(NpyHalf, ExactConversion) {
  EXPECT_EQ(skops::half_to_double(0x3C00), 1.0);
  EXPECT_EQ(skops::half_to_double(0xC000), -2.0);
  EXPECT_EQ(skops::half_to_double(0x7BFF), 65504.0);
  EXPECT_EQ(skops::half_to_double(0x0001), std::ldexp(1.0, -24));
  EXPECT_EQ(skops::half_to_double(0x03FF), std::ldexp(1023.0, -24));
  EXPECT_EQ(skops::half_to_double(0x0400), std::ldexp(1.0, -14));
  EXPECT_EQ(skops::half_to_double(0x3555), 0.333251953125);
  EXPECT_TRUE(std::signbit(skops::half_to_double(0x8000)));
  EXPECT_EQ(skops::half_to_double(0x7C00), std::numeric_limits<double>::infinity());
  EXPECT_EQ(skops::half_to_double(0xFC00), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(skops::half_to_double(0x7E00)));
  EXPECT_TRUE(std::isnan(skops::half_to_double(0xFC01)));
}

}  // namespace

namespace {

// ---- header cache -----------------------------------------------------------------------

TEST(NpyHeaderCache, ReusedTextsDecodeAsWithoutTheCache) {
  skops::NpyHeaderCache cache{Limits{}};
  const auto member = [](std::vector<double> v) {
    return ByteView::adopt(skops::write_npy(NdArray::from_vector<double>(std::move(v), {2, 2})));
  };
  // Same header text, different data: every read gets its own values.
  const NdArray a = skops::read_npy(member({1, 2, 3, 4}), cache, "a.npy");
  const NdArray b = skops::read_npy(member({5, 6, 7, 8}), cache, "b.npy");
  EXPECT_EQ(a, NdArray::from_vector<double>({1, 2, 3, 4}, {2, 2}));
  EXPECT_EQ(b, NdArray::from_vector<double>({5, 6, 7, 8}, {2, 2}));
  // Every structured and byte-swapped fixture decodes alike through a warm cache.
  const json manifest = load_manifest();
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& entry : manifest["files"]) {
      const std::string name = entry["file"];
      const ByteView bytes = ByteView::adopt(ts::read_file_bytes(ts::data_path("npy/" + name)));
      EXPECT_EQ(skops::read_npy(bytes, cache, name), skops::read_npy(bytes, Limits{}, name))
          << name;
    }
  }
}

TEST(NpyHeaderCache, ACachedHeaderStillChecksItsMember) {
  skops::NpyHeaderCache cache{Limits{}};
  const auto full = skops::write_npy(NdArray::from_vector<double>({1, 2, 3}));
  EXPECT_NO_THROW(skops::read_npy(ByteView::adopt(full), cache, "ok.npy"));
  // Same header text, data cut short: refused although the text is cached.
  std::vector<std::uint8_t> cut(full.begin(), full.end() - 8);
  try {
    skops::read_npy(ByteView::adopt(cut), cache, "cut.npy");
    FAIL();
  } catch (const skops::NpyError& e) {
    EXPECT_EQ(e.entry(), "cut.npy");
    EXPECT_NE(std::string(e.what()).find("data shorter"), std::string::npos) << e.what();
  }
}

TEST(NpyHeaderCache, UsesItsOwnLimits) {
  Limits tight;
  tight.max_array_elements = 2;
  skops::NpyHeaderCache cache{tight};
  const auto bytes = ByteView::adopt(skops::write_npy(NdArray::from_vector<double>({1, 2, 3})));
  EXPECT_THROW(skops::read_npy(bytes, cache), skops::LimitError);
  EXPECT_THROW(skops::read_npy(bytes, cache), skops::LimitError);
}

}  // namespace
