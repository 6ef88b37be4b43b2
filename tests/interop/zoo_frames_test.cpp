// The DataFrame models of the zoo (tests/data/zoo) and this project's own ones with other
// parameters (tests/data/frames): each runs on its input read from CSV and
// from JSON as a Table, every recorded method equal to scikit-learn's (labels exactly, floats
// within 1e-12 relative / 1e-10 absolute), also after dumps → loads. Then scikit-learn's
// rules for tables beyond the recorded inputs: feature-name checks, ColumnTransformer's
// selection by name (extra and reordered columns allowed, missing ones refused), unknown
// string categories.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "estimator_support.hpp"
#include "skops/estimators.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"
#include "zoo_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Column;
using skops::InputError;
using skops::Method;
using skops::NdArray;
using skops::Table;

using ts::ZooModel;

std::vector<ZooModel> frame_models() {
  std::vector<ZooModel> out;
  for (const char* dir : {"zoo/sklearn-1.2.1", "zoo/sklearn-1.4.2", "frames/sklearn-1.2.1",
                          "frames/sklearn-1.4.2"}) {
    for (const auto& f : ts::list_files(dir, ".skops")) {
      const std::string name = fs::path(f).stem().string();
      // wrap_*, text_*, prep_* and linear_* models have their own tests (prep_spline_ridge:
      // spline_test, prep_kbins_quantile_power_logreg: prep_test, linear_*: linear_model_test).
      if (name.rfind("wrap_", 0) != 0 && name.rfind("text_", 0) != 0 && name.rfind("prep_", 0) != 0 &&
          name.rfind("linear_", 0) != 0)
        out.push_back({dir, name});
    }
  }
  return out;
}

void expect_methods(const skops::Estimator& est, const ZooModel& m, const Table& X,
                    const std::string& what) {
  ts::expect_recorded_methods(m, what, [&](Method method) { return est.run_table(method, X); });
}

class ZooFrame : public ::testing::TestWithParam<ZooModel> {};

TEST_P(ZooFrame, CsvAndJsonMatchScikitLearnAlsoAfterResave) {
  const ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  const Table csv = skops::read_table_file(m.path(".X.csv"));
  const Table json = skops::read_table_file(m.path(".X.json"));
  ASSERT_EQ(csv.n_rows(), 40u);
  expect_methods(*est, m, csv, "csv");
  expect_methods(*est, m, json, "json");
  const auto back = skops::loads(skops::dumps(*est), m.options());
  expect_methods(*back, m, csv, "resaved csv");
}

// One record at a time (a service fed single rows): each of the first rows of the CSV, read
// alone with its header, and the same row as one JSON record, give bit for bit its row of
// the whole table's result, as in scikit-learn (a one-row DataFrame goes through the same
// per-row arithmetic).
TEST_P(ZooFrame, EachRecordAloneGivesItsRowOfTheTable) {
  const ZooModel& m = GetParam();
  const auto est = skops::load(m.path(".skops"), m.options());
  const std::string text = ts::read_file_text(m.path(".X.csv"));
  const Table all = skops::read_csv(text);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_GT(lines.size(), 4u);
  const auto json_split = nlohmann::json::parse(ts::read_file_text(m.path(".X.json")));
  ASSERT_TRUE(json_split.contains("columns") && json_split.contains("data"));
  const auto expected = m.expected();  // named: items() of a temporary would dangle
  for (const auto& [method_name, file] : expected.at("methods").items()) {
    (void)file;
    const auto method = skops::method_from_string(method_name);
    ASSERT_TRUE(method.has_value()) << method_name;
    const NdArray batch = est->run_table(*method, all);
    for (std::size_t r = 1; r <= 4; ++r) {
      const Table one = skops::read_csv(lines[0] + "\n" + lines[r] + "\n");
      ts::expect_row_of(est->run_table(*method, one), batch, static_cast<std::int64_t>(r - 1),
                        m.name + " " + method_name + ": record " + std::to_string(r - 1));
      // The same record as one JSON record (records layout): nulls are missing cells.
      nlohmann::ordered_json record = nlohmann::ordered_json::object();  // keys in column order
      for (std::size_t c = 0; c < json_split.at("columns").size(); ++c)
        record[json_split["columns"][c].get<std::string>()] = json_split["data"][r - 1][c];
      const Table one_json = skops::read_json_table(nlohmann::ordered_json::array({record}).dump());
      ts::expect_row_of(est->run_table(*method, one_json), batch, static_cast<std::int64_t>(r - 1),
                        m.name + " " + method_name + ": JSON record " + std::to_string(r - 1));
    }
  }
}

