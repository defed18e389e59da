// evaluate(): every expectation of a scenario checked against its runs. Order expectations are
// split into parts (outcome, status, statuses, reason, reasons seen, issued within, issued by,
// issued at, certificate, calls, data reused, each stage bound), each one ExpectationResult checked in every run — or,
// with min_runs_fraction below 1, one result for all of them, holding in a run only when every
// part does. Aggregate expectations are checked over all runs. The implicit "run completes" fails
// for a run stopped by its limits or by missing calendar data, unless the scenario expects the
// runs to stop another way (`run: STOP`). A failure's message says what was expected, what was
// found in the first failing run, and the hint of the order's reason from mockca's catalogue.
// With a provisional calendar (CN-provisional) every message says it is provisional.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/sim/time_zone.hpp"
#include "evaluate_facts.hpp"
#include "measure.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

using scenario::AggregateExpectation;
using scenario::OrderExpectation;
using scenario::TimeBound;

std::string bound_text(const TimeBound& bound) {
  return bound.text.empty() ? detail::describe(bound.amount, bound.unit) : bound.text;
}

std::string reason_text(mockca::Reason reason) {
  const mockca::ReasonInfo& info = mockca::info(reason);
  return fmt::format("{}: {}; hint: {}", info.code, info.meaning, info.hint);
}

std::string join_reasons(const std::vector<mockca::Reason>& reasons) {
  if (reasons.empty()) return "no reason";
  std::string text;
  for (const mockca::Reason reason : reasons) {
    text += fmt::format("{}{}", text.empty() ? "" : ", ", mockca::info(reason).code);
  }
  return text;
}

std::string sequence_text(const std::vector<mockca::Status>& statuses) {
  std::string text;
  for (const mockca::Status status : statuses) text += fmt::format("{}{}", text.empty() ? "" : " → ", mockca::code(status));
  return text.empty() ? "(none)" : text;
}

// One checked part of an order expectation: what must hold, and the check of one run's order
// (nothing when it holds, else what was found).
struct Part {
  std::string aspect;
  std::string expected;
  std::function<std::optional<std::string>(const order::OrderResult&)> check;
};

std::optional<std::string> check_stage_bound(const order::OrderResult& order, const scenario::StageBound& bound,
                                             double day_seconds) {
  const order::StageTiming& timing = order.timing(bound.stage);
  if (!timing.entered()) return fmt::format("never entered {}", order::stage_name(bound.stage));
  for (const auto& [limit, is_min] : {std::pair{bound.min, true}, std::pair{bound.max, false}}) {
    if (!limit) continue;
    const auto value = detail::measure(timing, limit->unit, day_seconds);
    if (!value) return std::string("business time unknown (the calendar has no data for a year reached)");
    if (is_min ? *value < limit->amount : *value > limit->amount) return detail::describe(*value, limit->unit);
  }
  return std::nullopt;
}

std::string stage_expected(const scenario::StageBound& bound) {
  const std::string_view stage = order::stage_name(bound.stage);
  if (bound.min && bound.max) return fmt::format("{} between {} and {}", stage, bound_text(*bound.min), bound_text(*bound.max));
  if (bound.min) return fmt::format("{} at least {}", stage, bound_text(*bound.min));
  if (bound.max) return fmt::format("{} at most {}", stage, bound_text(*bound.max));
  return fmt::format("{} entered", stage);
}

// When the order was issued; nothing when it was not.
std::optional<sim::Instant> issued_instant(const order::OrderResult& o) {
  return o.outcome == order::Outcome::Issued ? o.timing(order::Stage::TotalToIssue).last_end : std::nullopt;
}

std::string not_issued(const order::OrderResult& o) {
  return fmt::format("not issued (outcome {})", order::outcome_name(o.outcome));
}

