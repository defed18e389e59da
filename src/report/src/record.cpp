// facts_of, record_of (a RunResult without its trace) and start_report (a scenario's empty report: what the
// report needs of the scenario, its calendars included, to evaluate and render it without the
// scenario file or the calendar library).
#include "casim/report/report.hpp"
#include "casim/sim/calendar_library.hpp"

namespace casim::report {
namespace {

// `calendar` (the built-in default calendar when none) over the local days a run of `config` can
// show: from its start to its horizon, and the days report.html's timeline pads a short run with.
CalendarSnapshot snapshot_for_runs(const std::optional<sim::Calendar>& calendar, const order::RunConfig& config) {
  const sim::Calendar resolved = sim::calendar_or_default(calendar);
  const sim::TimeZone& zone = resolved.time_zone();
  const sim::Date first = zone.to_local(config.start).date;
  const sim::Date last = zone.to_local(config.start + config.limits.horizon).date + boost::gregorian::days(kTimelineMinDays - 1);
  return snapshot_of(resolved, first, last);
}

}  // namespace

OrderFacts facts_of(const order::OrderResult& order) {
  OrderFacts facts;
  facts.ref = order.ref;
  facts.level = order.level;
  facts.outcome = order.outcome;
  if (!order.reasons.empty()) facts.primary_reason = order.reasons.front();
  facts.total = order.timing(order::Stage::TotalToIssue);
  facts.earlier_attempts = order.earlier_attempts.size();
  return facts;
}

RunRecord record_of(order::RunResult result) {
  RunRecord record;
  record.seed = result.seed;
  record.run_index = result.run_index;
  record.start = result.start;
  record.stopped_at = result.stopped_at;
  record.stop = result.stop;
  record.events_run = result.events_run;
  record.fingerprint = result.fingerprint;
  record.warnings = std::move(result.warnings);
  record.orders = std::move(result.orders);
  return record;
}

ScenarioReport start_report(const scenario::Scenario& scenario) {
  ScenarioReport report;
  report.name = scenario.name;
  report.description = scenario.description;
  report.file = scenario.where.file;
  report.tags = scenario.tags;
  report.seed = scenario.seed;
  report.runs_planned = scenario.runs;
  report.review_calendar = snapshot_for_runs(scenario.config.ca.review_calendar, scenario.config);
  report.pre_review_calendar = snapshot_for_runs(scenario.config.ca.pre_review_calendar, scenario.config);
  report.order_expectations = scenario.order_expectations;
  report.aggregate_expectations = scenario.aggregate_expectations;
  report.run_expectation = scenario.run_expectation;
  return report;
}

}  // namespace casim::report
