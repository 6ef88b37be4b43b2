// Archive component: reading every corpus and variant file, refusing every hostile archive
// with the right error kind, limits, CRC and size checks, the writer (stored/deflate, in
// memory and atomically to a file, 64-byte aligned .npy data), zero-copy mapped reads and
// concurrent reads.

#include "skops/archive.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <thread>

#include "skops/error.hpp"
#include "skops/npy.hpp"
#include "archive_bytes.hpp"
#include "test_support.hpp"

namespace skops {
namespace {

namespace fs = std::filesystem;
using testing_support::data_path;
using testing_support::list_files;
using testing_support::make_temp_dir;
using testing_support::read_file_bytes;
using testing_support::write_file_bytes;

using testing_support::Bytes;
using testing_support::central_record_of;
using testing_support::put32;
using testing_support::view_bytes;
using Members = std::vector<std::pair<std::string, Bytes>>;

Bytes to_bytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

/// Every member of an archive, read fully, by name.
std::map<std::string, Bytes> read_all(const ArchiveReader& r) {
  std::map<std::string, Bytes> out;
  for (const auto& e : r.entries()) {
    const ByteView v = r.read(e.name);
    EXPECT_EQ(v.size, e.size) << e.name;
    out[e.name] = view_bytes(v);
  }
  return out;
}

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }

/// The error kind thrown by `f`, or nullopt-like Io... when nothing was thrown.
template <class F>
std::pair<bool, Error> capture(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return {true, e};
  }
  return {false, Error(ErrorKind::Io, "nothing thrown")};
}

Members sample_members() {
  Bytes random(5000);
  for (std::size_t i = 0; i < random.size(); ++i)
    random[i] = static_cast<std::uint8_t>(i * 7919 % 251);
  return {{"arrays/coef.npy", write_npy(NdArray::from_vector<double>({1.5, -2.0, 3.25}))},
          {"blob.bin", random},
          {"empty.bin", {}},
          {"schema.json", to_bytes(R"({"__class__": "dict", "protocol": 2})")}};
}

void expect_npy_aligned(const ArchiveReader& r, const std::string& name) {
  const ArchiveEntry* e = r.find(name);
  ASSERT_NE(e, nullptr) << name;
  EXPECT_EQ(e->compression, Compression::Stored);
  const ByteView v = r.read(name);
  const NpyHeader h = parse_npy_header(v.data, v.size, Limits{}, name);
  EXPECT_EQ((e->data_offset + h.data_offset) % 64, 0u)
      << name << ": data_offset " << e->data_offset << " header " << h.data_offset;
}

// ---------------------------------------------------------------------------------------
// Real files

void check_readable_dir(const std::string& sub) {
  const auto files = list_files(sub, ".skops");
  ASSERT_FALSE(files.empty()) << sub;
  for (const auto& path : files) {
    SCOPED_TRACE(path);
    if (file_name(path) == "variant_skops_lzma.skops" &&
        !compression_supported(Compression::Lzma)) {
      EXPECT_THROW(ArchiveReader::open_file(path), UnsupportedError);
      EXPECT_THROW(ArchiveReader::open_mapped(path), UnsupportedError);
      continue;
    }
    const auto by_file = ArchiveReader::open_file(path);
    ASSERT_NE(by_file->find("schema.json"), nullptr);
    const auto expected = read_all(*by_file);
    EXPECT_EQ(expected.size(), by_file->entries().size());
    EXPECT_EQ(read_all(*ArchiveReader::open_mapped(path)), expected);
    EXPECT_EQ(read_all(*ArchiveReader::open_bytes(read_file_bytes(path))), expected);
    std::uint64_t total = 0;
    for (const auto& e : by_file->entries()) total += e.size;
    EXPECT_EQ(by_file->bytes_read(), total);
  }
}

TEST(ArchiveCorpus, Sklearn121FilesReadFully) { check_readable_dir("corpus/sklearn-1.2.1"); }
TEST(ArchiveCorpus, Sklearn142FilesReadFully) { check_readable_dir("corpus/sklearn-1.4.2"); }
TEST(ArchiveCorpus, VariantFilesReadFully) { check_readable_dir("variants"); }

