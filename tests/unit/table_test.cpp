// skops::Table, TableBuilder and the CSV / JSON / structured .npy readers: pandas' results
// (tests/data/table, written by make_expected.py) and one assertion per malformed input.

#include "skops/feature_samples.hpp"
#include "skops/table.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "skops/npy.hpp"

namespace {

namespace fs = std::filesystem;
using skops::Column;
using skops::ColumnType;
using skops::Table;

std::string data(const std::string& rel) { return std::string(SKOPS_TEST_DATA) + "/" + rel; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> files(const std::string& sub, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(data(sub))) {
    const std::string p = e.path().string();
    if (p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

double parse_repr(const std::string& s) {
  if (s == "nan") return std::nan("");
  if (s == "inf") return INFINITY;
  if (s == "-inf") return -INFINITY;
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;  // -0.0 differs from 0.0
}

// The table equals pandas' reading recorded in an .expected.json file.
void expect_pandas(const Table& t, const std::string& expected_path) {
  SCOPED_TRACE(expected_path);
  const auto j = nlohmann::json::parse(slurp(expected_path));
  const auto& cols = j.at("columns");
  ASSERT_EQ(t.n_cols(), cols.size());
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const auto& ec = cols[c];
    const Column& col = t.column(c);
    SCOPED_TRACE(col.name());
    EXPECT_EQ(col.name(), ec.at("name").get<std::string>());
    const std::string dtype = ec.at("dtype");
    EXPECT_EQ(std::string(col.pandas_dtype()), dtype);
    const auto& values = ec.at("values");
    ASSERT_EQ(t.n_rows(), values.size());
    for (std::size_t r = 0; r < values.size(); ++r) {
      const auto& v = values[r];
      if (dtype == "float64") {
        ASSERT_EQ(col.type(), ColumnType::Float64);
        EXPECT_TRUE(same_double(col.float64()[r], parse_repr(v)))
            << "row " << r << ": " << col.float64()[r] << " vs " << v;
      } else if (dtype == "int64") {
        ASSERT_EQ(col.type(), ColumnType::Int64);
        EXPECT_EQ(col.int64()[r], std::stoll(v.get<std::string>())) << "row " << r;
      } else if (dtype == "bool") {
        ASSERT_EQ(col.type(), ColumnType::Bool);
        EXPECT_EQ(col.boolean()[r] != 0, v.get<bool>()) << "row " << r;
      } else if (v.is_null()) {
        EXPECT_TRUE(col.is_missing(r)) << "row " << r;
      } else if (v.is_boolean()) {
        ASSERT_EQ(col.type(), ColumnType::Bool);
        EXPECT_FALSE(col.is_missing(r));
        EXPECT_EQ(col.boolean()[r] != 0, v.get<bool>()) << "row " << r;
      } else {
        ASSERT_EQ(col.type(), ColumnType::String);
        EXPECT_FALSE(col.is_missing(r)) << "row " << r;
        EXPECT_EQ(std::string(col.string_at(r)), v.get<std::string>()) << "row " << r;
      }
    }
  }
}

void expect_same_table(const Table& a, const Table& b) {
  ASSERT_EQ(a.column_names(), b.column_names());
  ASSERT_EQ(a.n_rows(), b.n_rows());
  for (std::size_t c = 0; c < a.n_cols(); ++c) {
    const Column& x = a.column(c);
    const Column& y = b.column(c);
    SCOPED_TRACE(x.name());
    ASSERT_EQ(x.type(), y.type());
    EXPECT_EQ(x.missing_mask(), y.missing_mask());
    for (std::size_t r = 0; r < a.n_rows(); ++r) {
      if (x.is_missing(r)) continue;
      if (x.type() == ColumnType::String) {
        EXPECT_EQ(x.string_at(r), y.string_at(r));
      } else {
        EXPECT_TRUE(same_double(x.as_double(r), y.as_double(r))) << "row " << r;
      }
    }
  }
}

// Runs f, expects an error of kind `kind` whose message contains every one of `parts`.
void expect_error(const std::function<void()>& f, skops::ErrorKind kind,
                  const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "no error";
  } catch (const skops::Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    for (const std::string& p : parts)
      EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what() << " lacks " << p;
  }
}

void csv_error(const std::string& text, skops::ErrorKind kind,
               const std::vector<std::string>& parts, const skops::TableLimits& limits = {}) {
  expect_error([&] { skops::read_csv(text, limits); }, kind, parts);
}

void json_error(const std::string& text, skops::ErrorKind kind, const std::string& part,
                const std::string& pointer, const skops::TableLimits& limits = {}) {
  try {
    skops::read_json_table(text, limits);
    ADD_FAILURE() << "no error";
  } catch (const skops::Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    EXPECT_EQ(e.json_pointer(), pointer) << e.what();
  }
}

constexpr auto kInput = skops::ErrorKind::Input;
constexpr auto kLimit = skops::ErrorKind::Limit;

// ---- pandas' results --------------------------------------------------------------------

TEST(TableCsvPandas, EveryCaseAsPandasReadsIt) {
  const auto cases = files("table/csv", ".csv");
  ASSERT_GE(cases.size(), 30u);
  for (const std::string& path : cases) {
    SCOPED_TRACE(path);
    const Table t = skops::read_csv(slurp(path));
    expect_pandas(t, path.substr(0, path.size() - 4) + ".expected.json");
  }
}

TEST(TableZoo, CsvAsPandasAndJsonTheSame) {
  const auto inputs = files("table/zoo", ".X.csv");
  ASSERT_GE(inputs.size(), 6u);
  for (const std::string& csv : inputs) {
    SCOPED_TRACE(csv);
    const std::string stem = csv.substr(0, csv.size() - 4);
    const Table from_csv = skops::read_table_file(csv);
    expect_pandas(from_csv, stem + ".expected.json");
    const Table from_json = skops::read_table_file(stem + ".json");
    expect_same_table(from_csv, from_json);
  }
}

// ---- the Table API ----------------------------------------------------------------------

TEST(Table, ViewsCallerMemoryWithoutCopying) {
  const std::vector<double> age = {1.5, NAN, 3};
  const std::vector<std::int64_t> cls = {1, 2, 3};
  const Table t({Column::float64_view("age", age.data(), age.size()),
                 Column::int64_view("pclass", cls.data(), cls.size())});
  EXPECT_EQ(t.column("age").float64().data(), age.data());
  EXPECT_EQ(t.column(1).int64().data(), cls.data());
  EXPECT_EQ(t.column("age").missing_count(), 1u);
  EXPECT_EQ(t.column("age").missing_mask(), (Column::Mask{0, 1, 0}));
}

TEST(Table, AdoptedVectorIsNotCopied) {
  std::vector<double> v = {1, 2, 3};
  const double* p = v.data();
  const Column c = Column::float64("x", std::move(v));
  EXPECT_EQ(c.float64().data(), p);
}

TEST(Table, ToFloat64SelectsByNameMaskAndType) {
  const Table t({Column::float64("a", {1.5, NAN}),
                 Column::string("s", std::vector<std::string>{"x", "y"}),
                 Column::int64("i", {7, 8}, {0, 1}), Column::boolean("b", {1, 0})});
  EXPECT_EQ(t.select(std::vector<std::string>{"i", "a"}), (std::vector<std::size_t>{2, 0}));
  EXPECT_EQ(t.select(std::vector<bool>{true, false, false, true}),
            (std::vector<std::size_t>{0, 3}));
  EXPECT_EQ(t.select(ColumnType::String), (std::vector<std::size_t>{1}));
  EXPECT_EQ(t.numeric_columns(), (std::vector<std::size_t>{0, 2, 3}));
  const std::vector<double> m = t.to_float64(t.numeric_columns());
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0], 1.5);
  EXPECT_EQ(m[1], 7);
  EXPECT_EQ(m[2], 1);
  EXPECT_TRUE(std::isnan(m[3]));
  EXPECT_TRUE(std::isnan(m[4]));  // int missing
  EXPECT_EQ(m[5], 0);
  const skops::NdArray a = t.to_ndarray({0, 3});
  EXPECT_EQ(a.shape(), (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(std::string(t.column("i").pandas_dtype()), "Int64");
  expect_error([&] { t.to_float64({1}); }, kInput, {"\"s\"", "strings"});
  expect_error([&] { t.select(std::vector<std::string>{"nope"}); }, kInput, {"\"nope\""});
  expect_error([&] { t.column("a").int64(); }, kInput, {"\"a\" is float64, not int64"});
}

TEST(Table, RefusesDuplicateNamesUnequalLengthsAndBadUtf8) {
  expect_error(
      [] {
        Table({Column::float64("a", {1}), Column::float64("a", {2})});
      },
      kInput, {"duplicate column name \"a\""});
  expect_error(
      [] {
        Table({Column::float64("a", {1}), Column::float64("b", {2, 3})});
      },
      kInput, {"\"b\" has 2 rows"});
  expect_error([] { Table({Column::float64("\xff", {1})}); }, kInput, {"not valid UTF-8"});
  expect_error(
      [] {
        Column::string("s", std::vector<std::string>{"ok", "\xc3"});
      },
      kInput, {"row 1", "UTF-8"});
}

TEST(TableBuilder, RowsPositionalAndByName) {
  skops::TableBuilder b;
  b.add_column("age", ColumnType::Float64)
      .add_column("sex", ColumnType::String)
      .add_column("n", ColumnType::Int64);
  b.add_row({22.5, "male", 1});
  b.add_row({std::nullopt, "female", std::int64_t{2}});
  b.begin_row().set("sex", "x").set("age", 3).end_row();  // n missing
  const Table t = b.build();
  ASSERT_EQ(t.n_rows(), 3u);
  EXPECT_EQ(t.column("age").float64()[0], 22.5);
  EXPECT_TRUE(t.column("age").is_missing(1));
  EXPECT_EQ(t.column("age").float64()[2], 3.0);
  EXPECT_EQ(t.column("sex").string_at(1), "female");
  EXPECT_TRUE(t.column("n").is_missing(2));
  EXPECT_EQ(t.column("n").int64()[1], 2);
  skops::TableBuilder c;
  c.add_column("n", ColumnType::Int64);
  expect_error([&] { c.add_row({"x"}); }, kInput,
               {"row 0", "\"n\"", "string cell in a int64 column"});
  expect_error([&] { c.add_row({1, 2}); }, kInput, {"2 cells for 1 columns"});
  expect_error([&] { c.begin_row().set("m", 1); }, kInput, {"no column named \"m\""});
}

// ---- CSV: malformed input, one assertion each -----------------------------------------

TEST(TableCsvBad, RaggedRowTooMany) {
  csv_error("a,b\n1,2\n3,4,5\n", kInput, {"line 3, field 3", "expected 2 fields"});
}
TEST(TableCsvBad, RaggedRowTooFew) {
  csv_error("a,b,c\n1,2,3\n4,5\n", kInput, {"line 3, field 2", "saw 2"});
}
TEST(TableCsvBad, UnterminatedQuote) {
  csv_error("a,b\n1,\"abc\n2,3\n", kInput, {"line 2, field 2", "unterminated quoted field"});
}
TEST(TableCsvBad, UnterminatedQuoteInHeader) {
  csv_error("\"a", kInput, {"line 1, field 1", "unterminated"});
}
TEST(TableCsvBad, DuplicateColumnNames) {
  csv_error("a,b,a\n1,2,3\n", kInput,
            {"line 1, field 3", "duplicate column name \"a\"", "field 1"});
}
TEST(TableCsvBad, UnnamedCollision) {
  csv_error("Unnamed: 1,\n1,2\n", kInput, {"line 1, field 2", "duplicate"});
}
TEST(TableCsvBad, InvalidUtf8) {
  csv_error("a,b\n1,x\n2,\xff\n", kInput, {"line 3, field 2", "invalid UTF-8"});
}
TEST(TableCsvBad, Overlong) {
  csv_error("a,b\n1,\xc0\xaf\n", kInput, {"line 2, field 2", "invalid UTF-8"});
}
TEST(TableCsvBad, Surrogate) {
  csv_error("a\n\xed\xa0\x80\n", kInput, {"line 2, field 1", "invalid UTF-8"});
}
TEST(TableCsvBad, TruncatedUtf8AtEnd) {
  csv_error("a\nx\xe2\x82", kInput, {"line 2, field 1", "invalid UTF-8"});
}
TEST(TableCsvBad, InvalidUtf8InQuotes) {
  csv_error("a\n\"x\ny\xfe\"\n", kInput, {"line 3, field 1", "invalid UTF-8"});
}
TEST(TableCsvBad, NulByte) {
  csv_error(std::string("a,b\n1,\0\n", 8), kInput, {"line 2, field 2", "NUL byte"});
}
TEST(TableCsvBad, Empty) { csv_error("", kInput, {"no header row"}); }
TEST(TableCsvBad, OnlyBlankLines) { csv_error("\n \r\n\t\n", kInput, {"no header row"}); }
TEST(TableCsvBad, BigUInt) {
  csv_error("a,b\n1,2\n9223372036854775808,3\n", kInput, {"line 3, field 1", "beyond int64"});
}
TEST(TableCsv, BigUIntWithMissingIsText) {
  // pandas: object (it even keeps the missing field as text; here it is missing).
  const Table t = skops::read_csv("a,b\n9223372036854775808,1\n,2\n");
  EXPECT_EQ(t.column("a").type(), ColumnType::String);
  EXPECT_TRUE(t.column("a").is_missing(1));
}

TEST(TableCsvLimits, HugeField) {
  const std::string text = "a\n" + std::string(10 << 20, 'x') + "\n";
  csv_error(text, kLimit, {"line 2, field 1", "max_field_bytes"});
}
TEST(TableCsvLimits, HugeQuotedField) {
  const std::string text = "a\n\"" + std::string(10 << 20, 'x') + "\"\n";
  csv_error(text, kLimit, {"line 2, field 1", "max_field_bytes"});
}
TEST(TableCsvLimits, MillionColumns) {
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "c" + std::to_string(i) + ",";
  csv_error(text + "\n", kLimit, {"line 1, field 10001", "max_columns"});
}
TEST(TableCsvLimits, Rows) {
  skops::TableLimits l;
  l.max_rows = 2;
  csv_error("a\n1\n2\n3\n", kLimit, {"line 4", "max_rows"}, l);
}
TEST(TableCsvLimits, Cells) {
  skops::TableLimits l;
  l.max_cells = 5;
  csv_error("a,b\n1,2\n3,4\n5,6\n", kLimit, {"line 4", "max_cells"}, l);
}
TEST(TableCsvLimits, InputBytes) {
  skops::TableLimits l;
  l.max_input_bytes = 4;
  csv_error("a,b\n1,2\n", kLimit, {"max_input_bytes"}, l);
}

TEST(TableCsv, LineNumbersCountNewlinesInsideQuotes) {
  csv_error("a,b\n\"x\ny\",1\n2\n", kInput, {"line 4, field 1", "saw 1"});
}

// ---- JSON ------------------------------------------------------------------------------

TEST(TableJson, SplitLayout) {
  const Table t = skops::read_json_table(
      R"({"columns": ["a", "b", "c", "d"], "index": [0, 1], "data": [[1, 1.5, "x", true], [null, 2, null, false]]})");
  EXPECT_EQ(std::string(t.column("a").pandas_dtype()), "float64");
  EXPECT_TRUE(t.column("a").is_missing(1));
  EXPECT_EQ(t.column("b").float64()[1], 2.0);
  EXPECT_EQ(t.column("c").string_at(0), "x");
  EXPECT_TRUE(t.column("c").is_missing(1));
  EXPECT_EQ(std::string(t.column("d").pandas_dtype()), "bool");
}

TEST(TableJson, RecordsUnionKeysAsPandas) {
  const Table t = skops::read_json_table(R"([{"a": 1, "b": "x"}, {"b": "y", "c": 2.5}, {"a": 3}])");
  EXPECT_EQ(t.column_names(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(std::string(t.column("a").pandas_dtype()), "float64");  // int with missing
  EXPECT_TRUE(t.column("a").is_missing(1));
  EXPECT_TRUE(t.column("b").is_missing(2));
  EXPECT_TRUE(t.column("c").is_missing(0));
  EXPECT_EQ(t.column("c").float64()[1], 2.5);
}

TEST(TableJson, IntColumnStaysInt64) {
  const Table t =
      skops::read_json_table(R"({"columns": ["a"], "data": [[1], [-9223372036854775808]]})");
  EXPECT_EQ(t.column("a").int64()[1], INT64_MIN);
}

TEST(TableJsonBad, Syntax) {
  json_error(R"({"columns": ["a"], "data": [[1,]]})", kInput, "byte offset 31", "");
}
TEST(TableJsonBad, InvalidUtf8) {
  json_error("{\"columns\": [\"\xff\"], \"data\": []}", kInput, "invalid JSON", "");
}
TEST(TableJsonBad, DuplicateColumnName) {
  json_error(R"({"columns": ["a", "a"], "data": []})", kInput, "duplicate column name \"a\"",
             "/columns/1");
}
TEST(TableJsonBad, DuplicateRecordKey) {
  json_error(R"([{"a": 1, "a": 2}])", kInput, "duplicate key \"a\"", "/0/a");
}
TEST(TableJsonBad, DuplicateSplitKey) {
  json_error(R"({"columns": [], "columns": [], "data": []})", kInput, "duplicate key", "/columns");
}
TEST(TableJsonBad, RaggedRowShort) {
  json_error(R"({"columns": ["a", "b"], "data": [[1, 2], [3]]})", kInput, "1 cells for 2 columns",
             "/data/1");
}
TEST(TableJsonBad, RaggedRowLong) {
  json_error(R"({"columns": ["a"], "data": [[1, 2]]})", kInput, "more than 1 cells", "/data/0/1");
}
TEST(TableJsonBad, NestedCell) {
  json_error(R"({"columns": ["a"], "data": [[[1]]]})", kInput, "nested value", "/data/0/0");
}
TEST(TableJsonBad, MixedStringsAndNumbers) {
  json_error(R"({"columns": ["a"], "data": [["x"], [1]]})", kInput, "mixes a number with a string",
             "/data/1/0");
}
TEST(TableJsonBad, MixedBoolAndNumbers) {
  json_error(R"([{"a": true}, {"a": 0}])", kInput, "mixes", "/1/a");
}
TEST(TableJsonBad, BigUInt) {
  json_error(R"({"columns": ["a"], "data": [[1], [18446744073709551615]]})", kInput, "beyond int64",
             "/data/1/0");
}
TEST(TableJsonBad, HugeNumber) {
  json_error(R"({"columns": ["a"], "data": [[1e400]]})", kInput, "invalid JSON", "");
}
TEST(TableJsonBad, HugeInteger) {
  json_error(R"({"columns": ["a"], "data": [[123456789012345678901234567890]]})", kInput,
             "invalid JSON", "");
}
TEST(TableJsonBad, UnknownSplitKey) {
  json_error(R"({"columns": [], "data": [], "dtypes": 1})", kInput, "unexpected key \"dtypes\"",
             "/dtypes");
}
TEST(TableJsonBad, NonStringColumnName) {
  json_error(R"({"columns": [1], "data": []})", kInput, "must be a string", "/columns/0");
}
TEST(TableJsonBad, RecordNotObject) {
  json_error(R"([{"a": 1}, 2])", kInput, "must be an object", "/1");
}
TEST(TableJsonBad, Scalar) { json_error("3", kInput, "split layout", ""); }
TEST(TableJsonBad, DeepNesting) {
  json_error(std::string(100000, '[') + std::string(100000, ']'), kLimit, "max_json_depth", "");
}
TEST(TableJsonBad, MillionColumns) {
  std::string text = "[{";
  for (int i = 0; i < 1000000; ++i) text += (i ? ",\"c" : "\"c") + std::to_string(i) + "\":1";
  json_error(text + "}]", kLimit, "max_columns", "/0/c10000");
}
TEST(TableJsonBad, HugeString) {
  json_error("[{\"a\": \"" + std::string(10 << 20, 'x') + "\"}]", kLimit, "max_field_bytes",
             "/0/a");
}
TEST(TableJsonBad, Rows) {
  skops::TableLimits l;
  l.max_rows = 1;
  json_error(R"({"columns": ["a"], "data": [[1], [2]]})", kLimit, "max_rows", "/data/1", l);
}

// ---- structured .npy, the format chooser ---------------------------------------------

skops::NdArray structured_rows() {
  std::vector<skops::DTypeField> fields;
  fields.push_back({"age", std::make_shared<skops::DType>(skops::DType::float64()), 0, {}});
  fields.push_back({"sex", std::make_shared<skops::DType>(skops::DType::unicode(6)), 0, {}});
  fields.push_back({"n", std::make_shared<skops::DType>(skops::DType::int32()), 0, {}});
  fields.push_back({"ok", std::make_shared<skops::DType>(skops::DType::boolean()), 0, {}});
  const skops::DType dt = skops::DType::structured(fields);
  std::vector<std::uint8_t> bytes(2 * dt.itemsize(), 0);
  auto put_row = [&](std::size_t r, double age, const std::u32string& sex, std::int32_t n,
                     bool ok) {
    std::uint8_t* p = bytes.data() + r * dt.itemsize();
    std::memcpy(p + dt.fields()[0].offset, &age, 8);
    std::memcpy(p + dt.fields()[1].offset, sex.data(), 4 * sex.size());
    std::memcpy(p + dt.fields()[2].offset, &n, 4);
    p[dt.fields()[3].offset] = ok;
  };
  put_row(0, 22.5, U"male", 3, true);
  put_row(1, NAN, U"f\u00e9male", -1, false);
  return skops::NdArray(dt, {2}, skops::ByteView::adopt(std::move(bytes)));
}

TEST(TableNpy, StructuredArray) {
  const std::vector<std::uint8_t> file = skops::write_npy(structured_rows());
  const Table t =
      skops::read_table(std::string_view(reinterpret_cast<const char*>(file.data()), file.size()));
  EXPECT_EQ(t.column_names(), (std::vector<std::string>{"age", "sex", "n", "ok"}));
  EXPECT_EQ(t.column("age").float64()[0], 22.5);
  EXPECT_TRUE(t.column("age").is_missing(1));
  EXPECT_EQ(t.column("sex").string_at(1), "f\u00e9male");
  EXPECT_EQ(t.column("n").int64()[1], -1);
  EXPECT_EQ(t.column("ok").boolean()[0], 1);
}

TEST(TableNpy, PlainArrayRefused) {
  expect_error(
      [] {
        skops::table_from_npy(skops::NdArray::from_vector(std::vector<double>{1, 2}));
      },
      skops::ErrorKind::Unsupported, {"structured"});
}

TEST(TableFormat, ByExtensionAndSniffing) {
  EXPECT_EQ(skops::table_format_for_path("x/Y.CSV"), skops::TableFormat::Csv);
  EXPECT_EQ(skops::table_format_for_path("y.json"), skops::TableFormat::Json);
  EXPECT_EQ(skops::table_format_for_path("z.npy"), skops::TableFormat::Npy);
  expect_error([] { skops::table_format_for_path("z.parquet"); }, skops::ErrorKind::Unsupported,
               {"z.parquet"});
  EXPECT_EQ(skops::read_table(" [{\"a\": 1}]").n_cols(), 1u);
  EXPECT_EQ(skops::read_table("a,b\n1,2\n").n_cols(), 2u);
  // An explicit format overrides the extension.
  const Table t =
      skops::read_table_file(data("table/zoo/frame_titanic_logreg.X.csv"), skops::TableFormat::Csv);
  EXPECT_EQ(t.n_rows(), 40u);
  expect_error(
      [] {
        skops::read_table_file(data("table/zoo/frame_titanic_logreg.X.csv"),
                               skops::TableFormat::Json);
      },
      kInput, {"frame_titanic_logreg.X.csv: json: invalid JSON"});
  try {
    skops::read_table_file(data("table/zoo/frame_titanic_logreg.X.csv"), skops::TableFormat::Json);
  } catch (const skops::InputError& e) {  // the same C++ type, the file as its entry
    EXPECT_EQ(e.entry(), data("table/zoo/frame_titanic_logreg.X.csv"));
  }
  skops::TableLimits l;
  l.max_input_bytes = 100;
  expect_error(
      [&] {
        skops::read_table_file(data("table/zoo/frame_titanic_logreg.X.csv"),
                               skops::TableFormat::Auto, l);
      },
      kLimit, {"max_input_bytes"});
  expect_error([] { skops::read_table_file(data("table/no-such.csv")); }, skops::ErrorKind::Io,
               {"no-such.csv"});
}

}  // namespace

namespace {

// The example of docs/table.md, compiled and checked.
TEST(TableDocs, Example) {
  const std::string body = "age,pclass,sex\n22,3,male\n,1,female\n";
  skops::Table u = skops::read_csv(body, skops::TableLimits{});
  EXPECT_EQ(std::string(u.column("age").pandas_dtype()), "float64");

  std::vector<double> age = {22.0, NAN, 38.0};
  std::vector<std::int64_t> pclass = {3, 1, 1};
  skops::Table v(
      {skops::Column::float64_view("age", age.data(), age.size()),
       skops::Column::int64("pclass", std::move(pclass)),
       skops::Column::string("sex", std::vector<std::string>{"male", "female", "female"})});

  skops::TableBuilder b;
  b.add_column("age", skops::ColumnType::Float64).add_column("sex", skops::ColumnType::String);
  b.add_row({22.0, "male"});
  b.begin_row().set("sex", "female").end_row();
  skops::Table w = b.build();
  EXPECT_TRUE(w.column("age").is_missing(1));

  const skops::Column& sex = v.column("sex");
  EXPECT_EQ(sex.type(), skops::ColumnType::String);
  EXPECT_EQ(sex.string_at(1), "female");
  EXPECT_FALSE(sex.is_missing(1));
  EXPECT_TRUE(std::isnan(v.column("age").float64()[1]));
  std::vector<std::size_t> cols = v.select(std::vector<std::string>{"age", "pclass"});
  std::vector<double> X = v.to_float64(cols);
  ASSERT_EQ(X.size(), 6u);
  EXPECT_TRUE(std::isnan(X[2]));
  X[2] = 0;
  EXPECT_EQ(X, (std::vector<double>{22.0, 3, 0, 1, 38.0, 1}));
  skops::NdArray A = v.to_ndarray(v.numeric_columns());
  EXPECT_EQ(A.shape(), (std::vector<std::int64_t>{3, 2}));
}

}  // namespace

namespace {

TEST(TableJsonBad, RawNulByte) {
  json_error(std::string("[{\"a\": \"x\0y\"}]", 14), kInput, "invalid JSON", "");
}

TEST(TableCsv, ReadConcurrentlyFromThreads) {
  const Table t = skops::read_table_file(data("table/zoo/frame_titanic_logreg.X.csv"));
  const std::vector<double> expected = t.to_float64(t.numeric_columns());
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      bool ok = true;
      for (int k = 0; k < 50; ++k) {
        const std::vector<double> m = t.to_float64(t.numeric_columns());
        for (std::size_t j = 0; j < m.size(); ++j) ok = ok && same_double(m[j], expected[j]);
        ok = ok && t.column("sex").string_at(1) == "female";
      }
      same += ok;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(same.load(), 4);
}

TEST(Table, PositionalTablesHaveNoNamesAndAllowRepeats) {
  using skops::Column;
  using skops::Table;
  const Column a = Column::float64("a", std::vector<double>{1, 2});
  EXPECT_THROW(Table(std::vector<Column>{a, a}), skops::InputError);
  const Table p = Table::positional({a, a});
  EXPECT_FALSE(p.has_names());
  EXPECT_TRUE(Table(std::vector<Column>{a}).has_names());
  EXPECT_EQ(p.n_cols(), 2u);
  EXPECT_EQ(p.n_rows(), 2u);
  EXPECT_FALSE(p.find("a").has_value());  // names only label messages
  EXPECT_THROW(Table::positional({a, Column::float64("b", std::vector<double>{1})}),
               skops::InputError);
}

}  // namespace

namespace {

using skops::FeatureSamples;

TEST(FeatureSamplesJson, DictsPairsAndStrings) {
  const FeatureSamples d = skops::read_json_feature_samples(
      R"([{"city": "Paris", "n": 3, "x": 0.5, "ok": true, "no": false, "none": null, "tags": ["a", "é"]}, {}])");
  EXPECT_EQ(d.kind, FeatureSamples::Kind::Dicts);
  ASSERT_EQ(d.samples.size(), 2u);
  ASSERT_EQ(d.samples[0].size(), 7u);
  EXPECT_EQ(d.samples[0][0].first, "city");
  EXPECT_EQ(std::get<std::string>(d.samples[0][0].second), "Paris");
  EXPECT_EQ(std::get<double>(d.samples[0][1].second), 3.0);
  EXPECT_EQ(std::get<double>(d.samples[0][3].second), 1.0);
  EXPECT_EQ(std::get<double>(d.samples[0][4].second), 0.0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(d.samples[0][5].second));
  EXPECT_EQ(std::get<std::vector<std::string>>(d.samples[0][6].second), (std::vector<std::string>{"a", "é"}));
  EXPECT_TRUE(d.samples[1].empty());

  const FeatureSamples p = skops::read_json_feature_samples(R"([[], [["a", 1.5], ["b", "x"]]])");
  EXPECT_EQ(p.kind, FeatureSamples::Kind::Pairs);
  EXPECT_EQ(std::get<std::string>(p.samples[1][1].second), "x");
  const FeatureSamples s = skops::read_json_feature_samples(R"([["a", "b", "a"], []])");
  EXPECT_EQ(s.kind, FeatureSamples::Kind::Strings);
  ASSERT_EQ(s.samples[0].size(), 3u);
  EXPECT_EQ(std::get<double>(s.samples[0][2].second), 1.0);  // each string is (s, 1)
  EXPECT_EQ(skops::read_json_feature_samples("[[], []]").kind, FeatureSamples::Kind::Strings);
}

TEST(FeatureSamplesJson, FaultsNameTheirPointer) {
  struct Case {
    const char* json;
    const char* pointer;
  };
  for (const Case& c : {Case{R"({"a": 1})", ""}, Case{R"([1])", "/0"},
                        Case{R"([{"a": 1}, ["b"]])", "/1"}, Case{R"([["a"], [["b", 1]]])", "/1"},
                        Case{R"([["a", ["b", 1]]])", "/0/1"}, Case{R"([{"a": {"b": 1}}])", "/0/a"},
                        Case{R"([{"a": ["x", 1]}])", "/0/a/1"}, Case{R"([{"a": 1, "a": 2}])", "/0/a"},
                        Case{R"([[["a", 1, 2]]])", "/0/0"}, Case{R"([[[1, 1]]])", "/0/0"},
                        Case{R"([[["a", ["x"]]]])", "/0/0/1"}, Case{R"([{"a/~b": {}}])", "/0/a~1~0b"}}) {
    SCOPED_TRACE(c.json);
    try {
      skops::read_json_feature_samples(c.json);
      ADD_FAILURE() << "read";
    } catch (const skops::InputError& e) {
      EXPECT_EQ(e.json_pointer(), c.pointer) << e.what();
    }
  }
  EXPECT_THROW(skops::read_json_feature_samples("[{"), skops::InputError);
  EXPECT_THROW(skops::read_json_feature_samples("[{\"a\": \"\xff\"}]"), skops::InputError);
}

TEST(FeatureSamplesJson, LimitsAreChargedWhileReading) {
  skops::TableLimits l;
  l.max_rows = 2;
  EXPECT_THROW(skops::read_json_feature_samples("[{}, {}, {}]", l), skops::LimitError);
  l = {};
  l.max_cells = 3;
  EXPECT_THROW(skops::read_json_feature_samples(R"([{"a": 1, "b": ["x", "y"]}])", l), skops::LimitError);
  l = {};
  l.max_field_bytes = 3;
  EXPECT_THROW(skops::read_json_feature_samples(R"([["abcd"]])", l), skops::LimitError);
  EXPECT_THROW(skops::read_json_feature_samples(R"([{"abcd": 1}])", l), skops::LimitError);
  l = {};
  l.max_json_depth = 3;
  EXPECT_THROW(skops::read_json_feature_samples(R"([[[["a"]]]])", l), skops::LimitError);
  l = {};
  l.max_input_bytes = 4;
  EXPECT_THROW(skops::read_json_feature_samples("[{}, {}]", l), skops::LimitError);
}

TEST(FeatureSamples, ValidateRefusesWhatPythonStrCannotHold) {
  FeatureSamples s;
  s.samples = {{{"ok", 1.0}, {"bad\xc3", 1.0}}};
  EXPECT_THROW(s.validate(), skops::InputError);
  s.samples = {{{"a", std::string("\xe2\x82")}}};
  EXPECT_THROW(s.validate(), skops::InputError);
  s.samples = {{{"a", 1.0}, {"a", 2.0}}};
  EXPECT_THROW(s.validate(), skops::InputError);  // a dict repeats a key
  s.kind = FeatureSamples::Kind::Pairs;
  EXPECT_NO_THROW(s.validate());                  // pairs may repeat names
}

}  // namespace
