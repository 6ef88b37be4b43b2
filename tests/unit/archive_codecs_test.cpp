// Archive component, LZMA (zip method 14) and Zstandard (93) members, which skops-cpp decodes
// and encodes itself with liblzma and libzstd: round trips, what Python's zipfile reads back,
// the zip LZMA header checks, truncated and corrupt streams, size and CRC checks, and the caps
// counted while decoding.

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "archive/codecs.hpp"
#include "skops/archive.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"
#include "archive_bytes.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

using testing_support::make_temp_dir;
using testing_support::write_file_bytes;

using testing_support::Bytes;
using testing_support::central_record_of;
using testing_support::put32;
using testing_support::view_bytes;
using testing_support::get16;
using Members = std::vector<std::pair<std::string, Bytes>>;

Bytes text_bytes(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>("skops-cpp "[i % 10]);
  return b;
}

/// Compresses about 4:1 (two bits of entropy a byte): well under the ratio cap.
Bytes noisy_bytes(std::size_t n) {
  Bytes b(n);
  std::uint32_t x = 12345;
  for (std::size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    b[i] = static_cast<std::uint8_t>("acgt"[(x >> 16) & 3]);
  }
  return b;
}

Members sample_members() {
  Bytes random(5000);
  for (std::size_t i = 0; i < random.size(); ++i)
    random[i] = static_cast<std::uint8_t>(i * 7919 % 251);
  return {{"schema.json", text_bytes(3000)},
          {"blob.bin", random},
          {"empty.bin", {}},
          {"arrays/coef.npy", write_npy(NdArray::from_vector<double>({1.5, -2.0, 3.25}))}};
}

