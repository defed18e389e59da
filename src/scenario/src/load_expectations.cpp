// `expect:` (per order) and `expect_aggregate:` (over runs and orders): what the report checks.
// Orders named must exist: a ref, a count copy, or an order generated from one (`a/reissue`).
#include <fmt/format.h>

#include <algorithm>

#include "casim/sim/world/phones.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

std::optional<TimeBound> read_bound(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto spec = read_duration_spec(reader, node, path);
  if (!spec) return std::nullopt;
  TimeBound bound;
  bound.text = node.Scalar();
  switch (spec->unit) {
    case sim::DurationSpec::Unit::Calendar:
      bound.unit = TimeBound::Unit::Calendar;
      bound.amount = spec->amount / 1e6;
      break;
    case sim::DurationSpec::Unit::BusinessDays:
      bound.unit = TimeBound::Unit::BusinessDays;
      bound.amount = spec->amount;
      break;
    case sim::DurationSpec::Unit::BusinessHours:
      bound.unit = TimeBound::Unit::BusinessHours;
      bound.amount = spec->amount;
      break;
  }
  return bound;
}

std::optional<mockca::Status> read_status(Reader& reader, const YAML::Node& node, const std::string& path) {
  if (node && node.IsScalar() && !node.Scalar().empty() && std::isdigit(static_cast<unsigned char>(node.Scalar()[0]))) {
    const auto code = read_integer(reader, node, path, 0, mockca::kStatusCount - 1);
    if (!code) return std::nullopt;
    return mockca::status_from_code(static_cast<int>(*code));
  }
  KeywordTable<mockca::Status> statuses;
  for (int code = 0; code < mockca::kStatusCount; ++code) {
    const auto status = *mockca::status_from_code(code);
    statuses.emplace_back(mockca::status_keyword(status), status);
  }
  return read_keyword(reader, node, path, statuses);
}

// Reports a time range no duration can lie in: a min above its max. Bounds in different units
// (`min: 1bd, max: 20h`) depend on the calendar and are not compared here.
void check_time_range(Reader& reader, const YAML::Node& max_node, const std::string& path,
                      const std::optional<TimeBound>& min, const std::optional<TimeBound>& max) {
  if (!min || !max || min->unit != max->unit || min->amount <= max->amount) return;
  reader.error(max_node, fmt::format("{}: {} is less than min {}; nothing can lie in the range", path, max->text,
                                     min->text));
}

// Reports an order name that is neither a ref nor generated from one.
void check_order_name(Context& context, const YAML::Node& node, const std::string& path, const std::string& name,
                      bool templates_allowed) {
  const std::string root = name.substr(0, name.find('/'));
  if (context.refs.contains(root) || (templates_allowed && context.templates.contains(name))) return;
  std::vector<std::string_view> known(context.refs.begin(), context.refs.end());
  if (templates_allowed) known.insert(known.end(), context.templates.begin(), context.templates.end());
  context.reader.error(node,
                       fmt::format("{}: no order '{}' in this scenario{}", path, name, did_you_mean(name, known)));
}

std::optional<mockca::ValidationLevel> read_level(Reader& reader, const YAML::Node& node, const std::string& path) {
  return read_keyword<mockca::ValidationLevel>(
      reader, node, path,
      {{"DV", mockca::ValidationLevel::DV}, {"OV", mockca::ValidationLevel::OV}, {"EV", mockca::ValidationLevel::EV}});
}

