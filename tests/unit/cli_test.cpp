// The skops-cpp command contract (DESIGN.md §7): verbs, options, JSON output, exit codes.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;

ts::CommandResult cli(const std::string& args) { return ts::run_command(ts::cli_path() + " " + args); }

std::string corpus(const std::string& name) { return ts::data_path("corpus/sklearn-1.4.2/" + name); }

TEST(Cli, UsageErrorsExit64) {
  EXPECT_EQ(cli("").exit_code, 64);
  EXPECT_EQ(cli("frobnicate x").exit_code, 64);
  EXPECT_EQ(cli("audit").exit_code, 64);
  EXPECT_EQ(cli("audit --bogus " + corpus("Ridge.skops")).exit_code, 64);
  EXPECT_EQ(cli("predict " + corpus("Ridge.skops")).exit_code, 64);
  EXPECT_EQ(cli("predict " + corpus("Ridge.skops") + " --input x --output y --method fly").exit_code, 64);
  EXPECT_EQ(cli("resave " + corpus("Ridge.skops") + " /tmp/x.skops --compression xz").exit_code, 64);
  EXPECT_EQ(cli("--help").exit_code, 0);
}

TEST(Cli, AuditJsonListsEveryTypeWithPaths) {
  const auto r = cli("audit --json " + corpus("Pipeline_StandardScaler_LogisticRegression.skops"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_TRUE(j.at("untrusted").empty());
  std::set<std::string> types;
  for (const auto& t : j.at("types")) {
    types.insert(t.at("type").get<std::string>());
    EXPECT_FALSE(t.at("paths").empty());
    EXPECT_TRUE(t.at("loader").is_string());
  }
  EXPECT_TRUE(types.count("sklearn.pipeline.Pipeline"));
  EXPECT_TRUE(types.count("sklearn.linear_model._logistic.LogisticRegression"));
}

TEST(Cli, AuditExitsOneOnUntrustedAndListsThem) {
  const std::string f = ts::data_path("hostile/untrusted_builtins_eval_nested.skops");
  const auto r = cli("audit --json " + f);
  EXPECT_EQ(r.exit_code, 1);
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j.at("untrusted"), nlohmann::json::array({"builtins.eval"}));
  // --trusted takes exact names only.
  EXPECT_EQ(cli("audit " + f + " --trusted builtins.eval").exit_code, 0);
  EXPECT_EQ(cli("audit " + f + " --trusted builtins").exit_code, 1);
}

TEST(Cli, InvalidFilesExitTwo) {
  EXPECT_EQ(cli("audit " + ts::data_path("hostile/archive_not_zip.skops")).exit_code, 2);
  EXPECT_EQ(cli("inspect " + ts::data_path("hostile/npy_truncated_body.skops")).exit_code, 2);
  EXPECT_EQ(cli("validate /nonexistent/file.skops").exit_code, 2);
}

TEST(Cli, InspectShowsNodesAndArrays) {
  const auto r = cli("inspect " + corpus("StandardScaler.skops"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ObjectNode sklearn.preprocessing._data.StandardScaler"), std::string::npos);
  EXPECT_NE(r.output.find("mean_: NdArrayNode numpy.ndarray  <f8 (13,) 104 bytes"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("4 arrays"), std::string::npos);
}

TEST(Cli, TypesListsTheRegistry) {
  const auto r = cli("types");
  ASSERT_EQ(r.exit_code, 0);
  std::size_t lines = 0;
  for (char c : r.output) lines += c == '\n';
  EXPECT_EQ(lines, skops::builtin_registry().type_names().size());
}

TEST(Cli, PredictWritesScikitLearnsOutput) {
  const std::string dir = ts::make_temp_dir("cli");
  const std::string out = dir + "/y.npy";
  const auto r = cli("predict " + corpus("LogisticRegression_multiclass.skops") + " --input " +
                     corpus("LogisticRegression_multiclass.X.npy") + " --output " + out + " --method predict_proba");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto got = skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(out)), {});
  const auto want = skops::read_npy(
      skops::ByteView::adopt(ts::read_file_bytes(corpus("LogisticRegression_multiclass.predict_proba.npy"))), {});
  ASSERT_EQ(got.shape(), want.shape());
  const auto g = got.to_vector<double>(), w = want.to_vector<double>();
  for (std::size_t i = 0; i < g.size(); ++i) EXPECT_NEAR(g[i], w[i], 1e-12 * std::max(1.0, std::abs(w[i])));
  // Labels keep their dtype: string labels come out as unicode.
  const auto r2 = cli("predict " + corpus("LogisticRegression_strlabels.skops") + " --input " +
                      corpus("LogisticRegression_strlabels.X.npy") + " --output " + out);
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  EXPECT_EQ(skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(out)), {}).dtype().kind(),
            skops::DTypeKind::Unicode);
  // A wrong feature count is an input error (exit 2).
  const auto r3 = cli("predict " + corpus("LogisticRegression_multiclass.skops") + " --input " +
                      corpus("Ridge.X.npy") + " --output " + out);
  EXPECT_EQ(r3.exit_code, 2);
  EXPECT_NE(r3.output.find("input:"), std::string::npos) << r3.output;
  std::filesystem::remove_all(dir);
}

