// record_of (a RunResult without its trace) and start_report (a scenario's empty report: what the
// report needs of the scenario to evaluate and render it without the scenario file).
#include <chrono>

#include "casim/report/report.hpp"
#include "casim/sim/calendar_library.hpp"

namespace casim::report {

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
  // The business time of the results is counted on the review calendar (the built-in default
  // calendar when none), whose days off the report shades.
  const sim::Calendar calendar = scenario.config.ca.review_calendar
                                     ? *scenario.config.ca.review_calendar
                                     : sim::CalendarLibrary{}.load(sim::kDefaultCalendar);
  report.calendar = calendar.name();
  report.time_zone = calendar.time_zone().posix();
  report.business_day_seconds = std::chrono::duration<double>(calendar.business_day_length()).count();
  report.order_expectations = scenario.order_expectations;
  report.aggregate_expectations = scenario.aggregate_expectations;
  return report;
}

}  // namespace casim::report