TEST(ArchiveCorpus, VariantsUseTheFeaturesTheyClaim) {
  const auto bzip = ArchiveReader::open_file(data_path("variants/variant_skops_bzip2.skops"));
  EXPECT_EQ(bzip->find("schema.json")->compression, Compression::Bzip2);
  EXPECT_TRUE(compression_supported(Compression::Bzip2));  // Debian's libzip has bzip2
  const auto mixed =
      ArchiveReader::open_file(data_path("variants/variant_schema_first_mixed.skops"));
  EXPECT_EQ(mixed->entries().front().name, "schema.json");
  EXPECT_EQ(mixed->entries().front().compression, Compression::Deflate);
  for (const char* name :
       {"variant_zip64.skops", "variant_zip64_tree.skops", "variant_zip64_python_layout.skops",
        "variant_data_descriptor.skops", "variant_extra_fields_comment.skops"}) {
    const auto r = ArchiveReader::open_mapped(data_path(std::string("variants/") + name));
    EXPECT_GT(r->read("schema.json").size, 100u) << name;
  }
}

// ---------------------------------------------------------------------------------------
// Hostile archives

struct HostileCase {
  const char* file;
  ErrorKind kind;
  const char* message;  ///< expected substring of what()
  bool opens;           ///< open succeeds; the error comes from read("schema.json")
};

const HostileCase kHostile[] = {
    {"archive_absolute_path_entry.skops", ErrorKind::Archive, "absolute path", false},
    {"archive_backslash_traversal.skops", ErrorKind::Archive, "backslash", false},
    {"archive_bad_crc.skops", ErrorKind::Archive, "CRC mismatch", true},
    {"archive_bad_crc_npy.skops", ErrorKind::Archive, "CRC mismatch", true},
    {"archive_cd_offset_beyond_eof.skops", ErrorKind::Archive, "beyond the end of the file", false},
    {"archive_concatenated.skops", ErrorKind::Archive, "concatenated", false},
    {"archive_duplicate_npy.skops", ErrorKind::Archive, "duplicate member name", false},
    {"archive_duplicate_schema_evil_last.skops", ErrorKind::Archive, "duplicate member name",
     false},
    {"archive_empty.skops", ErrorKind::Archive, "not a zip archive", false},
    {"archive_encrypted_flag.skops", ErrorKind::Archive, "encryption not supported", false},
    {"archive_entry_count_mismatch.skops", ErrorKind::Archive, "entry count mismatch", false},
    {"archive_local_central_name_mismatch.skops", ErrorKind::Archive, "differs from the central",
     false},
    {"archive_long_entry_name.skops", ErrorKind::Archive, "longer than the limit", false},
    {"archive_lzma_bomb.skops", ErrorKind::Limit, "declared compression ratio", true},
    {"archive_lzma_bomb_understated.skops", ErrorKind::Archive, "size mismatch", true},
    {"archive_lzma_no_eos_flag.skops", ErrorKind::Archive, "LZMA member: corrupt stream", true},
    {"archive_lzma_props_byte.skops", ErrorKind::Archive, "properties byte 225 out of range", true},
    {"archive_lzma_props_dict.skops", ErrorKind::Archive, "dictionary size 4294967295", true},
    {"archive_lzma_props_lclp.skops", ErrorKind::Archive, "lc + lp = 5", true},
    {"archive_lzma_props_size.skops", ErrorKind::Archive, "properties size 4, expected 5", true},
    {"archive_lzma_size_overstated.skops", ErrorKind::Archive, "size mismatch: declared", true},
    {"archive_lzma_trailing_bytes.skops", ErrorKind::Archive, "stream ends 16 bytes before", true},
    {"archive_lzma_truncated.skops", ErrorKind::Archive, "LZMA member: truncated stream", true},
    {"archive_missing_schema.skops", ErrorKind::Archive, "no member named", true},
    {"archive_not_zip.skops", ErrorKind::Archive, "not a zip archive", false},
    {"archive_overlapping_entries.skops", ErrorKind::Archive, "overlapping entries", false},
    {"archive_pickle_renamed.skops", ErrorKind::Archive, "not a zip archive", false},
    {"archive_schema_in_subdir.skops", ErrorKind::Archive, "no member named", true},
    {"archive_size_overstated.skops", ErrorKind::Limit, "compression ratio", true},
    {"archive_size_understated.skops", ErrorKind::Archive, "size mismatch", true},
    {"archive_truncated.skops", ErrorKind::Archive, "not a zip archive, or truncated", false},
    {"archive_unknown_compression.skops", ErrorKind::Archive, "unsupported compression method 99",
     false},
    {"archive_zip_bomb_schema.skops", ErrorKind::Limit, "compression ratio", true},
    {"archive_zip_slip_entry.skops", ErrorKind::Archive, "'..' path component", false},
    {"archive_zip_slip_reference.skops", ErrorKind::Archive, "'..' path component", false},
    {"archive_zstd_bomb.skops", ErrorKind::Limit, "declared compression ratio", true},
    {"archive_zstd_bomb_understated.skops", ErrorKind::Archive, "size mismatch", true},
    {"archive_zstd_size_overstated.skops", ErrorKind::Archive, "size mismatch: declared", true},
    {"archive_zstd_trailing_bytes.skops", ErrorKind::Archive, "Zstandard member: corrupt data", true},
    {"archive_zstd_truncated.skops", ErrorKind::Archive, "Zstandard member: truncated frame", true},
};