// "days 200, policy 2.23.140.1.2.2, names a.com, www.a.com": the facts an expectation gives.
std::vector<Part> parts_of(const OrderExpectation& expectation, const ScenarioReport& report) {
  std::vector<Part> parts;
  const double day_seconds = report.review_calendar.business_day_seconds();
  if (const auto outcome = expectation.outcome) {
    parts.push_back({"outcome", fmt::format("outcome {}", order::outcome_name(*outcome)),
                     [outcome](const order::OrderResult& o) -> std::optional<std::string> {
                       if (o.outcome == *outcome) return std::nullopt;
                       return fmt::format("outcome {}", order::outcome_name(o.outcome));
                     }});
  }
  if (const auto status = expectation.status) {
    parts.push_back({"status", fmt::format("status {}", detail::status_text(*status)),
                     [status](const order::OrderResult& o) -> std::optional<std::string> {
                       if (o.status == *status) return std::nullopt;
                       return fmt::format("status {}", detail::status_text(o.status));
                     }});
  }
  if (const auto& statuses = expectation.statuses) {
    parts.push_back({"statuses", fmt::format("statuses {}", sequence_text(*statuses)),
                     [statuses](const order::OrderResult& o) -> std::optional<std::string> {
                       const auto found = o.status_sequence();
                       if (found == *statuses) return std::nullopt;
                       return fmt::format("statuses {}", sequence_text(found));
                     }});
  }
  if (const auto reason = expectation.reason) {
    parts.push_back({"reason", fmt::format("reason {}", mockca::info(*reason).code),
                     [reason](const order::OrderResult& o) -> std::optional<std::string> {
                       if (std::find(o.reasons.begin(), o.reasons.end(), *reason) != o.reasons.end()) return std::nullopt;
                       return fmt::format("reasons: {}", join_reasons(o.reasons));
                     }});
  }
  if (!expectation.reasons_seen.empty()) {
    std::string codes;
    for (const mockca::Reason reason : expectation.reasons_seen) codes += (codes.empty() ? "" : ", ") + std::string(mockca::info(reason).code);
    parts.push_back({"reasons seen", fmt::format("reasons seen {}", codes),
                     [wanted = expectation.reasons_seen](const order::OrderResult& o) -> std::optional<std::string> {
                       for (const mockca::Reason reason : wanted) {
                         if (std::find(o.reasons_seen.begin(), o.reasons_seen.end(), reason) == o.reasons_seen.end()) {
                           return fmt::format("no {} among the reasons seen: {}", mockca::info(reason).code,
                                              join_reasons(o.reasons_seen));
                         }
                       }
                       return std::nullopt;
                     }});
  }
  if (const auto& within = expectation.issued_within) {
    parts.push_back({"issued within", fmt::format("issued within {}", bound_text(*within)),
                     [within, day_seconds](const order::OrderResult& o) -> std::optional<std::string> {
                       if (o.outcome != order::Outcome::Issued) return not_issued(o);
                       const auto value = detail::measure(o.timing(order::Stage::TotalToIssue), within->unit, day_seconds);
                       if (!value) return std::string("business time unknown (the calendar has no data for a year reached)");
                       if (*value <= within->amount) return std::nullopt;
                       return fmt::format("issued after {}", detail::describe(*value, within->unit));
                     }});
  }
  std::optional<sim::TimeZone> zone;  // the CA's, for issued_by, issued_at and calls
  if (expectation.issued_by || expectation.issued_at || expectation.calls) {
    zone = sim::TimeZone::from_posix(report.review_calendar.time_zone, "time zone of " + report.name);
  }
  if (const auto by = expectation.issued_by) {
    parts.push_back({"issued by", fmt::format("issued by {}", sim::format_date(*by)),
                     [by, zone](const order::OrderResult& o) -> std::optional<std::string> {
                       const auto issued = issued_instant(o);
                       if (!issued) return not_issued(o);
                       const sim::Date date = zone->to_local(*issued).date;
                       if (date <= *by) return std::nullopt;
                       return fmt::format("issued on {}", sim::format_date(date));
                     }});
  }
  if (const auto at = expectation.issued_at) {
    parts.push_back({"issued at", fmt::format("issued at {}", sim::format_local_instant(*at, *zone)),
                     [at, zone](const order::OrderResult& o) -> std::optional<std::string> {
                       const auto issued = issued_instant(o);
                       if (!issued) return not_issued(o);
                       if (*issued == *at) return std::nullopt;
                       return fmt::format("issued at {}", sim::format_local_instant(*issued, *zone));
                     }});
  }
  if (const auto& certificate = expectation.certificate) {
    parts.push_back({"certificate", "certificate " + detail::certificate_text(*certificate),
                     [certificate](const order::OrderResult& o) -> std::optional<std::string> {
                       if (!o.certificate) return fmt::format("no certificate (outcome {})", order::outcome_name(o.outcome));
                       return detail::certificate_mismatch(*certificate, *o.certificate);
                     }});
  }
  if (const auto& calls = expectation.calls) {
    parts.push_back({"calls", "calls " + detail::calls_text(*calls, *zone),
                     [calls, zone](const order::OrderResult& o) -> std::optional<std::string> {
                       if (o.calls == *calls) return std::nullopt;
                       return "calls " + detail::calls_text(o.calls, *zone);
                     }});
  }
  if (const auto& reuse = expectation.data_reused) {
    parts.push_back({"data reused", detail::data_reuse_text(*reuse),
                     [reuse](const order::OrderResult& o) { return detail::data_reuse_mismatch(*reuse, o.data_reused); }});
  }
  for (const scenario::StageBound& bound : expectation.stages) {
    parts.push_back({fmt::format("{} duration", order::stage_name(bound.stage)), stage_expected(bound),
                     [bound, day_seconds](const order::OrderResult& o) { return check_stage_bound(o, bound, day_seconds); }});
  }
  return parts;
}

