// Publication against other casim runs: eight runs started at once into a --out that does not exist
// yet all land (exit 0, one complete report with its marker, nothing left beside it), and a staging
// folder that a killed run left is removed with its marker last, so that a removal killed half-way
// leaves a folder the next run still recognises and finishes — and a folder without the marker is
// never touched.
#include <boost/test/unit_test.hpp>

#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "output_snapshot.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_publish_races)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

constexpr int kRounds = 20;
constexpr int kConcurrentRuns = 8;

// A staging folder as a killed run leaves it: the marker among other files and a subfolder, unlocked.
fs::path plant_abandoned_staging(const TempDir& dir, const std::string& name, bool with_marker) {
  const fs::path folder = dir.path() / name;
  fs::create_directories(folder / "certs" / "run-x");
  dir.write(name + "/certs/run-x/key.pem", "a private key\n");
  for (int i = 0; i < 40; ++i) {
    if (i == 20 && with_marker) dir.write(name + "/.casim-output", "A casim output folder\n");
    dir.write(name + "/file-" + std::to_string(i) + ".txt", "left behind\n");
  }
  return folder;
}

// The names inotify saw deleted in the watched folder, in order ("<self>" for the folder itself).
std::vector<std::string> deletions(int inotify) {
  std::vector<std::string> names;
  alignas(inotify_event) char buffer[64 * 1024];
  for (ssize_t got = 0; (got = ::read(inotify, buffer, sizeof buffer)) > 0;) {
    for (char* at = buffer; at < buffer + got;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      if ((event->mask & IN_DELETE) != 0) names.emplace_back(event->name);
      if ((event->mask & IN_DELETE_SELF) != 0) names.emplace_back("<self>");
      at += sizeof(inotify_event) + event->len;
    }
  }
  return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(eight_runs_into_a_new_out_at_once_all_land) {
  for (int round = 0; round < kRounds; ++round) {
    BOOST_TEST_CONTEXT("round " << round) {
      TempDir dir;
      const fs::path out = dir.path() / "new" / "out";
      std::vector<std::future<CommandResult>> runs;
      for (int i = 0; i < kConcurrentRuns; ++i) {
        runs.push_back(std::async(std::launch::async, [&] {
          return run_casim({"run", run_data("pass"), "--no-certs", "--format", "json", "--out", out.string()});
        }));
      }
      for (auto& run : runs) {
        const CommandResult result = run.get();
        BOOST_TEST(result.exit_code == 0, describe(result));
      }
      BOOST_TEST(fs::is_regular_file(out / ".casim-output"));
      BOOST_TEST(contains(read_text(out / "report.json"), "run-dv-issued"));
      BOOST_TEST(leftovers(dir.path() / "new").empty(), "no staging or previous folder is left");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_abandoned_staging_folder_loses_its_marker_last) {
  TempDir dir;
  const fs::path abandoned = plant_abandoned_staging(dir, ".out.staging-killed", true);
  const int inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  BOOST_REQUIRE(inotify >= 0);
  BOOST_REQUIRE(::inotify_add_watch(inotify, abandoned.c_str(), IN_DELETE | IN_DELETE_SELF) >= 0);

  const auto run = run_casim({"run", run_data("pass"), "--no-certs", "--out", (dir.path() / "out").string()});
  BOOST_TEST(run.exit_code == 0, describe(run));
  const std::vector<std::string> deleted = deletions(inotify);
  ::close(inotify);
  BOOST_REQUIRE(deleted.size() >= 2U);
  BOOST_TEST(deleted.back() == "<self>");
  BOOST_TEST(deleted[deleted.size() - 2] == ".casim-output", "the marker goes last, after everything else");
  BOOST_TEST(deleted.size() == 43U, "40 files, the certs folder, the marker and the folder itself");
}

BOOST_AUTO_TEST_CASE(a_half_removed_staging_folder_is_finished_by_the_next_run) {
  TempDir dir;
  plant_abandoned_staging(dir, ".out.staging-half", true);
  fs::remove_all(dir.path() / ".out.staging-half" / "certs");  // what a removal killed half-way left
  plant_abandoned_staging(dir, ".out.staging-unmarked", false);
  const auto before = snapshot(dir.path() / ".out.staging-unmarked");

  const auto run = run_casim({"run", run_data("pass"), "--no-certs", "--out", (dir.path() / "out").string()});
  BOOST_TEST(run.exit_code == 0, describe(run));
  BOOST_TEST(leftovers(dir.path()) == std::vector<std::string>{".out.staging-unmarked"},
             boost::test_tools::per_element());
  BOOST_TEST((snapshot(dir.path() / ".out.staging-unmarked") == before), "a folder without the marker is not touched");
}

BOOST_AUTO_TEST_SUITE_END()  // test_publish_races