TEST(ArchiveHostile, TableCoversEveryArchiveFile) {
  const auto files = list_files("hostile", ".skops");
  std::vector<std::string> archive_files;
  for (const auto& f : files) {
    if (file_name(f).rfind("archive_", 0) == 0) archive_files.push_back(file_name(f));
  }
  std::vector<std::string> table;
  for (const auto& c : kHostile) table.push_back(c.file);
  std::sort(table.begin(), table.end());
  EXPECT_EQ(archive_files, table);
}

void check_hostile(bool mapped) {
  for (const auto& c : kHostile) {
    SCOPED_TRACE(c.file);
    const std::string path = data_path(std::string("hostile/") + c.file);
    std::shared_ptr<ArchiveReader> reader;
    const auto opened = capture([&] {
      reader = mapped ? ArchiveReader::open_mapped(path) : ArchiveReader::open_file(path);
    });
    EXPECT_EQ(!opened.first, c.opens) << (opened.first ? opened.second.what() : "opened");
    auto result = opened;
    if (!opened.first && reader) {
      // schema.json first (as a loader would), then every other member.
      result = capture([&] {
        reader->read("schema.json");
        for (const auto& e : reader->entries()) reader->read(e.name);
      });
    }
    ASSERT_TRUE(result.first) << "accepted";
    EXPECT_EQ(result.second.kind(), c.kind) << result.second.what();
    EXPECT_NE(std::string(result.second.what()).find(c.message), std::string::npos)
        << result.second.what();
  }
}

TEST(ArchiveHostile, RefusedThroughFile) { check_hostile(false); }
TEST(ArchiveHostile, RefusedThroughMapping) { check_hostile(true); }

TEST(ArchiveHostile, BombStopsUnderTheMemberCapToo) {
  // With the ratio check relaxed, the member cap (as the schema reader uses it) still refuses
  // the bomb before inflating it.
  Limits limits;
  limits.max_compression_ratio = 1'000'000'000;
  const auto r =
      ArchiveReader::open_file(data_path("hostile/archive_zip_bomb_schema.skops"), limits);
  EXPECT_THROW(r->read("schema.json", limits.max_schema_bytes), LimitError);
  EXPECT_LT(r->bytes_read(), 1u << 20);
}

