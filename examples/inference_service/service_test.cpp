// ctest inference_service: drives the real server binary over loopback.
//
//   service_test --server PATH/inference_service --data tests/data --work DIR
//
// 1. refusal: a hostile model (untrusted os.system) and a broken file make the server exit
//    non-zero before listening, printing the reason;
// 2. correctness: corpus models (Pipeline StandardScaler+LogisticRegression, RandomForest, and
//    Imputer+Scaler+RandomForest with NaN inputs sent as null) answer POST
//    /predict with scikit-learn's recorded predictions and probabilities; GET /model, /healthz;
// 3. bad requests: 4xx with a JSON error message;
// 4. load: 16 concurrent clients send 1600 requests; every answer must be right; prints the
//    requests per second.
// 5. tables: the DataFrame model frame_titanic_logreg (scikit-learn 1.2.1 and 1.4.2; strings,
//    nulls) answers "records" and "columns"+"data" requests, also from 16 concurrent clients,
//    with scikit-learn's recorded outputs; malformed table requests get their exact status
//    and message.
// 6. text: text_count_nb answers {"documents": [...]} with scikit-learn's outputs, also from 8
//    concurrent clients; malformed document requests get 400/413, a matrix 422.
// Only 127.0.0.1, every wait bounded; the server is killed if anything goes wrong.

// skops (Eigen) before httplib.h: httplib pulls in <resolv.h>, whose `_res` macro breaks
// Eigen's headers when they come after it.
#include <skops/skops.hpp>
// (keep this order)
#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

int g_failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) ++g_failures;
  std::cout << (ok ? "ok   " : "FAIL ") << what << std::endl;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

skops::NdArray npy(const std::string& path) {
  const std::string s = slurp(path);
  if (s.empty()) throw skops::IoError("cannot read " + path);
  return skops::read_npy(skops::ByteView::copy_of(s.data(), s.size()), skops::Limits{}, path);
}

