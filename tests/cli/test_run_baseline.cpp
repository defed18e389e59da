// `casim run --baseline DIR`: the run compared with an earlier output as casim diff compares them —
// "no changes" and exit 0 against itself (even when the baseline is --out itself), the diff files
// published beside the report; a baseline that cannot be read is bad input before anything runs.
// (A regression's exit 1 is shown with a slowed scenario by tests/cli/test_ci_example.cpp.)
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_run_baseline)

using namespace casim::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(a_run_against_its_own_baseline_has_no_changes) {
  TempDir dir;
  const fs::path base = dir.path() / "base";
  const auto first = run_casim({"run", run_data("pass"), "--out", base.string(), "--no-certs"});
  BOOST_TEST_REQUIRE(first.exit_code == 0, describe(first));

  const fs::path out = dir.path() / "out";
  const auto again = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs", "--baseline", base.string()});
  BOOST_TEST(again.exit_code == 0, describe(again));
  BOOST_TEST(contains(again.out, "Compared with the baseline " + base.string() + ":\n"), describe(again));
  BOOST_TEST(contains(again.out, "\nno changes\n"), describe(again));
  for (const char* file : {"diff.txt", "diff.json", "diff.md"}) BOOST_TEST(fs::is_regular_file(out / file), file);
  BOOST_TEST(contains(read_text(out / "diff.md"), "no changes"));

  // The baseline is read before the run: --out may be the baseline itself.
  const auto in_place = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs", "--baseline", out.string()});
  BOOST_TEST(in_place.exit_code == 0, describe(in_place));
  BOOST_TEST(contains(in_place.out, "no changes"), describe(in_place));
}

BOOST_AUTO_TEST_CASE(a_baseline_that_cannot_be_read_is_bad_input_before_the_run) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto missing = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs", "--baseline",
                                  (dir.path() / "nowhere").string()});
  BOOST_TEST(missing.exit_code == 2, describe(missing));
  BOOST_TEST(contains(missing.err, "nowhere"), describe(missing));
  BOOST_TEST(!contains(missing.out, "run-dv-issued"), "nothing ran\n" << describe(missing));
  BOOST_TEST(!fs::exists(out));

  const auto not_a_report = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs", "--baseline",
                                       run_data("pass/dv-issued.yaml")});
  BOOST_TEST(not_a_report.exit_code == 2, describe(not_a_report));
  BOOST_TEST(contains(not_a_report.err, "dv-issued.yaml"), describe(not_a_report));
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_SUITE_END()  // test_run_baseline
