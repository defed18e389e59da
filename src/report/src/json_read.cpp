// report_from_json and read_report_json: report.json back into a ReportSet, with everything needed to evaluate and
// render it again (merge). Derived fields (a reason's text, business days, the summary) are not
// read: they follow from what is. Every error names the file and the JSON path of the field.
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "casim/report/report.hpp"
#include "casim/sim/error.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

using nlohmann::json;

// A JSON value and its path from the root ("scenarios[0].runs[2].orders[1].status"), with typed
// accessors that throw InputError naming the file and the path.
class Node {
 public:
  Node(const json& value, std::string where, std::string path)
      : value_(value), where_(std::move(where)), path_(std::move(path)) {}

  Node operator[](const char* key) const {
    if (!value_.is_object()) fail("expected an object");
    const auto found = value_.find(key);
    const std::string path = path_.empty() ? key : path_ + "." + key;
    if (found == value_.end()) throw InputError(where_, fmt::format("{}: missing", path));
    return Node(*found, where_, path);
  }
  bool has(const char* key) const { return value_.is_object() && value_.contains(key) && !value_.at(key).is_null(); }
  bool is_null() const { return value_.is_null(); }

  std::vector<Node> items() const {
    if (!value_.is_array()) fail("expected an array");
    std::vector<Node> nodes;
    for (std::size_t i = 0; i < value_.size(); ++i) nodes.emplace_back(value_[i], where_, fmt::format("{}[{}]", path_, i));
    return nodes;
  }
  std::string text() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  bool flag() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
  }
  double number() const {
    if (!value_.is_number()) fail("expected a number");
    return value_.get<double>();
  }
  int integer() const {
    if (!value_.is_number_integer()) fail("expected an integer");
    return value_.get<int>();
  }
  std::uint64_t unsigned_integer() const {
    if (!value_.is_number_unsigned() && !(value_.is_number_integer() && value_.get<std::int64_t>() >= 0)) {
      fail("expected a non-negative integer");
    }
    return value_.get<std::uint64_t>();
  }
  // YYYY-MM-DDThh:mm:ss[.ffffff]Z, as format_instant writes it.
  sim::Instant instant() const {
    std::string value = text();
    sim::Duration fraction{};
    if (const auto dot = value.find('.'); dot != std::string::npos) {
      const std::string digits = value.substr(dot + 1, value.size() - dot - 2);
      if (digits.size() != 6 || digits.find_first_not_of("0123456789") != std::string::npos) fail("bad fraction of a second");
      fraction = sim::Duration{std::stoll(digits)};
      value.erase(dot, digits.size() + 1);
    }
    return sim::parse_instant(value, location()) + fraction;
  }
  std::optional<sim::Instant> optional_instant() const {
    return is_null() ? std::nullopt : std::optional(instant());
  }
  sim::Duration seconds() const { return sim::Duration{std::llround(number() * 1e6)}; }
  std::optional<double> optional_number() const { return is_null() ? std::nullopt : std::optional(number()); }

  std::string location() const { return fmt::format("{}: {}", where_, path_); }
  [[noreturn]] void fail(std::string_view why) const {
    throw InputError(where_, fmt::format("{}: {}", path_.empty() ? "the document" : path_, why));
  }

 private:
  const json& value_;
  std::string where_;
  std::string path_;
};

mockca::Reason reason_of(const Node& node) { return detail::parse_reason(node["code"].text(), node.location()); }
mockca::Status status_of(const Node& node) { return detail::parse_status(node["code"].integer(), node.location()); }

scenario::SourceSpan where_of(const Node& node) {
  return {node["file"].text(), node["line"].integer(), node["column"].integer()};
}

scenario::TimeBound bound_of(const Node& node) {
  return {detail::parse_unit(node["unit"].text(), node.location()), node["amount"].number(), node["text"].text()};
}

order::StageTiming stage_of(const Node& node) {
  order::StageTiming timing;
  timing.stage = detail::parse_stage(node["stage"].text(), node.location());
  timing.first_start = node["start"].optional_instant();
  timing.last_end = node["end"].optional_instant();
  timing.intervals = node["intervals"].integer();
  timing.open = node["open"].flag();
  timing.calendar = node["calendar_seconds"].seconds();
  timing.business = node["business_seconds"].is_null() ? std::nullopt : std::optional(node["business_seconds"].seconds());
  return timing;
}

