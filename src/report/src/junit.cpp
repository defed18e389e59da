// write_junit: junit.xml as Jenkins, GitLab and GitHub read it. One <testsuite> per scenario (its
// simulated figures as <properties>, time="0": wall time is not part of a reproducible report),
// one <testcase> per expectation with a <failure type="expectation"> when it failed; a scenario
// that could not run is one <testcase> with an <error>.
#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "casim/report/writers.hpp"
#include "escape.hpp"

namespace casim::report {
namespace {

using detail::escape;

void property(std::ostream& out, std::string_view name, std::string_view value) {
  out << fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", escape(name), escape(value));
}

void figure(std::ostream& out, const std::string& name, const std::optional<double>& value) {
  if (value) property(out, name, fmt::format("{}", *value));
}

void write_properties(const ScenarioReport& report, std::ostream& out) {
  out << "    <properties>\n";
  property(out, "file", report.file);
  property(out, "seed", std::to_string(report.seed));
  property(out, "runs", std::to_string(report.runs.size()));
  property(out, "calendar", report.review_calendar.name);
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

std::string details(const ExpectationResult& result) {
  std::string text = result.message;
  if (result.where.line > 0) text += fmt::format("\nat {}:{}:{}", result.where.file, result.where.line, result.where.column);
  if (result.runs_failed > 0) text += fmt::format("\nfailed in {} of {} runs", result.runs_failed, result.runs_checked);
  if (result.first_failed_run) text += fmt::format("; first failing run: {}", *result.first_failed_run);
  return text;
}

void write_suite(const ScenarioReport& report, std::ostream& out) {
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
    out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", classname, escape(result.id));
    if (result.passed) {
      out << "/>\n";
      continue;
    }
    out << ">\n"
        << fmt::format("      <failure message=\"{}\" type=\"expectation\">{}</failure>\n", escape(result.message),
                       escape(details(result)))
        << "    </testcase>\n";
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
  for (const ScenarioReport& report : reports.scenarios) write_suite(report, out);
  out << "</testsuites>\n";
}

}  // namespace casim::report