TEST(Cli, AuditScansDirectoriesFileListsAndStdin) {
  // A directory of three files (trusted, untrusted, a corrupt array member) plus a
  // subdirectory and a non-.skops file: one line per .skops file in sorted order; a broken
  // file is reported on its line and the scan goes on; exit 2 (a file is invalid) > 1
  // (untrusted) > 0.
  const std::string dir = ts::make_temp_dir("cli_audit_scan");
  namespace fs = std::filesystem;
  fs::create_directories(dir + "/sub");
  fs::copy_file(corpus("Ridge.skops"), dir + "/a.skops", fs::copy_options::overwrite_existing);
  fs::copy_file(ts::data_path("hostile/untrusted_os_system_reduce.skops"), dir + "/sub/b.SKOPS",
                fs::copy_options::overwrite_existing);
  fs::copy_file(ts::data_path("hostile/archive_bad_crc_npy.skops"), dir + "/c.skops",
                fs::copy_options::overwrite_existing);
  ts::write_file_bytes(dir + "/notes.txt", {'x'});
  const auto all = cli("audit " + dir + " --json");
  EXPECT_EQ(all.exit_code, 1) << all.output;  // b untrusted; c's damage is in an array
  std::vector<nlohmann::json> lines;
  std::istringstream in(all.output);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 3u) << all.output;
  EXPECT_EQ(lines[0]["file"], dir + "/a.skops");
  EXPECT_EQ(lines[0]["untrusted"], nlohmann::json::array());
  EXPECT_EQ(lines[1]["file"], dir + "/c.skops");
  // A scan reads schema.json, not the arrays: c's corrupt member shows only with --verify.
  EXPECT_FALSE(lines[1].contains("error")) << lines[1].dump();
  EXPECT_EQ(lines[2]["file"], dir + "/sub/b.SKOPS");
  EXPECT_EQ(lines[2]["untrusted"], nlohmann::json::array({"os.system"}));
  const auto verified = cli("audit " + dir + " --json --verify");
  EXPECT_EQ(verified.exit_code, 2) << verified.output;
  EXPECT_NE(verified.output.find("\"kind\":\"archive\""), std::string::npos) << verified.output;
  // Several files, the trusted one trusting os.system: exit 0; text mode names each file.
  const auto two = cli("audit " + dir + "/a.skops " + dir + "/sub/b.SKOPS --trusted os.system");
  EXPECT_EQ(two.exit_code, 0) << two.output;
  EXPECT_NE(two.output.find("a.skops: ok"), std::string::npos) << two.output;
  const auto untrusted = cli("audit " + dir + "/a.skops " + dir + "/sub/b.SKOPS");
  EXPECT_EQ(untrusted.exit_code, 1) << untrusted.output;
  EXPECT_NE(untrusted.output.find("b.SKOPS: untrusted: os.system"), std::string::npos) << untrusted.output;
  // Paths on stdin; a missing file is its own error line.
  const auto listed = ts::run_command("printf '%s\\n%s\\n' " + dir + "/a.skops " + dir +
                                      "/missing.skops | " + ts::cli_path() + " audit -");
  EXPECT_EQ(listed.exit_code, 2) << listed.output;
  EXPECT_NE(listed.output.find("a.skops: ok"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("missing.skops: error"), std::string::npos) << listed.output;
  // An empty directory has nothing to scan: a usage error.
  fs::create_directories(dir + "/empty");
  EXPECT_EQ(cli("audit " + dir + "/empty").exit_code, 64);
}