std::string model_label(const ::testing::TestParamInfo<ZooModel>& info) {
  std::string s = info.param.dir.substr(0, info.param.dir.find('/')) + "_" +
                  info.param.dir.substr(info.param.dir.find('-') + 1) + "_" + info.param.name;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

INSTANTIATE_TEST_SUITE_P(All, ZooFrame, ::testing::ValuesIn(frame_models()), model_label);

TEST(ZooFrames, EveryFrameModelIsCovered) {
  // zoo: 9 per version (one with a TfidfVectorizer on a text column), plus the
  // TargetEncoder model (1.3+) in 1.4.2. frames: 9 per version, plus two TargetEncoder
  // models (1.3+) and a string-categorical HistGradientBoosting (1.4+) in 1.4.2.
  EXPECT_EQ(frame_models().size(), 19u + 9u + 12u);
}

// ---- scikit-learn's rules on tables other than the recorded ones

Table reorder(const Table& t, const std::vector<std::string>& names) {
  std::vector<Column> cols;
  for (const auto& n : names) cols.push_back(t.column(n));
  return Table(std::move(cols));
}

std::string input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.detail();
  }
  return "(no InputError)";
}

TEST(TableRules, FeatureNamesMustMatchInOrder) {
  const ZooModel m{"zoo/sklearn-1.2.1", "frame_numeric_names_logreg"};
  const auto est = skops::load(m.path(".skops"));
  const Table X = skops::read_table_file(m.path(".X.csv"));
  auto names = X.column_names();
  ASSERT_EQ(names.size(), 3u);
  std::swap(names[0], names[2]);
  EXPECT_NE(input_error([&] { est->predict(reorder(X, names)); })
                .find("Feature names must be in the same order as they were in fit"),
            std::string::npos);
  std::vector<Column> extra{X.column(std::size_t{0}), X.column(std::size_t{1}), X.column(std::size_t{2}),
                            Column::float64("bonus", std::vector<double>(X.n_rows(), 1.0))};
  const std::string e = input_error([&] { est->predict(Table(extra)); });
  EXPECT_NE(e.find("Feature names unseen at fit time: 'bonus'"), std::string::npos) << e;
  const std::string missing = input_error([&] { est->predict(reorder(X, {names[0], names[1]})); });
  EXPECT_NE(missing.find("Feature names seen at fit time, yet now missing"), std::string::npos)
      << missing;
  // A positional table (numpy array) runs by position, as scikit-learn (a warning there).
  std::vector<Column> cols{X.column(std::size_t{0}), X.column(std::size_t{1}), X.column(std::size_t{2})};
  ts::expect_close(est->predict_proba(Table::positional(cols)),
                   ts::read_npy_file(m.path(".predict_proba.npy")));
}

TEST(TableRules, ColumnTransformerSelectsByNameAndListsMissingColumns) {
  const ZooModel m{"zoo/sklearn-1.4.2", "frame_titanic_logreg"};
  const auto est = skops::load(m.path(".skops"), m.options());
  const Table X = skops::read_table_file(m.path(".X.csv"));
  const NdArray want = ts::read_npy_file(m.path(".predict_proba.npy"));
  // Reordered columns and an extra column: selected by name, same answers.
  auto names = X.column_names();
  std::reverse(names.begin(), names.end());
  Table shuffled = reorder(X, names);
  std::vector<Column> cols;
  for (std::size_t j = 0; j < shuffled.n_cols(); ++j) cols.push_back(shuffled.column(j));
  cols.push_back(Column::string("note", std::vector<std::string>(X.n_rows(), "x")));
  ts::expect_close(est->predict_proba(Table(cols)), want);
  // A missing column the model uses is named.
  std::vector<std::string> fewer;
  for (const auto& n : X.column_names()) {
    if (n != "age" && n != "sex") fewer.push_back(n);
  }
  const std::string e = input_error([&] { est->predict(reorder(X, fewer)); });
  EXPECT_NE(e.find("columns are missing: {'age', 'sex'}"), std::string::npos) << e;
  // A matrix has no names: a part selected by name cannot run on it.
  const std::string mat = input_error([&] {
    est->predict(skops::Matrix::Zero(3, static_cast<Eigen::Index>(X.n_cols())));
  });
  EXPECT_NE(mat.find("selects its columns by name"), std::string::npos) << mat;
}

