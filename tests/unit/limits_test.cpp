// Every field of skops::Limits at its edge: input exactly at the limit is accepted, one unit
// past it is refused, with an error that names the field. Inputs are built here (archives
// with write_archive_bytes, arrays with write_npy) or taken from the corpus.

#include "skops/limits.hpp"

#include <gtest/gtest.h>

#include <string>

#include "skops/archive.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"
#include "skops/schema.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

using Bytes = std::vector<std::uint8_t>;
using testing_support::data_path;
using testing_support::read_file_bytes;

/// Runs `f`; expects an error of `kind` whose message names `field`.
template <class F>
void expect_refused(F&& f, ErrorKind kind, const std::string& field) {
  try {
    f();
    ADD_FAILURE() << "accepted; expected a refusal naming " << field;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

Bytes zeros(std::size_t n) { return Bytes(n, 0); }

TEST(LimitEdges, MaxMembers) {
  const Bytes zip = write_archive_bytes({{"a", {1}}, {"b", {2}}, {"c", {3}}});
  Limits l;
  l.max_members = 3;
  EXPECT_NO_THROW(ArchiveReader::open_bytes(zip, l));
  l.max_members = 2;
  expect_refused([&] { ArchiveReader::open_bytes(zip, l); }, ErrorKind::Limit, "max_members");
}

TEST(LimitEdges, MaxMemberBytes) {
  for (Compression c : {Compression::Stored, Compression::Deflate, Compression::Lzma}) {
    SCOPED_TRACE(to_string(c));
    const Bytes zip = write_archive_bytes({{"m.bin", zeros(1000)}}, c);
    Limits l;
    l.max_member_bytes = 1000;
    EXPECT_NO_THROW(ArchiveReader::open_bytes(zip, l)->read("m.bin"));
    l.max_member_bytes = 999;
    expect_refused([&] { ArchiveReader::open_bytes(zip, l)->read("m.bin"); }, ErrorKind::Limit,
                   "max_member_bytes");
  }
}

TEST(LimitEdges, MaxTotalBytes) {
  for (Compression c : {Compression::Stored, Compression::Deflate, Compression::Zstd}) {
    SCOPED_TRACE(to_string(c));
    const Bytes zip = write_archive_bytes({{"a.bin", zeros(1000)}, {"b.bin", zeros(1000)}}, c);
    Limits l;
    l.max_total_bytes = 2000;
    const auto ok = ArchiveReader::open_bytes(zip, l);
    EXPECT_NO_THROW(ok->read("a.bin"));
    EXPECT_NO_THROW(ok->read("b.bin"));
    l.max_total_bytes = 1999;
    const auto over = ArchiveReader::open_bytes(zip, l);
    EXPECT_NO_THROW(over->read("a.bin"));
    expect_refused([&] { over->read("b.bin"); }, ErrorKind::Limit, "max_total_bytes");
  }
}

TEST(LimitEdges, MaxCompressionRatio) {
  const Bytes zip = write_archive_bytes({{"z.bin", zeros(100000)}}, Compression::Deflate);
  const ArchiveEntry e = ArchiveReader::open_bytes(zip)->entries()[0];
  // Refused when size > compressed * ratio: the smallest accepted ratio is ceil(size / comp).
  const std::uint64_t edge = (e.size + e.compressed_size - 1) / e.compressed_size;
  Limits l;
  l.ratio_check_floor = 0;
  l.max_compression_ratio = edge;
  EXPECT_NO_THROW(ArchiveReader::open_bytes(zip, l)->read("z.bin"));
  l.max_compression_ratio = edge - 1;
  expect_refused([&] { ArchiveReader::open_bytes(zip, l)->read("z.bin"); }, ErrorKind::Limit,
                 "max_compression_ratio");
}

TEST(LimitEdges, RatioCheckFloor) {
  const Bytes zip = write_archive_bytes({{"z.bin", zeros(100000)}}, Compression::Deflate);
  Limits l;
  l.max_compression_ratio = 1;  // any compression at all is over the ratio...
  l.ratio_check_floor = 100000;  // ...but not checked up to the floor
  EXPECT_NO_THROW(ArchiveReader::open_bytes(zip, l)->read("z.bin"));
  l.ratio_check_floor = 99999;
  expect_refused([&] { ArchiveReader::open_bytes(zip, l)->read("z.bin"); }, ErrorKind::Limit,
                 "ratio_check_floor");
}

TEST(LimitEdges, MaxNameBytes) {
  // An over-long name is refused as an unsafe name (ArchiveError, as the hostile fixture
  // archive_long_entry_name.skops documents), naming the limit.
  const Bytes zip = write_archive_bytes({{std::string(10, 'n'), {1}}});
  Limits l;
  l.max_name_bytes = 10;
  EXPECT_NO_THROW(ArchiveReader::open_bytes(zip, l));
  l.max_name_bytes = 9;
  expect_refused([&] { ArchiveReader::open_bytes(zip, l); }, ErrorKind::Archive,
                 "max_name_bytes");
}

const std::string kModel = "corpus/sklearn-1.4.2/LogisticRegression_binary.skops";

TEST(LimitEdges, MaxSchemaBytes) {
  const Bytes file = read_file_bytes(data_path(kModel));
  const std::uint64_t size = ArchiveReader::open_bytes(file)->find("schema.json")->size;
  ReadOptions o;
  o.limits.max_schema_bytes = size;
  EXPECT_NO_THROW(Document::read_bytes(file, o));
  o.limits.max_schema_bytes = size - 1;
  expect_refused([&] { Document::read_bytes(file, o); }, ErrorKind::Limit, "max_schema_bytes");
}

TEST(LimitEdges, MaxJsonValues) {
  const Bytes file = read_file_bytes(data_path(kModel));
  const ByteView text = ArchiveReader::open_bytes(file)->read("schema.json");
  std::uint64_t values = 0;
  for (std::size_t i = 0; i < text.size; ++i) {
    const char c = static_cast<char>(text.data[i]);
    values += c == ',' || c == ':' || c == '[' || c == '{';
  }
  ASSERT_GT(values, 100u);
  ReadOptions o;
  o.limits.max_json_values = values;
  EXPECT_NO_THROW(Document::read_bytes(file, o));
  o.limits.max_json_values = values - 1;
  expect_refused([&] { Document::read_bytes(file, o); }, ErrorKind::Limit, "max_json_values");
}

TEST(LimitEdges, MaxJsonDepthAndMaxNodes) {
  const Bytes file = read_file_bytes(data_path(kModel));
  const ByteView text = ArchiveReader::open_bytes(file)->read("schema.json");
  const std::string_view schema(reinterpret_cast<const char*>(text.data), text.size);
  // The file's depth: the smallest max_json_depth that parses it. Just under it is refused
  // by the parser (a SchemaError, as the hostile deep-nesting fixtures document).
  Limits l;
  std::uint32_t depth = 1;
  for (;; ++depth) {
    l.max_json_depth = depth;
    try {
      parse_schema(schema, l);
      break;
    } catch (const Error&) {
      ASSERT_LT(depth, 256u);
    }
  }
  ASSERT_GT(depth, 1u);
  l.max_json_depth = depth - 1;
  expect_refused([&] { parse_schema(schema, l); }, ErrorKind::Schema, "max_json_depth");

  l = Limits{};
  const std::uint64_t nodes = parse_schema(schema, l).node_count;
  l.max_nodes = nodes;
  EXPECT_NO_THROW(parse_schema(schema, l));
  l.max_nodes = nodes - 1;
  expect_refused([&] { parse_schema(schema, l); }, ErrorKind::Limit, "max_nodes");
}

TEST(LimitEdges, NpyHeaderNdimAndElements) {
  const NdArray a = NdArray::from_vector<double>({1, 2, 3, 4, 5, 6}, {1, 2, 3});
  const Bytes npy = write_npy(a);
  const std::uint64_t header = npy[8] | npy[9] << 8;  // version 1: 2-byte header length
  Limits l;
  l.max_npy_header_bytes = header;
  l.max_ndim = 3;
  l.max_array_elements = 6;
  EXPECT_EQ(read_npy(ByteView::adopt(npy), l), a);
  Limits h = l;
  h.max_npy_header_bytes = header - 1;
  expect_refused([&] { read_npy(ByteView::adopt(npy), h); }, ErrorKind::Limit,
                 "max_npy_header_bytes");
  Limits d = l;
  d.max_ndim = 2;
  expect_refused([&] { read_npy(ByteView::adopt(npy), d); }, ErrorKind::Limit, "max_ndim");
  Limits n = l;
  n.max_array_elements = 5;
  expect_refused([&] { read_npy(ByteView::adopt(npy), n); }, ErrorKind::Limit,
                 "max_array_elements");
}

}  // namespace
}  // namespace skops