/// A server process whose stdout+stderr go to a log file; killed when dropped.
class ServerProcess {
 public:
  ServerProcess(const std::string& exe, std::vector<std::string> args, const std::string& log)
      : log_(log) {
    args.insert(args.begin(), exe);
    std::ofstream(log, std::ios::trunc).flush();  // never read a previous run's port
    pid_ = fork();
    if (pid_ == 0) {
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
      }
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(exe.c_str(), argv.data());
      _exit(127);
    }
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exit_code_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// The port from the "listening on" line, or nullopt if the process exits or times out.
  std::optional<int> wait_for_port(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    const auto deadline = Clock::now() + timeout;
    const std::string marker = "listening on http://127.0.0.1:";
    while (Clock::now() < deadline) {
      const std::string out = slurp(log_);
      if (auto at = out.find(marker);
          at != std::string::npos && out.find('\n', at) != std::string::npos) {
        return std::stoi(out.substr(at + marker.size()));
      }
      if (wait_exit(std::chrono::milliseconds(0))) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

  /// Exit code once the process ended within `timeout` (-signal when killed by one).
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    if (exit_code_) return exit_code_;
    const auto deadline = Clock::now() + timeout;
    do {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        return exit_code_;
      }
      if (timeout.count() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (Clock::now() < deadline);
    return std::nullopt;
  }

  void terminate() { kill(pid_, SIGTERM); }
  std::string log() const { return slurp(log_); }

 private:
  pid_t pid_ = -1;
  std::string log_;
  std::optional<int> exit_code_;
};

std::unique_ptr<httplib::Client> client(int port) {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
  c->set_connection_timeout(10, 0);
  c->set_read_timeout(30, 0);
  c->set_write_timeout(30, 0);
  c->set_keep_alive(true);
  c->set_tcp_nodelay(true);  // headers and body are separate writes: no Nagle wait between them
  return c;
}

/// X as the "rows" of a request (NaN as null), rows [begin, end).
json rows_of(const skops::Matrix& X, Eigen::Index begin, Eigen::Index end) {
  json rows = json::array();
  for (Eigen::Index i = begin; i < end; ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      row.push_back(std::isnan(X(i, j)) ? json() : json(X(i, j)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

/// Whether JSON values equal the expected array's elements [begin, end) (rows for 2-d),
/// labels exactly and floats within scikit-learn parity tolerance.
bool matches(const json& got, const skops::NdArray& want, std::int64_t begin, std::int64_t end) {
  if (!got.is_array() || static_cast<std::int64_t>(got.size()) != end - begin) return false;
  const bool text = want.dtype().kind() == skops::DTypeKind::Unicode;
  const std::int64_t cols = want.ndim() == 2 ? want.dim(1) : 1;
  const std::vector<std::string> s = text ? want.to_strings() : std::vector<std::string>{};
  const std::vector<double> v = text ? std::vector<double>{} : want.to_vector<double>();
  for (std::int64_t i = begin; i < end; ++i) {
    const json& row = got[static_cast<std::size_t>(i - begin)];
    for (std::int64_t j = 0; j < cols; ++j) {
      const json& g = want.ndim() == 2 ? row.at(static_cast<std::size_t>(j)) : row;
      const std::size_t k = static_cast<std::size_t>(i * cols + j);
      if (text) {
        if (!g.is_string() || g.get<std::string>() != s[k]) return false;
      } else {
        if (!g.is_number()) return false;
        const double w = v[k], x = g.get<double>();
        if (!(std::fabs(w - x) <= std::max(1e-10, 1e-12 * std::fabs(w)))) return false;
      }
    }
  }
  return true;
}

/// body[key] when body is a JSON object holding it, else null (never throws).
json field(const std::string& body, const char* key) {
  const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains(key)) return json();
  return j.at(key);
}

struct Case {
  std::string name;
  std::vector<std::string> trusted;
};

/// Starts the server on a corpus model and checks answers against the recorded outputs.
void check_model(const std::string& server, const std::string& corpus, const std::string& work,
                 const Case& c, bool bad_requests_and_load) {
  const std::string base = corpus + "/" + c.name;
  std::vector<std::string> args = {base + ".skops", "--port", "0"};
  for (const auto& t : c.trusted) args.insert(args.end(), {"--trusted", t});
  ServerProcess proc(server, args, work + "/" + c.name + ".log");
  const auto port = proc.wait_for_port();
  check(port.has_value(), c.name + ": server starts and prints its port");
  if (!port) {
    std::cout << proc.log();
    return;
  }
  auto cli = client(*port);

  auto health = cli->Get("/healthz");
  check(health && health->status == 200 && field(health->body, "status") == "ok",
        c.name + ": GET /healthz");

  const skops::Matrix X = skops::to_matrix(npy(base + ".X.npy"));
  auto model = cli->Get("/model");
  json summary = model ? json::parse(model->body, nullptr, false) : json();
  check(
      model && model->status == 200 && summary["n_features_in"] == X.cols() &&
          summary["types"].size() > 0,
      c.name + ": GET /model -> " + (model ? summary.dump().substr(0, 160) + "..." : "no answer"));
  check(summary["untrusted"] == json(c.trusted),
        c.name + ": /model lists the types trusted only by --trusted");

  const skops::NdArray want_pred = npy(base + ".predict.npy");
  const skops::NdArray want_proba = npy(base + ".predict_proba.npy");
  const json request = {{"rows", rows_of(X, 0, X.rows())}};
  auto res = cli->Post("/predict", request.dump(), "application/json");
  json body = res ? json::parse(res->body, nullptr, false) : json();
  check(res && res->status == 200,
        c.name + ": POST /predict " + std::to_string(X.rows()) + " rows -> 200");
  check(matches(body["predictions"], want_pred, 0, X.rows()),
        c.name + ": predictions equal scikit-learn's");
  check(matches(body["probabilities"], want_proba, 0, X.rows()),
        c.name + ": probabilities equal scikit-learn's");

  std::ifstream has_df(base + ".decision_function.npy");
  if (has_df) {
    const json df_req = {{"rows", rows_of(X, 0, X.rows())}, {"method", "decision_function"}};
    auto df = cli->Post("/predict", df_req.dump(), "application/json");
    json df_body = df ? json::parse(df->body, nullptr, false) : json();
    check(df && df->status == 200 && df_body["method"] == "decision_function" &&
              matches(df_body["result"], npy(base + ".decision_function.npy"), 0, X.rows()),
          c.name + ": method decision_function equals scikit-learn's");
  }

  if (bad_requests_and_load) {
    struct Bad {
      std::string what, body;
      int status;
    };
    const std::string row = rows_of(X, 0, 1).dump();
    const std::string short_row = "[[1.0, 2.0]]";
    const std::vector<Bad> bad = {
        {"not JSON", "{\"rows\": [[1, 2", 400},
        {"JSON but not an object", "[1, 2, 3]", 400},
        {"no rows", "{\"data\": []}", 400},
        {"rows not a list", "{\"rows\": \"1,2,3\"}", 400},
        {"empty rows", "{\"rows\": []}", 400},
        {"a string value", "{\"rows\": [[\"a\"]]}", 400},
        {"ragged rows", "{\"rows\": [[1.0, 2.0], [1.0]]}", 400},
        {"unknown method", "{\"rows\": " + row + ", \"method\": \"fit\"}", 400},
        {"method not a string", "{\"rows\": " + row + ", \"method\": 3}", 400},
        {"wrong feature count (InputError)", "{\"rows\": " + short_row + "}", 422},
        {"method the model lacks", "{\"rows\": " + row + ", \"method\": \"transform\"}", 422},
    };
    for (const auto& b : bad) {
      auto r = cli->Post("/predict", b.body, "application/json");
      const json e = r ? field(r->body, "error") : json();
      const bool ok = r && r->status == b.status && e.is_string() && !e.get<std::string>().empty();
      check(ok, c.name + ": bad request (" + b.what + ") -> " + std::to_string(b.status) + ": " +
                    (r ? std::to_string(r->status) + " " + r->body : "no answer"));
    }
    auto r404 = cli->Get("/predict/nothing");
    check(r404 && r404->status == 404 && field(r404->body, "error").is_string(),
          c.name + ": unknown route -> 404 with a JSON error");
    const std::string huge(9 * 1024 * 1024, ' ');
    auto r413 = cli->Post("/predict", huge, "application/json");
    check(r413 && r413->status == 413, c.name + ": 9 MiB body -> 413");

    // The burst: 16 clients, 100 requests each, rotating over slices of X; every answer
    // must be 200 with the right labels. A request that got no HTTP answer at all (a
    // connection reset or refused under overload, which HTTP clients retry) is sent once
    // more and counted apart; it fails the test if the retry gets no answer either.
    constexpr int kClients = 16, kPerClient = 100, kRows = 5;
    std::atomic<int> failures{0}, done{0}, retried{0};
    std::mutex errors_mutex;
    std::map<std::string, int> transport_errors;
    std::vector<std::string> bodies;
    for (Eigen::Index b = 0; b + kRows <= X.rows(); b += kRows) {
      bodies.push_back(json{{"rows", rows_of(X, b, b + kRows)}}.dump());
    }
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < kClients; ++t) {
      threads.emplace_back([&, t] {
        auto mine = client(*port);
        for (int i = 0; i < kPerClient; ++i) {
          const std::size_t k = static_cast<std::size_t>(t + i) % bodies.size();
          auto r = mine->Post("/predict", bodies[k], "application/json");
          if (!r) {
            {
              std::lock_guard<std::mutex> lock(errors_mutex);
              ++transport_errors[httplib::to_string(r.error())];
            }
            ++retried;
            r = mine->Post("/predict", bodies[k], "application/json");
          }
          const auto b = static_cast<std::int64_t>(k) * kRows;
          if (!r || r->status != 200 ||
              !matches(field(r->body, "predictions"), want_pred, b, b + kRows)) {
            ++failures;
          }
          ++done;
        }
      });
    }
    for (auto& th : threads) th.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::cout << "load: " << done << " requests from " << kClients << " concurrent clients in "
              << seconds << " s = " << static_cast<long>(done / seconds) << " requests/second, "
              << failures << " failed, " << retried << " retried after a transport error";
    for (const auto& [what, n] : transport_errors) std::cout << " [" << what << ": " << n << "]";
    std::cout << std::endl;
    check(failures == 0 && done == kClients * kPerClient,
          c.name + ": burst of 1600 requests, zero failures");
  }

  proc.terminate();
  const auto code = proc.wait_exit(std::chrono::seconds(20));
  check(code && *code == 0, c.name + ": SIGTERM stops the server cleanly (exit 0)");
}

/// The split layout {"columns": [...], "data": [[...]]} rows [begin, end) as records.
json records_of(const json& split, std::size_t begin, std::size_t end) {
  json records = json::array();
  for (std::size_t i = begin; i < end; ++i) {
    json record = json::object();
    for (std::size_t j = 0; j < split["columns"].size(); ++j)
      record[split["columns"][j].get<std::string>()] = split["data"][i][j];
    records.push_back(std::move(record));
  }
  return records;
}

/// The same rows in the split layout, as request members.
json split_of(const json& split, std::size_t begin, std::size_t end) {
  json data = json::array();
  for (std::size_t i = begin; i < end; ++i) data.push_back(split["data"][i]);
  return {{"columns", split["columns"]}, {"data", std::move(data)}};
}

/// Whether a /predict answer holds the recorded predictions and probabilities of rows
/// [begin, end).
bool answer_matches(const httplib::Result& r, const skops::NdArray& pred,
                    const skops::NdArray& proba, std::int64_t begin, std::int64_t end) {
  if (!r || r->status != 200) return false;
  const json body = json::parse(r->body, nullptr, false);
  return body.is_object() && matches(body["predictions"], pred, begin, end) &&
         matches(body["probabilities"], proba, begin, end);
}

/// A DataFrame model (named columns, strings, missing values) fed tables: records and split
/// layouts equal scikit-learn's outputs, alone and from 16 concurrent clients; with
/// `bad_requests`, malformed table requests answer their exact status and message.
void check_frame_model(const std::string& server, const std::string& dir, const std::string& work,
                       const std::string& version, bool bad_requests) {
  const std::string base = dir + "/frame_titanic_logreg";
  const std::string tag = "frame_titanic_logreg " + version;
  const json expected = json::parse(slurp(base + ".expected.json"), nullptr, false);
  std::vector<std::string> args = {base + ".skops", "--port", "0"};
  if (expected.is_object() && expected.contains("untrusted_types")) {
    for (const auto& t : expected["untrusted_types"])
      args.insert(args.end(), {"--trusted", t.get<std::string>()});
  }
  ServerProcess proc(server, args, work + "/frame_titanic_logreg_" + version + ".log");
  const auto port = proc.wait_for_port();
  check(port.has_value(), tag + ": server starts and prints its port");
  if (!port) {
    std::cout << proc.log();
    return;
  }
  auto cli = client(*port);

  const json split = json::parse(slurp(base + ".X.json"), nullptr, false);
  const skops::NdArray pred = npy(base + ".predict.npy");
  const skops::NdArray proba = npy(base + ".predict_proba.npy");
  const std::size_t n = split.is_object() ? split["data"].size() : 0;
  const auto rows = static_cast<std::int64_t>(n);
  std::size_t strings = 0, nulls = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& v : split["data"][i]) {
      strings += v.is_string();
      nulls += v.is_null();
    }
  }
  check(n > 0 && strings > 0 && nulls > 0,
        tag + ": X.json has " + std::to_string(n) + " rows, " + std::to_string(strings) +
            " strings, " + std::to_string(nulls) + " nulls");

  const json records_req = {{"records", records_of(split, 0, n)}};
  auto r = cli->Post("/predict", records_req.dump(), "application/json");
  check(answer_matches(r, pred, proba, 0, rows),
        tag + ": records, " + std::to_string(n) + " rows -> scikit-learn's predict and " +
            "predict_proba" + (r && r->status != 200 ? ": " + r->body : ""));
  r = cli->Post("/predict", split_of(split, 0, n).dump(), "application/json");
  check(answer_matches(r, pred, proba, 0, rows),
        tag + ": columns+data, " + std::to_string(n) + " rows -> scikit-learn's predict and " +
            "predict_proba" + (r && r->status != 200 ? ": " + r->body : ""));
  json df_req = records_req;
  df_req["method"] = "decision_function";
  r = cli->Post("/predict", df_req.dump(), "application/json");
  const json df = r ? field(r->body, "result") : json();
  check(r && r->status == 200 && matches(df, npy(base + ".decision_function.npy"), 0, rows),
        tag + ": records, method decision_function equals scikit-learn's");

  // 16 clients, records and split alternating over 4-row slices; each answer checked.
  constexpr int kClients = 16, kPerClient = 40;
  constexpr std::size_t kRows = 4;
  std::vector<std::string> bodies;
  for (std::size_t b = 0; b + kRows <= n; b += kRows) {
    bodies.push_back(json{{"records", records_of(split, b, b + kRows)}}.dump());
    bodies.push_back(split_of(split, b, b + kRows).dump());
  }
  std::atomic<int> failures{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      auto mine = client(*port);
      for (int i = 0; i < kPerClient; ++i) {
        const std::size_t k = static_cast<std::size_t>(t * 3 + i) % bodies.size();
        auto res = mine->Post("/predict", bodies[k], "application/json");
        if (!res) res = mine->Post("/predict", bodies[k], "application/json");  // as above
        const auto b = static_cast<std::int64_t>(k / 2 * kRows);
        if (!answer_matches(res, pred, proba, b, b + static_cast<std::int64_t>(kRows)))
          ++failures;
        ++done;
      }
    });
  }
  for (auto& th : threads) th.join();
  check(failures == 0 && done == kClients * kPerClient,
        tag + ": " + std::to_string(kClients * kPerClient) + " table requests from " +
            std::to_string(kClients) + " concurrent clients, " + std::to_string(failures) +
            " failed");