TEST(TableRules, UnknownStringCategoryIsNamedOrIgnoredAsTheEncoderSays) {
  using skops::estimators::CategoryList;
  using skops::estimators::OneHotEncoder;
  using skops::estimators::OrdinalEncoder;
  const Table X(std::vector<Column>{
      Column::string("port", std::vector<std::string>{"S", "Q", "Atlantis"}),
      Column::float64("n", std::vector<double>{1.0, std::nan(""), 2.0})});
  const std::vector<CategoryList> cats{CategoryList::strings({"Q", "S"}),
                                       CategoryList::numeric({1.0, 2.0, std::nan("")})};
  const OneHotEncoder strict(cats, "error");
  const std::string e = input_error([&] { strict.transform(X); });
  EXPECT_NE(e.find("Found unknown categories ['Atlantis'] in column 0"), std::string::npos) << e;
  const OneHotEncoder lenient(cats, "ignore");
  const NdArray got = lenient.transform(X);
  // port: Q S | n: 1 2 nan  (NaN is a category of the numeric column)
  ts::expect_close(got, ts::f64({0, 1, 1, 0, 0,  //
                                 1, 0, 0, 0, 1,  //
                                 0, 0, 0, 1, 0},
                                {3, 5}));
  const OrdinalEncoder ordinal(cats, "use_encoded_value", -1.0, -9.0);
  ts::expect_close(ordinal.transform(X), ts::f64({1, 0, 0, -9, -1, 1}, {3, 2}));
}

// The 1.4 HistGradientBoosting preprocessor's functools.partial(check_array, ...) is the one
// partial accepted, and only once trusted; the same file with another function or other
// keywords in the partial is refused at load, naming the place.
TEST(TableRules, OnlyTheExactCheckArrayPartialIsAccepted) {
  const ZooModel m{"zoo/sklearn-1.4.2", "frame_hgb_categorical_names"};
  EXPECT_THROW(skops::load(m.path(".skops")), skops::UntrustedTypeError);
  EXPECT_NO_THROW(skops::load(m.path(".skops"), m.options()));
  const auto reader = skops::ArchiveReader::open_file(m.path(".skops"));
  // Every occurrence: the unfitted `transformers` hold a copy of the fitted partial.
  auto rewrite = [&](const std::vector<std::pair<std::string, std::string>>& edits) {
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
    for (const auto& e : reader->entries()) {
      const skops::ByteView v = reader->read(e.name);
      std::string text(reinterpret_cast<const char*>(v.data), v.size);
      if (e.name == "schema.json") {
        for (const auto& [from, to] : edits) {
          EXPECT_NE(text.find(from), std::string::npos) << from;
          for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
        }
      }
      members.emplace_back(e.name, std::vector<std::uint8_t>(text.begin(), text.end()));
    }
    return skops::write_archive_bytes(members);
  };
  struct Case {
    std::vector<std::pair<std::string, std::string>> edits;
    std::string trusted, message;
  };
  const std::vector<Case> cases = {
      {{{"\"check_array\"", "\"system\""}, {"\"sklearn.utils.validation\"", "\"posix\""}},
       "posix.system",
       "functools.partial of posix.system is not supported"},
      {{{"\"force_all_finite\"", "\"accept_sparse\""}}, "",
       "check_array keyword accept_sparse is not supported"},
  };
  for (const auto& c : cases) {
    auto options = m.options();
    if (!c.trusted.empty()) options.trusted.push_back(c.trusted);
    try {
      skops::loads(rewrite(c.edits), options);
      ADD_FAILURE() << c.message << ": loaded";
    } catch (const skops::Error& e) {
      EXPECT_EQ(e.kind(), skops::ErrorKind::Validation) << e.what();
      EXPECT_NE(e.detail().find(c.message), std::string::npos) << e.what();
      EXPECT_NE(e.json_pointer().find("_preprocessor"), std::string::npos) << e.what();
    }
  }
}

TEST(TableRules, EstimatorsDeclareWhetherTheyTakeStrings) {
  const auto titanic = skops::load(ts::data_path("zoo/sklearn-1.2.1/frame_titanic_logreg.skops"),
                                   ZooModel{"zoo/sklearn-1.2.1", "frame_titanic_logreg"}.options());
  EXPECT_TRUE(titanic->accepts_strings());
  const auto numeric =
      skops::load(ts::data_path("zoo/sklearn-1.2.1/frame_numeric_names_logreg.skops"));
  EXPECT_FALSE(numeric->accepts_strings());
  const ZooModel hgb{"zoo/sklearn-1.4.2", "frame_hgb_categorical_names"};
  EXPECT_TRUE(skops::load(hgb.path(".skops"), hgb.options())->accepts_strings());
}

TEST(TableRules, StringColumnForANumericModelIsAnInputError) {
  const ZooModel m{"zoo/sklearn-1.2.1", "frame_numeric_names_logreg"};
  const auto est = skops::load(m.path(".skops"));
  const Table X = skops::read_table_file(m.path(".X.csv"));
  std::vector<Column> cols{X.column(std::size_t{0}), X.column(std::size_t{1}),
                           Column::string(X.column_names()[2], std::vector<std::string>(X.n_rows(), "a"))};
  const std::string e = input_error([&] { est->predict(Table(cols)); });
  EXPECT_NE(e.find("holds strings"), std::string::npos) << e;
}

}  // namespace
