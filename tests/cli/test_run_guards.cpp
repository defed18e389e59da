// The guards of `casim run` (--max-orders, --max-runs, --max-order-runs, --max-events, --max-horizon): a scenario
// asking for more is refused before anything runs (exit 2, the previous report intact), a run
// that reaches its event limit is a runaway (exit 2, nothing published); and the runtime hostiles
// of tests/cli/data/guards (a CNAME loop, a redirect loop, a phone that never answers, polling
// that would go on for ten simulated years) each end within seconds.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <chrono>
#include <filesystem>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_run_guards)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

constexpr auto kQuick = std::chrono::seconds(30);  // generous for a loaded 2-core CI machine
constexpr long kMaxResidentKiB = 1024L * 1024L;    // 1 GiB: the peak resident set of any casim started

std::string guards_data(const std::string& name) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  if (source == nullptr) throw std::runtime_error("CASIM_SOURCE_DIR is not set (run the test through ctest)");
  return (fs::path(source) / "tests" / "cli" / "data" / "guards" / name).string();
}

struct Timed {
  CommandResult result;
  std::chrono::milliseconds took;
};

Timed timed_casim(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  auto result = run_casim(args);
  return {std::move(result),
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)};
}

std::string describe(const Timed& run) {
  return "after " + std::to_string(run.took.count()) + " ms: " + casim::test::describe(run.result);
}

long peak_child_kib() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss;
}

// An output folder holding a good report, and that report.
struct Previous {
  TempDir dir;
  fs::path out = dir.path() / "out";
  std::string report;

  Previous() {
    const auto good = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs", "--format", "json"});
    BOOST_TEST_REQUIRE(good.exit_code == 0, casim::test::describe(good));
    report = read_text(out / "report.json");
  }
  bool intact() const { return read_text(out / "report.json") == report; }
};

// `casim run ARGS --out previous` is refused with exit 2 and `message` on stderr, quickly, and
// leaves the previous report as it was.
void check_refused(const std::vector<std::string>& args, const std::string& message) {
  Previous previous;
  std::vector<std::string> all{"run"};
  all.insert(all.end(), args.begin(), args.end());
  all.insert(all.end(), {"--out", previous.out.string(), "--no-certs"});
  const Timed run = timed_casim(all);
  BOOST_TEST(run.result.exit_code == 2, describe(run));
  BOOST_TEST(contains(run.result.err, message), "expected on stderr: " << message << "\n" << describe(run));
  BOOST_TEST(run.result.out.empty(), describe(run));
  BOOST_TEST((run.took < kQuick), describe(run));
  BOOST_TEST(previous.intact(), "the previous report is intact");
  BOOST_TEST_MESSAGE("refused in " << run.took.count() << " ms");
}

const char* const kTenOrders =
    "name: ten-orders\nruns: 5\nstart: 2026-09-14T09:00:00+08:00\nissue_certificates: false\n"
    "orders:\n  - ref: web\n    names: [www.example.com]\n    count: 10\n"
    "limits: {horizon: 30d, max_events: 5000}\nworld: {dns: {zones: [example.com]}}\n";

}  // namespace

BOOST_AUTO_TEST_CASE(help_documents_each_guard_and_its_default) {
  const auto help = run_casim({"run", "--help"});
  BOOST_TEST(help.exit_code == 0, casim::test::describe(help));
  for (const char* text : {"--max-orders N", "(default: 100000)", "--max-runs N", "(default: 10000)",
                           "--max-order-runs N",
                           "--max-events N", "(default: 2000000)", "--max-horizon DURATION", "(default: 3650d)"}) {
    BOOST_TEST(contains(help.out, text), text << " in\n" << help.out);
  }
}

BOOST_AUTO_TEST_CASE(a_scenario_passing_a_guard_is_refused_at_the_key_before_running) {
  TempDir dir;
  const auto file = dir.write("ten-orders.yaml", kTenOrders).string();
  check_refused({file, "--max-orders", "9"},
                file + ":6:3: error: orders: 10 orders pass the limit of 9 (--max-orders)");
  check_refused({file, "--max-runs", "4"}, file + ":2:7: error: runs: 5 runs pass the limit of 4 (--max-runs)");
  check_refused({file, "--max-events", "4000"},
                file + ":9:36: error: limits.max_events: 5000 events pass the limit of 4000 (--max-events)");
  check_refused({file, "--max-horizon", "1w"},
                file + ":9:19: error: limits.horizon: 30d passes the limit of 1w (--max-horizon)");
}

