// TraceKeeper (traces.hpp): rendering a failed run's trace, and writing the kept ones.
#include "casim/run/traces.hpp"

#include <sstream>

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
#include "casim/report/trace_table.hpp"
#include "casim/run/plan.hpp"

namespace casim::run {
namespace {

RunTraceText render(const report::RunRecord& run, const mockca::Trace& trace, const sim::Calendar& calendar) {
  std::map<std::string_view, std::vector<mockca::TraceEvent>> by_order;
  for (const auto& event : trace.events()) {
    if (!event.order.empty()) by_order[event.order].push_back(event);
  }
  RunTraceText text;
  for (const auto& order : run.orders) {
    std::ostringstream table;
    report::write_order_trace(run.seed, run.run_index, order, by_order[order.ref], calendar, table);
    text.tables.emplace_back(order.ref, table.str());
  }
  std::ostringstream lines;
  report::write_trace_jsonl(trace, lines);
  text.jsonl = lines.str();
  return text;
}

}  // namespace

const std::string* RunTraceText::table(const std::string& order) const {
  for (const auto& [ref, text] : tables) {
    if (ref == order) return &text;
  }
  return nullptr;
}

void TraceKeeper::offer(const std::string& scenario, const report::RunRecord& run, const mockca::Trace& trace,
                        const sim::Calendar& calendar) {
  if (!runs_.wants(scenario, run.run_index, true)) {
    runs_.offer(scenario, run.run_index, true, {});  // counted as left out
    return;
  }
  runs_.offer(scenario, run.run_index, true, render(run, trace, calendar));
}

void TraceKeeper::write(const std::filesystem::path& dir) const {
  for (const auto& [scenario, runs] : runs_.kept()) {
    check_path_name(scenario, "scenario " + scenario);
    const std::filesystem::path folder = dir / scenario;
    mockca::make_private_dir(folder);
    for (const auto& [index, run] : runs) {
      std::string tables;
      for (const auto& [ref, table] : run.second.tables) {
        if (!tables.empty()) tables += '\n';
        tables += table;
      }
      mockca::write_file_atomic(folder / fmt::format("run-{}.txt", index), tables, 0644);
      mockca::write_file_atomic(folder / fmt::format("run-{}.jsonl", index), run.second.jsonl, 0644);
    }
  }
}

FailedRunTraces TraceKeeper::take() {
  FailedRunTraces traces;
  for (auto& [scenario, runs] : runs_.take()) {
    for (auto& [index, run] : runs) traces[scenario].emplace(index, std::move(run.second));
  }
  return traces;
}

}  // namespace casim::run
