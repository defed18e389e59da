// casim_run called directly, as the CLI, the server and the agent modes call it: the reports do not
// depend on the number of threads, shards together equal the unsharded run, the observer sees every
// unit finish and can stop the run early, a runaway run stops the handing out and is found, signing
// writes run 0's certificates under the output folder, and loading returns diagnostics instead of
// printing them.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "casim/report/report.hpp"
#include "casim/run/plan.hpp"
#include "casim/run/runaway.hpp"
#include "casim/run/suite.hpp"
#include "quiet_observer.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_run_suite)

namespace fs = std::filesystem;
using namespace casim;

namespace {

constexpr std::size_t kMonteCarloRuns = 6;  // runs: of data/monte-carlo.yaml

fs::path data(const std::string& name) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  BOOST_TEST_REQUIRE(source != nullptr, "CASIM_SOURCE_DIR is set by CTest");
  return fs::path(source) / "tests" / "run" / "data" / name;
}

std::vector<scenario::Scenario> load(const std::string& name, const run::Overrides& overrides = {}) {
  auto loaded = run::load_scenarios({data(name)}, overrides);
  BOOST_TEST_REQUIRE(loaded.unreadable.empty(),
                     name << ": " << (loaded.unreadable.empty() ? "" : loaded.unreadable.front().diagnostics.front().to_string()));
  return std::move(loaded.scenarios);
}

// Records every progress call; asks to stop once `stop_after` units have finished (0: never).
class Recorder final : public run::RunObserver {
 public:
  explicit Recorder(std::size_t stop_after = 0) : stop_after_(stop_after) {}

  void progress(std::size_t done, std::size_t total) override {
    const std::lock_guard lock(mutex_);
    calls.emplace_back(done, total);
  }
  bool stop_requested() override {
    const std::lock_guard lock(mutex_);
    return stop_after_ != 0 && calls.size() >= stop_after_;
  }

  std::vector<std::pair<std::size_t, std::size_t>> calls;  // (done, total)

 private:
  std::size_t stop_after_;
  std::mutex mutex_;
};

// Never asks to stop and ignores progress.
run::RunOptions timing_only(std::size_t jobs, run::Shard shard = {}) {
  run::RunOptions options;
  options.jobs = jobs;
  options.shard = shard;
  options.certificates = false;
  return options;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string json_of(const report::ReportSet& reports) { return report::to_json(reports).dump(2); }

}  // namespace

BOOST_AUTO_TEST_CASE(one_and_two_jobs_give_the_same_reports) {
  const auto scenarios = load("monte-carlo.yaml");
  test::QuietObserver quiet;
  const auto one = run::run_suite(scenarios, timing_only(1), quiet);
  const auto two = run::run_suite(scenarios, timing_only(2), quiet);
  BOOST_TEST_REQUIRE(one.reports.scenarios.size() == 1U);
  BOOST_TEST(one.reports.scenarios[0].runs.size() == kMonteCarloRuns);
  BOOST_TEST(one.reports.scenarios[0].passed, "every run issues dv-www");
  BOOST_TEST(!one.stopped);
  BOOST_TEST(one.reports.scenarios[0].error.empty());
  BOOST_TEST(one.reports.non_reproducible_fields.empty(), "timing-only runs reproduce to the byte");
  BOOST_TEST(json_of(one.reports) == json_of(two.reports), "the reports depend on the number of threads");
}

BOOST_AUTO_TEST_CASE(two_shards_together_equal_the_unsharded_run) {
  const auto scenarios = load("monte-carlo.yaml");
  test::QuietObserver quiet;
  const auto whole = run::run_suite(scenarios, timing_only(2), quiet);
  const auto first = run::run_suite(scenarios, timing_only(2, run::Shard{1, 2}), quiet);
  const auto second = run::run_suite(scenarios, timing_only(2, run::Shard{2, 2}), quiet);
  BOOST_TEST(first.reports.shard.value_or("") == "1/2", "the reports name their shard");
  BOOST_TEST(second.reports.shard.value_or("") == "2/2");
  BOOST_TEST(!whole.reports.shard.has_value());
  BOOST_TEST(first.reports.scenarios.at(0).runs.size() == kMonteCarloRuns / 2);
  BOOST_TEST(first.reports.scenarios.at(0).runs.at(0).run_index == 0U, "shard 1/2 keeps the even runs");
  BOOST_TEST(second.reports.scenarios.at(0).runs.at(0).run_index == 1U, "shard 2/2 keeps the odd runs");
  const auto merged = report::merge({first.reports, second.reports});
  BOOST_TEST(json_of(merged) == json_of(whole.reports));
}

BOOST_AUTO_TEST_CASE(the_observer_sees_every_unit_finish_one_call_at_a_time) {
  const auto scenarios = load("monte-carlo.yaml");
  Recorder recorder;
  const auto result = run::run_suite(scenarios, timing_only(2), recorder);
  BOOST_TEST_REQUIRE(recorder.calls.size() == kMonteCarloRuns);
  for (std::size_t i = 0; i < recorder.calls.size(); ++i) {
    BOOST_TEST(recorder.calls[i].first == i + 1, "call " << i << " reports " << recorder.calls[i].first << " done");
    BOOST_TEST(recorder.calls[i].second == kMonteCarloRuns);
  }
  BOOST_TEST(result.reports.scenarios.at(0).runs.size() == kMonteCarloRuns);
}