BOOST_AUTO_TEST_CASE(runs_given_on_the_command_line_are_held_to_max_runs) {
  check_refused({run_data("pass"), "--runs", "20000"},
                "casim: --runs: 20000 runs pass the limit of 10000 (--max-runs)");
}

// 1,000 orders × 10,000 runs passed every guard one by one and then needed some 330 GB.
BOOST_AUTO_TEST_CASE(orders_times_runs_is_guarded_before_anything_is_made) {
  TempDir dir;
  const auto file = dir.write("many.yaml",
                              "name: many\nruns: 10000\nstart: 2026-09-14T09:00:00+08:00\nissue_certificates: false\n"
                              "orders:\n  - ref: web\n    names: [www.example.com]\n    count: 1000\n"
                              "world: {dns: {zones: [example.com]}}\n")
                        .string();
  const std::string passed = "1000 orders × 10000 runs = 10000000 order runs pass the limit of 100000 (--max-order-runs)";
  check_refused({file}, file + ":2:7: error: " + passed);
  const auto lint = run_casim({"lint", file});
  BOOST_TEST(lint.exit_code == 2, casim::test::describe(lint));
  BOOST_TEST(contains(lint.out + lint.err, passed), casim::test::describe(lint));
  check_refused({run_data("pass"), "--runs", "9000", "--max-order-runs", "8999"},
                "order runs pass the limit of 8999 (--max-order-runs)");
  check_refused({file, "--runs", "101"},
                file + ":6:3: error: 1000 orders × 101 runs (--runs) = 101000 order runs pass the limit of 100000");
}

BOOST_AUTO_TEST_CASE(fewer_runs_on_the_command_line_bring_orders_times_runs_within_the_guard) {
  TempDir dir;
  const auto file = dir.write("many.yaml",
                              "name: many\nruns: 10000\nstart: 2026-09-14T09:00:00+08:00\nissue_certificates: false\n"
                              "orders:\n  - ref: web\n    names: [www.example.com]\n    count: 11\n"
                              "limits: {horizon: 30d}\nworld: {dns: {zones: [example.com]}}\n")
                        .string();
  const Timed refused = timed_casim({"run", file, "--out", (dir.path() / "out").string(), "--no-certs"});
  BOOST_TEST(refused.result.exit_code == 2, describe(refused));
  const Timed run = timed_casim({"run", file, "--runs", "2", "--out", (dir.path() / "out").string(), "--no-certs"});
  BOOST_TEST(run.result.exit_code == 0, describe(run));
}

BOOST_AUTO_TEST_CASE(bad_guard_values_are_usage_errors) {
  check_refused({run_data("pass"), "--max-orders", "0"}, "--max-orders: must be at least 1");
  check_refused({run_data("pass"), "--max-horizon", "3bd"}, "--max-horizon: must be calendar time");
  check_refused({run_data("pass"), "--max-horizon", "forever"}, "--max-horizon");
}

BOOST_AUTO_TEST_CASE(a_scenario_within_its_guards_runs) {
  TempDir dir;
  const auto file = dir.write("ten-orders.yaml", kTenOrders).string();
  const Timed run = timed_casim({"run", file, "--out", (dir.path() / "out").string(), "--no-certs", "--max-orders",
                                 "10", "--max-runs", "5", "--max-events", "5000", "--max-horizon", "30d"});
  BOOST_TEST(run.result.exit_code == 0, describe(run));
}

