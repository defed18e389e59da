// `casim diff`: the comparison of two report sets — BASE (the reference, e.g. the main branch's
// run) and NEW — and its text, JSON (diff.json) and Markdown (a pull-request comment) forms.
//
// Per scenario (matched by name): the pass/fail change (passed → failed is a regression) and each
// expectation's verdict change. Per order (same scenario, seed, run index and ref): how it ended
// (outcome, final Status, reasons) and, where the two runs differ, the first point where they part
// — in the order's trace events when both sides kept `traces/<scenario>/run-<N>.jsonl`, in its
// status history otherwise. Per scenario and validation level: the time to issue (min … max) and
// each stage's P50/P90, in calendar seconds and business days; a move beyond the thresholds is a
// regression when slower and an improvement when faster. What cannot be compared (other seeds,
// other run counts, a scenario on one side only, another casim version or ordering logic) is
// listed with why: nothing is dropped silently. Unreadable input is an InputError naming the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/report/report.hpp"
#include "casim/sim/duration.hpp"

namespace casim::report {

// How far a figure may move before the move counts: a fraction of BASE's value ("5%") or an
// absolute duration ("30m", "2h" for calendar figures; "0.5bd", "4bh" for business figures).
struct ShiftThreshold {
  std::optional<double> fraction;           // relative: 0.05 for "5%"
  std::optional<sim::DurationSpec> amount;  // absolute
  std::string text;                         // as given

  friend bool operator==(const ShiftThreshold&, const ShiftThreshold&) = default;
};
// Parses "5%", "30m", "0.5bd", …; InputError naming `where` otherwise.
ShiftThreshold parse_shift_threshold(std::string_view text, const std::string& where = "--max-shift");

// A figure is judged by the relative thresholds and the absolute ones of its unit (calendar or
// business); a unit none applies to is judged by 5%. A move counts when it exceeds every one.
struct DiffOptions {
  std::vector<ShiftThreshold> max_shift{parse_shift_threshold("5%")};
};

enum class Verdict { Regression, Improvement, Change };
std::string_view verdict_name(Verdict verdict);  // "regression", "improvement", "change"

// One side of the comparison: its report set and the folder its traces/ lie in (none: no traces).
struct DiffSide {
  std::string where;  // the folder or file as given, for messages
  const ReportSet* reports = nullptr;
  std::optional<std::filesystem::path> folder;
};

struct ExpectationChange {
  std::string id;
  std::optional<bool> base_passed, new_passed;  // none: the expectation is on the other side only
  std::string message;  // NEW's message (BASE's when only there)
  Verdict verdict = Verdict::Change;
};

// One side's entry at the point where two runs of an order part.
struct PartingEntry {
  std::string at;      // sim::format_instant text
  std::string stage;   // trace: "review"; history: ""
  std::string event;   // trace: "call"; history: the order event, "" for a StatusMsg change
  std::string status;  // "1 (issued)", with the StatusMsg after a comma in a history entry
  std::string detail;  // trace: the detail; history: the reseller's failure text
};

enum class PartingSource { Trace, History };
std::string_view parting_source_name(PartingSource source);  // "trace", "status history"

// An order of one run that ended differently or took another path.
struct OrderChange {
  std::string ref;
  std::uint64_t run_index = 0;
  order::Outcome base_outcome = order::Outcome::Unfinished, new_outcome = order::Outcome::Unfinished;
  mockca::Status base_status = mockca::Status::PendingSubmission, new_status = mockca::Status::PendingSubmission;
  std::vector<mockca::Reason> base_reasons, new_reasons;
  // The first differing entry (index from 0) of the order's trace or status history; an entry is
  // none on the side whose list ended first. No index: both lists agree (only timings differ).
  PartingSource parted_in = PartingSource::History;
  std::optional<std::size_t> parted_at;
  std::optional<PartingEntry> base_entry, new_entry;
  std::string trace_note;  // why the trace was not compared, when it was not

  bool ended_differently() const;
};

// An order present in one side's run only.
struct LoneOrder {
  std::string ref;
  std::uint64_t run_index = 0;
  bool in_new = false;  // false: in BASE only
};

// A figure of one validation level: "time to issue p90", "review p50"; in calendar seconds or in
// business days. A figure on one side only (no order issued or through the stage on the other) is
// a Change with the other value none.
struct Shift {
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
  std::string figure;
  bool business = false;  // business days; false: calendar seconds
  std::optional<double> base, now;
  Verdict verdict = Verdict::Change;  // Change: moved within the thresholds
  std::string beyond;  // the thresholds a regression or an improvement exceeds: "5%, 30m"
};

// How many orders of one level were not issued for one primary reason, when the counts differ.
struct FailureCountChange {
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
  mockca::Reason reason;
  int base = 0, now = 0;
};

struct ScenarioDiff {
  std::string name;
  bool in_base = true, in_new = true;
  bool base_passed = false, new_passed = false;  // of the sides it is in
  std::vector<std::string> notes;  // what was not compared, or only partly, and why
  std::vector<ExpectationChange> expectations;
  std::vector<OrderChange> orders;
  std::vector<LoneOrder> lone_orders;
  std::vector<Shift> shifts;  // only figures that moved
  std::vector<FailureCountChange> failures;

  // Regression: passed → failed; Improvement: failed → passed; Change: added, removed or same.
  Verdict verdict() const;
  bool pass_fail_changed() const { return in_base && in_new && base_passed != new_passed; }
  bool empty() const;  // nothing differs and nothing to note
};

struct ReportDiff {
  std::string base_where, new_where;
  std::string base_version, new_version;
  std::string base_logic, new_logic;
  std::vector<std::string> max_shift;      // the thresholds' texts
  std::vector<std::string> notes;          // about the sets: versions, ordering logic, shards
  std::vector<ScenarioDiff> scenarios;     // only those with something to say, by name

  int count(Verdict verdict) const;  // items of every scenario with this verdict
  bool regressed() const { return count(Verdict::Regression) > 0; }
  bool empty() const;  // "no changes"
};

ReportDiff diff_reports(const DiffSide& base, const DiffSide& now, const DiffOptions& options = {});

// One event of a run's trace as `<out>/traces/<scenario>/run-<N>.jsonl` keeps it (one JSON object
// a line): {"at", "order", "stage", "event", "status": code or null, "reason": code or null, "detail"}.
struct TraceLine {
  std::string at;
  std::string order;  // the order's ref; "" for the run's own events
  std::string stage;
  std::string event;
  std::optional<int> status;
  std::optional<std::string> reason;
  std::string detail;

  friend bool operator==(const TraceLine&, const TraceLine&) = default;
};
// The trace file of run `run_index` of `scenario` under `folder`.
std::filesystem::path trace_file(const std::filesystem::path& folder, const std::string& scenario,
                                 std::uint64_t run_index);
// The events of a trace file's text; InputError naming `where`:line for a line that is not one.
std::vector<TraceLine> parse_trace(std::string_view text, const std::string& where);
// A trace file holds at most this many bytes (docs/limits.md).
inline constexpr sim::InputKind kTraceFile{"a trace file", 256U * 1024U * 1024U};

// "no changes", or the changes by scenario: regressions, improvements, other changes, notes.
void write_diff_text(const ReportDiff& diff, std::ostream& out);
nlohmann::json diff_to_json(const ReportDiff& diff);
// A pull-request comment: a headline, a table of the regressions, the rest in collapsible details.
void write_diff_markdown(const ReportDiff& diff, std::ostream& out);

}  // namespace casim::report