void read_stages(Reader& reader, const YAML::Node& node, const std::string& path, std::vector<StageBound>& stages) {
  const Section s(reader, node, "stages", path);
  const std::pair<std::string_view, order::Stage> keys[] = {{"pre_review", order::Stage::PreReview},
                                                            {"domain_validation", order::Stage::DomainValidation},
                                                            {"review", order::Stage::Review},
                                                            {"waiting_to_issue", order::Stage::WaitingToIssue},
                                                            {"total_to_issue", order::Stage::TotalToIssue}};
  for (const auto& [key, stage] : keys) {
    const auto v = s.get(key);
    if (!v) continue;
    const Section b(reader, v, "stage_bound", s.path(key));
    if (!b.ok()) continue;
    StageBound bound{stage, {}, {}};
    if (const auto min = b.get("min")) bound.min = read_bound(reader, min, b.path("min"));
    const auto max = b.get("max");
    if (max) bound.max = read_bound(reader, max, b.path("max"));
    if (!b.has("min") && !b.has("max")) reader.error(v, s.path(key) + ": expected min, max or both");
    check_time_range(reader, max, b.path("max"), bound.min, bound.max);
    stages.push_back(std::move(bound));
  }
}

// A reason by its catalogue code.
std::optional<mockca::Reason> read_reason(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto code = read_string(reader, node, path);
  if (!code) return std::nullopt;
  const auto reason = mockca::reason_from_code(*code);
  if (!reason) {
    std::vector<std::string_view> codes;
    for (const auto& info : mockca::all_reasons()) codes.push_back(info.code);
    reader.error(node, fmt::format("{}: unknown reason code '{}'{}; `casim` reports reasons by their catalogue code "
                                   "(e.g. DcvTxtNotFound, ReviewCallRefused)",
                                   path, *code, did_you_mean(*code, codes)));
  }
  return reason;
}

// The subject attributes a certificate may carry, by OpenSSL's short names.
constexpr std::string_view kSubjectAttributes[] = {"C",  "ST", "L",  "O", "OU", "CN", "businessCategory",
                                                   "jurisdictionC", "jurisdictionST", "jurisdictionL",
                                                   "serialNumber", "emailAddress"};

void read_subject(Reader& reader, const YAML::Node& node, const std::string& path,
                  std::vector<std::pair<std::string, std::optional<std::string>>>& subject) {
  if (!node.IsMap()) {
    reader.error(node, path + ": expected a mapping of subject attributes (C, ST, L, O, OU, CN, …) to values, or "
                              "to ~ for an attribute that must be absent");
    return;
  }
  for (const auto& entry : node) {
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string{};
    if (std::find(std::begin(kSubjectAttributes), std::end(kSubjectAttributes), name) == std::end(kSubjectAttributes)) {
      reader.error(entry.first, fmt::format("{}: unknown subject attribute '{}'{}; expected one of: {}", path, name,
                                            did_you_mean(name, kSubjectAttributes),
                                            fmt::join(kSubjectAttributes, ", ")));
      continue;
    }
    if (entry.second.IsNull()) {
      subject.emplace_back(name, std::nullopt);
    } else if (const auto value = read_string(reader, entry.second, path + "." + name)) {
      subject.emplace_back(name, *value);
    }
  }
}

CertificateExpectation read_certificate(Reader& reader, const YAML::Node& node, const std::string& path) {
  CertificateExpectation expected;
  const Section c(reader, node, "certificate_expectation", path);
  if (!c.ok()) return expected;
  if (const auto v = c.get("days")) {
    if (const auto days = read_integer(reader, v, c.path("days"), 1, 3650)) expected.days = static_cast<int>(*days);
  }
  if (const auto v = c.get("not_before")) expected.not_before = read_instant(reader, v, c.path("not_before"));
  if (const auto v = c.get("not_after")) expected.not_after = read_instant(reader, v, c.path("not_after"));
  if (const auto v = c.get("policy_oid")) expected.policy_oid = read_string(reader, v, c.path("policy_oid"));
  if (const auto v = c.get("names")) expected.names = read_strings(reader, v, c.path("names"));
  if (const auto v = c.get("subject")) read_subject(reader, v, c.path("subject"), expected.subject);
  if (const auto v = c.get("key")) expected.key = read_string(reader, v, c.path("key"));
  if (expected == CertificateExpectation{}) {
    reader.error(node, path + ": expected days, not_before, not_after, policy_oid, names, subject or key");
  }
  return expected;
}

