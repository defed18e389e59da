// write_text: the summary printed on stdout and written as summary.txt. Per scenario PASS or
// FAIL with its counts, per order of the first run (the first 25) the outcome, final status and time to issue
// (with how many runs issued it when there are several), each failed expectation with its
// message; the totals; then the list of failures: per failed expectation its scenario, id, place
// and the command that reproduces it. Plain text, aligned, no colour codes.
#include <algorithm>
#include <chrono>
#include <ostream>
#include <span>

#include <fmt/format.h>

#include "casim/report/reproduce.hpp"
#include "casim/report/spill.hpp"
#include "casim/report/writers.hpp"
#include "measure.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

std::string time_to_issue(const order::OrderResult& o, double business_day_seconds) {
  if (o.outcome != order::Outcome::Issued) return "-";
  const order::StageTiming& total = o.timing(order::Stage::TotalToIssue);
  const std::string calendar =
      detail::describe(*detail::measure(total, scenario::TimeBound::Unit::Calendar, business_day_seconds),
                       scenario::TimeBound::Unit::Calendar);
  const auto days = detail::measure(total, scenario::TimeBound::Unit::BusinessDays, business_day_seconds);
  return fmt::format("{} ({})", calendar, days ? fmt::format("{:.2f} business days", *days) : "business time unknown");
}

std::string over_runs(const ScenarioReport& report, const std::string& ref) {
  int issued = 0, present = 0;
  for (const RunRecord& run : report.runs) {
    detail::for_each_order(run, [&](const OrderFacts& o) {
      if (o.ref != ref) return;
      ++present;
      issued += o.outcome == order::Outcome::Issued ? 1 : 0;
    });
  }
  return fmt::format("  issued in {} of {} runs", issued, present);
}

// Orders listed per scenario; a load scenario's thousands are summed up in one line after these.
constexpr std::size_t kListedOrders = 25;
static_assert(kListedOrders <= kLeadingOrders, "a spilled run 0 keeps the listed orders in full");


void write_orders(const ScenarioReport& report, std::ostream& out) {
  const RunRecord& run = report.runs.front();
  const std::span<const order::OrderResult> listed(run.orders.data(), std::min(run.orders.size(), kListedOrders));
  std::size_t ref_width = 0, outcome_width = 0, status_width = 0, time_width = 0;
  for (const order::OrderResult& o : listed) {
    ref_width = std::max(ref_width, o.ref.size());
    outcome_width = std::max(outcome_width, order::outcome_name(o.outcome).size());
    status_width = std::max(status_width, detail::order_status_text(o).size());
    time_width = std::max(time_width, time_to_issue(o, report.review_calendar.business_day_seconds()).size());
  }
  for (const order::OrderResult& o : listed) {
    std::string extra;
    if (o.product == order::Product::FreeDv) extra += "  " + detail::product_label(o);
    if (report.runs.size() > 1) extra += over_runs(report, o.ref);
    if (o.outcome != order::Outcome::Issued && !o.reasons.empty()) extra += "  " + std::string(mockca::info(o.reasons.front()).code);
    const std::string time = time_to_issue(o, report.review_calendar.business_day_seconds());
    out << fmt::format("    {:<{}}  {:<{}}  {:<{}}  {}", o.ref, ref_width, order::outcome_name(o.outcome), outcome_width,
                       detail::order_status_text(o), status_width, time);
    if (!extra.empty()) out << std::string(time_width - time.size(), ' ') << extra;
    out << '\n';
  }
  const auto rest = run.order_count() - listed.size();
  if (rest == 0) return;
  std::ptrdiff_t issued = 0;
  std::size_t position = 0;
  detail::for_each_order(run, [&](const OrderFacts& o) {
    issued += position++ >= listed.size() && o.outcome == order::Outcome::Issued ? 1 : 0;
  });
  out << fmt::format("    … and {} more orders: {} issued, {} not issued (all of them: report.json, timings.csv)\n",
                     rest, issued, static_cast<std::ptrdiff_t>(rest) - issued);
}

void write_scenario(const ScenarioReport& report, std::ostream& out) {
  const auto failed = std::count_if(report.results.begin(), report.results.end(),
                                    [](const ExpectationResult& r) { return !r.passed; });
  const std::string calendar = report.provisional_calendar();
  out << fmt::format("{}  {}  {} run{}, {} expectations, {} failed{}\n", report.passed ? "PASS" : "FAIL", report.name,
                     report.runs.size(), report.runs.size() == 1 ? "" : "s", report.results.size(), failed,
                     calendar.empty() ? "" : ", PROVISIONAL (calendar " + calendar + ": computed holidays)");
  if (!report.error.empty()) out << "    error: " << report.error << '\n';
  if (!report.runs.empty()) {
    out << fmt::format("    orders of run {}:\n", report.runs.front().run_index);
    write_orders(report, out);
  }
  for (const ExpectationResult& result : report.results) {
    if (result.passed) continue;
    out << fmt::format("    FAILED {}", result.id);
    if (result.where.line > 0) out << fmt::format(" ({})", detail::place_text(result.where));
    out << ": " << result.message << '\n';
  }
}

// The list the summary ends with: where each failure is and how to reproduce it (no message: that
// is above, once).
void write_failure_list(const ReportSet& reports, std::ostream& out) {
  std::string list;
  int count = 0;
  for (const ScenarioReport& report : reports.scenarios) {
    if (!report.error.empty()) {
      list += fmt::format("  {}: could not run ({})\n", report.name, report.file);
      ++count;
    }
    for (const ExpectationResult& result : report.results) {
      if (result.passed) continue;
      list += fmt::format("  {}: {} at {}\n    {}\n", report.name, result.id, detail::place_text(result.where),
                          reproduce_command(reports, report, result));
      ++count;
    }
  }
  if (count > 0) out << fmt::format("\nfailures ({}):\n", count) << list;
}

}  // namespace

void write_text(const ReportSet& reports, std::ostream& out) {
  int passed = 0;
  for (const ScenarioReport& report : reports.scenarios) {
    write_scenario(report, out);
    passed += report.passed ? 1 : 0;
  }
  const int total = static_cast<int>(reports.scenarios.size());
  out << fmt::format("{} scenario{}: {} passed, {} failed\n", total, total == 1 ? "" : "s", passed, total - passed);
  write_failure_list(reports, out);
}

}  // namespace casim::report
