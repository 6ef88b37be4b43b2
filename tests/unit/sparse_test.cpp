// The nested `.npz` of a SparseMatrixNode: read_sparse_npz over scipy-written fixtures
// (tests/data/sparse, see its README) and over crafted npz files, one refusal per test with
// its exact error kind; write_sparse_npz. The matrix in the node graph: sparse_graph_test.

#include "skops/sparse.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "skops/archive.hpp"
#include "skops/error.hpp"
#include "skops/npy.hpp"
#include "test_support.hpp"

namespace {

using skops::ByteView;
using skops::Compression;
using skops::CsrMatrix;
using skops::DType;
using skops::DTypeKind;
using skops::ErrorKind;
using skops::Limits;
using skops::NdArray;
namespace ts = skops::testing_support;

using Members = std::vector<std::pair<std::string, NdArray>>;

NdArray bytes_scalar(const std::string& s) {
  return NdArray(DType(DTypeKind::Bytes, s.size()), {}, ByteView::copy_of(s.data(), s.size()));
}

// What scipy writes for diag(1.5, 2, 1.25), member by member, in np.savez's order.
Members diagonal() {
  return {{"indices.npy", NdArray::from_vector(std::vector<std::int32_t>{0, 1, 2})},
          {"indptr.npy", NdArray::from_vector(std::vector<std::int32_t>{0, 1, 2, 3})},
          {"format.npy", bytes_scalar("csr")},
          {"shape.npy", NdArray::from_vector(std::vector<std::int64_t>{3, 3})},
          {"data.npy", NdArray::from_vector(std::vector<double>{1.5, 2.0, 1.25})}};
}

Members with(Members m, const std::string& name, NdArray a) {
  for (auto& kv : m) {
    if (kv.first == name) {
      kv.second = std::move(a);
      return m;
    }
  }
  m.emplace_back(name, std::move(a));
  return m;
}

Members without(Members m, const std::string& name) {
  std::vector<std::pair<std::string, NdArray>> out;
  for (auto& kv : m) {
    if (kv.first != name) out.push_back(std::move(kv));
  }
  return out;
}

ByteView npz(const Members& members, Compression c = Compression::Stored) {
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> files;
  for (const auto& kv : members) files.emplace_back(kv.first, skops::write_npy(kv.second));
  return ByteView::adopt(skops::write_archive_bytes(files, c));
}

CsrMatrix read(const ByteView& bytes, const Limits& limits = {}) {
  return skops::read_sparse_npz(bytes, limits, "140080415776336.npz");
}

// The error a read throws: its kind, and (where given) a piece of its entry and message.
void expect_refused(const std::function<void()>& f, ErrorKind kind, const std::string& entry,
                    const std::string& text = {}) {
  try {
    f();
    ADD_FAILURE() << "accepted; expected a " << skops::to_string(kind) << " error";
  } catch (const skops::Error& e) {
    EXPECT_EQ(skops::to_string(e.kind()), std::string(skops::to_string(kind))) << e.what();
    EXPECT_EQ(e.entry(), entry) << e.what();
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

void expect_refused_members(const Members& m, ErrorKind kind, const std::string& inner,
                            const std::string& text = {}) {
  const std::string entry = inner.empty() ? "140080415776336.npz" : "140080415776336.npz/" + inner;
  expect_refused([&] { read(npz(m)); }, kind, entry, text);
}

CsrMatrix matrix(std::int64_t rows, std::int64_t cols, std::vector<std::int64_t> indptr,
                 std::vector<std::int64_t> indices, std::vector<double> data) {
  CsrMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.indptr = std::move(indptr);
  m.indices = std::move(indices);
  m.data = std::move(data);
  return m;
}

// --- scipy's own files -------------------------------------------------------------------

TEST(SparseNpzFixtures, EveryFileReadsAsScipyReadsIt) {
  const auto files = ts::list_files("sparse", ".npz");
  ASSERT_GE(files.size(), 14u);
  for (const auto& path : files) {
    const auto want =
        nlohmann::json::parse(ts::read_file_text(path.substr(0, path.size() - 4) + ".json"));
    const CsrMatrix m = read(ByteView::adopt(ts::read_file_bytes(path)));
    EXPECT_NO_THROW(m.validate()) << path;
    EXPECT_EQ(m.rows, want["shape"][0].get<std::int64_t>()) << path;
    EXPECT_EQ(m.cols, want["shape"][1].get<std::int64_t>()) << path;
    EXPECT_EQ(m.indptr, want["indptr"].get<std::vector<std::int64_t>>()) << path;
    EXPECT_EQ(m.indices, want["indices"].get<std::vector<std::int64_t>>()) << path;
    EXPECT_EQ(m.data, want["data"].get<std::vector<double>>()) << path;
  }
}

TEST(SparseNpzFixtures, ZooIdfDiagonalIsTheRealMember) {
  // TfidfTransformer._idf_diag of the zoo's bigram model: 270 x 270, diagonal, deflated.
  const CsrMatrix m =
      read(ByteView::adopt(ts::read_file_bytes(ts::data_path("sparse/zoo_1.2.1_idf_diag.npz"))));
  EXPECT_EQ(m.rows, 270);
  EXPECT_EQ(m.cols, 270);
  ASSERT_EQ(m.nnz(), 270);
  for (std::int64_t i = 0; i < 270; ++i) EXPECT_EQ(m.indices[static_cast<std::size_t>(i)], i);
}

TEST(SparseNpzFixtures, UnsortedIndicesAreSortedAndRepeatsSummed) {
  // scipy keeps the order it was given (has_sorted_indices False) and writes it as is.
  const CsrMatrix u =
      read(ByteView::adopt(ts::read_file_bytes(ts::data_path("sparse/unsorted_indices.npz"))));
  EXPECT_TRUE(u.identical(matrix(2, 4, {0, 2, 4}, {0, 3, 1, 2}, {2, 1, 4, 3})));
  const CsrMatrix d =
      read(ByteView::adopt(ts::read_file_bytes(ts::data_path("sparse/duplicate_indices.npz"))));
  EXPECT_TRUE(d.identical(matrix(2, 3, {0, 2, 3}, {0, 2, 1}, {2, 5, 8})));
}

TEST(SparseNpzFixtures, HugeColumnCountIsLegitimate) {
  const CsrMatrix m =
      read(ByteView::adopt(ts::read_file_bytes(ts::data_path("sparse/wide_2p40_columns.npz"))));
  EXPECT_EQ(m.cols, std::int64_t{1} << 40);
  EXPECT_THROW(m.to_dense(skops::kDefaultDensifyBytes), skops::LimitError);
}

// --- writing -----------------------------------------------------------------------------

TEST(SparseNpzWrite, RoundTripsAndWritesScipysLayout) {
  const CsrMatrix m = matrix(3, 4, {0, 2, 2, 4}, {1, 3, 0, 2}, {1.5, -2, 3.25, 0.1});
  const auto bytes = skops::write_sparse_npz(m);
  ts::keep_output("SKOPS_SPARSE_OUT", "written_small.npz", bytes);
  EXPECT_TRUE(read(ByteView::copy_of(bytes.data(), bytes.size())).identical(m));
  const auto archive = skops::ArchiveReader::open_bytes(bytes);
  std::vector<std::string> names;
  for (const auto& e : archive->entries()) {
    names.push_back(e.name);
    EXPECT_EQ(e.compression, Compression::Stored) << e.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"indices.npy", "indptr.npy", "format.npy", "shape.npy",
                                             "data.npy"}));
  const auto dtype_of = [&](const char* name) {
    return skops::read_npy(archive->read(name), Limits{}, name).dtype();
  };
  EXPECT_EQ(dtype_of("indices.npy"), DType::int32());
  EXPECT_EQ(dtype_of("indptr.npy"), DType::int32());
  EXPECT_EQ(dtype_of("format.npy"), DType(DTypeKind::Bytes, 3));
  EXPECT_EQ(dtype_of("shape.npy"), DType::int64());
  EXPECT_EQ(dtype_of("data.npy"), DType::float64());
}

TEST(SparseNpzWrite, IndicesAreInt64WhenADimensionPassesInt32) {
  const CsrMatrix m =
      matrix(2, std::int64_t{1} << 40, {0, 1, 1}, {(std::int64_t{1} << 40) - 1}, {5});
  const auto bytes = skops::write_sparse_npz(m);
  ts::keep_output("SKOPS_SPARSE_OUT", "written_wide.npz", bytes);
  const auto archive = skops::ArchiveReader::open_bytes(bytes);
  EXPECT_EQ(skops::read_npy(archive->read("indices.npy"), Limits{}).dtype(), DType::int64());
  EXPECT_TRUE(read(ByteView::copy_of(bytes.data(), bytes.size())).identical(m));
}

TEST(SparseNpzWrite, EmptyMatricesRoundTrip) {
  for (const CsrMatrix& m : {matrix(0, 5, {0}, {}, {}), matrix(3, 4, {0, 0, 0, 0}, {}, {})}) {
    const auto bytes = skops::write_sparse_npz(m);
    ts::keep_output("SKOPS_SPARSE_OUT", "written_empty_" + std::to_string(m.rows) + ".npz", bytes);
    EXPECT_TRUE(read(ByteView::copy_of(bytes.data(), bytes.size())).identical(m));
  }
}

TEST(SparseNpzWrite, InvalidMatrixIsRefused) {
  EXPECT_THROW(skops::write_sparse_npz(matrix(1, 2, {0, 1}, {5}, {1})), skops::InputError);
}

// --- refusals, one per case, with the exact kind ------------------------------------------

TEST(SparseNpzRefused, ZipBombInsideTheNpzMeetsTheRatioCap) {
  // 2 MiB of zeros deflate about 1000:1; with a ratio cap of 100 the member is refused from
  // its declared sizes, before anything is inflated.
  const auto bomb =
      with(diagonal(), "data.npy", NdArray::from_vector(std::vector<double>(1 << 18)));
  Limits limits;
  limits.max_compression_ratio = 100;
  expect_refused([&] { read(npz(bomb, Compression::Deflate), limits); }, ErrorKind::Limit,
                 "140080415776336.npz/data.npy", "max_compression_ratio");
}

TEST(SparseNpzRefused, MemberOverTheMemberCap) {
  const auto big = with(diagonal(), "data.npy", NdArray::from_vector(std::vector<double>(1 << 14)));
  Limits limits;
  limits.max_member_bytes = 64 * 1024;
  expect_refused([&] { read(npz(big, Compression::Deflate), limits); }, ErrorKind::Limit,
                 "140080415776336.npz/data.npy", "max_member_bytes");
}

TEST(SparseNpzRefused, InnerBytesCountAgainstTheTotal) {
  const ByteView bytes = npz(diagonal());
  std::uint64_t all = 0;
  // The reader must outlive the loop: entries() refers into it.
  const auto reader = skops::ArchiveReader::open_bytes({bytes.data, bytes.data + bytes.size});
  for (const auto& e : reader->entries()) all += e.size;
  std::uint64_t inflated = 0;
  skops::read_sparse_npz(bytes, Limits{}, "m.npz", &inflated);
  EXPECT_EQ(inflated, all);
  // One byte short of the five members: the last one read (data.npy) is refused.
  Limits limits;
  limits.max_total_bytes = all - 1;
  expect_refused([&] { read(bytes, limits); }, ErrorKind::Limit, "140080415776336.npz/data.npy",
                 "max_total_bytes");
}

TEST(SparseNpzRefused, NotAZip) {
  const std::string junk = "PK\x03\x04 not really";
  expect_refused([&] { read(ByteView::copy_of(junk.data(), junk.size())); }, ErrorKind::Archive,
                 "140080415776336.npz");
}

TEST(SparseNpzRefused, ColumnIndexOutOfRange) {
  expect_refused_members(
      with(diagonal(), "indices.npy", NdArray::from_vector(std::vector<std::int32_t>{0, 1, 7})),
      ErrorKind::Validation, "indices.npy", "column index 7 out of range [0, 3)");
  expect_refused_members(
      with(diagonal(), "indices.npy", NdArray::from_vector(std::vector<std::int32_t>{0, -1, 2})),
      ErrorKind::Validation, "indices.npy", "column index -1");
}

// diagonal() with its indptr replaced.
void expect_indptr_refused(const std::vector<std::int32_t>& indptr, const std::string& text) {
  expect_refused_members(with(diagonal(), "indptr.npy", NdArray::from_vector(indptr)),
                         ErrorKind::Validation, "indptr.npy", text);
}

TEST(SparseNpzRefused, IndptrDecreasing) {
  expect_indptr_refused({0, 2, 1, 3}, "decreases at row 1");
}

TEST(SparseNpzRefused, IndptrNotEndingAtNnz) {
  expect_indptr_refused({0, 1, 2, 2}, "indptr[-1] is 2, indices has 3");
}

TEST(SparseNpzRefused, IndptrNotStartingAtZero) {
  expect_indptr_refused({1, 1, 2, 3}, "indptr[0] is 1");
}

TEST(SparseNpzRefused, IndptrLengthNotRowsPlusOne) {
  expect_indptr_refused({0, 3}, "needs rows + 1");
}

TEST(SparseNpzRefused, DataAndIndicesDiffer) {
  expect_refused_members(
      with(diagonal(), "data.npy", NdArray::from_vector(std::vector<double>{1, 2})),
      ErrorKind::Validation, "data.npy", "2 values for 3 indices");
}

TEST(SparseNpzRefused, NegativeShape) {
  expect_refused_members(
      with(diagonal(), "shape.npy", NdArray::from_vector(std::vector<std::int64_t>{3, -3})),
      ErrorKind::Validation, "shape.npy", "negative dimension -3");
}

TEST(SparseNpzRefused, ShapeOfWrongLengthOrType) {
  expect_refused_members(
      with(diagonal(), "shape.npy", NdArray::from_vector(std::vector<std::int64_t>{3, 3, 1})),
      ErrorKind::Validation, "shape.npy", "expected 2 dimensions");
  expect_refused_members(
      with(diagonal(), "shape.npy", NdArray::from_vector(std::vector<double>{3, 3})),
      ErrorKind::Validation, "shape.npy", "expected integers");
}

TEST(SparseNpzRefused, HugeDeclaredShapeOverflowsNothing) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  // rows + 1 would overflow: the indptr length is compared without computing it.
  expect_refused_members(
      with(diagonal(), "shape.npy", NdArray::from_vector(std::vector<std::int64_t>{kMax, kMax})),
      ErrorKind::Validation, "indptr.npy", "needs rows + 1");
  // rows * cols overflows, legitimately: accepted, and densifying it is refused.
  const auto wide =
      with(diagonal(), "shape.npy", NdArray::from_vector(std::vector<std::int64_t>{3, kMax}));
  const CsrMatrix m = read(npz(wide));
  EXPECT_EQ(m.cols, kMax);
  EXPECT_THROW(m.to_dense(skops::kDefaultDensifyBytes), skops::LimitError);
}