TEST(Cli, AuditScanLinesCarryTheSingleFileReport) {
  // A scan writes its JSON lines without a JSON document per file: each line must parse and
  // hold exactly what `audit --json FILE` reports for that file, plus "file", in the same
  // field order; hostile files (errors, untrusted types) included.
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const char* dir : {"corpus/sklearn-1.4.2", "hostile"}) {
    for (const auto& e : fs::directory_iterator(ts::data_path(dir))) {
      if (e.path().extension() == ".skops") files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 100u);
  std::string list;
  for (const auto& f : files) list += f + "\n";
  const std::string list_file = ts::make_temp_dir("cli_audit_lines") + "/files.txt";
  ts::write_file_bytes(list_file, std::vector<std::uint8_t>(list.begin(), list.end()));
  // --verify: a single-file audit reads every member too.
  const auto scan = ts::run_command(ts::cli_path() + " audit - --json --verify < " + list_file);
  std::istringstream in(scan.output);
  std::size_t n = 0, reports = 0, errors = 0;
  for (std::string line; std::getline(in, line); ++n) {
    ASSERT_LT(n, files.size()) << line;
    const auto got = nlohmann::ordered_json::parse(line);
    EXPECT_EQ(got.at("file"), files[n]);
    if (got.contains("error")) {
      ++errors;
      EXPECT_EQ(got.size(), 2u) << line;
      EXPECT_TRUE(got["error"].at("kind").is_string() && got["error"].at("message").is_string());
      continue;
    }
    ++reports;
    const auto one = cli("audit --json " + files[n]);
    auto want = nlohmann::ordered_json::parse(one.output);
    nlohmann::ordered_json expected = {{"file", files[n]}};
    for (auto& [k, v] : want.items()) expected[k] = v;
    EXPECT_EQ(got.dump(), expected.dump()) << files[n];
  }
  EXPECT_EQ(n, files.size());
  EXPECT_GT(reports, 50u);
  EXPECT_GT(errors, 50u);
}

TEST(Cli, PredictReadsFeatureSamplesFromJson) {
  // DictVectorizer + LogisticRegression from a JSON list of dicts, FeatureHasher
  // (input_type="string") alone from a JSON list of token lists (its transform written dense).
  const std::string dir = ts::make_temp_dir("cli_samples");
  struct Case {
    const char* model;
    const char* method;
  };
  for (const Case& c : {Case{"dv_logreg", "predict_proba"}, Case{"fh_string_alone", "transform"},
                        Case{"fh_pair_noalt_bnb", "predict"}}) {
    const std::string base = ts::data_path(std::string("dicts/sklearn-1.4.2/") + c.model);
    const std::string out = dir + "/p.npy";
    const auto r = cli("predict " + base + ".skops --input " + base + ".X.json --output " + out +
                       " --method " + c.method);
    ASSERT_EQ(r.exit_code, 0) << c.model << ": " << r.output;
    const auto got = skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(out)), {});
    const auto want = skops::read_npy(
        skops::ByteView::adopt(ts::read_file_bytes(base + "." + c.method + ".npy")), {});
    ASSERT_EQ(got.shape(), want.shape()) << c.model;
    ASSERT_EQ(got.dtype().kind(), want.dtype().kind()) << c.model;
    if (want.dtype().kind() == skops::DTypeKind::Int) {
      EXPECT_EQ(got.to_vector<std::int64_t>(), want.to_vector<std::int64_t>()) << c.model;
      continue;
    }
    const auto g = got.to_vector<double>(), w = want.to_vector<double>();
    for (std::size_t i = 0; i < g.size(); ++i)
      EXPECT_NEAR(g[i], w[i], 1e-12 * std::max(1.0, std::abs(w[i]))) << c.model;
  }
  // Token lists to a DictVectorizer: exit 2 (bad input), naming the shape.
  const std::string dv = ts::data_path("dicts/sklearn-1.4.2/dv_logreg");
  const auto r = cli("predict " + dv + ".skops --input " +
                     ts::data_path("dicts/sklearn-1.4.2/fh_string_alone.X.json") + " --output " + dir + "/q.npy");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("takes dicts"), std::string::npos) << r.output;
}

