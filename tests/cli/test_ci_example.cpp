// docs/ci.md stays true: its shell example (the ```sh block after <!-- ci-example:shell -->) is
// taken from the page and run against the bundled review scenarios (the script is under test, not
// the suite, which other tests run whole) — without a baseline (exit 0, it says so), against its
// own run approved as the baseline ("no changes", exit 0), and with ov-happy-path slowed by a
// business day (exit 1, the scenario in diff.md).
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_ci_example)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

std::string shell_example() {
  const std::string page = read_text(source_path("docs/ci.md"));
  const std::size_t marker = page.find("<!-- ci-example:shell -->");
  BOOST_REQUIRE_MESSAGE(marker != std::string::npos, "docs/ci.md has no <!-- ci-example:shell --> marker");
  const std::size_t start = page.find("```sh\n", marker);
  BOOST_REQUIRE(start != std::string::npos);
  const std::size_t end = page.find("\n```", start + 6);
  BOOST_REQUIRE(end != std::string::npos);
  return page.substr(start + 6, end - start - 5);
}

// Runs the example in `dir` on `scenarios` with the baseline `dir`/baseline.
CommandResult run_example(const TempDir& dir, const fs::path& scenarios) {
  return run_command({"/bin/sh", "-c", "cd \"$WORK\" && sh ./ci-check.sh"},
                     {"WORK=" + dir.path().string(), "CASIM=" + casim_path(), "SCENARIOS=" + scenarios.string(),
                      "BASELINE=" + (dir.path() / "baseline").string()});
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_shell_example_of_docs_ci_runs_the_bundled_scenarios) {
  TempDir dir;
  dir.write("ci-check.sh", shell_example());
  const fs::path scenarios = dir.path() / "scenarios";
  fs::create_directories(scenarios);
  fs::copy(source_path("scenarios/review"), scenarios / "review", fs::copy_options::recursive);
  fs::copy(source_path("scenarios/_base"), scenarios / "_base", fs::copy_options::recursive);

  const auto first = run_example(dir, scenarios);
  BOOST_TEST(first.exit_code == 0, describe(first));
  BOOST_TEST(contains(first.out, "no baseline in"), describe(first));

  fs::copy(dir.path() / "reports" / "latest", dir.path() / "baseline", fs::copy_options::recursive);
  const auto same = run_example(dir, scenarios);
  BOOST_TEST(same.exit_code == 0, describe(same));
  BOOST_TEST(contains(same.out, "\nno changes\n"), describe(same));
  BOOST_TEST(contains(read_text(dir.path() / "reports" / "latest" / "diff.md"), "casim diff: no changes"));

  const fs::path ov = scenarios / "review" / "ov-happy-path.yaml";
  std::ofstream(ov, std::ios::app) << "ca:\n  review: {ov_duration: 4bd}\n";  // the base's 3bd overridden
  const auto slowed = run_example(dir, scenarios);
  BOOST_TEST(slowed.exit_code == 1, describe(slowed));
  BOOST_TEST(contains(slowed.out, "ov-happy-path: passed → failed"), describe(slowed));
  BOOST_TEST(contains(read_text(dir.path() / "reports" / "latest" / "diff.md"), "| ov-happy-path | OV review p50/p90"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_ci_example