BOOST_AUTO_TEST_CASE(a_stop_request_ends_the_run_after_the_units_under_way) {
  const auto scenarios = load("monte-carlo.yaml");
  Recorder recorder(2);
  const auto result = run::run_suite(scenarios, timing_only(1), recorder);
  BOOST_TEST(result.stopped, "the result says it was stopped");
  BOOST_TEST(recorder.calls.size() == 2U, "one thread takes no unit after the stop request");
  const auto& runs = result.reports.scenarios.at(0).runs;
  BOOST_TEST_REQUIRE(runs.size() == 2U, "only the runs made are reported");
  BOOST_TEST(runs[0].run_index == 0U);
  BOOST_TEST(runs[1].run_index == 1U);
}

BOOST_AUTO_TEST_CASE(a_runaway_run_stops_the_handing_out_and_is_found) {
  const auto scenarios = load("runaway.yaml");
  test::QuietObserver quiet;
  const auto result = run::run_suite(scenarios, timing_only(1), quiet);
  BOOST_TEST(!result.stopped, "a runaway is not a stop request");
  const auto runaways = run::find_runaways(result.reports);
  BOOST_TEST_REQUIRE(runaways.size() == 1U);
  const auto& scenario = result.reports.scenarios.at(runaways[0].scenario);
  BOOST_TEST(scenario.name == "suite-runaway");
  BOOST_TEST(runaways[0].count == 1U);
  BOOST_TEST_REQUIRE(scenario.runs.size() == 1U, "no run starts after one ran away (3 were asked for)");
  const auto& first = scenario.runs.at(runaways[0].first_run);
  BOOST_TEST(first.run_index == 0U);
  BOOST_TEST((first.stop == order::RunStop::EventLimitReached));
  BOOST_TEST(first.events_run >= 20000U, "the scenario's limits.max_events");
  const auto warning = std::find_if(first.warnings.begin(), first.warnings.end(), [](const order::RunWarning& w) {
    return w.reason == mockca::Reason::RunEventLimitReached;
  });
  BOOST_TEST_REQUIRE((warning != first.warnings.end()), "the run carries the event-limit warning");
  BOOST_TEST(warning->message.find("(limit 20000)") != std::string::npos, warning->message);
  BOOST_TEST(run::find_runaways(run::run_suite(load("monte-carlo.yaml"), timing_only(1), quiet).reports).empty());
}

BOOST_AUTO_TEST_CASE(signing_writes_run_zeros_certificates_and_the_ca_under_the_output) {
  const test::TempDir dir;
  run::RunOptions options;
  options.output = dir.path();
  options.keep_first_run = true;
  test::QuietObserver quiet;
  const auto result = run::run_suite(load("signed.yaml", {.seed = {}, .runs = 2, .limits = {}}), options, quiet);
  BOOST_TEST(result.reports.scenarios.at(0).passed);
  BOOST_TEST(!result.reports.non_reproducible_fields.empty(), "serials and fingerprints differ between runs");
  BOOST_TEST(fs::is_regular_file(dir.path() / "certs" / "root.pem"));
  BOOST_TEST(fs::is_regular_file(dir.path() / "certs" / "suite-signed" / "dv-www" / "cert.pem"));
  BOOST_TEST(fs::is_regular_file(dir.path() / "certs" / "suite-signed" / "dv-www" / "key.pem"));
  BOOST_TEST(fs::is_directory(dir.path() / "ca"), "a fresh hierarchy in the output's ca/");
  BOOST_TEST_REQUIRE(result.first_run.has_value());
  BOOST_TEST(result.first_run->run_index == 0U);
  BOOST_TEST(result.first_run->find("dv-www") != nullptr);

  const test::TempDir timing;
  run::RunOptions no_certs = options;
  no_certs.output = timing.path();
  no_certs.certificates = false;
  no_certs.keep_first_run = false;
  const auto unsigned_result = run::run_suite(load("signed.yaml"), no_certs, quiet);
  BOOST_TEST(unsigned_result.reports.scenarios.at(0).passed);
  BOOST_TEST(!fs::exists(timing.path() / "certs"), "timing only writes no certificate");
  BOOST_TEST(!fs::exists(timing.path() / "ca"));
  BOOST_TEST(!unsigned_result.first_run.has_value(), "the first run is kept only when asked for");
}

BOOST_AUTO_TEST_CASE(loading_returns_every_diagnostic_and_applies_the_overrides) {
  const auto bad = run::load_scenarios({data("bad"), data("monte-carlo.yaml")}, {});
  BOOST_TEST_REQUIRE(bad.scenarios.size() == 1u, "the readable file is loaded all the same");
  BOOST_TEST(bad.scenarios.front().name == "suite-monte-carlo");
  BOOST_TEST_REQUIRE(bad.unreadable.size() == 1u);
  BOOST_TEST(bad.unreadable.front().file.filename() == "unknown-key.yaml");
  std::string text;
  for (const auto& file : bad.unreadable) {
    for (const auto& diagnostic : file.diagnostics) text += diagnostic.to_string() + "\n";
  }
  BOOST_TEST(text.find("unknown-key.yaml:3:1: error: unknown key 'ordres'") != std::string::npos, text);
  BOOST_TEST(text.find("unknown-key.yaml:1:1: error: missing required key 'orders'") != std::string::npos, text);

  const auto scenarios = load("monte-carlo.yaml", {.seed = 99, .runs = 2, .limits = {}});
  BOOST_TEST(scenarios.at(0).seed == 99U);
  BOOST_TEST(scenarios.at(0).runs == 2);
  const test::TempDir dir;
  const auto copy = dir.write("same-name.yaml", read_text(data("monte-carlo.yaml")));
  BOOST_CHECK_THROW(run::load_scenarios({data("monte-carlo.yaml"), copy}, {}), InputError);
}

BOOST_AUTO_TEST_SUITE_END()  // test_run_suite