  if (bad_requests) {
    struct Bad {
      std::string what;
      json body;  // or, when a string, the raw body
      int status;
      std::vector<std::string> message;  // substrings of "error"
      std::string pointer;               // "" when none is expected
    };
    json one = records_of(split, 1, 2);  // a row without nulls
    auto record_with = [&](const char* key, json value) {
      json rec = one;
      rec[0][key] = std::move(value);
      return json{{"records", rec}};
    };
    json no_sex = one;  // "sex" feeds the OneHotEncoder ("city" is a dropped column)
    no_sex[0].erase("sex");
    json mixed = records_of(split, 1, 3);
    mixed[1]["age"] = "thirty";
    json ragged = split_of(split, 0, 3);
    ragged["data"][1].erase(ragged["data"][1].size() - 1);
    json nested = one;
    nested[0]["fare"] = json::array({1, 2});
    json many = json::array();
    for (int i = 0; i < 10001; ++i) many.push_back(one[0]);
    const std::string invalid_utf8 =
        "{\"records\": [{\"age\": 1.0, \"fare\": 2.0, \"pclass\": 1, \"sex\": \"m\xff\", "
        "\"embarked\": \"S\", \"city\": \"x\"}]}";
    // Beyond float64: refused at parse, never read as infinity or as a missing value.
    const std::string huge_number =
        "{\"records\": [{\"age\": 1e400, \"fare\": 2.0, \"pclass\": 1, \"sex\": \"male\", "
        "\"embarked\": \"S\", \"city\": \"x\"}]}";
    const std::vector<Bad> bad = {
        {"number beyond float64", huge_number, 400, {"a number out of the float64 range"}, ""},
        {"missing column", {{"records", no_sex}}, 422, {"columns are missing: {'sex'}"}, ""},
        {"string where a number is needed", record_with("age", "thirty"), 422,
         {"column age", "row 0, column \"age\": \"thirty\""}, ""},
        {"column mixing strings and numbers", {{"records", mixed}}, 400,
         {"row 1, column \"age\"", "mixes a string with a number"}, "/records/1/age"},
        {"oversize string", record_with("city", std::string(64 * 1024 + 1, 'x')), 413,
         {"row 0, column \"city\"", "string longer than"}, "/records/0/city"},
        {"too many rows", {{"records", many}}, 413, {"too many rows"}, ""},
        {"rows and records", {{"rows", json::array({json::array({1})})}, {"records", one}}, 400,
         {"exactly one of"}, ""},
        {"records not a list", {{"records", one[0]}}, 400, {"\"records\" must be a list"},
         "/records"},
        {"a record not an object", {{"records", json::array({one[0], json::array({1})})}}, 400,
         {"row 1: a record must be an object"}, "/records/1"},
        {"ragged data rows", ragged, 400, {"row 1: row has 5 cells for 6 columns"}, "/data/1"},
        {"nested value", {{"records", nested}}, 400,
         {"row 0, column \"fare\"", "not a nested value"}, "/records/0/fare"},
        {"columns without data", {{"columns", split["columns"]}}, 400,
         {"needs both \"columns\" and \"data\""}, ""},
        {"empty records", {{"records", json::array()}}, 400, {"\"records\" is empty"}, ""},
        {"invalid UTF-8 in a string", invalid_utf8, 400,
         {"not valid JSON (invalid UTF-8) at byte"}, ""},
    };
    for (const auto& b : bad) {
      const std::string text = b.body.is_string() ? b.body.get<std::string>() : b.body.dump();
      auto res = cli->Post("/predict", text, "application/json");
      const json e = res ? field(res->body, "error") : json();
      const json p = res ? field(res->body, "pointer") : json();
      bool ok = res && res->status == b.status && e.is_string();
      for (const auto& m : b.message)
        ok = ok && e.get<std::string>().find(m) != std::string::npos;
      ok = ok && (b.pointer.empty() ? p.is_null() : p == b.pointer);
      check(ok, tag + ": bad table request (" + b.what + ") -> " + std::to_string(b.status) +
                    ": " + (res ? std::to_string(res->status) + " " + res->body.substr(0, 300)
                                : "no answer"));
    }
    // curl -d without a JSON Content-Type: httplib caps form-encoded bodies at 8 KiB.
    const std::string form_body = record_with("city", std::string(10000, 'x')).dump();
    auto res = cli->Post("/predict", form_body, "application/x-www-form-urlencoded");
    const json e = res ? field(res->body, "error") : json();
    check(res && res->status == 413 && e.is_string() &&
              e.get<std::string>().find("send Content-Type: application/json") != std::string::npos,
          tag + ": 10 KB form-encoded body -> 413 asking for JSON: " +
              (res ? std::to_string(res->status) + " " + res->body : "no answer"));
  }