std::vector<mockca::ReviewCall> read_calls(Reader& reader, const YAML::Node& node, const std::string& path) {
  std::vector<mockca::ReviewCall> calls;
  for_each_item(reader, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    const Section c(reader, item, "expected_call", item_path);
    if (!c.ok()) return;
    const auto at = read_instant(reader, c.require("at"), c.path("at"));
    const auto result_node = c.require("result");
    std::optional<sim::world::CallResult> result;
    if (const auto text = read_string(reader, result_node, c.path("result"))) {
      reported(reader, result_node, [&] { result = sim::world::parse_call_result(*text, c.path("result")); });
    }
    if (at && result) calls.push_back({*at, *result});
  });
  return calls;
}

DataReuseExpectation read_data_reuse(Reader& reader, const YAML::Node& node, const std::string& path) {
  DataReuseExpectation expected;
  const Section d(reader, node, "data_reuse_expectation", path);
  if (!d.ok()) return expected;
  if (const auto v = d.get("organization")) expected.organization = read_bool(reader, v, d.path("organization"));
  if (const auto v = d.get("domains")) expected.domains = read_strings(reader, v, d.path("domains"));
  if (expected == DataReuseExpectation{}) reader.error(node, path + ": expected organization, domains or both");
  return expected;
}

}  // namespace

void load_order_expectations(Context& context, const YAML::Node& node, std::vector<OrderExpectation>& out,
                             std::optional<RunExpectation>& run) {
  Reader& reader = context.reader;
  for_each_item(reader, node, "expect", [&](const YAML::Node& item, const std::string& path) {
    if (item.IsMap() && item["run"]) {
      const Section r(reader, item, "run_expectation", path);
      if (!r.ok()) return;
      if (run) {
        reader.error(item, fmt::format("{}: a second run expectation; the first is at line {}", path, run->where.line));
        return;
      }
      const KeywordTable<order::RunStop> stops{{"completed", order::RunStop::Completed},
                                               {"horizon_reached", order::RunStop::HorizonReached},
                                               {"event_limit_reached", order::RunStop::EventLimitReached},
                                               {"calendar_data_missing", order::RunStop::CalendarDataMissing},
                                               {"ordering_logic_failed", order::RunStop::OrderingLogicFailed}};
      if (const auto stop = read_keyword(reader, r.require("run"), r.path("run"), stops)) {
        run = RunExpectation{reader.span(item), *stop};
      }
      return;
    }
    const Section e(reader, item, "order_expectation", path);
    if (!e.ok()) return;
    OrderExpectation expectation;
    expectation.where = reader.span(item);
    const auto order_node = e.require("order");
    if (const auto name = read_string(reader, order_node, e.path("order"))) {
      expectation.order = *name;
      check_order_name(context, order_node, e.path("order"), *name, false);
    }
    if (const auto v = e.get("outcome")) {
      KeywordTable<order::Outcome> outcomes;
      for (const auto outcome : {order::Outcome::Issued, order::Outcome::Failed, order::Outcome::Rejected,
                                 order::Outcome::Cancelled, order::Outcome::Unfinished, order::Outcome::NotPlaced}) {
        outcomes.emplace_back(order::outcome_name(outcome), outcome);
      }
      expectation.outcome = read_keyword(reader, v, e.path("outcome"), outcomes);
    }
    if (const auto v = e.get("status")) expectation.status = read_status(reader, v, e.path("status"));
    if (const auto v = e.get("statuses")) {
      std::vector<mockca::Status> statuses;
      for_each_item(reader, v, e.path("statuses"), [&](const YAML::Node& status, const std::string& status_path) {
        if (const auto read = read_status(reader, status, status_path)) statuses.push_back(*read);
      });
      expectation.statuses = std::move(statuses);
    }
    if (const auto v = e.get("reason")) expectation.reason = read_reason(reader, v, e.path("reason"));
    if (const auto v = e.get("reasons_seen")) {
      for_each_item(reader, v, e.path("reasons_seen"), [&](const YAML::Node& code, const std::string& code_path) {
        if (const auto reason = read_reason(reader, code, code_path)) expectation.reasons_seen.push_back(*reason);
      });
    }
    if (const auto v = e.get("issued_within"))
      expectation.issued_within = read_bound(reader, v, e.path("issued_within"));
    if (const auto v = e.get("issued_by")) expectation.issued_by = read_date(reader, v, e.path("issued_by"));
    if (const auto v = e.get("issued_at")) expectation.issued_at = read_instant(reader, v, e.path("issued_at"));
    if (const auto v = e.get("certificate")) {
      expectation.certificate = read_certificate(reader, v, e.path("certificate"));
    }
    if (const auto v = e.get("calls")) expectation.calls = read_calls(reader, v, e.path("calls"));
    if (const auto v = e.get("data_reused")) {
      expectation.data_reused = read_data_reuse(reader, v, e.path("data_reused"));
    }
    if (const auto v = e.get("stages")) read_stages(reader, v, e.path("stages"), expectation.stages);
    if (const auto v = e.get("min_runs_fraction")) {
      expectation.min_runs_fraction = read_number(reader, v, e.path("min_runs_fraction"), 0, 1).value_or(1);
    }
    out.push_back(std::move(expectation));
  });
}