std::vector<std::string> texts_of(const Node& node) {
  std::vector<std::string> texts;
  for (const Node& item : node.items()) texts.push_back(item.text());
  return texts;
}

mockca::ReviewCall call_of(const Node& node) {
  return {node["at"].instant(), sim::world::parse_call_result(node["result"].text(), node["result"].location())};
}

order::CertificateSummary certificate_of(const Node& node) {
  order::CertificateSummary certificate;
  certificate.serial = node["serial"].text();
  certificate.not_before = node["not_before"].instant();
  certificate.not_after = node["not_after"].instant();
  certificate.days = node["days"].integer();
  certificate.capped = node["capped"].flag();
  certificate.policy_oid = node["policy_oid"].text();
  certificate.names = texts_of(node["names"]);
  if (node.has("subject")) {  // absent from reports written before casim kept it, like key
    for (const Node& attribute : node["subject"].items()) {
      certificate.subject.emplace_back(attribute["attribute"].text(), attribute["value"].text());
    }
    certificate.key = node["key"].text();
  }
  certificate.signed_certificate = node["signed"].flag();
  certificate.sha256_fingerprint = node["sha256_fingerprint"].text();
  certificate.revoked_at = node["revoked_at"].optional_instant();
  return certificate;
}

order::OrderResult order_of(const Node& node) {
  order::OrderResult o;
  o.ref = node["ref"].text();
  o.origin = detail::parse_origin(node["origin"].text(), node.location());
  o.parent = node["parent"].text();
  o.cycle = node["cycle"].integer();
  if (node.has("product")) {  // absent from reports written before casim sold free certificates
    o.product = detail::parse_product(node["product"].text(), node.location());
  }
  o.level = detail::parse_level_name(node["level"].text(), node.location());
  o.verify_type = mockca::parse_verify_type(node["verify_type"].text(), node["verify_type"].location());
  o.ca_order_id = node["ca_order_id"].text();
  o.outcome = detail::parse_outcome(node["outcome"].text(), node.location());
  o.status = status_of(node["status"]);
  for (const Node& reason : node["reasons"].items()) o.reasons.push_back(reason_of(reason));
  o.error_code = node["error_code"].text();
  for (const Node& change : node["history"].items()) {
    order::StatusChange entry;
    entry.at = change["at"].instant();
    entry.status = status_of(change["status"]);
    const auto msg = mockca::status_msg_from_text(change["status_msg"].text());
    if (!msg) change["status_msg"].fail("not a StatusMsg value (PRE-REVIEWING, PENDING-DCV, …)");
    entry.status_msg = *msg;
    entry.text = change["text"].text();
    if (!change["event"].is_null()) entry.event = detail::parse_event(change["event"].text(), change.location());
    o.history.push_back(std::move(entry));
  }
  const auto stages = node["stages"].items();
  if (stages.size() != o.timings.size()) node["stages"].fail(fmt::format("expected {} stages", o.timings.size()));
  for (const Node& stage : stages) {
    order::StageTiming timing = stage_of(stage);
    o.timing(timing.stage) = std::move(timing);
  }
  if (!node["certificate"].is_null()) o.certificate = certificate_of(node["certificate"]);
  for (const Node& refusal : node["refusals"].items()) {
    o.refusals.push_back({refusal["at"].instant(), refusal["action"].text(), reason_of(refusal["reason"]),
                          refusal["error_code"].text(), refusal["detail"].text()});
  }
  for (const Node& notice : node["expiry_notices"].items()) o.expiry_notices.push_back(notice.instant());
  o.resubmissions = node["resubmissions"].integer();
  if (node.has("reasons_seen")) {  // absent from reports written before casim kept them
    for (const Node& reason : node["reasons_seen"].items()) o.reasons_seen.push_back(reason_of(reason));
  }
  if (node.has("earlier_attempts")) {  // absent from reports written before casim kept them
    for (const Node& attempt : node["earlier_attempts"].items()) {
      order::Attempt kept{attempt["started_at"].instant(), attempt["ended_at"].instant(),
                          attempt["resubmitted_at"].instant(), status_of(attempt["status"]), {},
                          attempt["text"].text()};
      for (const Node& reason : attempt["reasons"].items()) kept.reasons.push_back(reason_of(reason));
      o.earlier_attempts.push_back(std::move(kept));
    }
  }
  if (node.has("calls")) {  // absent from reports written before casim kept them, like data_reused
    for (const Node& call : node["calls"].items()) o.calls.push_back(call_of(call));
    o.data_reused.organization = node["data_reused"]["organization"].flag();
    o.data_reused.domains = texts_of(node["data_reused"]["domains"]);
  }
  o.submitted_at = node["submitted_at"].instant();
  return o;
}