/// The error kind and message of reading `name` from `zip` (Io + "accepted" when it reads).
std::pair<ErrorKind, std::string> read_error(const Bytes& zip, const std::string& name,
                                             const Limits& limits = Limits{}) {
  try {
    ArchiveReader::open_bytes(zip, limits)->read(name);
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  return {ErrorKind::Io, "accepted"};
}

class Codec : public ::testing::TestWithParam<Compression> {};

TEST_P(Codec, RoundTripAndFlags) {
  const Members members = sample_members();
  const Bytes zip = write_archive_bytes(members, GetParam());
  const auto r = ArchiveReader::open_bytes(zip);
  ASSERT_EQ(r->entries().size(), members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const ArchiveEntry& e = r->entries()[i];
    EXPECT_EQ(e.compression, GetParam());
    EXPECT_EQ(view_bytes(r->read(e.name)), members[i].second) << e.name;
    // Local and central headers: version needed 6.3; LZMA says its end marker is there.
    const std::uint64_t central = central_record_of(zip, e.local_offset);
    const std::uint16_t eos = GetParam() == Compression::Lzma ? 2 : 0;
    EXPECT_EQ(get16(zip, e.local_offset + 6) & 2, eos) << e.name;
    EXPECT_EQ(get16(zip, central + 8) & 2, eos) << e.name;
    EXPECT_EQ(get16(zip, e.local_offset + 4), 63) << e.name;
    EXPECT_EQ(get16(zip, central + 6), 63) << e.name;
  }
  const Bytes big = noisy_bytes(3u << 20);
  const Bytes big_zip = write_archive_bytes({{"big.bin", big}}, GetParam());
  EXPECT_LT(big_zip.size(), 1u << 20);
  EXPECT_EQ(view_bytes(ArchiveReader::open_bytes(big_zip)->read("big.bin")), big);
}

TEST_P(Codec, FileWriterAndPython) {
  const std::string dir = make_temp_dir("archive-codecs");
  const std::string path = dir + "/m.skops";
  {
    ArchiveWriter w(path, GetParam());
    for (const auto& [name, bytes] : sample_members()) w.add(name, bytes);
    w.add_npy("arrays/x.npy", NdArray::from_vector<double>({1.0, 2.0}));
    w.commit();
  }
  const auto r = ArchiveReader::open_file(path);
  EXPECT_EQ(view_bytes(r->read("blob.bin")), sample_members()[1].second);
  if (GetParam() != Compression::Lzma) return;  // Python's zipfile reads zstd only from 3.14
  if (std::system("/usr/bin/python3 -c 'import zipfile' > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no /usr/bin/python3";
  }
  // Python's zipfile must read what we write: testzip() checks every CRC, read() every byte.
  const std::string py =
      "import sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "assert z.testzip() is None\n"
      "assert all(i.compress_type == zipfile.ZIP_LZMA for i in z.infolist())\n"
      "assert len(z.read('blob.bin')) == 5000\n"
      "assert z.read('schema.json') == b'skops-cpp ' * 300\n";
  write_file_bytes(dir + "/check.py", Bytes(py.begin(), py.end()));
  EXPECT_EQ(std::system(("/usr/bin/python3 " + dir + "/check.py " + path).c_str()), 0);
}

TEST_P(Codec, StopsAtTheTotalCapWhileDecoding) {
  // Headers tell the truth; only counting while decoding can see the total grow past the cap.
  const Bytes zip =
      write_archive_bytes({{"a.bin", noisy_bytes(2u << 20)}, {"b.bin", noisy_bytes(2u << 20)}},
                          GetParam());
  Limits limits;
  limits.max_total_bytes = 3u << 20;
  const auto r = ArchiveReader::open_bytes(zip, limits);
  EXPECT_NO_THROW(r->read("a.bin"));
  EXPECT_THROW(r->read("b.bin"), LimitError);
  EXPECT_LE(r->bytes_read(), (3u << 20) + 256 * 1024);
}

TEST_P(Codec, DeclaredRatioOverTheCapIsRefusedUnread) {
  const Bytes zip = write_archive_bytes({{"bomb.bin", Bytes(64u << 20, ' ')}}, GetParam());
  EXPECT_LT(zip.size(), 64u * 1024);  // > 1000:1
  const auto r = ArchiveReader::open_bytes(zip);
  EXPECT_THROW(r->read("bomb.bin"), LimitError);
  EXPECT_EQ(r->bytes_read(), 0u);
}

TEST_P(Codec, UnderstatedSizeStopsAtTheDeclaredSize) {
  Bytes zip = write_archive_bytes({{"bomb.bin", Bytes(20u << 20, ' ')}}, GetParam());
  const auto entry = ArchiveReader::open_bytes(zip)->entries()[0];
  put32(zip, entry.local_offset + 22, 1000);
  put32(zip, central_record_of(zip, entry.local_offset) + 24, 1000);
  const auto r = ArchiveReader::open_bytes(zip);
  try {
    r->read("bomb.bin");
    FAIL() << "accepted";
  } catch (const ArchiveError& e) {
    EXPECT_NE(std::string(e.what()).find("size mismatch"), std::string::npos) << e.what();
  }
  EXPECT_LE(r->bytes_read(), 1001u + 256 * 1024);
}

TEST_P(Codec, OverstatedSizeAndBadCrcAreRefused) {
  const Bytes good = write_archive_bytes({{"m.bin", text_bytes(10000)}}, GetParam());
  const auto entry = ArchiveReader::open_bytes(good)->entries()[0];
  const std::uint64_t central = central_record_of(good, entry.local_offset);
  Bytes over = good;
  put32(over, entry.local_offset + 22, 10001);
  put32(over, central + 24, 10001);
  auto [kind, what] = read_error(over, "m.bin");
  EXPECT_EQ(kind, ErrorKind::Archive) << what;
  Bytes crc = good;
  put32(crc, entry.local_offset + 14, entry.crc ^ 1);
  put32(crc, central + 16, entry.crc ^ 1);
  std::tie(kind, what) = read_error(crc, "m.bin");
  EXPECT_EQ(kind, ErrorKind::Archive) << what;
  EXPECT_NE(what.find("CRC mismatch"), std::string::npos) << what;
  // A flipped byte inside the stream: corrupt data or a wrong CRC, never accepted.
  Bytes flipped = good;
  flipped[entry.data_offset + entry.compressed_size / 2] ^= 0x55;
  std::tie(kind, what) = read_error(flipped, "m.bin");
  EXPECT_EQ(kind, ErrorKind::Archive) << what;
}

INSTANTIATE_TEST_SUITE_P(LzmaAndZstd, Codec,
                         ::testing::Values(Compression::Lzma, Compression::Zstd),
                         [](const ::testing::TestParamInfo<Compression>& p) {
                           return std::string(to_string(p.param));
                         });

// ---------------------------------------------------------------------------------------
// The zip LZMA header and stream, through the decoder itself.

std::pair<ErrorKind, std::string> decode_error(const Bytes& member, std::uint16_t flags,
                                               std::uint64_t declared) {
  try {
    archive_detail::decode_lzma(member.data(), member.size(), flags, declared, "m",
                                [](const std::uint8_t*, std::size_t) {});
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  return {ErrorKind::Io, "accepted"};
}

TEST(LzmaHeader, PropertiesAreChecked) {
  const Bytes data = text_bytes(5000);
  const Bytes good = archive_detail::encode_lzma(data.data(), data.size());
  ASSERT_EQ(good[2], 5);
  ASSERT_EQ(good[4], 93);  // lc=3 lp=0 pb=2: (2 * 5 + 0) * 9 + 3
  Bytes out;
  archive_detail::decode_lzma(good.data(), good.size(), 2, data.size(), "m",
                              [&](const std::uint8_t* p, std::size_t n) {
                                out.insert(out.end(), p, p + n);
                              });
  EXPECT_EQ(out, data);

  struct Case {
    const char* what;
    std::size_t at;
    std::uint8_t value;
    const char* message;
  };
  for (const Case& c : {Case{"properties size 4", 2, 4, "properties size 4"},
                        Case{"properties size 261", 3, 1, "properties size"},
                        Case{"byte 225", 4, 225, "out of range"},
                        Case{"lc 4 + lp 1", 4, 4 + 9 * 1, "lc + lp = 5"},
                        Case{"lc 8 + lp 4", 4, 8 + 9 * 4, "lc + lp = 12"},
                        Case{"dictionary 4 GiB", 8, 0xFF, "dictionary size"}}) {
    SCOPED_TRACE(c.what);
    Bytes bad = good;
    bad[c.at] = c.value;
    if (c.at == 8) bad[7] = bad[6] = bad[5] = 0xFF;
    const auto [kind, what] = decode_error(bad, 2, data.size());
    EXPECT_EQ(kind, ErrorKind::Archive) << what;
    EXPECT_NE(what.find(c.message), std::string::npos) << what;
  }
  for (std::size_t n : {std::size_t{0}, std::size_t{4}, std::size_t{8}}) {
    const auto [kind, what] = decode_error(Bytes(good.begin(), good.begin() + n), 2, data.size());
    EXPECT_EQ(kind, ErrorKind::Archive) << what;
    EXPECT_NE(what.find("truncated header"), std::string::npos) << what;
  }
}

TEST(LzmaHeader, StreamMustEndAtTheCompressedSize) {
  const Bytes data = text_bytes(100000);
  const Bytes good = archive_detail::encode_lzma(data.data(), data.size());
  // Cut anywhere: truncated (or corrupt where the cut lands in the end marker).
  for (std::size_t cut : {good.size() - 1, good.size() - 6, good.size() / 2, std::size_t{10}}) {
    const auto [kind, what] = decode_error(Bytes(good.begin(), good.begin() + cut), 2, data.size());
    EXPECT_EQ(kind, ErrorKind::Archive) << cut << ": " << what;
  }
  Bytes trailing = good;
  trailing.push_back(0);
  auto [kind, what] = decode_error(trailing, 2, data.size());
  EXPECT_EQ(kind, ErrorKind::Archive) << what;
  EXPECT_NE(what.find("before the member's compressed size"), std::string::npos) << what;
  // Flag bit 1 clear: the stream must end after exactly the declared size, with no marker.
  std::tie(kind, what) = decode_error(good, 0, data.size());
  EXPECT_EQ(kind, ErrorKind::Archive) << what;
}

TEST(ZstdStream, TruncatedTrailingAndEmpty) {
  const Bytes data = text_bytes(100000);
  const Bytes good = archive_detail::encode_zstd(data.data(), data.size());
  const auto decode = [](const Bytes& b) -> std::pair<ErrorKind, std::string> {
    try {
      archive_detail::decode_zstd(b.data(), b.size(), "m", [](const std::uint8_t*, std::size_t) {});
    } catch (const Error& e) {
      return {e.kind(), e.what()};
    }
    return {ErrorKind::Io, "accepted"};
  };
  EXPECT_EQ(decode(good).first, ErrorKind::Io);
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, good.size() / 2, good.size() - 1}) {
    const auto [kind, what] = decode(Bytes(good.begin(), good.begin() + cut));
    EXPECT_EQ(kind, ErrorKind::Archive) << cut << ": " << what;
  }
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(decode(trailing).first, ErrorKind::Archive);
}

}  // namespace
}  // namespace skops
