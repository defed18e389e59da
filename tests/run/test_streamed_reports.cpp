// Streamed reports (RunOptions::spill): each run's orders written to files as it finishes and the
// reports written from those files give every format byte for byte as the run kept in memory
// does, with every run present in run-index order whatever --jobs, while the records keep only
// their orders' facts and the few orders the summaries show in full.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/report/spill.hpp"
#include "casim/report/writers.hpp"
#include "casim/run/plan.hpp"
#include "casim/run/suite.hpp"
#include "quiet_observer.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_streamed_reports)

namespace fs = std::filesystem;
using namespace casim;

namespace {

constexpr std::size_t kStreamedRuns = 120;  // runs: of data/streamed.yaml
constexpr std::size_t kStreamedOrders = 59;  // its orders a run

std::vector<scenario::Scenario> load(const std::string& name) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  BOOST_TEST_REQUIRE(source != nullptr, "CASIM_SOURCE_DIR is set by CTest");
  auto loaded = run::load_scenarios({fs::path(source) / "tests" / "run" / "data" / name}, {});
  BOOST_TEST_REQUIRE(loaded.unreadable.empty());
  return std::move(loaded.scenarios);
}

run::SuiteResult run_with(const std::vector<scenario::Scenario>& scenarios, std::size_t jobs, const fs::path& spill) {
  run::RunOptions options;
  options.jobs = jobs;
  options.certificates = false;
  options.failed_traces = 0;
  options.spill = spill;
  test::QuietObserver quiet;
  return run::run_suite(scenarios, options, quiet);
}

// Every format of `reports`, by name.
std::vector<std::pair<std::string, std::string>> formats_of(const report::ReportSet& reports) {
  std::vector<std::pair<std::string, std::string>> texts;
  const auto add = [&](const std::string& name, void (*writer)(const report::ReportSet&, std::ostream&)) {
    std::ostringstream out;
    writer(reports, out);
    texts.emplace_back(name, out.str());
  };
  add("summary.txt", report::write_text);
  add("report.json", report::write_json);
  add("junit.xml", report::write_junit);
  add("timings.csv", report::write_csv);
  add("report.html", report::write_html);
  return texts;
}

}  // namespace

BOOST_AUTO_TEST_CASE(streamed_reports_equal_the_in_memory_ones) {
  for (const char* file : {"streamed.yaml", "monte-carlo.yaml"}) {
    BOOST_TEST_CONTEXT(file) {
      const auto scenarios = load(file);
      const test::TempDir dir;
      const auto kept = run_with(scenarios, 2, {});
      const auto streamed = run_with(scenarios, 2, dir.path() / "runs");
      const auto expected = formats_of(kept.reports);
      const auto found = formats_of(streamed.reports);
      for (std::size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST(found[i].second.size() > 100U, found[i].first);
        BOOST_TEST(found[i].second == expected[i].second, found[i].first << " differs when streamed");
      }
      BOOST_TEST(report::to_json(streamed.reports).dump(2) + "\n" == found[1].second, "to_json reads the spilled runs");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_streamed_run_keeps_only_the_orders_the_summaries_show) {
  const test::TempDir dir;
  const auto result = run_with(load("streamed.yaml"), 2, dir.path() / "runs");
  const auto& runs = result.reports.scenarios.at(0).runs;
  BOOST_TEST_REQUIRE(runs.size() == kStreamedRuns);
  std::size_t kept = 0;
  for (const auto& run : runs) {
    BOOST_TEST_REQUIRE(run.spilled.has_value());
    BOOST_TEST(run.spilled->facts.size() == kStreamedOrders);
    BOOST_TEST(run.order_count() == kStreamedOrders);
    kept += run.orders.size();
  }
  BOOST_TEST(runs.front().orders.size() >= report::kLeadingOrders, "run 0's first orders are kept for the summaries");
  // Run 0's, the three named ones of every run, and the first orders not issued and resubmitted.
  BOOST_TEST(kept <= kStreamedOrders + 3 * kStreamedRuns + 2 * report::kListedRows, kept << " orders kept in full");
  BOOST_TEST(runs.back().orders.size() == 3U, "a late run keeps only the orders an expectation names");
}

BOOST_AUTO_TEST_CASE(a_large_streamed_run_is_complete_and_in_run_index_order_whatever_jobs) {
  const auto scenarios = load("streamed.yaml");
  const test::TempDir one_dir, two_dir;
  const auto one = run_with(scenarios, 1, one_dir.path() / "runs");
  const auto two = run_with(scenarios, 2, two_dir.path() / "runs");
  const auto with_one = formats_of(one.reports);
  const auto with_two = formats_of(two.reports);
  for (std::size_t i = 0; i < with_one.size(); ++i) {
    BOOST_TEST(with_one[i].second == with_two[i].second, with_one[i].first << " differs between --jobs 1 and 2");
  }
  const auto json = nlohmann::json::parse(with_two[1].second);
  const auto& runs = json.at("scenarios").at(0).at("runs");
  BOOST_TEST_REQUIRE(runs.size() == kStreamedRuns);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    BOOST_TEST(runs[i].at("run_index").get<std::size_t>() == i);
    BOOST_TEST(runs[i].at("orders").size() == kStreamedOrders);
  }
  const std::string& csv = with_two[3].second;
  BOOST_TEST(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == 1 + kStreamedRuns * kStreamedOrders);
  std::size_t last_run = 0;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    const std::size_t run = std::stoul(line.substr(line.find(',') + 1));
    BOOST_TEST(run >= last_run, "rows in run-index order");
    last_run = run;
  }
  BOOST_TEST(last_run == kStreamedRuns - 1);
}

BOOST_AUTO_TEST_SUITE_END()  // test_streamed_reports