  proc.terminate();
  const auto code = proc.wait_exit(std::chrono::seconds(20));
  check(code && *code == 0, tag + ": SIGTERM stops the server cleanly (exit 0)");
}

void check_refusal(const std::string& server, const std::string& file, const std::string& work,
                   const std::string& tag, int want_code,
                   const std::vector<std::string>& want_text) {
  ServerProcess proc(server, {file, "--port", "0"}, work + "/refuse_" + tag + ".log");
  const auto code = proc.wait_exit(std::chrono::seconds(60));
  const std::string log = proc.log();
  bool text_ok = true;
  for (const auto& t : want_text) text_ok = text_ok && log.find(t) != std::string::npos;
  const bool listened = log.find("listening") != std::string::npos;
  check(code && *code == want_code && text_ok && !listened,
        "refuses to start on " + tag + " (exit " + (code ? std::to_string(*code) : "none") +
            "): " + log.substr(0, log.find('\n')));
}

/// A text model (CountVectorizer + MultinomialNB) fed {"documents": [...]}: scikit-learn's
/// outputs, alone and from 8 concurrent clients; malformed document requests get their
/// status; a table model answers 422 to documents.
void check_text_model(const std::string& server, const std::string& dir, const std::string& work) {
  const std::string base = dir + "/text_count_nb";
  const std::string tag = "text_count_nb";
  ServerProcess proc(server, {base + ".skops", "--port", "0"}, work + "/text_count_nb.log");
  const auto port = proc.wait_for_port();
  check(port.has_value(), tag + ": server starts and prints its port");
  if (!port) {
    std::cout << proc.log();
    return;
  }
  auto cli = client(*port);
  const json docs = json::parse(slurp(base + ".X.json"), nullptr, false);
  const skops::NdArray pred = npy(base + ".predict.npy");
  const skops::NdArray proba = npy(base + ".predict_proba.npy");
  const auto n = static_cast<std::int64_t>(docs.is_array() ? docs.size() : 0);
  auto r = cli->Post("/predict", json{{"documents", docs}}.dump(), "application/json");
  check(n == 40 && answer_matches(r, pred, proba, 0, n),
        tag + ": documents, 40 texts -> scikit-learn's predict and predict_proba" +
            (r && r->status != 200 ? ": " + r->body : ""));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto mine = client(*port);
      for (std::int64_t b = t % 4; b + 4 <= n; b += 4) {
        json part = json::array();
        for (std::int64_t i = b; i < b + 4; ++i) part.push_back(docs[static_cast<std::size_t>(i)]);
        auto res = mine->Post("/predict", json{{"documents", part}}.dump(), "application/json");
        if (!answer_matches(res, pred, proba, b, b + 4)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  check(failures == 0, tag + ": 8 concurrent clients, " + std::to_string(failures) + " failed");
  const std::vector<std::pair<json, int>> bad = {
      {json{{"documents", "one string"}}, 400},
      {json{{"documents", json::array()}}, 400},
      {json{{"documents", json::array({"ok", 3})}}, 400},
      {json{{"documents", json::array({"ok"})}, {"rows", json::array()}}, 400},
      {json{{"documents", json::array({std::string(1024 * 1024 + 1, 'a')})}}, 413},
      {json{{"rows", json::array({json::array({1, 2})})}}, 422},
  };
  for (const auto& [body, status] : bad) {
    auto res = cli->Post("/predict", body.dump(), "application/json");
    const std::string shown = body.dump().substr(0, 60);
    check(res && res->status == status && field(res->body, "error").is_string(),
          tag + ": " + shown + " -> " + std::to_string(status) +
              (res ? " (got " + std::to_string(res->status) + ")" : ""));
  }
}

/// A DictVectorizer + LogisticRegression model fed {"samples": [...]} and {"records": [...]}
/// (dicts): scikit-learn's outputs; malformed samples get 400/413 with their pointer, samples
/// the model refuses (None of a known feature, token lists) 422.
void check_dict_model(const std::string& server, const std::string& dir, const std::string& work) {
  const std::string base = dir + "/dv_logreg";
  const std::string tag = "dv_logreg";
  ServerProcess proc(server, {base + ".skops", "--port", "0"}, work + "/dv_logreg.log");
  const auto port = proc.wait_for_port();
  check(port.has_value(), tag + ": server starts and prints its port");
  if (!port) {
    std::cout << proc.log();
    return;
  }
  auto cli = client(*port);
  const json samples = json::parse(slurp(base + ".X.json"), nullptr, false);
  const skops::NdArray pred = npy(base + ".predict.npy");
  const skops::NdArray proba = npy(base + ".predict_proba.npy");
  const auto n = static_cast<std::int64_t>(samples.is_array() ? samples.size() : 0);
  for (const char* key : {"samples", "records"}) {
    auto r = cli->Post("/predict", json{{key, samples}}.dump(), "application/json");
    check(n == 36 && answer_matches(r, pred, proba, 0, n),
          tag + ": " + key + ", 36 dicts -> scikit-learn's predict and predict_proba" +
              (r && r->status != 200 ? ": " + r->body : ""));
  }
  auto model = cli->Get("/model");
  check(model && field(model->body, "input") == "samples", tag + ": /model says it takes samples");
  const std::vector<std::tuple<json, int, std::string>> bad = {
      {json{{"samples", "one string"}}, 400, "/samples"},
      {json{{"samples", json::array()}}, 400, "/samples"},
      {json{{"samples", json::array({json{{"rooms", nullptr}}})}}, 422, ""},  // the model refuses
      {json{{"samples", json::array({json{{"a", json{{"b", 1}}}}})}}, 400, "/samples/0/a"},
      {json{{"samples", json::array({json::array({"tok"})})}}, 422, ""},
      {json{{"samples", json::array({json{{"a", std::string(64 * 1024 + 1, 'a')}}})}}, 413, "/samples/0/a"},
      {json{{"documents", json::array({"text"})}}, 422, ""},
  };
  for (const auto& [body, status, where] : bad) {
    auto res = cli->Post("/predict", body.dump(), "application/json");
    const std::string shown = body.dump().substr(0, 60);
    const json pointer = res ? field(res->body, "pointer") : json();
    check(res && res->status == status && field(res->body, "error").is_string() &&
              (where.empty() || pointer == where),
          tag + ": " + shown + " -> " + std::to_string(status) + " " + where +
              (res ? " (got " + std::to_string(res->status) + " " + res->body.substr(0, 200) + ")" : ""));
  }
}

/// A model whose predict_proba returns a list (MultiOutputClassifier): `probabilities` and the
/// predict_proba `result` are lists of one 2-d array per output.
void check_multi_model(const std::string& server, const std::string& dir, const std::string& work) {
  const std::string tag = "multi_logreg_int";
  const std::string base = dir + "/" + tag;
  ServerProcess proc(server, {base + ".skops", "--port", "0"}, work + "/" + tag + ".log");
  const auto port = proc.wait_for_port();
  check(port.has_value(), tag + ": server starts and prints its port");
  if (!port) {
    std::cout << proc.log();
    return;
  }
  auto cli = client(*port);
  const skops::Matrix X = skops::to_matrix(npy(base + ".X.npy"));
  const auto n = static_cast<std::int64_t>(X.rows());
  const skops::NdArray pred = npy(base + ".predict.npy");
  const std::vector<skops::NdArray> proba = {npy(base + ".predict_proba.0.npy"),
                                             npy(base + ".predict_proba.1.npy")};
  auto lists_match = [&](const json& got) {
    return got.is_array() && got.size() == proba.size() && matches(got[0], proba[0], 0, n) &&
           matches(got[1], proba[1], 0, n);
  };
  auto r = cli->Post("/predict", json{{"rows", rows_of(X, 0, X.rows())}}.dump(), "application/json");
  check(r && r->status == 200 && matches(field(r->body, "predictions"), pred, 0, n) &&
            lists_match(field(r->body, "probabilities")),
        tag + ": predict -> labels and a list of 2 probability arrays" +
            (r && r->status != 200 ? ": " + r->body : ""));
  r = cli->Post("/predict", json{{"rows", rows_of(X, 0, X.rows())}, {"method", "predict_proba"}}.dump(),
                "application/json");
  check(r && r->status == 200 && lists_match(field(r->body, "result")),
        tag + ": method predict_proba -> the list" + (r && r->status != 200 ? ": " + r->body : ""));
}

}  // namespace

int main(int argc, char** argv) {
  std::string server, data, work = ".";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--server") server = argv[i + 1];
    if (a == "--data") data = argv[i + 1];
    if (a == "--work") work = argv[i + 1];
  }
  if (server.empty() || data.empty()) {
    std::cerr << "usage: service_test --server PATH --data TESTS_DATA_DIR [--work DIR]\n";
    return 64;
  }
  signal(SIGPIPE, SIG_IGN);
  try {
    check_refusal(server, data + "/hostile/untrusted_os_system_reduce.skops", work,
                  "untrusted_os_system_reduce", 1, {"refusing to start", "untrusted", "os.system"});
    check_refusal(server, data + "/hostile/archive_not_zip.skops", work, "archive_not_zip", 2,
                  {"refusing to start", "archive"});
    check_refusal(server, data + "/does/not/exist.skops", work, "missing_file", 2,
                  {"refusing to start"});

    const std::string corpus = data + "/corpus/sklearn-1.4.2";
    check_model(server, corpus, work, {"Pipeline_StandardScaler_LogisticRegression", {}}, true);
    check_model(server, corpus, work, {"RandomForestClassifier", {}}, false);
    check_model(server, corpus, work, {"Pipeline_Imputer_Scaler_RandomForest", {}}, false);
    check_frame_model(server, data + "/zoo/sklearn-1.2.1", work, "1.2.1", false);
    check_frame_model(server, data + "/zoo/sklearn-1.4.2", work, "1.4.2", true);
    check_text_model(server, data + "/zoo/sklearn-1.2.1", work);
    check_dict_model(server, data + "/dicts/sklearn-1.4.2", work);
    check_multi_model(server, data + "/multi/sklearn-1.2.1", work);
  } catch (const std::exception& e) {
    std::cout << "FAIL exception: " << e.what() << std::endl;
    ++g_failures;
  }
  std::cout << (g_failures ? "service_test: FAILED (" + std::to_string(g_failures) + ")"
                           : "service_test: passed")
            << std::endl;
  return g_failures ? 1 : 0;
}