// The parts as one: a run holds only when every part holds in it. With min_runs_fraction < 1 the
// share counts runs in which the whole expectation held, not each part on its own.
Part all_of(std::vector<Part> parts) {
  std::string aspects, expected;
  for (const Part& part : parts) {
    aspects += (aspects.empty() ? "" : ", ") + part.aspect;
    expected += (expected.empty() ? "" : " and ") + part.expected;
  }
  return {"all of " + aspects, expected, [parts = std::move(parts)](const order::OrderResult& o) -> std::optional<std::string> {
            for (const Part& part : parts) {
              if (auto found = part.check(o)) return *found;
            }
            return std::nullopt;
          }};
}

std::string runs_needed(double fraction) {
  return fraction >= 1.0 ? "every run" : fmt::format("{:g}% of the runs", fraction * 100);
}

ExpectationResult check_part(const Part& part, const OrderExpectation& expectation, const ScenarioReport& report) {
  ExpectationResult result;
  result.id = fmt::format("order {}: {}", expectation.order, part.aspect);
  result.where = expectation.where;
  result.order = expectation.order;
  std::string first_found, hint;
  for (const RunRecord& run : report.runs) {
    ++result.runs_checked;
    const auto order = std::find_if(run.orders.begin(), run.orders.end(),
                                    [&](const order::OrderResult& o) { return o.ref == expectation.order; });
    std::optional<std::string> found;
    if (order == run.orders.end()) {
      found = fmt::format("no order '{}' in the run", expectation.order);
    } else {
      found = part.check(*order);
    }
    if (!found) continue;
    if (result.runs_failed++ == 0) {
      result.first_failed_run = run.run_index;
      first_found = *found;
      if (order != run.orders.end() && !order->reasons.empty()) hint = reason_text(order->reasons.front());
    }
  }
  const int held = result.runs_checked - result.runs_failed;
  result.passed = held >= expectation.min_runs_fraction * result.runs_checked - 1e-9;
  if (result.runs_checked == 0) {
    result.message = fmt::format("expected {}: not checked, no runs", part.expected);
  } else if (result.runs_failed == 0) {
    result.message = fmt::format("expected {}: held in {} of {} runs", part.expected, held, result.runs_checked);
  } else {
    result.message = fmt::format("expected {} in {}, found {} in run {} ({} of {} runs failed)", part.expected,
                                 runs_needed(expectation.min_runs_fraction), first_found, *result.first_failed_run,
                                 result.runs_failed, result.runs_checked);
    if (!hint.empty()) result.message += " — " + hint;
  }
  return result;
}