BOOST_AUTO_TEST_CASE(polling_that_would_go_on_for_years_is_a_runaway_exit_two) {
  Previous previous;
  const Timed run =
      timed_casim({"run", guards_data("poll-forever.yaml"), "--out", previous.out.string(), "--no-certs"});
  BOOST_TEST(run.result.exit_code == 2, describe(run));
  BOOST_TEST(contains(run.result.err, "poll-forever.yaml: error: scenario 'guard-poll-forever' ran away: in run 0, "
                                      "the run stopped after "),
             describe(run));
  BOOST_TEST(contains(run.result.err, "(limit 200000) at 2026-"), describe(run));
  BOOST_TEST(contains(run.result.err, "with orders still open (dv-busy); runs that ran away: 1 of 1 made"),
             describe(run));
  BOOST_TEST(contains(run.result.err, "raise limits.max_events (at most --max-events)"), describe(run));
  BOOST_TEST(run.result.out.empty(), "no summary of a runaway: " << describe(run));
  BOOST_TEST((run.took < kQuick), describe(run));
  BOOST_TEST(previous.intact(), "the previous report is intact");
  BOOST_TEST(peak_child_kib() < kMaxResidentKiB, "peak resident set: " << peak_child_kib() << " KiB");
  BOOST_TEST_MESSAGE("poll-forever, 200000 events: " << run.took.count() << " ms");
}

BOOST_AUTO_TEST_CASE(max_events_lowers_the_default_event_limit) {
  Previous previous;
  std::string text = read_text(guards_data("poll-forever.yaml"));
  const std::string own_limit = ", max_events: 200000";
  BOOST_TEST_REQUIRE(contains(text, own_limit));
  text.erase(text.find(own_limit), own_limit.size());
  const auto file = previous.dir.write("poll-forever-default-limit.yaml", text);
  const Timed run = timed_casim({"run", file.string(), "--out", previous.out.string(), "--no-certs",
                                 "--max-events", "10000"});
  BOOST_TEST(run.result.exit_code == 2, describe(run));
  BOOST_TEST(contains(run.result.err, "(limit 10000)"), describe(run));
  BOOST_TEST(previous.intact(), "the previous report is intact");
}

BOOST_AUTO_TEST_CASE(world_loops_and_a_silent_phone_end_quickly_with_their_reason) {
  struct Case {
    const char* file;
    const char* reason;
  };
  for (const Case c : {Case{"cname-loop.yaml", "CaaLookupFailed"}, Case{"redirect-loop.yaml", "DcvTooManyRedirects"},
                       Case{"phone-never-answers.yaml", "ReviewNoAnswerAfterRetries"}}) {
    BOOST_TEST_CONTEXT(c.file) {
      TempDir dir;
      const fs::path out = dir.path() / "out";
      const Timed run = timed_casim({"run", guards_data(c.file), "--out", out.string(), "--no-certs"});
      BOOST_TEST(run.result.exit_code == 0, "the scenario expects the reason: " << describe(run));
      BOOST_TEST((run.took < kQuick), describe(run));
      BOOST_TEST(contains(read_text(out / "report.json"), std::string("\"") + c.reason + "\""));
      BOOST_TEST(peak_child_kib() < kMaxResidentKiB, "peak resident set: " << peak_child_kib() << " KiB");
      BOOST_TEST_MESSAGE(c.file << ": " << run.took.count() << " ms");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_order_placed_in_year_9999_leaves_a_run_without_orders_that_still_reports) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const Timed run = timed_casim({"run", guards_data("order-placed-in-year-9999.yaml"), "--out", out.string(),
                                 "--no-certs"});
  BOOST_TEST(run.result.exit_code == 1, "the run did not complete: " << describe(run));
  BOOST_TEST((run.took < kQuick), describe(run));
  BOOST_TEST(contains(run.result.out, "RunHorizonReached"), describe(run));
  BOOST_TEST(contains(read_text(out / "report.html"), "guard-order-placed-in-year-9999"));
}

BOOST_AUTO_TEST_CASE(no_run_starts_after_one_ran_away) {
  Previous previous;
  std::string text = read_text(guards_data("poll-forever.yaml"));
  const std::string start = "start: ";
  BOOST_TEST_REQUIRE(contains(text, start));
  text.insert(text.find(start), "runs: 50\n");
  const auto file = previous.dir.write("poll-forever-50-runs.yaml", text);
  const Timed run = timed_casim({"run", file.string(), "--out", previous.out.string(), "--no-certs", "--jobs", "1"});
  BOOST_TEST(run.result.exit_code == 2, describe(run));
  BOOST_TEST(contains(run.result.err, "runs that ran away: 1 of 1 made (no run starts after one ran away)"),
             describe(run));
  BOOST_TEST((run.took < kQuick), describe(run));
  BOOST_TEST(previous.intact(), "the previous report is intact");
}

BOOST_AUTO_TEST_SUITE_END()  // test_run_guards