TEST(SparseNpzRefused, OtherScipyFormatsAreUnsupported) {
  for (const char* f : {"csc", "coo", "bsr", "dia"}) {
    expect_refused_members(with(diagonal(), "format.npy", bytes_scalar(f)), ErrorKind::Unsupported,
                           "format.npy", std::string("sparse format '") + f + "'");
  }
  expect_refused_members(with(diagonal(), "format.npy", bytes_scalar("xyz")), ErrorKind::Validation,
                         "format.npy", "unknown sparse format 'xyz'");
  expect_refused_members(
      with(diagonal(), "format.npy", NdArray::from_vector(std::vector<std::int64_t>{1})),
      ErrorKind::Validation, "format.npy", "expected a 0-d bytes or str array");
}

TEST(SparseNpzRefused, MissingMember) {
  for (const char* m : {"indices.npy", "indptr.npy", "format.npy", "shape.npy", "data.npy"}) {
    expect_refused_members(without(diagonal(), m), ErrorKind::Archive, m, "member missing");
  }
}

TEST(SparseNpzRefused, ExtraMember) {
  expect_refused_members(with(diagonal(), "evil.npy", NdArray::from_vector(std::vector<double>{1})),
                         ErrorKind::Archive, "evil.npy", "unexpected member");
  // scipy >= 1.11's sparse-array flag is the one extra allowed, as a 0-d bool.
  const NdArray flag(DType::boolean(), {}, ByteView::copy_of("\x01", 1));
  EXPECT_EQ(read(npz(with(diagonal(), "_is_array.npy", flag))).nnz(), 3);
  expect_refused_members(
      with(diagonal(), "_is_array.npy", NdArray::from_vector(std::vector<double>{1})),
      ErrorKind::Validation, "_is_array.npy", "expected a 0-d bool");
}

