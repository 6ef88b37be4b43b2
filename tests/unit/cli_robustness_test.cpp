// The skops-cpp command under abuse: `resave` killed with SIGKILL at many points leaves the
// target either the old file or the complete new one and nothing else in the directory (but
// for a kill between the link and the rename over an existing target, whose temporary name
// the next write removes: src/archive/output_file.hpp); every
// hostile fixture through every verb prints only valid UTF-8 without control characters.

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "skops/archive.hpp"
#include "skops/error.hpp"
#include "test_support.hpp"

extern char** environ;

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// Starts skops-cpp with `args`; returns its pid.
pid_t spawn_cli(const std::vector<std::string>& args) {
  std::vector<std::string> all = {ts::cli_path()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// Whether `path` is a complete archive: opens, and every member reads with its CRC.
bool complete_archive(const std::string& path, const std::vector<std::string>& names) {
  try {
    const auto r = skops::ArchiveReader::open_file(path);
    std::vector<std::string> got;
    for (const auto& e : r->entries()) {
      r->read(e.name);
      got.push_back(e.name);
    }
    return got == names;
  } catch (const skops::Error&) {
    return false;
  }
}

TEST(CliKill, ResaveKilledLeavesOldOrNewAndNothingElse) {
  // LZMA makes the write long (about half a second), so kills land in every phase: loading,
  // building, compressing, writing, publishing.
  const std::string in =
      ts::data_path("corpus/sklearn-1.4.2/GradientBoostingClassifier_multiclass.skops");
  const std::string dir = ts::make_temp_dir("cli-kill");
  const std::string reference = dir + "/reference.skops";
  const auto start = Clock::now();
  ASSERT_EQ(wait_exit(spawn_cli({"resave", in, reference, "--compression", "lzma"})), 0);
  const auto full = Clock::now() - start;
  std::vector<std::string> names;
  const auto reference_reader = skops::ArchiveReader::open_file(reference);
  for (const auto& e : reference_reader->entries()) names.push_back(e.name);
  const std::vector<std::uint8_t> old_bytes = ts::read_file_bytes(in);

  const int rounds = 40;
  int old_seen = 0, new_seen = 0, leftovers = 0;
  for (int i = 0; i < rounds; ++i) {
    SCOPED_TRACE(i);
    const std::string work = dir + "/w" + std::to_string(i);
    fs::create_directory(work);
    const std::string target = work + "/m.skops";
    // Even rounds replace an existing file, odd rounds create the target.
    const bool existing = i % 2 == 0;
    if (existing) ts::write_file_bytes(target, old_bytes);
    const pid_t pid = spawn_cli({"resave", in, target, "--compression", "lzma"});
    // Spread over 0..110% of a full run; the last round is not killed, so the "complete new
    // file" side is seen however slow this machine is at the moment (a loaded CI machine
    // can make every run slower than the reference run, and no kill would land after it).
    if (i + 1 < rounds) {
      std::this_thread::sleep_for(full * (i * 110 / rounds) / 100);
      kill(pid, SIGKILL);
    }
    const int rc = wait_exit(pid);
    if (i + 1 == rounds) {
      EXPECT_EQ(rc, 0) << "the resave that was not killed failed";
    }
    auto files = listing(work);
    if (fs::exists(target) && files.size() > 1) {
      // Killed between the link to ".m.skops.tmp-<16 hex>" and the rename: only that name
      // may be left, and the next resave into the directory removes it.
      ++leftovers;
      EXPECT_TRUE(existing && ts::read_file_bytes(target) == old_bytes) << "a leftover, but the target changed";
      for (const auto& f : files) {
        EXPECT_TRUE(f == "m.skops" || (f.rfind(".m.skops.tmp-", 0) == 0 && f.size() == 13 + 16)) << f;
      }
      EXPECT_EQ(wait_exit(spawn_cli({"resave", in, target, "--compression", "lzma"})), 0);
      files = listing(work);
      EXPECT_TRUE(complete_archive(target, names));
      ts::write_file_bytes(target, old_bytes);  // as the round left it
    }
    if (fs::exists(target)) {
      EXPECT_EQ(files, std::vector<std::string>{"m.skops"});
      const bool is_old = existing && ts::read_file_bytes(target) == old_bytes;
      const bool is_new = !is_old && complete_archive(target, names);
      EXPECT_TRUE(is_old || is_new) << "target neither the old file nor a complete new one";
      old_seen += is_old;
      new_seen += is_new;
    } else {
      EXPECT_FALSE(existing) << "the old file vanished";
      EXPECT_TRUE(files.empty()) << files.front();
    }
  }
  // Kills landed before the commit (round 0 at the latest); the unkilled last round left the
  // complete new file.
  EXPECT_GT(old_seen, 0);
  EXPECT_GT(new_seen, 0);
  if (leftovers > 0) std::printf("%d of %d kills left a temporary name (removed by the next write)\n", leftovers, rounds);
  fs::remove_all(dir);
}

// The sweep itself, without timing luck: a leftover of a dead writer (no lock held) goes at
// the next write of the same target; a live writer's (its lock held), another target's and
// a look-alike name of another form stay.
TEST(CliKill, NextWriteRemovesDeadWritersTemporaryNames) {
  const std::string dir = ts::make_temp_dir("cli-sweep");
  const std::string in = ts::data_path("corpus/sklearn-1.4.2/Ridge.skops");
  const std::string target = dir + "/m.skops";
  ts::write_file_bytes(target, ts::read_file_bytes(in));
  const std::vector<std::uint8_t> junk = {1, 2, 3};
  ts::write_file_bytes(dir + "/.m.skops.tmp-0123456789abcdef", junk);   // dead writer's
  ts::write_file_bytes(dir + "/.m.skops.tmp-fedcba9876543210", junk);   // live writer's
  ts::write_file_bytes(dir + "/.n.skops.tmp-0123456789abcdef", junk);   // another target's
  ts::write_file_bytes(dir + "/.m.skops.tmp-0123", junk);               // not the pattern
  const int live = ::open((dir + "/.m.skops.tmp-fedcba9876543210").c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(live, 0);
  ASSERT_EQ(::flock(live, LOCK_EX), 0);
  ASSERT_EQ(wait_exit(spawn_cli({"resave", in, target})), 0);
  EXPECT_EQ(listing(dir), (std::vector<std::string>{".m.skops.tmp-0123", ".m.skops.tmp-fedcba9876543210",
                                                    ".n.skops.tmp-0123456789abcdef", "m.skops"}));
  ::close(live);
  ASSERT_EQ(wait_exit(spawn_cli({"resave", in, target})), 0);
  EXPECT_EQ(listing(dir), (std::vector<std::string>{".m.skops.tmp-0123", ".n.skops.tmp-0123456789abcdef",
                                                    "m.skops"}));
  fs::remove_all(dir);
}

/// Whether `out` is valid UTF-8 with no control character other than newline.
bool clean_output(const std::string& out) {
  std::size_t start = 0;
  while (start <= out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (!skops::detail::is_printable(std::string_view(out).substr(start, end - start))) {
      return false;
    }
    start = end + 1;
  }
  return true;
}

TEST(CliMessages, EveryHostileFixtureThroughEveryVerbPrintsCleanText) {
  const std::string dir = ts::make_temp_dir("cli-messages");
  const std::string x = dir + "/X.npy";
  // A 2 x 4 float64 input for predict.
  std::string npy = "\x93NUMPY\x01\x00";
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }";
  header.append(128 - 10 - header.size() - 1, ' ');  // data 64-byte aligned
  header += '\n';
  npy += static_cast<char>(header.size());
  npy += '\0';
  npy += header;
  npy.append(8 * 8, '\0');
  ts::write_file_bytes(x, std::vector<std::uint8_t>(npy.begin(), npy.end()));
  ASSERT_TRUE(clean_output("ok\n") && !clean_output("a\x01") && !clean_output("\xff"));

  const auto manifest =
      nlohmann::json::parse(ts::read_file_text(ts::data_path("hostile/MANIFEST.json")));
  int runs = 0;
  for (const auto& c : manifest.at("cases")) {
    const std::string file = ts::data_path("hostile/" + c.at("file").get<std::string>());
    const std::string q = "'" + file + "'";
    for (const std::string& verb :
         {"audit " + q, "audit --json " + q, "inspect " + q, "validate " + q,
          "predict " + q + " --input " + x + " --output " + dir + "/out.npy",
          "resave " + q + " " + dir + "/re.skops", std::string("types")}) {
      const auto r = ts::run_command(ts::cli_path() + " " + verb);
      ++runs;
      EXPECT_TRUE(r.exit_code >= 0 && r.exit_code <= 2) << verb << " -> " << r.exit_code;
      EXPECT_TRUE(clean_output(r.output))
          << verb << ": " << skops::detail::printable(r.output, 4000);
    }
  }
  EXPECT_EQ(runs, 7 * static_cast<int>(manifest.at("cases").size()));
  fs::remove_all(dir);
}

}  // namespace
