// The per-order part of diff_reports: the runs both sides made with the same seed, matched by run
// index, their orders by ref; for an order that ended differently or took another path, the first
// point where the two runs part — in the order's trace events when both sides kept the run's trace
// file, in its status history otherwise (saying why the trace was not used).
#include <map>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "diff_parts.hpp"
#include "names.hpp"

namespace casim::report::detail {

std::string TraceFiles::relative_name(const std::string& scenario, std::uint64_t run_index) {
  return fmt::format("traces/{}/run-{}.jsonl", scenario, run_index);
}

const std::optional<std::vector<TraceLine>>& TraceFiles::of(const std::string& scenario, std::uint64_t run_index) {
  const auto key = std::pair{scenario, run_index};
  if (const auto found = read_.find(key); found != read_.end()) return found->second;
  std::optional<std::vector<TraceLine>> events;
  if (folder_) {
    const std::filesystem::path file = trace_file(*folder_, scenario, run_index);
    if (std::error_code error; std::filesystem::exists(file, error)) {
      events = parse_trace(sim::read_input_file(file, kTraceFile), file.string());
    }
  }
  return read_.emplace(key, std::move(events)).first->second;
}

namespace {

PartingEntry entry_of(const TraceLine& line) {
  return {line.at, line.stage, line.event, line.status ? status_text(static_cast<mockca::Status>(*line.status)) : "",
          line.detail};
}

PartingEntry entry_of(const order::StatusChange& change) {
  std::string status = status_text(change.status);
  if (change.status_msg != mockca::StatusMsg::None) status += fmt::format(", {}", mockca::status_msg_text(change.status_msg));
  return {sim::format_instant(change.at), "", change.event ? std::string(order::event_name(*change.event)) : "", status,
          change.text};
}

// Sets the first index where `a` and `b` differ (one ending first counts); false when they agree.
template <typename Entry>
bool find_parting(const std::vector<Entry>& a, const std::vector<Entry>& b, OrderChange& change) {
  const std::size_t common = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < common && a[i] == b[i]) ++i;
  if (i == common && a.size() == b.size()) return false;
  change.parted_at = i;
  if (i < a.size()) change.base_entry = entry_of(a[i]);
  if (i < b.size()) change.new_entry = entry_of(b[i]);
  return true;
}

std::vector<TraceLine> events_of(const std::vector<TraceLine>& trace, const std::string& ref) {
  std::vector<TraceLine> events;
  for (const TraceLine& line : trace) {
    if (line.order == ref) events.push_back(line);
  }
  return events;
}

void locate_parting(const order::OrderResult& a, const order::OrderResult& b, const std::optional<std::vector<TraceLine>>& base_trace,
                    const std::optional<std::vector<TraceLine>>& new_trace, const std::string& trace_name,
                    OrderChange& change) {
  if (base_trace && new_trace) {
    change.parted_in = PartingSource::Trace;
    if (find_parting(events_of(*base_trace, a.ref), events_of(*new_trace, b.ref), change)) return;
    change.trace_note = "the order's trace events agree";
  } else if (!base_trace && !new_trace) {
    change.trace_note = fmt::format("the trace was not kept: neither side has {}", trace_name);
  } else {
    change.trace_note = fmt::format("the trace was not kept: {} has no {}", base_trace ? "NEW" : "BASE", trace_name);
  }
  change.parted_in = PartingSource::History;
  find_parting(a.history, b.history, change);
}

// "3", "0–99", "0–4, 7" for sorted run indices.
std::string ranges(const std::vector<std::uint64_t>& indices) {
  std::string text;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    text += fmt::format("{}{}", text.empty() ? "" : ", ",
                        i == j ? fmt::format("{}", indices[i]) : fmt::format("{}–{}", indices[i], indices[j]));
    i = j + 1;
  }
  return text;
}

void diff_run(const std::string& scenario, const RunRecord& a, const RunRecord& b, TraceFiles& base_traces,
              TraceFiles& new_traces, ScenarioDiff& diff) {
  std::map<std::string, const order::OrderResult*> before;
  for (const order::OrderResult& o : a.orders) before.emplace(o.ref, &o);
  for (const order::OrderResult& o : b.orders) {
    const auto match = before.find(o.ref);
    if (match == before.end()) {
      diff.lone_orders.push_back({o.ref, b.run_index, true});
      continue;
    }
    const order::OrderResult& old = *match->second;
    before.erase(match);
    if (old.outcome == o.outcome && old.status == o.status && old.reasons == o.reasons && old.history == o.history) continue;
    OrderChange change;
    change.ref = o.ref;
    change.run_index = b.run_index;
    change.base_outcome = old.outcome;
    change.new_outcome = o.outcome;
    change.base_status = old.status;
    change.new_status = o.status;
    change.base_reasons = old.reasons;
    change.new_reasons = o.reasons;
    locate_parting(old, o, base_traces.of(scenario, a.run_index), new_traces.of(scenario, b.run_index),
                   TraceFiles::relative_name(scenario, b.run_index), change);
    diff.orders.push_back(std::move(change));
  }
  for (const order::OrderResult& o : a.orders) {
    if (before.contains(o.ref)) diff.lone_orders.push_back({o.ref, a.run_index, false});
  }
}

}  // namespace

void diff_orders(const ScenarioReport& base, const ScenarioReport& now, TraceFiles& base_traces, TraceFiles& new_traces,
                 ScenarioDiff& diff) {
  if (base.seed != now.seed) {
    diff.notes.push_back(fmt::format("seed {} vs {}: per-order comparison skipped, percentiles compared", base.seed,
                                     now.seed));
    return;
  }
  std::map<std::uint64_t, const RunRecord*> before;
  for (const RunRecord& run : base.runs) before.emplace(run.run_index, &run);
  std::vector<std::uint64_t> only_new;
  std::size_t common = 0;
  for (const RunRecord& run : now.runs) {
    const auto match = before.find(run.run_index);
    if (match == before.end()) {
      only_new.push_back(run.run_index);
      continue;
    }
    ++common;
    diff_run(now.name, *match->second, run, base_traces, new_traces, diff);
    before.erase(match);
  }
  std::vector<std::uint64_t> only_base;
  for (const auto& [index, run] : before) only_base.push_back(index);
  if (only_base.empty() && only_new.empty()) return;
  std::string where;
  if (!only_base.empty()) where += fmt::format("run {} in BASE only", ranges(only_base));
  if (!only_new.empty()) where += fmt::format("{}run {} in NEW only", where.empty() ? "" : ", ", ranges(only_new));
  diff.notes.push_back(fmt::format("{} vs {} runs ({}): per-order comparison over the {} run{} both made, "
                                   "percentiles over all runs of each side",
                                   base.runs.size(), now.runs.size(), where, common, common == 1 ? "" : "s"));
}

}  // namespace casim::report::detail