// Why a run did not complete: the reason of its last warning, which says how it stopped.
mockca::Reason stop_reason(const RunRecord& run) {
  if (!run.warnings.empty()) return run.warnings.back().reason;
  return run.stop == order::RunStop::EventLimitReached ? mockca::Reason::RunEventLimitReached
                                                       : mockca::Reason::RunHorizonReached;
}

// `expect: [{run: STOP}]`: every run stops that way.
ExpectationResult check_runs_stop(const ScenarioReport& report, const scenario::RunExpectation& expected) {
  ExpectationResult result;
  result.id = fmt::format("run stops: {}", order::stop_name(expected.stop));
  result.where = expected.where;
  std::string why;
  for (const RunRecord& run : report.runs) {
    ++result.runs_checked;
    if (run.stop == expected.stop || result.runs_failed++ != 0) continue;
    result.first_failed_run = run.run_index;
    why = fmt::format("run {} stopped at {}: {} after {} events", run.run_index, sim::format_instant(run.stopped_at),
                      order::stop_name(run.stop), run.events_run);
    for (const order::RunWarning& warning : run.warnings) why += "; " + warning.message;
  }
  result.passed = result.runs_failed == 0;
  result.message = result.passed ? fmt::format("expected every run to stop: {}; held in {} runs",
                                               order::stop_name(expected.stop), result.runs_checked)
                                 : fmt::format("expected every run to stop: {}; {} of {} runs did not: {}",
                                               order::stop_name(expected.stop), result.runs_failed,
                                               result.runs_checked, why);
  return result;
}

// The implicit expectation that every run completes. A run that reached its horizon is fine
// when the scenario expects an order to be left unfinished.
ExpectationResult check_runs_complete(const ScenarioReport& report) {
  const bool expects_unfinished =
      std::any_of(report.order_expectations.begin(), report.order_expectations.end(),
                  [](const OrderExpectation& e) { return e.outcome == order::Outcome::Unfinished; });
  ExpectationResult result;
  result.id = "run completes";
  result.where = {report.file, 0, 0};
  std::string why;
  for (const RunRecord& run : report.runs) {
    ++result.runs_checked;
    if (run.stop == order::RunStop::Completed) continue;
    if (run.stop == order::RunStop::HorizonReached && expects_unfinished) continue;
    if (result.runs_failed++ != 0) continue;
    result.first_failed_run = run.run_index;
    why = fmt::format("run {} stopped at {} ({}, after {} events)", run.run_index, sim::format_instant(run.stopped_at),
                      order::stop_name(run.stop), run.events_run);
    for (const order::RunWarning& warning : run.warnings) why += "; " + warning.message;
    why += " — " + reason_text(stop_reason(run));
  }
  result.passed = result.runs_failed == 0;
  result.message = result.passed ? fmt::format("every run completed ({} runs)", result.runs_checked)
                                 : fmt::format("{} of {} runs did not complete: {}", result.runs_failed,
                                               result.runs_checked, why);
  return result;
}

std::string aggregate_id(const AggregateExpectation& expectation) {
  std::string scope;
  if (expectation.level) scope += fmt::format("{} ", mockca::level_name(*expectation.level));
  if (!expectation.order.empty()) scope += fmt::format("order {} ", expectation.order);
  if (expectation.kind == AggregateExpectation::Kind::TimeToIssuePercentile) {
    return fmt::format("{}time to issue p{:g}", scope, expectation.percentile);
  }
  return scope + std::string(detail::kind_name(expectation.kind));
}

