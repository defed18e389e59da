// write_csv: timings.csv, one row per order per run (RFC 4180: CRLF line ends, fields with a
// comma, quote or line break quoted, quotes doubled). Column names are snake_case with the unit
// last (_s: seconds of calendar time, _bd: business days of the CA's review calendar). The time to
// issue is empty for an order that was not issued (failed, rejected, cancelled, unfinished), so a
// spreadsheet's minimum is a real time; a stage's columns are empty for a stage the order never
// entered; business days are empty when the calendar had no data. A scenario that could not run
// (or whose file could not be read, `casim run --keep-going`) has one row: outcome `error`, its
// error in `reasons`. `provisional_calendar` names a calendar with computed holidays
// (CN-provisional) the row's times were counted on: they are provisional.
#include <algorithm>
#include <chrono>
#include <ostream>

#include <fmt/format.h>

#include "casim/report/spill.hpp"
#include "casim/report/writers.hpp"
#include "measure.hpp"
#include "spill_file.hpp"

namespace casim::report {
namespace {

std::string field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string seconds_text(sim::Duration duration) {
  if (duration % sim::kSecond == sim::Duration::zero()) return std::to_string(duration / sim::kSecond);
  return fmt::format("{:.6f}", std::chrono::duration<double>(duration).count());
}

void write_row(const ScenarioReport& report, const RunRecord& run, const order::OrderResult& o, std::ostream& out) {
  std::string reasons;
  for (const mockca::Reason reason : o.reasons) {
    if (!reasons.empty()) reasons += ';';
    reasons += mockca::info(reason).code;
  }
  const order::StageTiming& total = o.timing(order::Stage::TotalToIssue);
  const bool issued = o.outcome == order::Outcome::Issued && total.last_end;
  const bool submitted = o.submitted_at != sim::Instant{} || o.timing(order::Stage::PreReview).entered();
  std::vector<std::string> fields{report.name,
                                  std::to_string(run.run_index),
                                  std::to_string(run.seed),
                                  o.ref,
                                  std::string(order::origin_name(o.origin)),
                                  std::string(mockca::level_name(o.level)),
                                  std::string(mockca::to_string(o.verify_type)),
                                  std::string(order::outcome_name(o.outcome)),
                                  o.outcome == order::Outcome::NotPlaced ? "" : std::to_string(mockca::code(o.status)),
                                  reasons,
                                  submitted ? sim::format_instant(o.submitted_at) : "",
                                  issued ? sim::format_instant(*total.last_end) : ""};
  const auto add_times = [&](const order::StageTiming& timing, bool shown) {
    fields.push_back(shown ? seconds_text(timing.calendar) : "");
    const auto days =
        detail::measure(timing, scenario::TimeBound::Unit::BusinessDays, report.review_calendar.business_day_seconds());
    fields.push_back(shown && days ? fmt::format("{:.4f}", *days) : "");
  };
  add_times(total, issued);
  for (const order::Stage stage : order::kStages) {
    if (stage != order::Stage::TotalToIssue) add_times(o.timing(stage), o.timing(stage).entered());
  }
  fields.push_back(o.certificate ? o.certificate->serial : "");
  fields.push_back(report.provisional_calendar());
  std::string line;
  for (const std::string& value : fields) {
    if (!line.empty()) line += ',';
    line += field(value);
  }
  out << line << "\r\n";
}

// The one row of a scenario that could not run: every column empty but its name, its seed when it
// was read, outcome `error` and the error.
void write_error_row(const ScenarioReport& report, std::size_t columns, std::ostream& out) {
  std::vector<std::string> fields(columns);
  fields[0] = report.name;
  if (report.runs_planned > 0) fields[2] = std::to_string(report.seed);
  fields[7] = "error";
  fields[9] = report.error;
  std::string line;
  for (const std::string& value : fields) {
    if (!line.empty()) line += ',';
    line += field(value);
  }
  out << line << "\r\n";
}

}  // namespace

void write_csv(const ReportSet& reports, std::ostream& out) {
  std::string header =
      "scenario,run,seed,order,origin,level,method,outcome,status_code,reasons,submitted_at,issued_at,"
      "time_to_issue_s,time_to_issue_bd";
  for (const order::Stage stage : order::kStages) {
    if (stage != order::Stage::TotalToIssue) header += fmt::format(",{0}_s,{0}_bd", order::stage_name(stage));
  }
  header += ",serial,provisional_calendar";
  out << header << "\r\n";
  const auto columns = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
  for (const ScenarioReport& report : reports.scenarios) {
    if (!report.error.empty()) write_error_row(report, columns, out);
    for (const RunRecord& run : report.runs) write_run_csv(report, run, out);
  }
}

void write_run_csv(const ScenarioReport& report, const RunRecord& run, std::ostream& out) {
  if (!run.spilled) {
    for (const order::OrderResult& o : run.orders) write_row(report, run, o, out);
    return;
  }
  detail::copy_spilled_file(run.spilled->csv, out);
}

}  // namespace casim::report