std::uint64_t fingerprint_of(const Node& node) {
  const std::string hex = node.text();
  if (hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
    node.fail("expected 16 lower-case hex digits");
  }
  return std::stoull(hex, nullptr, 16);
}

RunRecord run_of(const Node& node) {
  RunRecord run;
  run.run_index = node["run_index"].unsigned_integer();
  run.seed = node["seed"].unsigned_integer();
  run.start = node["start"].instant();
  run.stopped_at = node["stopped_at"].instant();
  run.stop = detail::parse_stop(node["stop"].text(), node.location());
  run.events_run = node["events_run"].unsigned_integer();
  run.fingerprint = fingerprint_of(node["fingerprint"]);
  for (const Node& warning : node["warnings"].items()) {
    run.warnings.push_back({warning["at"].optional_instant(), reason_of(warning["reason"]), warning["message"].text()});
  }
  for (const Node& o : node["orders"].items()) run.orders.push_back(order_of(o));
  return run;
}

scenario::CertificateExpectation certificate_expectation_of(const Node& facts) {
  scenario::CertificateExpectation certificate;
  if (facts.has("days")) certificate.days = facts["days"].integer();
  if (facts.has("not_before")) certificate.not_before = facts["not_before"].instant();
  if (facts.has("not_after")) certificate.not_after = facts["not_after"].instant();
  if (facts.has("policy_oid")) certificate.policy_oid = facts["policy_oid"].text();
  if (facts.has("names")) certificate.names = texts_of(facts["names"]);
  if (facts.has("subject")) {
    for (const Node& attribute : facts["subject"].items()) {
      const Node value = attribute["value"];
      certificate.subject.emplace_back(attribute["attribute"].text(),
                                       value.is_null() ? std::nullopt : std::optional(value.text()));
    }
  }
  if (facts.has("key")) certificate.key = facts["key"].text();
  return certificate;
}

scenario::OrderExpectation order_expectation_of(const Node& node) {
  scenario::OrderExpectation expectation;
  expectation.where = where_of(node["where"]);
  expectation.order = node["order"].text();
  expectation.min_runs_fraction = node["min_runs_fraction"].number();
  if (node.has("outcome")) expectation.outcome = detail::parse_outcome(node["outcome"].text(), node.location());
  if (node.has("status")) expectation.status = status_of(node["status"]);
  if (node.has("statuses")) {
    std::vector<mockca::Status> statuses;
    for (const Node& code : node["statuses"].items()) statuses.push_back(detail::parse_status(code.integer(), code.location()));
    expectation.statuses = std::move(statuses);
  }
  if (node.has("reason")) expectation.reason = detail::parse_reason(node["reason"].text(), node.location());
  if (node.has("reasons_seen")) {
    for (const Node& code : node["reasons_seen"].items()) {
      expectation.reasons_seen.push_back(detail::parse_reason(code.text(), code.location()));
    }
  }
  if (node.has("issued_within")) expectation.issued_within = bound_of(node["issued_within"]);
  if (node.has("issued_by")) expectation.issued_by = sim::parse_date(node["issued_by"].text(), node["issued_by"].location());
  if (node.has("issued_at")) expectation.issued_at = node["issued_at"].instant();
  if (node.has("certificate")) expectation.certificate = certificate_expectation_of(node["certificate"]);
  if (node.has("calls")) {
    std::vector<mockca::ReviewCall> calls;
    for (const Node& call : node["calls"].items()) calls.push_back(call_of(call));
    expectation.calls = std::move(calls);
  }
  if (node.has("data_reused")) {
    const Node reuse = node["data_reused"];
    scenario::DataReuseExpectation expected;
    if (reuse.has("organization")) expected.organization = reuse["organization"].flag();
    if (reuse.has("domains")) expected.domains = texts_of(reuse["domains"]);
    expectation.data_reused = std::move(expected);
  }
  for (const Node& stage : node["stages"].items()) {
    scenario::StageBound bound;
    bound.stage = detail::parse_stage(stage["stage"].text(), stage.location());
    if (stage.has("min")) bound.min = bound_of(stage["min"]);
    if (stage.has("max")) bound.max = bound_of(stage["max"]);
    expectation.stages.push_back(std::move(bound));
  }
  return expectation;
}

