// write_html: report.html, one self-contained page (inline CSS and SVG, nothing fetched, no
// script): a header with the overall verdict, the summary of scenarios and the failed expectations
// (each with its place, the command that reproduces it and a link to its row), then per scenario
// its expectations with their messages, aggregates, Gantt timeline, histograms and failure table.
#include <fmt/format.h>

#include "casim/report/reproduce.hpp"
#include "casim/report/writers.hpp"
#include "html_parts.hpp"
#include "measure.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

using html::escape;
using html::number;

struct Counts {
  std::size_t orders = 0;
  std::size_t issued = 0;
  std::size_t expectations_passed = 0;
};

Counts counts_of(const ScenarioReport& scenario) {
  Counts counts;
  for (const auto& run : scenario.runs) {
    counts.orders += run.order_count();
    detail::for_each_order(run, [&](const OrderFacts& order) { counts.issued += order.outcome == order::Outcome::Issued ? 1 : 0; });
  }
  for (const auto& result : scenario.results) counts.expectations_passed += result.passed ? 1 : 0;
  return counts;
}

std::string badge(bool passed) {
  return passed ? R"(<span class="badge pass">pass</span>)" : R"(<span class="badge fail">fail</span>)";
}

std::string where_text(const scenario::SourceSpan& where) { return escape(detail::place_text(where)); }

void write_header(const ReportSet& reports, std::ostream& out) {
  std::size_t failed = 0;
  for (const auto& scenario : reports.scenarios) failed += scenario.passed ? 0 : 1;
  const bool passed = failed == 0 && !reports.scenarios.empty();
  const std::string verdict = reports.scenarios.empty() ? "no scenarios"
                              : passed                  ? "all scenarios passed"
                                                        : fmt::format("{} of {} scenarios failed", failed, reports.scenarios.size());
  out << fmt::format(R"(<header class="verdict {}"><h1>casim report</h1><p class="verdict-text">{}</p>)", passed ? "pass" : "fail", verdict)
      << fmt::format(R"(<p class="meta">casim {} · {} scenarios{}</p></header>)", escape(reports.casim_version), reports.scenarios.size(),
                     reports.shard ? " · shard " + escape(*reports.shard) : "")
      << '\n';
}

// A tag after a scenario's badge when its results rest on computed holidays (CN-provisional).
std::string provisional_tag(const ScenarioReport& scenario) {
  const std::string calendar = scenario.provisional_calendar();
  if (calendar.empty()) return "";
  return fmt::format(R"( <span class="tag" title="calendar {}: computed holidays, not the announced ones">provisional</span>)",
                     escape(calendar));
}

void write_summary(const ReportSet& reports, std::ostream& out) {
  out << R"(<h2>Summary</h2><div class="table-wrap"><table class="summary"><thead><tr><th>Scenario</th><th>Result</th>)"
      << R"(<th class="num">Runs</th><th class="num">Orders</th><th class="num">Issued</th><th class="num">Not issued</th><th class="num">Expectations held</th></tr></thead><tbody>)" << '\n';
  for (std::size_t i = 0; i < reports.scenarios.size(); ++i) {
    const ScenarioReport& scenario = reports.scenarios[i];
    const Counts counts = counts_of(scenario);
    out << fmt::format(R"(<tr><td><a href="#scenario-{}">{}</a></td><td>{}{}</td><td class="num">{} / {}</td><td class="num">{}</td>)", i,
                       escape(scenario.name), badge(scenario.passed), provisional_tag(scenario), scenario.runs.size(),
                       scenario.runs_planned, counts.orders)
        << fmt::format(R"(<td class="num">{}</td><td class="num">{}</td><td class="num">{} / {}</td></tr>)", counts.issued,
                       counts.orders - counts.issued, counts.expectations_passed, scenario.results.size())
        << '\n';
  }
  out << "</tbody></table></div>\n";
}

