// Reproducing a failed Monte Carlo run from casim run's own output: the command printed for a failed
// expectation, run as printed, shows that run's trace (the same table as traces/<scenario>/run-N.txt);
// --trace-failed prints the first failing run of each failed order; --run beyond the runs is bad
// input; --keep-going turns an unreadable file into a failed scenario of a published report, exit 2;
// casim merge keeps the traces the unsharded run would have written.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_run_reproduce)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

// The words of the first "casim run …" command after `marker` in `text` (words are plain here).
std::vector<std::string> command_after(const std::string& text, const std::string& marker) {
  const auto at = text.find("casim run ", text.find(marker));
  if (at == std::string::npos) return {};
  std::istringstream words(text.substr(at, text.find('\n', at) - at));
  std::vector<std::string> command;
  for (std::string word; words >> word;) command.push_back(word);
  return command;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_printed_command_of_a_failed_run_shows_that_runs_trace) {
  TempDir dir;
  const auto sweep = run_casim({"run", run_data("flaky"), "--out", (dir.path() / "sweep").string(), "--no-certs"});
  BOOST_TEST_REQUIRE(sweep.exit_code == 1, describe(sweep));
  const std::vector<std::string> command = command_after(sweep.out, "order ov-shop: outcome");
  const std::vector<std::string> expected{"casim", "run", run_data("flaky/ov-flaky.yaml"), "--seed", "5", "--runs", "12",
                                          "--run", "6", "--trace", "ov-shop"};
  BOOST_TEST(command == expected, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(command.size() > 2u, describe(sweep));

  std::vector<std::string> args(command.begin() + 1, command.end());
  args.insert(args.end(), {"--out", (dir.path() / "replay").string(), "--no-certs"});
  const auto replay = run_casim(args);
  BOOST_TEST(replay.exit_code == 1, describe(replay));
  BOOST_TEST(contains(replay.out, "1 run"), describe(replay));
  const std::string table = read_text(dir.path() / "sweep" / "traces" / "run-ov-flaky" / "run-6.txt");
  BOOST_TEST(contains(table, "Trace of order ov-shop (seed 5, run 6;"), table);
  BOOST_TEST(contains(table, "ReviewCallRefused"), table);
  BOOST_TEST(contains(replay.out, table), "the replay prints the table of run 6 that the sweep wrote\n" << describe(replay));
}

BOOST_AUTO_TEST_CASE(trace_failed_prints_the_first_failing_run_of_each_failed_order) {
  TempDir dir;
  const auto result = run_casim({"run", run_data("flaky"), "--out", (dir.path() / "out").string(), "--no-certs",
                                 "--trace-failed"});
  BOOST_TEST(result.exit_code == 1, describe(result));
  BOOST_TEST(contains(result.out, "run-ov-flaky: order ov-shop: outcome failed first in run 6"), describe(result));
  BOOST_TEST(contains(result.out, read_text(dir.path() / "out" / "traces" / "run-ov-flaky" / "run-6.txt")),
             describe(result));
  BOOST_TEST(contains(result.out, "traces of failed runs: 5 in "), describe(result));
}

BOOST_AUTO_TEST_CASE(a_passing_run_writes_no_traces_and_max_traces_bounds_them) {
  TempDir dir;
  const auto pass = run_casim({"run", run_data("pass"), "--out", (dir.path() / "pass").string(), "--no-certs"});
  BOOST_TEST(pass.exit_code == 0, describe(pass));
  BOOST_TEST(!fs::exists(dir.path() / "pass" / "traces"));
  const auto bounded = run_casim({"run", run_data("flaky"), "--out", (dir.path() / "two").string(), "--no-certs",
                                  "--max-traces", "2"});
  BOOST_TEST(bounded.exit_code == 1, describe(bounded));
  BOOST_TEST(contains(bounded.out, "traces of failed runs: 2 in "), describe(bounded));
  BOOST_TEST(contains(bounded.out, "(3 more failed runs left out: at most 2 per scenario)"), describe(bounded));
  BOOST_TEST(fs::exists(dir.path() / "two" / "traces" / "run-ov-flaky" / "run-6.jsonl"));
}

BOOST_AUTO_TEST_CASE(a_run_index_beyond_the_runs_is_bad_input) {
  TempDir dir;
  const auto result = run_casim({"run", run_data("flaky"), "--out", (dir.path() / "out").string(), "--run", "12"});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, "--run"), describe(result));
  BOOST_TEST(contains(result.err, "has 12 runs (indices 0 to 11)"), describe(result));
  BOOST_TEST(!fs::exists(dir.path() / "out"));
}

