// write_junit: junit.xml as Jenkins, GitLab and GitHub read it. One <testsuite> per scenario (its
// simulated figures as <properties>), one <testcase> per expectation with <properties> (scenario
// file, seed, run counts, casim version, the reproduce command of a failure, the simulated time to
// issue of the order it is about) and a <failure type="expectation"> when it failed: a short
// headline as the message attribute, the expectation's message (once), where and how to reproduce
// it as the text. A scenario that could not run is one <testcase> with an <error>. Every time
// attribute is "0": wall time is not reproducible, so it is not part of the report.
#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "casim/report/reproduce.hpp"
#include "casim/report/writers.hpp"
#include "escape.hpp"
#include "measure.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

using detail::escape;

// Properties of a testsuite are indented by 6, those of a testcase by 8.
void property(std::ostream& out, std::string_view name, std::string_view value, int indent = 6) {
  out << fmt::format("{:{}}<property name=\"{}\" value=\"{}\"/>\n", "", indent, escape(name), escape(value));
}

void figure(std::ostream& out, const std::string& name, const std::optional<double>& value, int indent = 6) {
  if (value) property(out, name, fmt::format("{}", *value), indent);
}

void write_properties(const ScenarioReport& report, std::ostream& out) {
  out << "    <properties>\n";
  property(out, "file", report.file);
  property(out, "seed", std::to_string(report.seed));
  property(out, "runs", std::to_string(report.runs.size()));
  property(out, "calendar", report.review_calendar.name);
  if (const std::string calendar = report.provisional_calendar(); !calendar.empty()) {
    property(out, "provisional", "calendar " + calendar + ": computed holidays, not the announced ones");
  }
  for (const LevelAggregate& a : report.aggregates) {
    const std::string level(mockca::level_name(a.level));
    property(out, level + " orders", std::to_string(a.orders));
    property(out, level + " issued", std::to_string(a.issued));
    figure(out, level + " time to issue p50 (s)", a.p50_s);
    figure(out, level + " time to issue p90 (s)", a.p90_s);
    figure(out, level + " time to issue p50 (business days)", a.p50_bd);
    figure(out, level + " time to issue p90 (business days)", a.p90_bd);
  }
  out << "    </properties>\n";
}

// The failure's message attribute: a headline; the message itself is the failure's text.
std::string headline(const ExpectationResult& result) {
  if (result.runs_failed > 0) return fmt::format("failed in {} of {} runs", result.runs_failed, result.runs_checked);
  return fmt::format("failed over the orders of {} runs", result.runs_checked);
}

std::string details(const ReportSet& set, const ScenarioReport& report, const ExpectationResult& result) {
  std::string text = result.message;
  text += "\nat " + detail::place_text(result.where);
  if (result.first_failed_run) text += fmt::format("\nfirst failing run: {}", *result.first_failed_run);
  text += "\nreproduce: " + reproduce_command(set, report, result);
  return text;
}

// The simulated time to issue of the order a result is about: nearest-rank P50 and P90 over the
// runs that issued it, and its time in the first failing run, in seconds and business days.
void write_order_times(const ScenarioReport& report, const ExpectationResult& result, std::ostream& out) {
  const double day = report.review_calendar.business_day_seconds();
  std::vector<double> seconds, days;
  std::optional<double> failed_s, failed_bd;
  int present = 0;
  for (const RunRecord& run : report.runs) {
    detail::for_each_order(run, [&](const OrderFacts& o) {
      if (o.ref != result.order) return;
      ++present;
      if (o.outcome != order::Outcome::Issued) return;
      const auto s = detail::measure(o.total, scenario::TimeBound::Unit::Calendar, day);
      const auto bd = detail::measure(o.total, scenario::TimeBound::Unit::BusinessDays, day);
      if (s) seconds.push_back(*s);
      if (bd) days.push_back(*bd);
      if (result.first_failed_run == run.run_index) {
        failed_s = s;
        failed_bd = bd;
      }
    });
  }
  property(out, "order_runs", std::to_string(present), 8);
  property(out, "order_issued_runs", std::to_string(seconds.size()), 8);
  const auto percentile = [](const std::vector<double>& values, double p) {
    return values.empty() ? std::nullopt : std::optional(nearest_rank_percentile(values, p));
  };
  figure(out, "time_to_issue_p50_s", percentile(seconds, 50), 8);
  figure(out, "time_to_issue_p90_s", percentile(seconds, 90), 8);
  figure(out, "time_to_issue_p50_bd", percentile(days, 50), 8);
  figure(out, "time_to_issue_p90_bd", percentile(days, 90), 8);
  figure(out, "first_failed_run_time_to_issue_s", failed_s, 8);
  figure(out, "first_failed_run_time_to_issue_bd", failed_bd, 8);
}

void write_case_properties(const ReportSet& set, const ScenarioReport& report, const ExpectationResult& result,
                           std::ostream& out) {
  out << "      <properties>\n";
  property(out, "scenario_file", report.file, 8);
  property(out, "where", detail::place_text(result.where), 8);
  property(out, "seed", std::to_string(report.seed), 8);
  property(out, "runs_planned", std::to_string(report.runs_planned), 8);
  property(out, "runs_checked", std::to_string(result.runs_checked), 8);
  property(out, "runs_failed", std::to_string(result.runs_failed), 8);
  property(out, "casim_version", set.casim_version, 8);
  property(out, "ordering_logic", set.ordering_logic, 8);
  if (result.first_failed_run) property(out, "first_failed_run", std::to_string(*result.first_failed_run), 8);
  if (!result.passed) property(out, "reproduce", reproduce_command(set, report, result), 8);
  if (!result.order.empty()) {
    property(out, "order", result.order, 8);
    write_order_times(report, result, out);
  }
  out << "      </properties>\n";
}

void write_suite(const ReportSet& set, const ScenarioReport& report, std::ostream& out) {
  const auto failures = std::count_if(report.results.begin(), report.results.end(),
                                      [](const ExpectationResult& r) { return !r.passed; });
  const bool error = !report.error.empty();
  out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"0\">\n",
                     escape(report.name), report.results.size() + (error ? 1 : 0), failures, error ? 1 : 0);
  write_properties(report, out);
  const std::string classname = escape(report.name);
  if (error) {
    out << fmt::format("    <testcase classname=\"{}\" name=\"scenario runs\" time=\"0\">\n", classname);
    out << fmt::format("      <error message=\"{}\" type=\"scenario error\">{}</error>\n", escape(report.error),
                       escape(report.error));
    out << "    </testcase>\n";
  }
  for (const ExpectationResult& result : report.results) {
    out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", classname, escape(result.id));
    write_case_properties(set, report, result, out);
    if (!result.passed) {
      out << fmt::format("      <failure message=\"{}\" type=\"expectation\">{}</failure>\n", escape(headline(result)),
                         escape(details(set, report, result)));
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

}  // namespace

void write_junit(const ReportSet& reports, std::ostream& out) {
  std::size_t tests = 0, failures = 0, errors = 0;
  for (const ScenarioReport& report : reports.scenarios) {
    tests += report.results.size() + (report.error.empty() ? 0 : 1);
    errors += report.error.empty() ? 0 : 1;
    failures += static_cast<std::size_t>(std::count_if(report.results.begin(), report.results.end(),
                                                       [](const ExpectationResult& r) { return !r.passed; }));
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"casim\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"0\">\n", tests,
                     failures, errors);
  for (const ScenarioReport& report : reports.scenarios) write_suite(reports, report, out);
  out << "</testsuites>\n";
}

}  // namespace casim::report