TEST(ArchiveHostile, OverstatedSizeIsASizeMismatchWithoutTheRatioCap) {
  Limits limits;
  limits.max_compression_ratio = 1'000'000'000;
  const auto r =
      ArchiveReader::open_file(data_path("hostile/archive_size_overstated.skops"), limits);
  try {
    r->read("schema.json");
    FAIL() << "accepted";
  } catch (const ArchiveError& e) {
    EXPECT_NE(std::string(e.what()).find("size mismatch"), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------------------------------
// Writer

class ArchiveWriterTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("archive"); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  std::vector<std::string> dir_listing() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string dir_;
};

TEST(ArchiveWriterBytes, RoundTripEveryCompression) {
  const Members members = sample_members();
  for (Compression c : {Compression::Stored, Compression::Deflate, Compression::Bzip2,
                        Compression::Lzma, Compression::Zstd}) {
    SCOPED_TRACE(to_string(c));
    if (!compression_supported(c)) {
      EXPECT_THROW(write_archive_bytes(members, c), UnsupportedError);
      continue;
    }
    const Bytes zip = write_archive_bytes(members, c);
    const auto r = ArchiveReader::open_bytes(zip);
    ASSERT_EQ(r->entries().size(), members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      const ArchiveEntry& e = r->entries()[i];
      EXPECT_EQ(e.name, members[i].first);  // insertion order is kept
      EXPECT_EQ(e.compression, c);
      if (c == Compression::Stored && e.name == "arrays/coef.npy") {
        // Re-padded for alignment: the same array, not the same bytes.
        EXPECT_EQ(read_npy(r->read(e.name), Limits{}),
                  read_npy(ByteView::adopt(members[i].second), Limits{}));
      } else {
        EXPECT_EQ(view_bytes(r->read(e.name)), members[i].second);
      }
    }
    if (c == Compression::Stored) expect_npy_aligned(*r, "arrays/coef.npy");
  }
}

// What parsing schema.json in place relies on: a stored member is followed inside the buffer
// by later members or the central directory; a copy (an inflated member) never is.
TEST(ArchiveReaderBytes, ReadableAfterMeasuresTheBufferLeftAfterAView) {
  const Members members = sample_members();
  for (Compression c : {Compression::Stored, Compression::Deflate}) {
    SCOPED_TRACE(to_string(c));
    const Bytes zip = write_archive_bytes(members, c);
    const auto r = ArchiveReader::open_bytes(zip);
    for (const ArchiveEntry& e : r->entries()) {
      const ByteView v = r->read(e.name);
      if (c == Compression::Deflate) {
        EXPECT_FALSE(r->readable_after(v, 0)) << e.name;
        continue;
      }
      // Exactly what is left of the archive after the member, no byte more.
      const std::size_t left = zip.size() - static_cast<std::size_t>(e.data_offset) - v.size;
      EXPECT_GE(left, 22u) << e.name;  // at least the end-of-central-directory record
      EXPECT_TRUE(r->readable_after(v, left)) << e.name;
      EXPECT_FALSE(r->readable_after(v, left + 1)) << e.name;
      EXPECT_FALSE(r->readable_after(ByteView::copy_of(v.data, v.size), 0)) << e.name;
    }
  }
}

TEST(ArchiveReaderBytes, RefusesNonArchives) {
  EXPECT_THROW(ArchiveReader::open_bytes({}), ArchiveError);
  Bytes noise(4096);
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<std::uint8_t>(i * 131 + 7);
  EXPECT_THROW(ArchiveReader::open_bytes(noise), ArchiveError);
  const Bytes zip = write_archive_bytes(sample_members());
  Bytes prefixed(100 + zip.size(), 'x');
  std::copy(zip.begin(), zip.end(), prefixed.begin() + 100);
  EXPECT_THROW(ArchiveReader::open_bytes(prefixed), ArchiveError);
  Bytes trailing = zip;
  trailing.push_back(0);
  EXPECT_THROW(ArchiveReader::open_bytes(trailing), ArchiveError);
  for (std::size_t cut : {zip.size() / 2, zip.size() - 1, std::size_t{30}}) {
    EXPECT_THROW(ArchiveReader::open_bytes(Bytes(zip.begin(), zip.begin() + cut)), ArchiveError);
  }
}

TEST(ArchiveWriterBytes, EmptyArchive) {
  const Bytes zip = write_archive_bytes({});
  EXPECT_EQ(zip.size(), 22u);
  EXPECT_TRUE(ArchiveReader::open_bytes(zip)->entries().empty());
}

TEST(ArchiveWriterBytes, RefusesDuplicateAndUnsafeNames) {
  EXPECT_THROW(write_archive_bytes({{"a.npy", {}}, {"a.npy", {1}}}), ArchiveError);
  EXPECT_THROW(write_archive_bytes({{"../a.npy", {}}}), ArchiveError);
  EXPECT_THROW(write_archive_bytes({{"x.bin", {}}}, Compression::Other), UnsupportedError);
  if (!compression_supported(Compression::Lzma)) {
    EXPECT_THROW(write_archive_bytes({{"x.bin", {}}}, Compression::Lzma), UnsupportedError);
  }
}

TEST(ArchiveWriterBytes, RawNpyMembersAreRealignedWhenStored) {
  // Member names of varied lengths shift every following offset.
  Members members;
  for (int i = 0; i < 20; ++i) {
    const std::string name =
        std::string(static_cast<std::size_t>(i % 7 + 1), 'n') + std::to_string(i) + ".npy";
    members.push_back({name, write_npy(NdArray::from_vector<std::int64_t>({i, i + 1}))});
  }
  members.push_back({"version3.npy", write_npy(NdArray::from_vector<double>({2.0}))});
  // As version 3.0: a 4-byte header length (the two high bytes are zero).
  members.back().second[6] = 3;
  members.back().second.insert(members.back().second.begin() + 10, {0, 0});
  members.push_back({"not-really.npy", to_bytes("not an npy file")});
  const Bytes zip = write_archive_bytes(members);
  const auto r = ArchiveReader::open_bytes(zip);
  for (int i = 0; i < 20; ++i) {
    const std::string& name = members[static_cast<std::size_t>(i)].first;
    expect_npy_aligned(*r, name);
    const NdArray a = read_npy(r->read(name), Limits{}, name);
    EXPECT_EQ(a.to_vector<std::int64_t>(), (std::vector<std::int64_t>{i, i + 1}));
  }
  expect_npy_aligned(*r, "version3.npy");
  EXPECT_EQ(read_npy(r->read("version3.npy"), Limits{}).to_vector<double>(),
            std::vector<double>{2.0});
  EXPECT_EQ(view_bytes(r->read("not-really.npy")), to_bytes("not an npy file"));
}

TEST_F(ArchiveWriterTest, CommitWritesAlignedArraysAndReadsBack) {
  const NdArray coef = NdArray::from_vector<double>({1, 2, 3, 4, 5, 6}, {2, 3});
  const NdArray classes = NdArray::from_strings({"setosa", "versicolor"}, {2});
  {
    ArchiveWriter w(path("model.skops"));
    w.add_npy("140680096760336.npy", coef);
    w.add("x.bin", {1, 2, 3});
    w.add_npy(
        "donn\xC3\xA9"
        "es/\xC3\xA9t\xC3\xA9.npy",
        classes);  // UTF-8 name
    w.add_npy("n.npy", NdArray::from_vector<std::int64_t>({7}));
    w.add("schema.json", to_bytes("{}"));
    w.commit();
  }
  EXPECT_EQ(dir_listing(), std::vector<std::string>{"model.skops"});  // no temporary left
  for (bool mapped : {false, true}) {
    const auto r = mapped ? ArchiveReader::open_mapped(path("model.skops"))
                          : ArchiveReader::open_file(path("model.skops"));
    ASSERT_EQ(r->entries().size(), 5u);
    expect_npy_aligned(*r, "140680096760336.npy");
    expect_npy_aligned(*r,
                       "donn\xC3\xA9"
                       "es/\xC3\xA9t\xC3\xA9.npy");
    expect_npy_aligned(*r, "n.npy");
    EXPECT_EQ(read_npy(r->read("140680096760336.npy"), Limits{}), coef);
    EXPECT_EQ(read_npy(r->read("donn\xC3\xA9"
                               "es/\xC3\xA9t\xC3\xA9.npy"),
                       Limits{}),
              classes);
    EXPECT_EQ(view_bytes(r->read("x.bin")), (Bytes{1, 2, 3}));
    EXPECT_EQ(view_bytes(r->read("schema.json")), to_bytes("{}"));
  }
}

TEST_F(ArchiveWriterTest, DeflateWriterRoundTrip) {
  ArchiveWriter w(path("d.skops"), Compression::Deflate);
  const NdArray big = NdArray::from_vector<double>(std::vector<double>(10000, 0.5));
  w.add_npy("big.npy", big);
  w.add("schema.json", to_bytes(std::string(3000, ' ') + "{}"));
  w.commit();
  const auto r = ArchiveReader::open_file(path("d.skops"));
  EXPECT_EQ(r->find("big.npy")->compression, Compression::Deflate);
  EXPECT_LT(r->find("big.npy")->compressed_size, r->find("big.npy")->size / 10);
  EXPECT_EQ(read_npy(r->read("big.npy"), Limits{}), big);
}

TEST_F(ArchiveWriterTest, ReplacesTargetAtomicallyOnlyOnCommit) {
  write_file_bytes(path("m.skops"), to_bytes("old contents"));
  {
    ArchiveWriter w(path("m.skops"));
    w.add("schema.json", to_bytes("{}"));
    EXPECT_EQ(read_file_bytes(path("m.skops")), to_bytes("old contents"));
    // The temporary has no name (O_TMPFILE); where the file system lacks it, the named
    // fallback ".m.skops.tmp-<hex>" is beside the target.
    const auto listing = dir_listing();
    EXPECT_TRUE(listing == std::vector<std::string>{"m.skops"} ||
                (listing.size() == 2 && listing[0].rfind(".m.skops.tmp-", 0) == 0))
        << listing.size();
    w.commit();
    EXPECT_EQ(dir_listing(), std::vector<std::string>{"m.skops"});
    EXPECT_THROW(w.commit(), ArchiveError);
    EXPECT_THROW(w.add("late.bin", {}), ArchiveError);
  }
  EXPECT_EQ(view_bytes(ArchiveReader::open_file(path("m.skops"))->read("schema.json")),
            to_bytes("{}"));
}

TEST_F(ArchiveWriterTest, DroppedWithoutCommitLeavesNothing) {
  write_file_bytes(path("m.skops"), to_bytes("old contents"));
  {
    ArchiveWriter w(path("m.skops"));
    w.add("schema.json", to_bytes("{}"));
  }
  EXPECT_EQ(dir_listing(), std::vector<std::string>{"m.skops"});
  EXPECT_EQ(read_file_bytes(path("m.skops")), to_bytes("old contents"));
  { ArchiveWriter w(path("fresh.skops")); }
  EXPECT_EQ(dir_listing(), std::vector<std::string>{"m.skops"});
}

TEST_F(ArchiveWriterTest, EmptyCommitWritesAnEmptyArchive) {
  ArchiveWriter w(path("e.skops"));
  w.commit();
  EXPECT_TRUE(ArchiveReader::open_file(path("e.skops"))->entries().empty());
}

TEST_F(ArchiveWriterTest, RefusesDuplicateAndUnsafeNames) {
  ArchiveWriter w(path("n.skops"));
  w.add("a.npy", {});
  EXPECT_THROW(w.add("a.npy", {}), ArchiveError);
  EXPECT_THROW(w.add_npy("a.npy", NdArray::from_vector<double>({1})), ArchiveError);
  for (const std::string& bad :
       {std::string(), std::string("/etc/passwd"), std::string("../x.npy"),
        std::string("a/../../x"), std::string("a\\b.npy"), std::string("C:evil.npy"),
        std::string("a\0b", 3), std::string(5000, 'x')}) {
    EXPECT_THROW(w.add(bad, {}), ArchiveError) << bad.size();
  }
}

TEST_F(ArchiveWriterTest, MissingDirectoryIsAnIoError) {
  EXPECT_THROW(ArchiveWriter(path("no/such/dir/m.skops")), IoError);
  EXPECT_THROW(ArchiveReader::open_file(path("absent.skops")), IoError);
  EXPECT_THROW(ArchiveReader::open_mapped(path("absent.skops")), IoError);
  EXPECT_THROW(ArchiveReader::open_file(dir_), IoError);
}

TEST(ArchiveNames, CheckMemberName) {
  for (const char* ok : {"schema.json", "arrays/coef.npy", "a..b.npy", "..a", "a/./b", "x/y:z"}) {
    EXPECT_NO_THROW(check_member_name(ok)) << ok;
  }
  for (const char* bad : {"", "/abs", "..", "../x", "a/..", "a/../b", "a\\b", "C:x", "z:/x"}) {
    EXPECT_THROW(check_member_name(bad), ArchiveError) << bad;
  }
  Limits limits;
  limits.max_name_bytes = 8;
  EXPECT_NO_THROW(check_member_name("12345678", limits));
  EXPECT_THROW(check_member_name("123456789", limits), ArchiveError);
  try {
    check_member_name(std::string(70000, 'a'));
    FAIL();
  } catch (const ArchiveError& e) {
    EXPECT_LT(std::string(e.what()).size(), 400u);  // the name is shortened in messages
  }
}

TEST(ArchiveNames, CompressionSupport) {
  EXPECT_TRUE(compression_supported(Compression::Stored));
  EXPECT_TRUE(compression_supported(Compression::Deflate));
  EXPECT_FALSE(compression_supported(Compression::Other));
  EXPECT_STREQ(to_string(Compression::Deflate), "deflate");
}

// ---------------------------------------------------------------------------------------
// Limits, sizes, CRC

TEST(ArchiveLimits, MemberCap) {
  const Bytes zip = write_archive_bytes(sample_members(), Compression::Deflate);
  Limits limits;
  limits.max_member_bytes = 1000;
  const auto r = ArchiveReader::open_bytes(zip, limits);
  EXPECT_THROW(r->read("blob.bin"), LimitError);
  EXPECT_NO_THROW(r->read("schema.json"));
  EXPECT_THROW(r->read("schema.json", 10), LimitError);
  EXPECT_NO_THROW(r->read("blob.bin", 5000));
  try {
    r->read("missing.npy");
    FAIL();
  } catch (const ArchiveError& e) {
    EXPECT_NE(std::string(e.what()).find("no member named 'missing.npy'"), std::string::npos);
    EXPECT_EQ(e.entry(), "missing.npy");
  }
}

TEST(ArchiveLimits, TotalCapAndMemberCount) {
  const Bytes zip = write_archive_bytes(sample_members());
  Limits limits;
  limits.max_total_bytes = 6000;
  const auto r = ArchiveReader::open_bytes(zip, limits);
  EXPECT_NO_THROW(r->read("blob.bin"));
  EXPECT_THROW(r->read("blob.bin"), LimitError);
  limits = Limits{};
  limits.max_members = 3;
  EXPECT_THROW(ArchiveReader::open_bytes(zip, limits), LimitError);
  limits.max_members = 4;
  EXPECT_NO_THROW(ArchiveReader::open_bytes(zip, limits));
}

TEST(ArchiveLimits, HandMadeZipBombStopsQuickly) {
  const Bytes zip = write_archive_bytes({{"bomb.bin", Bytes(50u << 20, 0)}}, Compression::Deflate);
  EXPECT_LT(zip.size(), 1u << 20);
  Limits limits;
  limits.max_member_bytes = 1u << 20;
  const auto start = std::chrono::steady_clock::now();
  const auto r = ArchiveReader::open_bytes(zip, limits);
  EXPECT_THROW(r->read("bomb.bin"), LimitError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_LE(r->bytes_read(), 1u << 20);
}

TEST(ArchiveLimits, UnderstatedSizeStopsAtTheDeclaredSize) {
  Bytes zip = write_archive_bytes({{"bomb.bin", Bytes(20u << 20, 0)}}, Compression::Deflate);
  const auto entry = ArchiveReader::open_bytes(zip)->entries()[0];
  put32(zip, entry.local_offset + 22, 1000);                          // local header size
  put32(zip, central_record_of(zip, entry.local_offset) + 24, 1000);  // central size
  const auto r = ArchiveReader::open_bytes(zip);
  try {
    r->read("bomb.bin");
    FAIL() << "accepted";
  } catch (const ArchiveError& e) {
    EXPECT_NE(std::string(e.what()).find("size mismatch"), std::string::npos) << e.what();
  }
  EXPECT_LE(r->bytes_read(), 1001u + 256 * 1024);
}

TEST(ArchiveLimits, CrcMismatchStoredAndDeflate) {
  // Stored: flip one data byte; every way of opening must notice.
  Bytes stored = write_archive_bytes(sample_members());
  const auto entry = *ArchiveReader::open_bytes(stored)->find("blob.bin");
  stored[entry.data_offset + 100] ^= 0xFF;
  const std::string dir = make_temp_dir("archive-crc");
  write_file_bytes(dir + "/bad.skops", stored);
  for (const auto& r :
       {ArchiveReader::open_bytes(stored), ArchiveReader::open_file(dir + "/bad.skops"),
        ArchiveReader::open_mapped(dir + "/bad.skops")}) {
    EXPECT_NO_THROW(r->read("schema.json"));
    try {
      r->read("blob.bin");
      FAIL() << "accepted";
    } catch (const ArchiveError& e) {
      EXPECT_NE(std::string(e.what()).find("CRC mismatch"), std::string::npos) << e.what();
    }
  }
  fs::remove_all(dir);

  // Deflate: a wrong CRC in both headers (so the headers agree) fails when read.
  Bytes deflated = write_archive_bytes(sample_members(), Compression::Deflate);
  const auto d = *ArchiveReader::open_bytes(deflated)->find("blob.bin");
  put32(deflated, d.local_offset + 14, d.crc ^ 1);
  put32(deflated, central_record_of(deflated, d.local_offset) + 16, d.crc ^ 1);
  EXPECT_THROW(ArchiveReader::open_bytes(deflated)->read("blob.bin"), ArchiveError);
}

// A precheck only records verdicts: a corrupt member is reported when (and only when) it
// is read, whether the precheck saw it first, ran concurrently, or was stopped at once.
TEST(ArchiveLimits, PrecheckRecordsVerdictsForLaterReads) {
  Bytes bad = write_archive_bytes(sample_members());
  const auto entry = *ArchiveReader::open_bytes(bad)->find("blob.bin");
  bad[entry.data_offset + 100] ^= 0xFF;
  for (const bool stop_at_once : {false, true}) {
    const auto r = ArchiveReader::open_bytes(bad);
    std::atomic<bool> stop{stop_at_once};
    r->precheck_stored(stop);  // never throws
    EXPECT_NO_THROW(r->read("arrays/coef.npy"));
    EXPECT_THROW(r->read("blob.bin"), ArchiveError);
    EXPECT_THROW(r->read("blob.bin"), ArchiveError);  // the verdict sticks
  }
  // Concurrently with reads of every member.
  const auto r = ArchiveReader::open_bytes(bad);
  std::atomic<bool> stop{false};
  std::thread pre([&] { r->precheck_stored(stop); });
  EXPECT_THROW(r->read("blob.bin"), ArchiveError);
  EXPECT_NO_THROW(r->read("schema.json"));
  pre.join();
  EXPECT_THROW(r->read("blob.bin"), ArchiveError);
}

// ---------------------------------------------------------------------------------------
// Mapping and threads

TEST_F(ArchiveWriterTest, MappedStoredMembersAreViewsIntoTheMapping) {
  write_file_bytes(path("m.skops"), write_archive_bytes(sample_members()));
  auto mapped = ArchiveReader::open_mapped(path("m.skops"));
  const auto by_file = ArchiveReader::open_file(path("m.skops"));
  const ArchiveEntry a = *mapped->find("arrays/coef.npy");
  const ArchiveEntry b = *mapped->find("blob.bin");
  const ByteView va = mapped->read(a.name);
  const ByteView vb = mapped->read(b.name);
  // Both point into one contiguous image at their file offsets: no copy was made.
  EXPECT_EQ(vb.data - va.data, static_cast<std::ptrdiff_t>(b.data_offset - a.data_offset));
  EXPECT_EQ(mapped->read(b.name).data, vb.data);
  EXPECT_EQ(view_bytes(vb), view_bytes(by_file->read(b.name)));
  // open_file reads the file whole into private memory: views into that copy, not the mapping.
  EXPECT_NE(by_file->read(b.name).data, vb.data);
  EXPECT_EQ(by_file->read(b.name).data, by_file->read(b.name).data);
  // The view keeps the mapping alive after the reader is gone.
  const Bytes expected = view_bytes(vb);
  mapped.reset();
  EXPECT_EQ(view_bytes(vb), expected);
  EXPECT_EQ(view_bytes(va), view_bytes(by_file->read(a.name)));
}

TEST_F(ArchiveWriterTest, FileReaderIsASnapshot) {
  write_file_bytes(path("s.skops"), write_archive_bytes(sample_members()));
  const auto by_file = ArchiveReader::open_file(path("s.skops"), Limits{}, 2);
  const Bytes before = view_bytes(by_file->read("blob.bin"));
  // Replacing the file's bytes afterwards changes nothing the reader returns.
  Bytes garbage(read_file_bytes(path("s.skops")).size(), 0x5A);
  write_file_bytes(path("s.skops"), garbage);
  EXPECT_EQ(view_bytes(by_file->read("blob.bin")), before);
}

TEST_F(ArchiveWriterTest, FileLargerThanTheTotalLimitIsRefusedBeforeReading) {
  write_file_bytes(path("t.skops"), write_archive_bytes(sample_members()));
  Limits limits;
  limits.max_total_bytes = 16;
  EXPECT_THROW(ArchiveReader::open_file(path("t.skops"), limits), LimitError);
}

TEST(ArchiveThreads, ConcurrentReadsAgree) {
  const auto files = list_files("corpus/sklearn-1.2.1", ".skops");
  ASSERT_FALSE(files.empty());
  // The file with the most members exercises the lock hardest.
  std::string path;
  std::size_t most = 0;
  for (const auto& f : files) {
    const std::size_t n = ArchiveReader::open_file(f)->entries().size();
    if (n > most) {
      most = n;
      path = f;
    }
  }
  const Bytes deflated_zip = [&] {
    Members members;
    for (const auto& [name, bytes] : read_all(*ArchiveReader::open_file(path)))
      members.push_back({name, bytes});
    return write_archive_bytes(members, Compression::Deflate);
  }();
  for (const auto& reader : {ArchiveReader::open_file(path), ArchiveReader::open_mapped(path),
                             ArchiveReader::open_bytes(deflated_zip)}) {
    const auto expected = read_all(*ArchiveReader::open_file(path));
    std::vector<std::map<std::string, Bytes>> results(4);
    std::vector<std::thread> threads;
    for (auto& result : results) {
      threads.emplace_back([&reader, &result] {
        for (int round = 0; round < 3; ++round) result = read_all(*reader);
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& result : results) EXPECT_EQ(result, expected);
  }
}

TEST(ArchiveZip64, MoreThan65535Members) {
  Members members;
  for (int i = 0; i < 70000; ++i)
    members.push_back({std::to_string(i) + ".bin", {static_cast<std::uint8_t>(i)}});
  const Bytes zip = write_archive_bytes(members);
  const auto r = ArchiveReader::open_bytes(zip);
  ASSERT_EQ(r->entries().size(), 70000u);
  EXPECT_EQ(view_bytes(r->read("69999.bin")), Bytes{static_cast<std::uint8_t>(69999)});
}

}  // namespace
}  // namespace skops
