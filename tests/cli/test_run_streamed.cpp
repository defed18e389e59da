// `casim run` streams its reports: each run's orders go to files in the staging folder as the run
// finishes and report.json and timings.csv are put together from them. What a user notices: the
// published folder holds the reports and nothing of those files, and a write that fails while
// the runs' files are written (a full disk) is exit 2 naming the file, with the previous report
// in --out intact and no staging folder left.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "output_snapshot.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_run_streamed)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

// casim run through /bin/sh, after `setup` (shell commands: ulimit, trap).
CommandResult run_in_shell(const std::string& setup, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/bin/sh", "-c", setup + "; exec \"$0\" \"$@\"", casim_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_published_folder_holds_the_reports_and_no_run_files) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto result = run_casim({"run", run_data("mc"), "--no-certs", "--jobs", "2", "--out", out.string()});
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0, describe(result));
  for (const char* file : {"report.json", "junit.xml", "timings.csv", "summary.txt", "report.html"}) {
    BOOST_TEST(fs::is_regular_file(out / file), file);
  }
  BOOST_TEST(!fs::exists(out / ".runs"), "the runs' files are not published");
}

// RLIMIT_FSIZE stands in for a full disk (EFBIG where a disk gives ENOSPC: the same failed write).
BOOST_AUTO_TEST_CASE(a_write_failure_mid_run_leaves_the_previous_report_intact) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::vector<std::string> args{"run", run_data("mc"), "--no-certs", "--jobs", "2", "--out", out.string()};
  const auto first = run_casim(args);
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
  const auto before = snapshot(out);
  int in_runs = 0;
  for (int blocks = 1; blocks <= 256; blocks *= 2) {
    const auto result = run_in_shell("trap '' XFSZ; ulimit -f " + std::to_string(blocks), args);
    if (result.exit_code == 0) break;
    if (!contains(result.err, "/.runs/")) continue;  // failed elsewhere: other tests' business
    ++in_runs;
    BOOST_TEST_CONTEXT("ulimit -f " << blocks << ": " << describe(result)) {
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(contains(result.err, "cannot write the file"));
      BOOST_TEST(!contains(result.err, "internal error"));
      BOOST_TEST((snapshot(out) == before), "the previous report is intact");
      BOOST_TEST(leftovers(dir.path()).empty(), "no staging folder is left");
    }
  }
  BOOST_TEST(in_runs > 0, "some file size limit fails while the runs' files are written");
}

BOOST_AUTO_TEST_SUITE_END()  // test_run_streamed