TEST(SparseNpzRefused, UnsafeInnerMemberName) {
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> files;
  for (const auto& kv : diagonal()) files.emplace_back(kv.first, skops::write_npy(kv.second));
  files.emplace_back("ok.npy", std::vector<std::uint8_t>{1});
  auto bytes = skops::write_archive_bytes(files);
  // Rename "ok.npy" to "../npy" in both headers (same length): the writer refuses such names.
  const std::string from = "ok.npy", to = "../npy";
  for (std::size_t i = 0; i + from.size() <= bytes.size(); ++i) {
    if (std::memcmp(bytes.data() + i, from.data(), from.size()) == 0)
      std::memcpy(bytes.data() + i, to.data(), to.size());
  }
  expect_refused([&] { read(ByteView::adopt(bytes)); }, ErrorKind::Archive,
                 "140080415776336.npz/../npy");
}

TEST(SparseNpzRefused, WrongIndexDtypes) {
  expect_refused_members(
      with(diagonal(), "indices.npy", NdArray::from_vector(std::vector<double>{0, 1, 2})),
      ErrorKind::Validation, "indices.npy", "expected int32 or int64");
  expect_refused_members(
      with(diagonal(), "indptr.npy", NdArray::from_vector(std::vector<std::int16_t>{0, 1, 2, 3})),
      ErrorKind::Validation, "indptr.npy", "expected int32 or int64");
  expect_refused_members(
      with(diagonal(), "indices.npy", NdArray::from_vector(std::vector<std::uint32_t>{0, 1, 2})),
      ErrorKind::Validation, "indices.npy", "expected int32 or int64");
}

