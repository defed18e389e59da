// Shared set-up of the report tests: hand-made orders and runs with exact timings (for expectation
// and percentile checks), and a small fixed-seed scenario simulated end to end through
// order::run_simulation (for golden files, round trips and merging), plus golden-file comparison
// (CASIM_UPDATE_GOLDEN=1 rewrites the files instead of comparing).
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../order/e2e_support.hpp"
#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"

namespace casim::report::test_support {

using namespace std::chrono_literals;
using order::e2e::at;
using order::e2e::kMonday;

// An order issued after `total` of calendar time and `business` of business time.
inline order::OrderResult issued(const std::string& ref, mockca::ValidationLevel level, sim::Duration total,
                                 sim::Duration business) {
  order::OrderResult o;
  o.ref = ref;
  o.level = level;
  o.outcome = order::Outcome::Issued;
  o.status = mockca::Status::Issued;
  o.submitted_at = kMonday;
  o.history = {{kMonday, mockca::Status::PendingSubmission, mockca::StatusMsg::None, "", std::nullopt},
               {kMonday, mockca::Status::UnderReview, mockca::StatusMsg::PreReviewing, "",
                order::OrderEvent::SubmitInformation},
               {kMonday + total, mockca::Status::Issued, mockca::StatusMsg::None, "", order::OrderEvent::CaIssued}};
  order::StageTiming& timing = o.timing(order::Stage::TotalToIssue);
  timing.stage = order::Stage::TotalToIssue;
  timing.first_start = kMonday;
  timing.last_end = kMonday + total;
  timing.intervals = 1;
  timing.calendar = total;
  timing.business = business;
  for (const order::Stage stage : order::kStages) o.timing(stage).stage = stage;
  return o;
}

// An order the CA failed for `reason`.
inline order::OrderResult failed(const std::string& ref, mockca::ValidationLevel level, mockca::Reason reason) {
  order::OrderResult o;
  o.ref = ref;
  o.level = level;
  o.outcome = order::Outcome::Failed;
  o.status = mockca::Status::ReviewFailed;
  o.reasons = {reason};
  o.submitted_at = kMonday;
  for (const order::Stage stage : order::kStages) o.timing(stage).stage = stage;
  return o;
}

inline RunRecord run_of(std::uint64_t index, std::vector<order::OrderResult> orders) {
  RunRecord run;
  run.seed = 1;
  run.run_index = index;
  run.start = kMonday;
  run.stopped_at = kMonday + 10 * sim::kDay;
  run.orders = std::move(orders);
  return run;
}

// A report with no expectations yet: business days of 8 hours on CN time, no holidays in the
// calendars' range (the week from kMonday).
inline ScenarioReport bare_report(std::string name = "hand-made") {
  ScenarioReport report;
  report.name = std::move(name);
  report.file = "scenarios/hand-made.yaml";
  report.review_calendar.name = "CN";
  report.review_calendar.time_zone = "CST-8";
  report.review_calendar.closes = report.review_calendar.opens + 8h;
  report.review_calendar.first = sim::parse_date("2026-09-14");
  report.review_calendar.last = sim::parse_date("2026-09-20");
  report.pre_review_calendar = report.review_calendar;
  return report;
}

inline scenario::TimeBound business_days(double days, std::string text) {
  return {scenario::TimeBound::Unit::BusinessDays, days, std::move(text)};
}

// Three orders: a DV order issued after 4 h of pre-review, an OV order whose review takes a
// uniform 2–4 business days (so runs differ), and a DV order whose record is never published
// (fails with DcvTimedOut). The run goes on until the certificates expire. Expectations that hold, and one that fails on purpose (dv-missing
// issued), plus aggregates.
inline scenario::Scenario golden_scenario(int runs = 4) {
  using namespace order::e2e;
  scenario::Scenario scenario;
  scenario.where = {"scenarios/test/golden.yaml", 1, 1};
  scenario.name = "golden-mixed";
  scenario.description = "DV issued, OV with a random review, DV without its record";
  scenario.tags = {"test", "golden"};
  scenario.seed = 42;
  scenario.runs = runs;
  scenario.config = base_config(kMonday);
  scenario.config.ca.config.review.ov_duration = sim::DurationDistribution::uniform(
      sim::DurationSpec::business_days(2), sim::DurationSpec::business_days(4), "test");
  scenario.config.orders.push_back(dv_plan("dv-shop", "shop.example.com"));
  scenario.config.orders.push_back(ov_plan("ov-www", "www.example.com"));
  order::OrderPlan missing = dv_plan("dv-missing", "portal.example.com");
  missing.publish.kind = order::PublishKind::Never;
  scenario.config.orders.push_back(missing);

  scenario::OrderExpectation shop;
  shop.where = {"scenarios/test/golden.yaml", 10, 5};
  shop.order = "dv-shop";
  shop.outcome = order::Outcome::Issued;
  shop.issued_within = business_days(1, "1bd");
  scenario.order_expectations.push_back(shop);

  scenario::OrderExpectation www;
  www.where = {"scenarios/test/golden.yaml", 14, 5};
  www.order = "ov-www";
  www.status = mockca::Status::Expired;  // issued, then expired within the horizon
  www.stages.push_back({order::Stage::Review, std::nullopt, business_days(4, "4bd")});
  scenario.order_expectations.push_back(www);

  scenario::OrderExpectation missing_expected;
  missing_expected.where = {"scenarios/test/golden.yaml", 18, 5};
  missing_expected.order = "dv-missing";
  missing_expected.reason = mockca::Reason::DcvTimedOut;
  missing_expected.outcome = order::Outcome::Issued;  // fails on purpose: the record never appears
  scenario.order_expectations.push_back(missing_expected);

  scenario::AggregateExpectation p90;
  p90.where = {"scenarios/test/golden.yaml", 23, 5};
  p90.kind = scenario::AggregateExpectation::Kind::TimeToIssuePercentile;
  p90.level = mockca::ValidationLevel::OV;
  p90.percentile = 90;
  p90.max_time = business_days(5, "5bd");
  scenario.aggregate_expectations.push_back(p90);

  scenario::AggregateExpectation failure_rate;
  failure_rate.where = {"scenarios/test/golden.yaml", 27, 5};
  failure_rate.kind = scenario::AggregateExpectation::Kind::FailureRate;
  failure_rate.max_rate = 0.5;
  scenario.aggregate_expectations.push_back(failure_rate);
  return scenario;
}

// The scenario's report over the runs `indices` (run i uses (seed, i)), evaluated.
inline ScenarioReport simulate(const scenario::Scenario& scenario, const std::vector<std::uint64_t>& indices) {
  ScenarioReport report = start_report(scenario);
  for (const std::uint64_t index : indices) {
    order::RunConfig config = scenario.config;
    config.seed = scenario.seed;
    config.run_index = index;
    report.runs.push_back(record_of(order::run_simulation(config)));
  }
  evaluate(report);
  return report;
}

inline ReportSet set_of(std::vector<ScenarioReport> scenarios, std::optional<std::string> shard = std::nullopt) {
  ReportSet set;
  set.casim_version = "0.0.0-test";
  set.shard = std::move(shard);
  set.scenarios = std::move(scenarios);
  evaluate(set);
  return set;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Compares `actual` with tests/report/golden/<name>; with CASIM_UPDATE_GOLDEN=1 rewrites it.
inline void check_golden(const std::string& name, const std::string& actual) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  BOOST_TEST_REQUIRE(source != nullptr, "CASIM_SOURCE_DIR is not set");
  const std::filesystem::path path = std::filesystem::path(source) / "tests" / "report" / "golden" / name;
  if (const char* update = std::getenv("CASIM_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    BOOST_TEST_MESSAGE("rewrote " << path);
    return;
  }
  BOOST_TEST_REQUIRE(std::filesystem::exists(path), path << " is missing; run with CASIM_UPDATE_GOLDEN=1 to create it");
  const std::string expected = read_text(path);
  BOOST_TEST(actual == expected, name << " differs from the golden file; if the change is intended, rerun with "
                                         "CASIM_UPDATE_GOLDEN=1 and review the diff");
}

}  // namespace casim::report::test_support
