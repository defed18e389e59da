// The traces of failed runs and the runs that reproduce them: run_suite keeps and writes the traces
// of the lowest failed runs of a scenario (a table per order and the events as JSON lines), the same
// whatever the thread count; running only that run index (`casim run --run N`) gives the same run —
// same fingerprint, same table; and unreadable files become failed scenarios of the report.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/report/trace_table.hpp"
#include "casim/run/plan.hpp"
#include "casim/run/suite.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"
#include "quiet_observer.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_failed_traces)

namespace fs = std::filesystem;
using namespace casim;

namespace {

fs::path source(const std::string& relative) {
  const char* root = std::getenv("CASIM_SOURCE_DIR");
  BOOST_TEST_REQUIRE(root != nullptr, "CASIM_SOURCE_DIR is set by CTest");
  return fs::path(root) / relative;
}

// An OV order whose review call is refused in some of its 12 runs (shared with the casim run tests).
std::vector<scenario::Scenario> flaky() {
  auto loaded = run::load_scenarios({source("tests/cli/data/run/flaky/ov-flaky.yaml")}, {});
  BOOST_TEST_REQUIRE(loaded.unreadable.empty());
  return std::move(loaded.scenarios);
}

run::SuiteResult run_flaky(const fs::path& out, std::size_t jobs, std::size_t failed_traces,
                           std::optional<std::uint64_t> only_run = std::nullopt) {
  run::RunOptions options;
  options.jobs = jobs;
  options.certificates = false;
  options.output = out;
  options.failed_traces = failed_traces;
  options.only_run = only_run;
  options.keep_first_run = only_run.has_value();
  test::QuietObserver quiet;
  return run::run_suite(flaky(), options, quiet);
}

std::set<std::uint64_t> failed_runs(const report::ScenarioReport& scenario) {
  std::set<std::uint64_t> failed;
  for (const auto& run : scenario.runs) {
    if (run.orders.at(0).outcome != order::Outcome::Issued) failed.insert(run.run_index);
  }
  return failed;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_traces_of_the_failed_runs_are_written_and_a_single_run_reproduces_one) {
  const test::TempDir dir;
  const auto full = run_flaky(dir.path() / "full", 2, 20);
  const auto& scenario = full.reports.scenarios.at(0);
  const std::set<std::uint64_t> failed = failed_runs(scenario);
  BOOST_TEST_REQUIRE(!failed.empty(), "some runs of the flaky scenario fail");
  BOOST_TEST_REQUIRE(failed.size() < scenario.runs.size(), "and some do not");
  const fs::path folder = dir.path() / "full" / "traces" / "run-ov-flaky";
  for (const auto& run : scenario.runs) {
    const bool written = fs::exists(folder / ("run-" + std::to_string(run.run_index) + ".txt"));
    BOOST_TEST(written == failed.contains(run.run_index), "run " << run.run_index);
  }
  BOOST_TEST(full.traces_left_out == 0u);

  const std::uint64_t first = *failed.begin();
  const auto& result = *std::find_if(scenario.results.begin(), scenario.results.end(),
                                     [](const report::ExpectationResult& each) { return each.id == "order ov-shop: outcome"; });
  BOOST_TEST(!result.passed);
  BOOST_TEST_REQUIRE(result.first_failed_run.has_value());
  BOOST_TEST(*result.first_failed_run == first);
  const std::string text = read(folder / ("run-" + std::to_string(first) + ".txt"));
  BOOST_TEST(text.find("Trace of order ov-shop (seed 5, run " + std::to_string(first)) == 0u, text);
  BOOST_TEST(text.find("ReviewCallRefused") != std::string::npos, text);
  std::istringstream lines(read(folder / ("run-" + std::to_string(first) + ".jsonl")));
  int events = 0;
  for (std::string line; std::getline(lines, line); ++events) {
    const auto event = nlohmann::json::parse(line);
    for (const char* key : {"at", "order", "stage", "event", "status", "reason", "detail"}) {
      BOOST_TEST(event.contains(key), key << " in " << line);
    }
  }
  BOOST_TEST(events > 5);

  // `casim run --run N`: only run N, the same run as in the full sweep.
  const auto alone = run_flaky(dir.path() / "alone", 1, 20, first);
  BOOST_TEST_REQUIRE(alone.reports.scenarios.at(0).runs.size() == 1u);
  BOOST_TEST(alone.reports.scenarios.at(0).runs.at(0).run_index == first);
  BOOST_TEST_REQUIRE(alone.first_run.has_value());
  const auto& record = *std::find_if(scenario.runs.begin(), scenario.runs.end(),
                                     [&](const report::RunRecord& run) { return run.run_index == first; });
  BOOST_TEST(alone.first_run->fingerprint == record.fingerprint);
  std::ostringstream table;
  const order::OrderResult& order = alone.first_run->orders.at(0);
  report::write_order_trace(alone.first_run->seed, first, order, alone.first_run->trace.for_order(order.ref),
                            sim::calendar_or_default(flaky().front().config.ca.review_calendar), table);
  const std::string* kept = full.failed_traces.at("run-ov-flaky").at(first).table("ov-shop");
  BOOST_TEST_REQUIRE(kept != nullptr);
  BOOST_TEST(table.str() == *kept);
}

BOOST_AUTO_TEST_CASE(the_lowest_failed_runs_are_kept_whatever_the_thread_count) {
  const test::TempDir dir;
  const auto one = run_flaky(dir.path() / "one", 1, 2);
  const auto two = run_flaky(dir.path() / "two", 2, 2);
  const std::set<std::uint64_t> failed = failed_runs(one.reports.scenarios.at(0));
  BOOST_TEST_REQUIRE(failed.size() > 2u);
  const std::set<std::uint64_t> lowest{*failed.begin(), *std::next(failed.begin())};
  for (const auto* result : {&one, &two}) {
    std::set<std::uint64_t> kept;
    for (const auto& [index, trace] : result->failed_traces.at("run-ov-flaky")) kept.insert(index);
    BOOST_TEST((kept == lowest));
    BOOST_TEST(result->traces_left_out == failed.size() - 2);
  }
  const auto none = run_flaky(dir.path() / "none", 2, 0);
  BOOST_TEST(none.failed_traces.empty());
  BOOST_TEST(!fs::exists(dir.path() / "none" / "traces"));
}

BOOST_AUTO_TEST_CASE(a_run_index_beyond_the_runs_is_refused) {
  BOOST_CHECK_NO_THROW(run::check_only_run(flaky(), 11));
  try {
    run::check_only_run(flaky(), 12);
    BOOST_FAIL("run 12 of 12 runs was accepted");
  } catch (const InputError& error) {
    const std::string message = error.what();
    BOOST_TEST(message.find("--run") != std::string::npos, message);
    BOOST_TEST(message.find("has 12 runs (indices 0 to 11)") != std::string::npos, message);
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_becomes_a_failed_scenario_of_the_report) {
  auto loaded = run::load_scenarios({source("tests/run/data/bad"), source("tests/run/data/monte-carlo.yaml")}, {});
  BOOST_TEST_REQUIRE(loaded.unreadable.size() == 1u);
  report::ReportSet reports;
  reports.scenarios.push_back(report::start_report(loaded.scenarios.at(0)));
  run::add_unreadable(reports, loaded.unreadable);
  BOOST_TEST_REQUIRE(reports.scenarios.size() == 2u);
  const auto bad = std::find_if(reports.scenarios.begin(), reports.scenarios.end(),
                                [](const report::ScenarioReport& scenario) { return !scenario.error.empty(); });
  BOOST_TEST_REQUIRE((bad != reports.scenarios.end()));
  BOOST_TEST(!bad->passed);
  BOOST_TEST(bad->file == loaded.unreadable.front().file.string());
  BOOST_TEST(bad->error.find("unknown-key.yaml:3:1: error: unknown key 'ordres'") != std::string::npos, bad->error);
}

BOOST_AUTO_TEST_SUITE_END()  // test_failed_traces