TEST(Cli, PredictReadsDocumentsFromJsonAndNpy) {
  // A text model (TfidfVectorizer + LogisticRegression) from a JSON list of strings and a
  // 1-d '<U' .npy; transform of a vectorizer is written dense; a text column of a CSV table
  // reaches the ColumnTransformer's vectorizer.
  const std::string dir = ts::make_temp_dir("cli_docs");
  const std::string zoo = ts::data_path("zoo/sklearn-1.2.1/text_tfidf_bigram_logreg");
  const std::string trust = " --trusted scipy.sparse._csr.csr_matrix";
  const auto want = skops::read_npy(
      skops::ByteView::adopt(ts::read_file_bytes(zoo + ".predict_proba.npy")), {});
  for (const char* input : {".X.json", ".X.npy"}) {
    const std::string out = dir + "/p.npy";
    const auto r = cli("predict " + zoo + ".skops --input " + zoo + input + " --output " + out +
                       " --method predict_proba" + trust);
    ASSERT_EQ(r.exit_code, 0) << input << ": " << r.output;
    const auto got = skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(out)), {});
    ASSERT_EQ(got.shape(), want.shape());
    const auto g = got.to_vector<double>(), w = want.to_vector<double>();
    for (std::size_t i = 0; i < g.size(); ++i)
      EXPECT_NEAR(g[i], w[i], 1e-12 * std::max(1.0, std::abs(w[i]))) << input;
  }
  // Untrusted csr_matrix (as Python skops asks): exit 1 naming it.
  const auto refused = cli("predict " + zoo + ".skops --input " + zoo + ".X.json --output " +
                           dir + "/q.npy");
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("csr_matrix"), std::string::npos) << refused.output;
  // A JSON list with a number among the strings: exit 2.
  const std::string bad = dir + "/bad.json";
  const std::string text = "[\"fine film\", 3]";
  ts::write_file_bytes(bad, std::vector<std::uint8_t>(text.begin(), text.end()));
  EXPECT_EQ(cli("predict " + zoo + ".skops --input " + bad + " --output " + dir + "/q.npy" + trust)
                .exit_code,
            2);
  // Documents to a model that takes a matrix: exit 2.
  const std::string corpus = ts::data_path("zoo/sklearn-1.2.1/frame_numeric_names_logreg");
  EXPECT_EQ(cli("predict " + corpus + ".skops --input " + zoo + ".X.json --output " + dir +
                "/q.npy")
                .exit_code,
            2);
  // transform of the count vectorizer step alone: the dense int64 counts.
  const std::string nb = ts::data_path("zoo/sklearn-1.2.1/text_count_nb");
  const auto t = cli("predict " + nb + ".skops --input " + nb + ".X.json --output " + dir +
                     "/t.npy --method predict_log_proba");
  EXPECT_EQ(t.exit_code, 0) << t.output;
  // The text-column DataFrame model from CSV.
  const std::string frame = ts::data_path("zoo/sklearn-1.2.1/frame_text_column_logreg");
  const auto f = cli("predict " + frame + ".skops --input " + frame + ".X.csv --output " + dir +
                     "/f.npy" + trust);
  ASSERT_EQ(f.exit_code, 0) << f.output;
  const auto fp = skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(dir + "/f.npy")), {});
  const auto fw = skops::read_npy(
      skops::ByteView::adopt(ts::read_file_bytes(frame + ".predict.npy")), {});
  EXPECT_EQ(fp.to_vector<std::int64_t>(), fw.to_vector<std::int64_t>());
  std::filesystem::remove_all(dir);
}

TEST(Cli, PredictReadsCsvAndJsonTables) {
  const std::string dir = ts::make_temp_dir("cli_tables");
  const std::string zoo = ts::data_path("zoo/sklearn-1.2.1/frame_titanic_logreg");
  const auto want = skops::read_npy(
      skops::ByteView::adopt(ts::read_file_bytes(zoo + ".predict_proba.npy")), {});
  auto expect_proba = [&](const std::string& input, const std::string& extra) {
    const std::string out = dir + "/p.npy";
    const auto r = cli("predict " + zoo + ".skops --input " + input + " --output " + out +
                       " --method predict_proba --trusted numpy.dtype" + extra);
    ASSERT_EQ(r.exit_code, 0) << input << ": " << r.output;
    const auto got = skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(out)), {});
    ASSERT_EQ(got.shape(), want.shape());
    const auto g = got.to_vector<double>(), w = want.to_vector<double>();
    for (std::size_t i = 0; i < g.size(); ++i)
      EXPECT_NEAR(g[i], w[i], 1e-12 * std::max(1.0, std::abs(w[i]))) << input;
  };
  expect_proba(zoo + ".X.csv", "");
  expect_proba(zoo + ".X.json", "");
  // --input-format overrides the extension.
  const std::string renamed = dir + "/frame.txt";
  ts::write_file_bytes(renamed, ts::read_file_bytes(zoo + ".X.csv"));
  expect_proba(renamed, " --input-format csv");
  // Without it, an unknown extension is a usage error; a wrong format an input error.
  EXPECT_EQ(cli("predict " + zoo + ".skops --input " + renamed + " --output " + dir +
                "/q.npy --trusted numpy.dtype")
                .exit_code,
            64);
  const auto bad = cli("predict " + zoo + ".skops --input " + renamed + " --output " + dir +
                       "/q.npy --trusted numpy.dtype --input-format json");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  // A column the model needs is missing: exit 2 and the column is named.
  const std::string partial = dir + "/partial.csv";
  const std::string text = "age,fare\n22,7.25\n";
  ts::write_file_bytes(partial, std::vector<std::uint8_t>(text.begin(), text.end()));
  const auto missing = cli("predict " + zoo + ".skops --input " + partial + " --output " + dir +
                           "/q.npy --trusted numpy.dtype");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("columns are missing"), std::string::npos) << missing.output;
  std::filesystem::remove_all(dir);
}