scenario::AggregateExpectation aggregate_expectation_of(const Node& node) {
  scenario::AggregateExpectation expectation;
  expectation.where = where_of(node["where"]);
  expectation.kind = detail::parse_kind(node["kind"].text(), node.location());
  expectation.order = node["order"].text();
  expectation.percentile = node["percentile"].number();
  if (node.has("level")) expectation.level = detail::parse_level_name(node["level"].text(), node.location());
  if (node.has("max_time")) expectation.max_time = bound_of(node["max_time"]);
  if (node.has("min_time")) expectation.min_time = bound_of(node["min_time"]);
  if (node.has("max_rate")) expectation.max_rate = node["max_rate"].number();
  if (node.has("min_rate")) expectation.min_rate = node["min_rate"].number();
  return expectation;
}

ExpectationResult result_of(const Node& node) {
  ExpectationResult result;
  result.id = node["id"].text();
  result.where = where_of(node["where"]);
  result.passed = node["passed"].flag();
  result.message = node["message"].text();
  result.runs_checked = node["runs_checked"].integer();
  result.runs_failed = node["runs_failed"].integer();
  if (!node["first_failed_run"].is_null()) result.first_failed_run = node["first_failed_run"].unsigned_integer();
  if (node.has("order")) result.order = node["order"].text();  // absent in reports written before it was added
  return result;
}

LevelAggregate aggregate_of(const Node& node) {
  LevelAggregate aggregate;
  aggregate.level = detail::parse_level_name(node["level"].text(), node.location());
  aggregate.orders = node["orders"].integer();
  aggregate.issued = node["issued"].integer();
  const Node s = node["time_to_issue_seconds"];
  aggregate.min_s = s["min"].optional_number();
  aggregate.p50_s = s["p50"].optional_number();
  aggregate.p90_s = s["p90"].optional_number();
  aggregate.p99_s = s["p99"].optional_number();
  aggregate.max_s = s["max"].optional_number();
  const Node bd = node["time_to_issue_business_days"];
  aggregate.min_bd = bd["min"].optional_number();
  aggregate.p50_bd = bd["p50"].optional_number();
  aggregate.p90_bd = bd["p90"].optional_number();
  aggregate.p99_bd = bd["p99"].optional_number();
  aggregate.max_bd = bd["max"].optional_number();
  for (const Node& failure : node["failures_by_reason"].items()) {
    aggregate.failures_by_reason.emplace_back(reason_of(failure), failure["count"].integer());
  }
  return aggregate;
}

// "HH:MM" (of `node`'s HH:MM-HH:MM) → the time since local midnight; 24:00 may close a day.
sim::Duration time_of_day(const Node& node, std::string_view text) {
  const auto is_digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !is_digit(0) || !is_digit(1) || !is_digit(3) || !is_digit(4)) {
    node.fail("expected business hours HH:MM-HH:MM");
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours * 60 + minutes > 24 * 60) node.fail("expected business hours HH:MM-HH:MM");
  return std::chrono::hours{hours} + std::chrono::minutes{minutes};
}

std::vector<CalendarDay> days_of(const Node& node) {
  std::vector<CalendarDay> days;
  for (const Node& day : node.items()) {
    days.push_back({sim::parse_date(day["date"].text(), day["date"].location()), day["name"].text()});
  }
  return days;
}