// Whether `ref` is `wanted` or one of the copies of a `count` template named `wanted`
// (`<wanted>-00001`, …: a dash and digits).
bool ref_matches(std::string_view ref, std::string_view wanted) {
  if (ref == wanted) return true;
  if (ref.size() <= wanted.size() + 1 || !ref.starts_with(wanted) || ref[wanted.size()] != '-') return false;
  const std::string_view number = ref.substr(wanted.size() + 1);
  return std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What the aggregate expectations need of a matching order.
struct Matched {
  order::Outcome outcome = order::Outcome::Unfinished;
  order::StageTiming total;
};

// The orders an aggregate expectation pools; `names_order`: whether one of them is REF itself.
std::vector<Matched> matching_orders(const AggregateExpectation& expectation, const ScenarioReport& report,
                                     bool& names_order) {
  std::vector<Matched> orders;
  names_order = false;
  for (const RunRecord& run : report.runs) {
    detail::for_each_order(run, [&](const OrderFacts& o) {
      if (expectation.level && o.level != *expectation.level) return;
      if (!expectation.order.empty() && !ref_matches(o.ref, expectation.order)) return;
      names_order = names_order || o.ref == expectation.order;
      orders.push_back({o.outcome, o.total});
    });
  }
  return orders;
}

std::string percent(double rate) { return fmt::format("{:g}%", std::round(rate * 10000) / 100); }

// The percentile in `unit` over the issued orders; none when no issued order has a value in it.
struct Measured {
  std::optional<double> value;
  std::string found;  // "9.19 business days over 200 issued orders", "no issued order to measure"
};

Measured measure_percentile(const AggregateExpectation& expectation, const std::vector<Matched>& orders,
                            scenario::TimeBound::Unit unit, double business_day_seconds) {
  std::vector<double> values;
  int unknown = 0;
  for (const Matched& o : orders) {
    if (o.outcome != order::Outcome::Issued) continue;
    const auto value = detail::measure(o.total, unit, business_day_seconds);
    value ? values.push_back(*value) : void(++unknown);
  }
  if (values.empty()) return {std::nullopt, "no issued order to measure"};
  const double p = nearest_rank_percentile(values, expectation.percentile);
  return {p, fmt::format("{} over {} issued orders{}", detail::describe(p, unit), values.size(),
                         unknown ? fmt::format(" ({} without business time left out)", unknown) : "")};
}

// The percentile bounds: each bound is compared in its own unit; the percentile is measured (and
// said) once per unit, so `min: 5bd, max: 10bd` finds one figure.
void check_percentile(const AggregateExpectation& expectation, const std::vector<Matched>& orders,
                      const ScenarioReport& report, ExpectationResult& result) {
  std::vector<std::string> expected, found;
  std::map<scenario::TimeBound::Unit, Measured> measured;
  result.passed = true;
  for (const auto& [limit, is_min] : {std::pair{expectation.min_time, true}, std::pair{expectation.max_time, false}}) {
    if (!limit) continue;
    expected.push_back(fmt::format("{} {}", is_min ? "≥" : "≤", bound_text(*limit)));
    auto [entry, first] = measured.try_emplace(limit->unit);
    if (first) {
      entry->second = measure_percentile(expectation, orders, limit->unit, report.review_calendar.business_day_seconds());
      found.push_back(entry->second.found);
    }
    const std::optional<double>& p = entry->second.value;
    if (!p || (is_min ? *p < limit->amount : *p > limit->amount)) result.passed = false;
  }
  result.message = fmt::format("expected p{:g} of time to issue {}, found {}", expectation.percentile,
                               fmt::join(expected, " and "), fmt::join(found, "; "));
}

void check_rate(const AggregateExpectation& expectation, const std::vector<Matched>& orders,
                ExpectationResult& result) {
  const bool failures = expectation.kind == AggregateExpectation::Kind::FailureRate;
  const auto counted = std::count_if(orders.begin(), orders.end(), [&](const Matched& o) {
    return (o.outcome == order::Outcome::Issued) != failures;
  });
  std::vector<std::string> expected;
  if (expectation.min_rate) expected.push_back("≥ " + percent(*expectation.min_rate));
  if (expectation.max_rate) expected.push_back("≤ " + percent(*expectation.max_rate));
  const std::string what = failures ? "failure rate" : "issued rate";
  if (orders.empty()) {
    result.passed = false;
    result.message = fmt::format("expected {} {}, found no matching order", what, fmt::join(expected, " and "));
    return;
  }
  const double rate = static_cast<double>(counted) / static_cast<double>(orders.size());
  result.passed = (!expectation.min_rate || rate >= *expectation.min_rate - 1e-12) &&
                  (!expectation.max_rate || rate <= *expectation.max_rate + 1e-12);
  result.message = fmt::format("expected {} {}, found {} ({} of {} orders {})", what, fmt::join(expected, " and "),
                               percent(rate), counted, orders.size(), failures ? "not issued" : "issued");
}

ExpectationResult check_aggregate(const AggregateExpectation& expectation, const ScenarioReport& report) {
  ExpectationResult result;
  result.id = aggregate_id(expectation);
  result.where = expectation.where;
  result.runs_checked = static_cast<int>(report.runs.size());
  bool names_order = false;
  const auto orders = matching_orders(expectation, report, names_order);
  // About one order when REF names an order, not only the copies of a `count` template.
  if (names_order) result.order = expectation.order;
  if (expectation.kind == AggregateExpectation::Kind::TimeToIssuePercentile) {
    check_percentile(expectation, orders, report, result);
  } else {
    check_rate(expectation, orders, result);
  }
  return result;
}

// Ids stay unique within a scenario: a repeated id gets " #2", " #3", … in source order.
void make_ids_unique(std::vector<ExpectationResult>& results) {
  std::map<std::string, int> seen;
  for (ExpectationResult& result : results) {
    const int count = ++seen[result.id];
    if (count > 1) result.id += fmt::format(" #{}", count);
  }
}

}  // namespace