TEST(SparseNpzRefused, WrongDataDtypes) {
  expect_refused_members(with(diagonal(), "data.npy", NdArray::from_strings({"a", "b", "c"}, {3})),
                         ErrorKind::Validation, "data.npy", "expected numbers");
  const std::vector<double> parts{1, 0, 2, 0, 3, 0};
  const NdArray complex(DType(DTypeKind::Complex, 16), {3},
                        ByteView::copy_of(parts.data(), parts.size() * sizeof(double)));
  expect_refused_members(with(diagonal(), "data.npy", complex), ErrorKind::Unsupported, "data.npy",
                         "real values only");
  // An int64 beyond 2^53 has no exact double.
  expect_refused_members(
      with(diagonal(), "data.npy",
           NdArray::from_vector(std::vector<std::int64_t>{1, (std::int64_t{1} << 53) + 1, 3})),
      ErrorKind::Validation, "data.npy", "has no exact double");
}

TEST(SparseNpzRefused, TwoDimensionalIndices) {
  expect_refused_members(with(diagonal(), "indices.npy",
                              NdArray::from_vector(std::vector<std::int32_t>{0, 1, 2}, {1, 3})),
                         ErrorKind::Validation, "indices.npy", "2-d, expected 1-d");
  expect_refused_members(
      with(diagonal(), "data.npy", NdArray::from_vector(std::vector<double>{1, 2, 3}, {3, 1})),
      ErrorKind::Validation, "data.npy", "2-d, expected 1-d");
}

TEST(SparseNpzRefused, MalformedInnerNpy) {
  auto members = diagonal();
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> files;
  for (const auto& kv : members) files.emplace_back(kv.first, skops::write_npy(kv.second));
  files[1].second[1] = 'X';  // indptr.npy's magic
  expect_refused([&] { read(ByteView::adopt(skops::write_archive_bytes(files))); }, ErrorKind::Npy,
                 "140080415776336.npz/indptr.npy");
}

}  // namespace
