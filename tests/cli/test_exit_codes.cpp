// Exit codes that keep the README's promise when the command line or the environment is hostile: an
// empty or linked --out (refused before anything runs), too few file descriptors, threads that
// cannot start, too little memory, a scenario that fails during its run — each exit 2 with a message,
// the previous report byte for byte and no staging folder left — and a reader that leaves early
// (`casim run … | head`), which neither kills casim nor stops the report from landing.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "output_snapshot.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_exit_codes)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;  // its shadow memory needs terabytes of address space
#else
constexpr bool kAddressSanitizer = false;
#endif

// casim after the shell commands `limits` (e.g. "ulimit -n 6"), with no file descriptor but the
// standard three inherited.
CommandResult run_limited(const std::string& limits, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/bin/sh", "-c", "exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- && " + limits + " && exec \"$0\" \"$@\"",
                                casim_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

// casim with its standard output on a pipe nobody reads any more, SIGPIPE at its default action;
// returns the exit code (128 + the signal that ended it) and puts its stderr in `err`.
int run_with_reader_gone(const std::vector<std::string>& args, const fs::path& err_file) {
  std::vector<std::string> argv{casim_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (auto& text : argv) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  ::close(pipe_fds[0]);  // the reader is gone before casim writes
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, pointers[0], &actions, &attributes, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_fds[1]);
  if (spawned != 0) throw std::runtime_error("cannot start casim");
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A folder whose out/ holds a published report, which a refused command must leave as it is.
struct PreviousReport {
  TempDir dir;
  fs::path out = dir.path() / "out";
  std::map<std::string, std::string> before;

  PreviousReport() {
    const auto first = run_casim({"run", run_data("pass"), "--no-certs", "--out", out.string()});
    BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
    before = snapshot(out);
  }

  // `result` is exit 2 saying `message`; out/ is byte for byte as before and no staging folder is left.
  void check_refused(const CommandResult& result, const std::string& message) const {
    BOOST_TEST(result.exit_code == 2, describe(result));
    BOOST_TEST(contains(result.err, message), describe(result));
    BOOST_TEST(!contains(result.err, "internal error"), describe(result));
    BOOST_TEST((snapshot(out) == before), "the previous report is intact, byte for byte");
    BOOST_TEST(leftovers(dir.path()).empty(), "no staging folder is left");
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_empty_out_is_refused_before_anything_runs) {
  TempDir dir;
  const fs::path ca = dir.path() / "ca";
  const auto run = run_casim({"run", run_data("pass"), "--ca", ca.string(), "--out", ""});
  BOOST_TEST(run.exit_code == 2, describe(run));
  BOOST_TEST(contains(run.err, "--out: is empty"), describe(run));
  BOOST_TEST(!fs::exists(ca), "nothing ran");
  const auto merge = run_casim({"merge", (dir.path() / "no-shard").string(), "--out", ""});
  BOOST_TEST(merge.exit_code == 2, describe(merge));
  BOOST_TEST(contains(merge.err, "--out: is empty"), describe(merge));
}

BOOST_AUTO_TEST_CASE(a_linked_out_is_refused_before_anything_runs) {
  PreviousReport previous;
  const fs::path& dir = previous.dir.path();
  const fs::path ca = dir / "ca";
  fs::create_symlink(dir / "missing", dir / "dangling");
  fs::create_directory_symlink(previous.out, dir / "linked");
  for (const char* link : {"dangling", "linked"}) {
    BOOST_TEST_CONTEXT("--out " << link) {
      const auto run = run_casim({"run", run_data("pass"), "--ca", ca.string(), "--out", (dir / link).string()});
      previous.check_refused(run, "is a symbolic link");
      BOOST_TEST(!fs::exists(ca), "nothing ran");
      const auto merge = run_casim({"merge", (dir / "no-shard").string(), "--out", (dir / link).string()});
      previous.check_refused(merge, "is a symbolic link");
      BOOST_TEST(fs::is_symlink(dir / link));
    }
  }
  BOOST_TEST(!fs::exists(fs::symlink_status(dir / "missing")));
}

BOOST_AUTO_TEST_CASE(too_few_file_descriptors_is_exit_2_or_fine) {
  PreviousReport previous;
  for (const int limit : {4, 5, 6, 8}) {
    if (kAddressSanitizer && limit < 8) {
      BOOST_TEST_MESSAGE("ulimit -n " << limit << " skipped under the sanitizers: UBSan's own checks fail (\"invalid "
                                          "vptr\", \"memory cannot be printed\") with so few descriptors");
      continue;
    }
    BOOST_TEST_CONTEXT("ulimit -n " << limit) {
      const auto run = run_limited("ulimit -n " + std::to_string(limit),
                                   {"run", run_data("pass"), "--no-certs", "--out", previous.out.string()});
      if (run.exit_code == 0) {
        BOOST_TEST(leftovers(previous.dir.path()).empty(), "no staging or previous folder is left");
        BOOST_TEST(read_text(previous.out / "summary.txt") == run.out, "the report landed");
      } else {
        previous.check_refused(run, "Too many open files");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(threads_that_cannot_start_are_exit_2) {
  if (kAddressSanitizer) {
    BOOST_TEST_MESSAGE("skipped under AddressSanitizer: it needs more address space than any cap leaves");
    return;
  }
  PreviousReport previous;
  // 300 thread stacks of 8 MiB need 2.4 GB of address space; casim itself needs far less.
  const auto run = run_limited("ulimit -s 8192 && ulimit -v 1000000",
                               {"run", run_data("mc"), "--runs", "300", "--no-certs", "--jobs", "300", "--out",
                                previous.out.string()});
  previous.check_refused(run, "out of resources");
  BOOST_TEST(contains(run.err, "cannot start thread"), describe(run));
}

BOOST_AUTO_TEST_CASE(out_of_memory_is_exit_2) {
  if (kAddressSanitizer) {
    BOOST_TEST_MESSAGE("skipped under AddressSanitizer: it needs more address space than any cap leaves");
    return;
  }
  PreviousReport previous;
  // The smallest cap casim starts under: its libraries mapped (ICU's data alone is 30 MiB).
  int start = 16;
  while (start < 512 && run_limited("ulimit -v " + std::to_string(start * 1024), {"--version"}).exit_code != 0) {
    ++start;
  }
  BOOST_TEST_REQUIRE(start < 512, "casim does not start under a 512 MiB cap");
  // Caps from just above that to what the whole run needs, so that the allocation that fails falls
  // in loading, running, report writing and the destructors that run after, in turn. Runs stream to
  // disk, so the run needs little more than casim's start; its two workers need their stacks and
  // (with mimalloc, which takes address space 32 MiB at a time) their own heaps: some 60 MiB more.
  int refused = 0;
  for (int megabytes = start + 1; megabytes <= start + 100; ++megabytes) {
    BOOST_TEST_CONTEXT("ulimit -v " << megabytes << " MiB") {
      const auto run = run_limited("ulimit -v " + std::to_string(megabytes * 1024),
                                   {"run", run_data("mc"), "--runs", "200", "--no-certs", "--jobs", "2", "--out",
                                    previous.out.string()});
      if (run.exit_code == 0) break;  // enough memory: the report is published
      if (contains(run.err, "cannot start thread")) {  // the lowest caps: no room for a worker's stack
        previous.check_refused(run, "casim: out of resources");
        continue;
      }
      previous.check_refused(run, "casim: out of memory");
      ++refused;
    }
  }
  BOOST_TEST(refused > 0, "some cap left the workers too little memory");
}

BOOST_AUTO_TEST_CASE(a_reader_that_leaves_does_not_stop_publication) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const int run = run_with_reader_gone({"run", run_data("pass"), "--no-certs", "--out", out.string()},
                                       dir.path() / "run.err");
  BOOST_TEST(run == 0, read_text(dir.path() / "run.err"));
  BOOST_TEST(read_text(dir.path() / "run.err").empty());
  BOOST_TEST(contains(read_text(out / "summary.txt"), "run-dv-issued"), "the report landed");
  const fs::path merged = dir.path() / "merged";
  const int merge = run_with_reader_gone({"merge", out.string(), "--out", merged.string()}, dir.path() / "merge.err");
  BOOST_TEST(merge == 0, read_text(dir.path() / "merge.err"));
  BOOST_TEST(read_text(merged / "report.json") == read_text(out / "report.json"), "the merged report landed");
  BOOST_TEST(leftovers(dir.path()).empty(), "no staging folder is left");
}

BOOST_AUTO_TEST_CASE(a_scenario_that_could_not_run_is_exit_2_and_publishes_nothing) {
  PreviousReport previous;
  const fs::path shard = previous.dir.path() / "shard";
  const auto run = run_casim({"run", run_data("pass"), "--no-certs", "--out", shard.string()});
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, describe(run));
  // A shard whose scenario failed during its run, as report.json records it.
  std::string report = read_text(shard / "report.json");
  const std::string no_error = "\"error\": \"\"";
  BOOST_REQUIRE(contains(report, no_error));
  report.replace(report.find(no_error), no_error.size(),
                 "\"error\": \"calendar CN: year 10000 is outside the years casim handles (1400 to 9999)\"");
  previous.dir.write("shard/report.json", report);

  const auto merge = run_casim({"merge", shard.string(), "--out", previous.out.string()});
  previous.check_refused(merge, "could not run: calendar CN: year 10000");
  BOOST_TEST(contains(merge.err, "nothing was published"), describe(merge));
}

BOOST_AUTO_TEST_SUITE_END()  // test_exit_codes
