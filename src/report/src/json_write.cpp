// to_json and write_json: the report set as report.json. Instants are ISO 8601 UTC, durations in
// seconds (and business days), enums by their names, reasons with their catalogue entry. Keys are
// sorted (nlohmann::json's map), so the same report gives the same bytes.
#include <chrono>
#include <ostream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "casim/report/reproduce.hpp"
#include "casim/report/spill.hpp"
#include "casim/report/writers.hpp"
#include "json_codec.hpp"
#include "names.hpp"
#include "spill_file.hpp"

namespace casim::report {
namespace {

using nlohmann::json;

double seconds(sim::Duration duration) { return std::chrono::duration<double>(duration).count(); }

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }
json instant_json(const std::optional<sim::Instant>& at) {
  return at ? json(sim::format_instant(*at)) : json(nullptr);
}

json reason_json(mockca::Reason reason) {
  const mockca::ReasonInfo& info = mockca::info(reason);
  return {{"code", info.code},
          {"category", mockca::category_name(info.category)},
          {"reseller_code", info.reseller_code},
          {"message", info.meaning},
          {"hint", info.hint}};
}

json reason_list_json(const std::vector<mockca::Reason>& reasons) {
  json out = json::array();
  for (const mockca::Reason reason : reasons) out.push_back(reason_json(reason));
  return out;
}

json status_json(mockca::Status status) { return {{"code", mockca::code(status)}, {"name", mockca::status_name(status)}}; }

json where_json(const scenario::SourceSpan& where) {
  return {{"file", where.file}, {"line", where.line}, {"column", where.column}};
}

json bound_json(const scenario::TimeBound& bound) {
  return {{"unit", detail::unit_name(bound.unit)}, {"amount", bound.amount}, {"text", bound.text}};
}

json stage_json(const order::StageTiming& timing, double business_day_seconds) {
  json stage = {{"stage", order::stage_name(timing.stage)},
                {"start", instant_json(timing.first_start)},
                {"end", instant_json(timing.last_end)},
                {"intervals", timing.intervals},
                {"open", timing.open},
                {"calendar_seconds", seconds(timing.calendar)}};
  stage["business_seconds"] = timing.business ? json(seconds(*timing.business)) : json(nullptr);
  stage["business_days"] = timing.business ? json(seconds(*timing.business) / business_day_seconds) : json(nullptr);
  return stage;
}

json calls_json(const std::vector<mockca::ReviewCall>& calls) {
  json out = json::array();
  for (const mockca::ReviewCall& call : calls) {
    out.push_back({{"at", sim::format_instant(call.at)}, {"result", sim::world::to_string(call.result)}});
  }
  return out;
}

json certificate_json(const order::CertificateSummary& certificate) {
  json subject = json::array();
  for (const auto& [attribute, value] : certificate.subject) {
    subject.push_back({{"attribute", attribute}, {"value", value}});
  }
  return {{"serial", certificate.serial},
          {"not_before", sim::format_instant(certificate.not_before)},
          {"not_after", sim::format_instant(certificate.not_after)},
          {"days", certificate.days},
          {"capped", certificate.capped},
          {"policy_oid", certificate.policy_oid},
          {"names", certificate.names},
          {"subject", subject},
          {"key", certificate.key},
          {"signed", certificate.signed_certificate},
          {"sha256_fingerprint", certificate.sha256_fingerprint},
          {"revoked_at", instant_json(certificate.revoked_at)}};
}

json order_json(const order::OrderResult& o, double business_day_seconds) {
  json history = json::array();
  for (const order::StatusChange& change : o.history) {
    history.push_back({{"at", sim::format_instant(change.at)},
                       {"status", status_json(change.status)},
                       {"status_msg", mockca::status_msg_text(change.status_msg)},
                       {"text", change.text},
                       {"event", change.event ? json(order::event_name(*change.event)) : json(nullptr)}});
  }
  json stages = json::array();
  for (const order::StageTiming& timing : o.timings) stages.push_back(stage_json(timing, business_day_seconds));
  json refusals = json::array();
  for (const order::Refusal& refusal : o.refusals) {
    refusals.push_back({{"at", sim::format_instant(refusal.at)},
                        {"action", refusal.action},
                        {"reason", reason_json(refusal.reason)},
                        {"error_code", refusal.error_code},
                        {"detail", refusal.detail}});
  }
  json notices = json::array();
  for (const sim::Instant at : o.expiry_notices) notices.push_back(sim::format_instant(at));
  json attempts = json::array();
  for (const order::Attempt& attempt : o.earlier_attempts) {
    attempts.push_back({{"started_at", sim::format_instant(attempt.started_at)},
                        {"ended_at", sim::format_instant(attempt.ended_at)},
                        {"resubmitted_at", sim::format_instant(attempt.resubmitted_at)},
                        {"status", status_json(attempt.status)},
                        {"reasons", reason_list_json(attempt.reasons)},
                        {"text", attempt.text}});
  }
  return {{"ref", o.ref},
          {"origin", order::origin_name(o.origin)},
          {"parent", o.parent},
          {"cycle", o.cycle},
          {"product", order::product_name(o.product)},
          {"level", mockca::level_name(o.level)},
          {"verify_type", mockca::to_string(o.verify_type)},
          {"ca_order_id", o.ca_order_id},
          {"outcome", order::outcome_name(o.outcome)},
          {"status", status_json(o.status)},
          {"reasons", reason_list_json(o.reasons)},
          {"error_code", o.error_code},
          {"history", history},
          {"stages", stages},
          {"certificate", o.certificate ? certificate_json(*o.certificate) : json(nullptr)},
          {"refusals", refusals},
          {"expiry_notices", notices},
          {"resubmissions", o.resubmissions},
          {"earlier_attempts", attempts},
          {"reasons_seen", reason_list_json(o.reasons_seen)},
          {"calls", calls_json(o.calls)},
          {"data_reused", {{"organization", o.data_reused.organization}, {"domains", o.data_reused.domains}}},
          {"submitted_at", sim::format_instant(o.submitted_at)}};
}

// A spilled run's object, read back from its file.
json spilled_json(const SpilledRun& spilled) {
  std::ostringstream text;
  detail::copy_spilled_file(spilled.json, text);
  return json::parse(text.str());
}

// A run's object with an empty array for its orders.
json run_shell_json(const RunRecord& run) {
  json warnings = json::array();
  for (const order::RunWarning& warning : run.warnings) {
    warnings.push_back({{"at", instant_json(warning.at)}, {"reason", reason_json(warning.reason)}, {"message", warning.message}});
  }
  return {{"run_index", run.run_index},
          {"seed", run.seed},
          {"start", sim::format_instant(run.start)},
          {"stopped_at", sim::format_instant(run.stopped_at)},
          {"stop", order::stop_name(run.stop)},
          {"events_run", run.events_run},
          {"fingerprint", fmt::format("{:016x}", run.fingerprint)},
          {"warnings", warnings},
          {"orders", json::array()}};
}

json run_json(const RunRecord& run, double business_day_seconds) {
  if (run.spilled) return spilled_json(*run.spilled);
  json object = run_shell_json(run);
  for (const order::OrderResult& o : run.orders) object["orders"].push_back(order_json(o, business_day_seconds));
  return object;
}

json figures_json(const std::optional<double>& min, const std::optional<double>& p50, const std::optional<double>& p90,
                  const std::optional<double>& p99, const std::optional<double>& max) {
  return {{"min", optional_json(min)}, {"p50", optional_json(p50)}, {"p90", optional_json(p90)},
          {"p99", optional_json(p99)}, {"max", optional_json(max)}};
}

json aggregate_json(const LevelAggregate& aggregate) {
  json failures = json::array();
  for (const auto& [reason, count] : aggregate.failures_by_reason) {
    json entry = reason_json(reason);
    entry["count"] = count;
    failures.push_back(entry);
  }
  return {{"level", mockca::level_name(aggregate.level)},
          {"orders", aggregate.orders},
          {"issued", aggregate.issued},
          {"time_to_issue_seconds", figures_json(aggregate.min_s, aggregate.p50_s, aggregate.p90_s, aggregate.p99_s, aggregate.max_s)},
          {"time_to_issue_business_days",
           figures_json(aggregate.min_bd, aggregate.p50_bd, aggregate.p90_bd, aggregate.p99_bd, aggregate.max_bd)},
          {"failures_by_reason", failures}};
}

// A result; `reproduce` is the command of a failed one (derived: report_from_json does not read it).
json result_json(const ExpectationResult& result, const std::string& reproduce) {
  return {{"id", result.id},
          {"order", result.order},
          {"reproduce", result.passed ? json(nullptr) : json(reproduce)},
          {"where", where_json(result.where)},
          {"passed", result.passed},
          {"message", result.message},
          {"runs_checked", result.runs_checked},
          {"runs_failed", result.runs_failed},
          {"first_failed_run", result.first_failed_run ? json(*result.first_failed_run) : json(nullptr)}};
}

// "09:00" (whole minutes: calendar files give business hours in minutes).
std::string time_of_day(sim::Duration since_midnight) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count();
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

json days_json(const std::vector<CalendarDay>& days) {
  json out = json::array();
  for (const CalendarDay& day : days) out.push_back({{"date", sim::format_date(day.date)}, {"name", day.name}});
  return out;
}

json calendar_json(const CalendarSnapshot& calendar) {
  json weekend = json::array();
  for (const int weekday : detail::kWeekdaysFromMonday) {
    if (calendar.weekend[static_cast<std::size_t>(weekday)]) weekend.push_back(detail::weekday_name(weekday));
  }
  return {{"name", calendar.name},
          {"time_zone", {{"name", calendar.time_zone_name}, {"posix", calendar.time_zone}}},
          {"business_hours", time_of_day(calendar.opens) + "-" + time_of_day(calendar.closes)},
          {"weekend", weekend},
          {"from", sim::format_date(calendar.first)},
          {"to", sim::format_date(calendar.last)},
          {"holidays", days_json(calendar.holidays)},
          {"working_days", days_json(calendar.working_days)},
          {"years_without_data", calendar.years_without_data},
          {"provisional", calendar.provisional}};
}

json scenario_json(const ReportSet& set, const ScenarioReport& report) {
  json order_expectations = json::array();
  for (const auto& expectation : report.order_expectations) order_expectations.push_back(detail::expectation_json(expectation));
  json aggregate_expectations = json::array();
  for (const auto& expectation : report.aggregate_expectations) aggregate_expectations.push_back(detail::expectation_json(expectation));
  json results = json::array();
  for (const ExpectationResult& result : report.results) results.push_back(result_json(result, reproduce_command(set, report, result)));
  json aggregates = json::array();
  for (const LevelAggregate& aggregate : report.aggregates) aggregates.push_back(aggregate_json(aggregate));
  return {{"name", report.name},
          {"description", report.description},
          {"file", report.file},
          {"tags", report.tags},
          {"seed", report.seed},
          {"runs_planned", report.runs_planned},
          {"calendars", {{"review", calendar_json(report.review_calendar)}, {"pre_review", calendar_json(report.pre_review_calendar)}}},
          {"error", report.error},
          {"passed", report.passed},
          {"order_expectations", order_expectations},
          {"aggregate_expectations", aggregate_expectations},
          {"run_expectation", report.run_expectation
                                  ? json{{"where", where_json(report.run_expectation->where)},
                                         {"stop", order::stop_name(report.run_expectation->stop)}}
                                  : json(nullptr)},
          {"results", results},
          {"aggregates", aggregates},
          {"runs", json::array()}};
}

// Writes `text` (dump(2) of a value at depth 0) as it stands `indent` spaces deep: dump escapes
// every line break within a string, so each one in `text` starts a line of the layout.
void write_indented(const std::string& text, std::size_t indent, std::ostream& out) {
  const std::string pad(indent, ' ');
  std::size_t from = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; from = end + 1, end = text.find('\n', from)) {
    out.write(text.data() + from, static_cast<std::streamsize>(end + 1 - from));
    out << pad;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

// Writes `object` as dump(2) lays it out with its keys `indent` spaces deep, except the array
// under `streamed`: its `count` elements are written one at a time by `element(i)`, each from where
// its first character goes, its later lines indent + 2 deep.
template <typename WriteElement>
void write_object(const json& object, std::size_t indent, std::string_view streamed, std::size_t count,
                  const WriteElement& element, std::ostream& out) {
  const std::string pad(indent, ' ');
  out << "{";
  bool first = true;
  for (const auto& [key, value] : object.items()) {
    out << (first ? "\n" : ",\n") << pad << json(key).dump() << ": ";
    first = false;
    if (key != streamed || count == 0) {
      write_indented(value.dump(2), indent, out);
      continue;
    }
    out << "[";
    for (std::size_t i = 0; i < count; ++i) {
      out << (i == 0 ? "\n" : ",\n") << pad << "  ";
      element(i);
    }
    out << "\n" << pad << "]";
  }
  out << "\n" << std::string(indent - 2, ' ') << "}";
}

// The depths of report.json's layout (dump(2)): the document's keys, a scenario's, a run's.
constexpr std::size_t kDocumentKeyIndent = 2;
constexpr std::size_t kScenarioKeyIndent = 6;
constexpr std::size_t kRunKeyIndent = 10;

// A scenario's object as dump(2) lays it out, its runs written one at a time.
void write_scenario_json(const ReportSet& set, const ScenarioReport& report, std::ostream& out) {
  write_object(scenario_json(set, report), kScenarioKeyIndent, "runs", report.runs.size(),
               [&](std::size_t i) { write_run_json(report, report.runs[i], out); }, out);
}

}  // namespace

namespace detail {

json expectation_json(const scenario::OrderExpectation& expectation) {
  json out = {{"where", where_json(expectation.where)},
              {"order", expectation.order},
              {"min_runs_fraction", expectation.min_runs_fraction}};
  if (expectation.outcome) out["outcome"] = order::outcome_name(*expectation.outcome);
  if (expectation.status) out["status"] = status_json(*expectation.status);
  if (expectation.statuses) {
    json codes = json::array();
    for (const mockca::Status status : *expectation.statuses) codes.push_back(mockca::code(status));
    out["statuses"] = codes;
  }
  if (expectation.reason) out["reason"] = mockca::info(*expectation.reason).code;
  if (!expectation.reasons_seen.empty()) {
    json codes = json::array();
    for (const mockca::Reason reason : expectation.reasons_seen) codes.push_back(mockca::info(reason).code);
    out["reasons_seen"] = codes;
  }
  if (expectation.issued_within) out["issued_within"] = bound_json(*expectation.issued_within);
  if (expectation.issued_by) out["issued_by"] = sim::format_date(*expectation.issued_by);
  if (expectation.issued_at) out["issued_at"] = sim::format_instant(*expectation.issued_at);
  if (const auto& certificate = expectation.certificate) {
    json facts = json::object();
    if (certificate->days) facts["days"] = *certificate->days;
    if (certificate->not_before) facts["not_before"] = sim::format_instant(*certificate->not_before);
    if (certificate->not_after) facts["not_after"] = sim::format_instant(*certificate->not_after);
    if (certificate->policy_oid) facts["policy_oid"] = *certificate->policy_oid;
    if (certificate->names) facts["names"] = *certificate->names;
    if (!certificate->subject.empty()) {
      json subject = json::array();
      for (const auto& [attribute, value] : certificate->subject) {
        subject.push_back({{"attribute", attribute}, {"value", value ? json(*value) : json(nullptr)}});
      }
      facts["subject"] = subject;
    }
    if (certificate->key) facts["key"] = *certificate->key;
    out["certificate"] = facts;
  }
  if (expectation.calls) out["calls"] = calls_json(*expectation.calls);
  if (const auto& reuse = expectation.data_reused) {
    json facts = json::object();
    if (reuse->organization) facts["organization"] = *reuse->organization;
    if (reuse->domains) facts["domains"] = *reuse->domains;
    out["data_reused"] = facts;
  }
  json stages = json::array();
  for (const scenario::StageBound& bound : expectation.stages) {
    json entry = {{"stage", order::stage_name(bound.stage)}};
    if (bound.min) entry["min"] = bound_json(*bound.min);
    if (bound.max) entry["max"] = bound_json(*bound.max);
    stages.push_back(entry);
  }
  out["stages"] = stages;
  return out;
}

json expectation_json(const scenario::AggregateExpectation& expectation) {
  json out = {{"where", where_json(expectation.where)},
              {"kind", kind_name(expectation.kind)},
              {"order", expectation.order},
              {"percentile", expectation.percentile}};
  if (expectation.level) out["level"] = mockca::level_name(*expectation.level);
  if (expectation.max_time) out["max_time"] = bound_json(*expectation.max_time);
  if (expectation.min_time) out["min_time"] = bound_json(*expectation.min_time);
  if (expectation.max_rate) out["max_rate"] = *expectation.max_rate;
  if (expectation.min_rate) out["min_rate"] = *expectation.min_rate;
  return out;
}

}  // namespace detail

namespace {

// report.json without its scenarios (an empty array in their place).
json document_json(const ReportSet& reports) {
  int passed = 0;
  for (const ScenarioReport& report : reports.scenarios) passed += report.passed ? 1 : 0;
  const int total = static_cast<int>(reports.scenarios.size());
  return {{"meta",
           {{"casim_version", reports.casim_version},
            {"ordering_logic", reports.ordering_logic},
            {"schema_version", kSchemaVersion},
            {"shard", reports.shard ? json(*reports.shard) : json(nullptr)},
            {"non_reproducible_fields", reports.non_reproducible_fields}}},
          {"summary", {{"scenarios", total}, {"passed", passed}, {"failed", total - passed}}},
          {"scenarios", json::array()}};
}

}  // namespace

nlohmann::json to_json(const ReportSet& reports) {
  json document = document_json(reports);
  for (const ScenarioReport& report : reports.scenarios) {
    json scenario = scenario_json(reports, report);
    for (const RunRecord& run : report.runs) {
      scenario["runs"].push_back(run_json(run, report.review_calendar.business_day_seconds()));
    }
    document["scenarios"].push_back(std::move(scenario));
  }
  return document;
}

void write_run_json(const ScenarioReport& report, const RunRecord& run, std::ostream& out) {
  if (run.spilled) {
    detail::copy_spilled_file(run.spilled->json, out);
    return;
  }
  const double business_day_seconds = report.review_calendar.business_day_seconds();
  write_object(run_shell_json(run), kRunKeyIndent, "orders", run.orders.size(), [&](std::size_t i) {
    write_indented(order_json(run.orders[i], business_day_seconds).dump(2), kRunKeyIndent + 2, out);
  }, out);
}

// report.json as dump(2) of to_json lays it out, written a scenario at a time and each scenario's
// runs one at a time: no whole tree in memory.
void write_json(const ReportSet& reports, std::ostream& out) {
  write_object(document_json(reports), kDocumentKeyIndent, "scenarios", reports.scenarios.size(),
               [&](std::size_t i) { write_scenario_json(reports, reports.scenarios[i], out); }, out);
  out << "\n";
}

}  // namespace casim::report