void write_failed_expectations(const ReportSet& reports, std::ostream& out) {
  std::string items;
  for (std::size_t i = 0; i < reports.scenarios.size(); ++i) {
    const ScenarioReport& scenario = reports.scenarios[i];
    if (!scenario.error.empty()) {
      items += fmt::format(R"(<li><a href="#scenario-{}">{}</a>: could not run: {}</li>)", i, escape(scenario.name), escape(scenario.error));
    }
    for (std::size_t j = 0; j < scenario.results.size(); ++j) {
      const ExpectationResult& result = scenario.results[j];
      if (result.passed) continue;
      items += fmt::format(R"(<li><a href="#scenario-{}">{}</a> — <a href="#scenario-{}-result-{}"><strong>{}</strong></a> <span class="where">{}</span>)"
                           R"(<br><code class="reproduce">{}</code></li>)",
                           i, escape(scenario.name), i, j, escape(result.id), where_text(result.where),
                           escape(reproduce_command(reports, scenario, result)));
    }
  }
  if (items.empty()) return;
  out << R"(<h3>Failed expectations</h3><ul class="failed">)" << items << "</ul>\n";
}

// Each row has an id the failed expectations at the top link to; the message is written here only.
void write_expectations(const ScenarioReport& scenario, std::size_t index, std::ostream& out) {
  if (scenario.results.empty()) return;
  out << R"(<h3>Expectations</h3><div class="table-wrap"><table><thead><tr><th>Expectation</th><th>Result</th><th>Message</th>)"
      << R"(<th class="num">Runs failed</th><th class="num">First failed run</th><th>Where</th></tr></thead><tbody>)" << '\n';
  for (std::size_t j = 0; j < scenario.results.size(); ++j) {
    const ExpectationResult& result = scenario.results[j];
    out << fmt::format(R"(<tr id="scenario-{}-result-{}"><td>{}</td><td>{}</td><td>{}</td><td class="num">{} / {}</td><td class="num">{}</td><td class="where">{}</td></tr>)",
                       index, j, escape(result.id), badge(result.passed), escape(result.message), result.runs_failed, result.runs_checked,
                       result.first_failed_run ? std::to_string(*result.first_failed_run) : "—", where_text(result.where))
        << '\n';
  }
  out << "</tbody></table></div>\n";
}

std::string figure(const std::optional<double>& value, double scale = 1) {
  return value ? number(*value / scale) : "—";
}

void write_aggregates(const ScenarioReport& scenario, std::ostream& out) {
  if (scenario.aggregates.empty()) return;
  out << R"(<h3>Time to issue by level</h3><div class="table-wrap"><table><thead><tr><th>Level</th><th class="num">Orders</th><th class="num">Issued</th>)"
      << R"(<th class="num">Business days: min</th><th class="num">P50</th><th class="num">P90</th><th class="num">P99</th><th class="num">max</th><th class="num">Calendar days: P50</th><th class="num">P90</th>)"
      << R"(<th>Failures by reason</th></tr></thead><tbody>)" << '\n';
  for (const auto& level : scenario.aggregates) {
    std::string reasons;
    for (const auto& [reason, count] : level.failures_by_reason) {
      reasons += fmt::format("<div><code>{}</code> × {}</div>", escape(mockca::info(reason).code), count);
    }
    out << fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td>)", mockca::level_name(level.level), level.orders, level.issued)
        << fmt::format(R"(<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>)",
                       figure(level.min_bd), figure(level.p50_bd), figure(level.p90_bd), figure(level.p99_bd), figure(level.max_bd))
        << fmt::format(R"(<td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>)", figure(level.p50_s, 86400), figure(level.p90_s, 86400),
                       reasons.empty() ? "—" : reasons)
        << '\n';
  }
  out << "</tbody></table></div>\n";
}

void write_scenario(const ScenarioReport& scenario, std::size_t index, std::ostream& out) {
  out << fmt::format(R"(<section class="scenario" id="scenario-{}"><details open><summary><h2>{} {}{}</h2></summary>)", index,
                     escape(scenario.name), badge(scenario.passed), provisional_tag(scenario))
      << '\n';
  if (!scenario.description.empty()) out << fmt::format("<p>{}</p>\n", escape(scenario.description));
  std::string tags;
  for (const auto& tag : scenario.tags) tags += fmt::format(R"( <span class="tag">{}</span>)", escape(tag));
  out << fmt::format(R"(<p class="meta">{} · seed {} · {} of {} runs · calendar {} · pre-review calendar {}{}</p>)",
                     escape(scenario.file), scenario.seed, scenario.runs.size(), scenario.runs_planned,
                     escape(scenario.review_calendar.name), escape(scenario.pre_review_calendar.name), tags)
      << '\n';
  if (!scenario.error.empty()) out << fmt::format(R"(<p class="error">Could not run: {}</p>)", escape(scenario.error)) << '\n';
  write_expectations(scenario, index, out);
  write_aggregates(scenario, out);
  const html::CalendarView calendar(scenario.review_calendar);
  html::write_gantt(scenario, calendar, out);
  html::write_histograms(scenario, calendar, out);
  html::write_failures(scenario, out);
  html::write_earlier_attempts(scenario, calendar, out);
  out << "</details></section>\n";
}

}  // namespace

void write_html(const ReportSet& reports, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << R"(<meta name="viewport" content="width=device-width, initial-scale=1"><title>casim report</title>)"
      << "<style>\n" << html::stylesheet() << "</style></head><body>\n";
  write_header(reports, out);
  out << "<main>\n";
  out << "<section>\n";
  write_summary(reports, out);
  write_failed_expectations(reports, out);
  out << "</section>\n";
  for (std::size_t i = 0; i < reports.scenarios.size(); ++i) write_scenario(reports.scenarios[i], i, out);
  out << "</main></body></html>\n";
}

}  // namespace casim::report