void evaluate(ScenarioReport& report) {
  std::sort(report.runs.begin(), report.runs.end(),
            [](const RunRecord& a, const RunRecord& b) { return a.run_index < b.run_index; });
  report.aggregates = detail::level_aggregates(report);
  report.results.clear();
  if (!report.error.empty()) {
    report.passed = false;
    return;
  }
  report.results.push_back(report.run_expectation ? check_runs_stop(report, *report.run_expectation)
                                                 : check_runs_complete(report));
  for (const OrderExpectation& expectation : report.order_expectations) {
    std::vector<Part> parts = parts_of(expectation, report);
    if (expectation.min_runs_fraction < 1.0 && parts.size() > 1) parts = {all_of(std::move(parts))};
    for (const Part& part : parts) report.results.push_back(check_part(part, expectation, report));
  }
  for (const AggregateExpectation& expectation : report.aggregate_expectations) {
    report.results.push_back(check_aggregate(expectation, report));
  }
  make_ids_unique(report.results);
  if (const std::string calendar = report.provisional_calendar(); !calendar.empty()) {
    for (ExpectationResult& result : report.results) {
      result.message += fmt::format(" [provisional: calendar {} has computed holidays, not the announced ones]",
                                    calendar);
    }
  }
  report.passed = std::all_of(report.results.begin(), report.results.end(),
                              [](const ExpectationResult& r) { return r.passed; });
}

void evaluate(ReportSet& reports) {
  std::sort(reports.scenarios.begin(), reports.scenarios.end(),
            [](const ScenarioReport& a, const ScenarioReport& b) { return a.name < b.name; });
  for (ScenarioReport& report : reports.scenarios) evaluate(report);
}

}  // namespace casim::report
