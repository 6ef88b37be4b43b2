// What a loaded model needs of its file afterwards (docs/security.md, "Memory-mapped loads").
// The default load copies the file into private memory: deleting or truncating the file after
// load() returns changes nothing. A mapped load (LoadOptions::memory_map) uses stored arrays
// in place (a tree's nodes are traversed from the mapping): replacing the file by rename or
// deleting it is safe (the mapping keeps the old inode), truncating it under the model is a
// SIGBUS on the next access to a page past the new end — a defined end of the process, never
// a read of other memory. No library can turn that signal into an exception without a
// process-wide handler, which a library must not install; the docs say so.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "estimator_support.hpp"
#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
namespace fs = std::filesystem;
using skops::Method;

const char* kModel = "corpus/sklearn-1.4.2/DecisionTreeClassifier";

// The corpus tree re-saved uncompressed (DumpOptions' default), so a mapped load traverses
// its nodes in place, in a fresh directory.
std::string stored_copy(const std::string& dir) {
  const std::string path = dir + "/tree.skops";
  skops::dump(*skops::load(ts::data_path(std::string(kModel) + ".skops")), path);
  return path;
}

skops::Matrix input() { return skops::to_matrix(ts::read_npy_file(ts::data_path(std::string(kModel) + ".X.npy"))); }

skops::LoadOptions mapped() {
  skops::LoadOptions o;
  o.memory_map = true;
  o.threads = 1;
  return o;
}

TEST(MappedFile, DefaultLoadOutlivesItsFile) {
  const std::string dir = ts::make_temp_dir("mapped");
  const std::string path = stored_copy(dir);
  const skops::Matrix X = input();
  const auto truncated = skops::load(path);
  const skops::NdArray want = truncated->run(Method::PredictProba, X);
  fs::resize_file(path, 0);
  EXPECT_EQ(ts::values(truncated->run(Method::PredictProba, X)), ts::values(want));
  const auto deleted = skops::load(stored_copy(dir));
  fs::remove(path);
  EXPECT_EQ(ts::values(deleted->run(Method::PredictProba, X)), ts::values(want));
  fs::remove_all(dir);
}

TEST(MappedFile, MappedLoadSurvivesRenameAndUnlink) {
  const std::string dir = ts::make_temp_dir("mapped");
  const std::string path = stored_copy(dir);
  const skops::Matrix X = input();
  const auto model = skops::load(path, mapped());
  const skops::NdArray want = model->run(Method::PredictProba, X);
  // Another model renamed over the path (how skops::dump and `skops-cpp resave` publish).
  skops::dump(*skops::load(ts::data_path("corpus/sklearn-1.4.2/Ridge.skops")), dir + "/other.skops");
  fs::rename(dir + "/other.skops", path);
  EXPECT_EQ(ts::values(model->run(Method::PredictProba, X)), ts::values(want));
  fs::remove(path);
  EXPECT_EQ(ts::values(model->run(Method::PredictProba, X)), ts::values(want));
  fs::remove_all(dir);
}

// In a child process: a mapped load, the file truncated to 0 bytes, then predict. The child
// must die of SIGBUS (not run on with garbage, not crash another way).
TEST(MappedFile, MappedLoadOfATruncatedFileEndsInSigbus) {
  const std::string dir = ts::make_temp_dir("mapped");
  const std::string path = stored_copy(dir);
  const skops::Matrix X = input();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // A sanitizer runtime turns SIGBUS into its own report and exit code; the default action
    // is what a service sees.
    std::signal(SIGBUS, SIG_DFL);
    try {
      const auto model = skops::load(path, mapped());
      (void)model->run(Method::PredictProba, X);
      truncate(path.c_str(), 0);
      (void)model->run(Method::PredictProba, X);
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGBUS);
  fs::remove_all(dir);
}

}  // namespace