TEST(Cli, ResaveGoesThroughTheWritersAndLoadsBack) {
  const std::string dir = ts::make_temp_dir("cli");
  for (const char* c : {"stored", "deflate", "bzip2", "lzma", "zstd"}) {
    const std::string out = dir + "/m-" + c + ".skops";
    ASSERT_EQ(cli("resave " + corpus("RandomForestClassifier.skops") + " " + out + " --compression " + c).exit_code, 0);
    EXPECT_EQ(cli("validate " + out).exit_code, 0);
  }
  std::filesystem::remove_all(dir);
}

// `validate` refuses every hostile file: exit 1 when the refusal is about trust, 2 otherwise.
TEST(Cli, ValidateRefusesEveryHostileFixture) {
  const auto manifest = nlohmann::json::parse(ts::read_file_text(ts::data_path("hostile/MANIFEST.json")));
  for (const auto& c : manifest.at("cases")) {
    const std::string file = c.at("file");
    const std::string stage = c.at("stage");
    const std::string expected = c.at("expected");
    std::string args = "validate " + ts::data_path("hostile/" + file);
    if (c.contains("trust_for_test")) {
      for (const auto& t : c["trust_for_test"]) args += " --trusted " + t.get<std::string>();
    }
    const auto r = cli(args);
    if (stage == "types" && expected.find("schema error") == std::string::npos) {
      EXPECT_EQ(r.exit_code, 1) << file << ": " << r.output;
    } else if (stage == "types") {
      EXPECT_TRUE(r.exit_code == 1 || r.exit_code == 2) << file << ": " << r.output;
    } else {
      EXPECT_EQ(r.exit_code, 2) << file << ": " << r.output;
    }
  }
}


// LabelEncoder encodes labels (y), not X: `predict --method transform` takes a 1-d .npy or a
// JSON array of strings and gives scikit-learn's codes; inverse_transform takes the codes
// back. Both versions' corpus files, against their recorded outputs.
TEST(Cli, LabelEncoderTransformsLabelsBothWays) {
  const std::string dir = ts::make_temp_dir("cli-labels");
  for (const char* v : {"sklearn-1.2.1", "sklearn-1.4.2"}) {
    SCOPED_TRACE(v);
    const std::string base = ts::data_path(std::string("corpus/") + v + "/LabelEncoder");
    const auto x = nlohmann::json::parse(ts::read_file_text(base + ".X.json")).at("values");
    const auto labels = x.get<std::vector<std::string>>();
    ts::write_file_bytes(dir + "/y.npy", skops::write_npy(skops::NdArray::from_strings(
                                             labels, {static_cast<std::int64_t>(labels.size())})));
    const std::string json = x.dump();
    ts::write_file_bytes(dir + "/y.json", std::vector<std::uint8_t>(json.begin(), json.end()));
    const std::string model = base + ".skops";
    const auto want = skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(base + ".transform.npy")), {});
    for (const char* input : {"/y.npy", "/y.json"}) {
      const auto r = cli("predict " + model + " --input " + dir + input + " --output " + dir +
                         "/codes.npy --method transform");
      ASSERT_EQ(r.exit_code, 0) << r.output;
      EXPECT_EQ(skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(dir + "/codes.npy")), {}), want);
    }
    const auto r = cli("predict " + model + " --input " + dir + "/codes.npy --output " + dir +
                       "/back.npy --method inverse_transform");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(skops::read_npy(skops::ByteView::adopt(ts::read_file_bytes(dir + "/back.npy")), {}).to_strings(),
              labels);
    // Codes are integers, and predict is not a LabelEncoder method.
    EXPECT_NE(cli("predict " + model + " --input " + dir + "/y.npy --output " + dir +
                  "/bad.npy --method inverse_transform").exit_code, 0);
    EXPECT_NE(cli("predict " + model + " --input " + dir + "/y.npy --output " + dir + "/bad.npy").exit_code, 0);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