void load_aggregate_expectations(Context& context, const YAML::Node& node, std::vector<AggregateExpectation>& out) {
  Reader& reader = context.reader;
  using Kind = AggregateExpectation::Kind;
  for_each_item(reader, node, "expect_aggregate", [&](const YAML::Node& item, const std::string& path) {
    const Section a(reader, item, "aggregate_expectation", path);
    if (!a.ok()) return;
    AggregateExpectation expectation;
    expectation.where = reader.span(item);
    const auto metric = read_keyword<Kind>(reader, a.require("metric"), a.path("metric"),
                                           {{"time_to_issue", Kind::TimeToIssuePercentile},
                                            {"failure_rate", Kind::FailureRate},
                                            {"issued_rate", Kind::IssuedRate}});
    if (!metric) return;
    expectation.kind = *metric;
    const bool time = *metric == Kind::TimeToIssuePercentile;
    if (const auto v = a.get("percentile")) {
      if (!time) reader.error(v, a.path("percentile") + ": only metric time_to_issue has a percentile");
      expectation.percentile = read_number(reader, v, a.path("percentile"), 0, 100).value_or(90);
    }
    for (const std::string_view key : {"min", "max"}) {
      const auto v = a.get(key);
      if (!v) continue;
      if (time) {
        (key == "min" ? expectation.min_time : expectation.max_time) = read_bound(reader, v, a.path(key));
      } else {
        (key == "min" ? expectation.min_rate : expectation.max_rate) = read_number(reader, v, a.path(key), 0, 1);
      }
    }
    if (!a.has("min") && !a.has("max")) reader.error(item, path + ": expected min, max or both");
    check_time_range(reader, a.get("max"), a.path("max"), expectation.min_time, expectation.max_time);
    if (expectation.min_rate && expectation.max_rate && *expectation.min_rate > *expectation.max_rate) {
      reader.error(a.get("max"), fmt::format("{}: {} is less than min {}; no rate can lie in the range", a.path("max"),
                                             *expectation.max_rate, *expectation.min_rate));
    }
    if (const auto v = a.get("level")) expectation.level = read_level(reader, v, a.path("level"));
    if (const auto v = a.get("order")) {
      if (const auto name = read_string(reader, v, a.path("order"))) {
        expectation.order = *name;
        check_order_name(context, v, a.path("order"), *name, true);
      }
    }
    out.push_back(std::move(expectation));
  });
}

}  // namespace casim::scenario::detail
