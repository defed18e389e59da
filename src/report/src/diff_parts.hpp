// Shared by the diff_*.cpp files: the steps of diff_reports (per-order comparison, figure shifts,
// trace files) and the words the text and Markdown writers both use.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "casim/report/diff.hpp"

namespace casim::report::detail {

// The trace files of one side, read once each: (scenario, run index) → events, or none when the
// side kept no trace of that run.
class TraceFiles {
 public:
  explicit TraceFiles(std::optional<std::filesystem::path> folder) : folder_(std::move(folder)) {}
  const std::optional<std::vector<TraceLine>>& of(const std::string& scenario, std::uint64_t run_index);
  // "traces/<scenario>/run-<N>.jsonl", for messages.
  static std::string relative_name(const std::string& scenario, std::uint64_t run_index);

 private:
  std::optional<std::filesystem::path> folder_;
  std::map<std::pair<std::string, std::uint64_t>, std::optional<std::vector<TraceLine>>> read_;
};

// Compares the orders of the runs both scenarios have (same seed), adding order changes, lone
// orders and notes about runs on one side only to `diff`.
void diff_orders(const ScenarioReport& base, const ScenarioReport& now, TraceFiles& base_traces,
                 TraceFiles& new_traces, ScenarioDiff& diff);

// Adds the figures of each level that moved, judged against options.max_shift, and the changed
// failure counts to `diff`; notes a level present on one side only.
void diff_figures(const ScenarioReport& base, const ScenarioReport& now, const DiffOptions& options,
                  ScenarioDiff& diff);

// "3 d 2 h 0 min" or "3.45 business days"; "none".
std::string figure_value(const Shift& shift, const std::optional<double>& value);
// "+47.1%" (or "new" / "gone" for a figure on one side only).
std::string relative_move(const Shift& shift);
// Shifts alike but for the percentile of their figure, as one line each: the first of them and the
// name of all, "OV time to issue min/p50/p90 (calendar)"; in the order of their first.
struct ShiftLine {
  const Shift* shift;
  std::string name;
};
std::vector<ShiftLine> shift_lines(const std::vector<Shift>& shifts);
// "passed" / "failed" / "absent".
std::string verdict_word(const std::optional<bool>& passed);
// "issued, 1 (issued)" and the reasons' codes.
std::string order_end(order::Outcome outcome, mockca::Status status, const std::vector<mockca::Reason>& reasons);
// "run 3, order ov: issued, 1 (issued) → failed, 2 (review failed) [CallRefused]" or "… took another path".
std::string order_headline(const OrderChange& change);
// "first parts at status history entry 6: BASE 2026-… ca issued 1 (issued) | NEW …" (and the trace note).
std::string order_parting(const OrderChange& change);
// "run 4, order www: in NEW only".
std::string lone_order_text(const LoneOrder& lone);
// "OV failures CallRefused: 2 → 5".
std::string failure_count_text(const FailureCountChange& change);

}  // namespace casim::report::detail