BOOST_AUTO_TEST_CASE(keep_going_reports_an_unreadable_file_as_a_failed_scenario_and_exits_two) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto result = run_casim({"run", run_data("bad"), run_data("pass"), "--out", out.string(), "--no-certs",
                                 "--keep-going"});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, "unknown-key.yaml:3:1: error: unknown key 'ordres'"), describe(result));
  BOOST_TEST(contains(result.out, "run-dv-issued"), "the readable scenario ran\n" << describe(result));
  const std::string junit = read_text(out / "junit.xml");
  BOOST_TEST(contains(junit, "<error"), junit);
  BOOST_TEST((contains(junit, "unknown-key.yaml:3:1: error: unknown key &apos;ordres&apos;") ||
              contains(junit, "unknown-key.yaml:3:1: error: unknown key 'ordres'")),
             junit);
  BOOST_TEST(contains(read_text(out / "report.json"), "unknown key 'ordres'"));
  BOOST_TEST(contains(read_text(out / "report.html"), "unknown-key.yaml"));
  BOOST_TEST(contains(read_text(out / "timings.csv"), ",,,,,error,,\"") , read_text(out / "timings.csv"));

  const auto strict = run_casim({"run", run_data("bad"), run_data("pass"), "--out", (dir.path() / "strict").string()});
  BOOST_TEST(strict.exit_code == 2, describe(strict));
  BOOST_TEST(!fs::exists(dir.path() / "strict"), "without --keep-going nothing is published");
}

BOOST_AUTO_TEST_CASE(merging_shards_keeps_the_traces_of_the_unsharded_run) {
  TempDir dir;
  const auto whole = run_casim({"run", run_data("flaky"), "--out", (dir.path() / "whole").string(), "--no-certs",
                                "--max-traces", "3"});
  BOOST_TEST_REQUIRE(whole.exit_code == 1, describe(whole));
  std::vector<std::string> shards;
  for (const char* shard : {"1/2", "2/2"}) {
    shards.push_back((dir.path() / (std::string("shard-") + shard[0])).string());
    const auto part = run_casim({"run", run_data("flaky"), "--out", shards.back(), "--no-certs", "--shard", shard,
                                 "--max-traces", "3"});
    BOOST_TEST_REQUIRE(part.exit_code == 1, describe(part));
  }
  const auto merged = run_casim({"merge", shards[0], shards[1], "--out", (dir.path() / "merged").string(),
                                 "--max-traces", "3"});
  BOOST_TEST_REQUIRE(merged.exit_code == 1, describe(merged));
  const fs::path expected = dir.path() / "whole" / "traces" / "run-ov-flaky";
  const fs::path got = dir.path() / "merged" / "traces" / "run-ov-flaky";
  std::vector<std::string> expected_files;
  for (const auto& entry : fs::directory_iterator(expected)) expected_files.push_back(entry.path().filename().string());
  BOOST_TEST_REQUIRE(expected_files.size() == 6u, "3 runs, a table and the events each");
  for (const auto& name : expected_files) {
    BOOST_TEST(read_text(got / name) == read_text(expected / name), name);
  }
  std::size_t merged_files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(got)) ++merged_files;
  BOOST_TEST(merged_files == expected_files.size(), "the merge keeps the lowest runs, as a single run does");
}

BOOST_AUTO_TEST_SUITE_END()  // test_run_reproduce
