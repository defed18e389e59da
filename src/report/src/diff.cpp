// diff_reports: matches the scenarios of two report sets by name, compares their verdicts and
// expectations, notes what differs between the sets (casim version, ordering logic, shards) and
// hands orders and figures on to diff_orders.cpp and diff_shifts.cpp; the verdict arithmetic of
// the diff model.
#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "diff_parts.hpp"

namespace casim::report {

ShiftThreshold parse_shift_threshold(std::string_view text, const std::string& where) {
  ShiftThreshold threshold;
  threshold.text = std::string(text);
  if (!text.empty() && text.back() == '%') {
    const std::string_view number = text.substr(0, text.size() - 1);
    double percent = -1;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), percent);
    if (number.empty() || error != std::errc{} || end != number.data() + number.size() || !(percent >= 0)) {
      throw InputError(where, fmt::format("'{}' is not a percentage (expected e.g. 5%, 30m or 0.5bd)", text));
    }
    threshold.fraction = percent / 100.0;
    return threshold;
  }
  threshold.amount = sim::parse_duration(text, where);
  return threshold;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Regression: return "regression";
    case Verdict::Improvement: return "improvement";
    case Verdict::Change: break;
  }
  return "change";
}

std::string_view parting_source_name(PartingSource source) {
  return source == PartingSource::Trace ? "trace" : "status history";
}

bool OrderChange::ended_differently() const {
  return base_outcome != new_outcome || base_status != new_status || base_reasons != new_reasons;
}

Verdict ScenarioDiff::verdict() const {
  if (!pass_fail_changed()) return Verdict::Change;
  return new_passed ? Verdict::Improvement : Verdict::Regression;
}

bool ScenarioDiff::empty() const {
  return in_base && in_new && !pass_fail_changed() && notes.empty() && expectations.empty() && orders.empty() &&
         lone_orders.empty() && shifts.empty() && failures.empty();
}

int ReportDiff::count(Verdict verdict) const {
  int total = 0;
  for (const ScenarioDiff& scenario : scenarios) {
    if (!(scenario.in_base && scenario.in_new) || scenario.pass_fail_changed()) total += scenario.verdict() == verdict;
    for (const auto& e : scenario.expectations) total += e.verdict == verdict;
    for (const auto& s : scenario.shifts) total += s.verdict == verdict;
    if (verdict == Verdict::Change) {
      total += static_cast<int>(scenario.orders.size() + scenario.lone_orders.size() + scenario.failures.size());
    }
  }
  return total;
}

bool ReportDiff::empty() const {
  return notes.empty() && std::all_of(scenarios.begin(), scenarios.end(), [](const auto& s) { return s.empty(); });
}

namespace {

void diff_expectations(const ScenarioReport& base, const ScenarioReport& now, ScenarioDiff& diff) {
  std::map<std::string, const ExpectationResult*> before;
  for (const ExpectationResult& result : base.results) before.emplace(result.id, &result);
  for (const ExpectationResult& result : now.results) {
    const auto found = before.find(result.id);
    if (found == before.end()) {
      diff.expectations.push_back({result.id, std::nullopt, result.passed, result.message, Verdict::Change});
      continue;
    }
    const bool was = found->second->passed;
    before.erase(found);
    if (was == result.passed) continue;
    diff.expectations.push_back({result.id, was, result.passed, result.message,
                                 result.passed ? Verdict::Improvement : Verdict::Regression});
  }
  for (const ExpectationResult& result : base.results) {
    if (before.contains(result.id)) {
      diff.expectations.push_back({result.id, result.passed, std::nullopt, result.message, Verdict::Change});
    }
  }
}

// A side that could not run: nothing but its expectations is compared.
void note_error(const ScenarioReport& base, const ScenarioReport& now, ScenarioDiff& diff) {
  if (!base.error.empty() || !now.error.empty()) {
    diff.notes.push_back(fmt::format("could not run in {}: {}; nothing else compared",
                                     base.error.empty() ? "NEW" : (now.error.empty() ? "BASE" : "both"),
                                     base.error.empty() ? now.error : base.error));
  }
}

ScenarioDiff compare(const ScenarioReport& base, const ScenarioReport& now, detail::TraceFiles& base_traces,
                     detail::TraceFiles& new_traces, const DiffOptions& options) {
  ScenarioDiff diff;
  diff.name = now.name;
  diff.base_passed = base.passed;
  diff.new_passed = now.passed;
  note_error(base, now, diff);
  diff_expectations(base, now, diff);
  if (!base.error.empty() || !now.error.empty()) return diff;
  detail::diff_orders(base, now, base_traces, new_traces, diff);
  detail::diff_figures(base, now, options, diff);
  return diff;
}

ScenarioDiff one_sided(const ScenarioReport& report, bool in_new) {
  ScenarioDiff diff;
  diff.name = report.name;
  diff.in_base = !in_new;
  diff.in_new = in_new;
  (in_new ? diff.new_passed : diff.base_passed) = report.passed;
  diff.notes.push_back(fmt::format("in {} only ({}, {} run{}): nothing to compare it with", in_new ? "NEW" : "BASE",
                                   report.file, report.runs.size(), report.runs.size() == 1 ? "" : "s"));
  return diff;
}

void note_sets(const ReportSet& base, const ReportSet& now, ReportDiff& diff) {
  if (base.casim_version != now.casim_version) {
    diff.notes.push_back(fmt::format("casim {} vs {}: compared as usual; a difference may come from casim itself",
                                     base.casim_version, now.casim_version));
  }
  if (base.ordering_logic != now.ordering_logic) {
    diff.notes.push_back(fmt::format("ordering logic '{}' vs '{}': compared as usual; the logic under test differs",
                                     base.ordering_logic, now.ordering_logic));
  }
  for (const auto& [side, set] : {std::pair{"BASE", &base}, std::pair{"NEW", &now}}) {
    if (set->shard) {
      diff.notes.push_back(fmt::format("{} is shard {}: only its runs are compared; merge the shards first "
                                       "(casim merge) to compare whole runs", side, *set->shard));
    }
  }
}

}  // namespace

ReportDiff diff_reports(const DiffSide& base, const DiffSide& now, const DiffOptions& options) {
  ReportDiff diff;
  diff.base_where = base.where;
  diff.new_where = now.where;
  diff.base_version = base.reports->casim_version;
  diff.new_version = now.reports->casim_version;
  diff.base_logic = base.reports->ordering_logic;
  diff.new_logic = now.reports->ordering_logic;
  for (const ShiftThreshold& threshold : options.max_shift) diff.max_shift.push_back(threshold.text);
  note_sets(*base.reports, *now.reports, diff);

  detail::TraceFiles base_traces(base.folder), new_traces(now.folder);
  std::map<std::string, const ScenarioReport*> before;
  for (const ScenarioReport& scenario : base.reports->scenarios) before.emplace(scenario.name, &scenario);
  std::map<std::string, ScenarioDiff> found;
  for (const ScenarioReport& scenario : now.reports->scenarios) {
    const auto match = before.find(scenario.name);
    if (match == before.end()) {
      found.emplace(scenario.name, one_sided(scenario, true));
      continue;
    }
    found.emplace(scenario.name, compare(*match->second, scenario, base_traces, new_traces, options));
    before.erase(match);
  }
  for (const auto& [name, scenario] : before) found.emplace(name, one_sided(*scenario, false));
  for (auto& [name, scenario] : found) {
    if (!scenario.empty()) diff.scenarios.push_back(std::move(scenario));
  }
  return diff;
}

}  // namespace casim::report