CalendarSnapshot calendar_of(const Node& node) {
  CalendarSnapshot calendar;
  calendar.name = node["name"].text();
  const Node zone = node["time_zone"];
  calendar.time_zone_name = zone["name"].text();
  calendar.time_zone = zone["posix"].text();
  sim::TimeZone::from_posix(calendar.time_zone, zone["posix"].location());  // refused here, not when drawn
  const Node hours = node["business_hours"];
  const std::string text = hours.text();
  if (text.size() != 11 || text[5] != '-') hours.fail("expected business hours HH:MM-HH:MM");
  calendar.opens = time_of_day(hours, std::string_view(text).substr(0, 5));
  calendar.closes = time_of_day(hours, std::string_view(text).substr(6));
  if (calendar.closes <= calendar.opens) hours.fail("expected business hours that close after they open");
  calendar.weekend.reset();
  for (const Node& day : node["weekend"].items()) {
    calendar.weekend.set(static_cast<std::size_t>(detail::parse_weekday(day.text(), day.location())));
  }
  calendar.first = sim::parse_date(node["from"].text(), node["from"].location());
  calendar.last = sim::parse_date(node["to"].text(), node["to"].location());
  if (calendar.last < calendar.first) node["to"].fail("expected a date on or after from");
  calendar.holidays = days_of(node["holidays"]);
  calendar.working_days = days_of(node["working_days"]);
  for (const Node& year : node["years_without_data"].items()) calendar.years_without_data.insert(year.integer());
  calendar.provisional = node.has("provisional") && node["provisional"].flag();  // absent before casim had one
  return calendar;
}

ScenarioReport scenario_of(const Node& node) {
  ScenarioReport report;
  report.name = node["name"].text();
  report.description = node["description"].text();
  report.file = node["file"].text();
  for (const Node& tag : node["tags"].items()) report.tags.push_back(tag.text());
  report.seed = node["seed"].unsigned_integer();
  report.runs_planned = node["runs_planned"].integer();
  report.review_calendar = calendar_of(node["calendars"]["review"]);
  report.pre_review_calendar = calendar_of(node["calendars"]["pre_review"]);
  report.error = node["error"].text();
  report.passed = node["passed"].flag();
  for (const Node& e : node["order_expectations"].items()) report.order_expectations.push_back(order_expectation_of(e));
  for (const Node& e : node["aggregate_expectations"].items()) report.aggregate_expectations.push_back(aggregate_expectation_of(e));
  if (node.has("run_expectation")) {  // absent from reports written before run expectations
    const Node run = node["run_expectation"];
    report.run_expectation =
        scenario::RunExpectation{where_of(run["where"]), detail::parse_stop(run["stop"].text(), run.location())};
  }
  for (const Node& r : node["results"].items()) report.results.push_back(result_of(r));
  for (const Node& a : node["aggregates"].items()) report.aggregates.push_back(aggregate_of(a));
  for (const Node& run : node["runs"].items()) report.runs.push_back(run_of(run));
  return report;
}

}  // namespace

ReportSet report_from_json(const nlohmann::json& json, const std::string& where) {
  const Node root(json, where, "");
  const Node meta = root["meta"];
  if (const int version = meta["schema_version"].integer(); version != kSchemaVersion) {
    meta["schema_version"].fail(fmt::format("schema version {} is not supported (this casim reads {})", version, kSchemaVersion));
  }
  ReportSet reports;
  reports.casim_version = meta["casim_version"].text();
  if (meta.has("ordering_logic")) reports.ordering_logic = meta["ordering_logic"].text();
  if (!meta["shard"].is_null()) reports.shard = meta["shard"].text();
  for (const Node& field : meta["non_reproducible_fields"].items()) reports.non_reproducible_fields.push_back(field.text());
  for (const Node& scenario : root["scenarios"].items()) reports.scenarios.push_back(scenario_of(scenario));
  return reports;
}

ReportSet read_report_json(std::string_view text, const std::string& where) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) throw InputError(where, "is not valid JSON");
  return report_from_json(json, where);
}

}  // namespace casim::report
