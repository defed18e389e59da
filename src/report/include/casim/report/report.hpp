// The report model: what a set of scenario runs produced, as plain data that round-trips through
// report.json (so that `casim merge` can combine shard outputs and evaluate them again), and the
// evaluation of each scenario's expectations and aggregates from it. Writers: writers.hpp.
#pragma once

#include <bitset>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/order/result.hpp"
#include "casim/scenario/scenario.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/file_input.hpp"

namespace casim::report {

// report.html's timeline shows at least this many local days; calendar snapshots cover them.
inline constexpr int kTimelineMinDays = 7;

// A day a calendar snapshot lists: a holiday, or a weekend day that is worked.
struct CalendarDay {
  sim::Date date;
  std::string name;

  friend bool operator==(const CalendarDay&, const CalendarDay&) = default;
};

// A calendar as the report keeps it: what it says about the local days first..last, taken where
// the scenario's resolved calendar is at hand (so days a scenario adds are in it). The report is
// evaluated and drawn from the snapshot alone, never by looking a calendar up again by name:
// `casim merge` elsewhere, with other calendar files, draws the same days.
struct CalendarSnapshot {
  std::string name;                  // "CN", "CN+US"
  std::string time_zone_name = "UTC";  // "Asia/Shanghai", or the POSIX string
  std::string time_zone = "UTC0";    // POSIX TZ, for local days and `issued_by` dates
  sim::Duration opens = std::chrono::hours{9};   // business hours: local time of day …
  sim::Duration closes = std::chrono::hours{17};  // … to this, on every business day
  std::bitset<7> weekend{0b1000001};  // bit d set: weekday d (0 = Sunday) is off
  sim::Date first;                    // the local days the lists cover: first …
  sim::Date last;                     // … to last, both included
  std::vector<CalendarDay> holidays;      // the holidays within first..last (on weekend days too), by date
  std::vector<CalendarDay> working_days;  // the weekend days within first..last that are worked, by date
  std::set<int> years_without_data;       // years of first..last the calendar has no holiday data for
  bool provisional = false;               // computed holidays, not official ones (CN-provisional)

  // One business day: closes − opens, in seconds.
  double business_day_seconds() const { return std::chrono::duration<double>(closes - opens).count(); }

  friend bool operator==(const CalendarSnapshot&, const CalendarSnapshot&) = default;
};

// `calendar` over the local days first..last (first ≤ last).
CalendarSnapshot snapshot_of(const sim::Calendar& calendar, sim::Date first, sim::Date last);

// What the aggregates, the aggregate expectations and the summaries' counts need of an order.
struct OrderFacts {
  std::string ref;
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
  order::Outcome outcome = order::Outcome::Unfinished;
  std::optional<mockca::Reason> primary_reason;  // its first reason
  order::StageTiming total;                      // total to issue
  std::size_t earlier_attempts = 0;
};

OrderFacts facts_of(const order::OrderResult& order);

// A run whose orders were written out when it finished (spill.hpp): the facts of every order, and
// the files that hold its report.json object and its timings.csv rows.
struct SpilledRun {
  std::vector<OrderFacts> facts;
  std::filesystem::path json;
  std::filesystem::path csv;
};

// One run as the report keeps it: the RunResult without its trace (only the fingerprint).
struct RunRecord {
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  sim::Instant start;
  sim::Instant stopped_at;
  order::RunStop stop = order::RunStop::Completed;
  std::uint64_t events_run = 0;
  std::uint64_t fingerprint = 0;
  std::vector<order::RunWarning> warnings;
  // Every order in full; with `spilled`, only those kept in full (spill.hpp: the orders the
  // expectations name, run 0's first ones, the first ones report.html lists as not issued).
  std::vector<order::OrderResult> orders;
  std::optional<SpilledRun> spilled;

  std::size_t order_count() const { return spilled ? spilled->facts.size() : orders.size(); }
};

RunRecord record_of(order::RunResult result);

// The verdict of one expectation (one JUnit testcase).
struct ExpectationResult {
  std::string id;  // "order www: status", "EV time to issue p90", … unique within the scenario
  scenario::SourceSpan where;
  bool passed = false;
  std::string message;  // what was expected and what was found (and the reason's hint on failure)
  int runs_checked = 0;
  int runs_failed = 0;
  std::optional<std::uint64_t> first_failed_run;  // run index, to reproduce with --run/--runs/--seed
  // The order ref the expectation is about (an order expectation, or an `order REF` aggregate whose
  // REF is an order of the runs rather than a `count` template); "" otherwise. reproduce.hpp
  // traces it.
  std::string order;
};

// Time to issue and failures of one validation level over every run.
struct LevelAggregate {
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
  int orders = 0;
  int issued = 0;
  // Total to issue of the issued orders (calendar time, seconds); none when none issued.
  std::optional<double> min_s, p50_s, p90_s, p99_s, max_s;
  // The same in business days on the CA calendar.
  std::optional<double> min_bd, p50_bd, p90_bd, p99_bd, max_bd;
  std::vector<std::pair<mockca::Reason, int>> failures_by_reason;  // most frequent first
};

struct ScenarioReport {
  std::string name;
  std::string description;
  std::string file;
  std::vector<std::string> tags;
  std::uint64_t seed = 0;
  int runs_planned = 0;
  // The CA's review calendar (business days, `issued_by` dates, the days off report.html shades)
  // and the reseller's pre-review calendar, over every local day a run of the scenario can reach.
  CalendarSnapshot review_calendar;
  CalendarSnapshot pre_review_calendar;
  // The name of a calendar whose holidays are computed, not official (CN-provisional); "" when
  // neither is: every result of the scenario is then provisional.
  std::string provisional_calendar() const;
  std::vector<scenario::OrderExpectation> order_expectations;
  std::vector<scenario::AggregateExpectation> aggregate_expectations;
  std::optional<scenario::RunExpectation> run_expectation;  // none: every run must complete
  std::vector<RunRecord> runs;  // sorted by run index
  std::string error;            // non-empty: the scenario could not run (and failed)

  // Computed by evaluate().
  std::vector<ExpectationResult> results;
  std::vector<LevelAggregate> aggregates;
  bool passed = false;
};

struct ReportSet {
  std::string casim_version;
  std::string ordering_logic = "builtin";  // the logic under test: "builtin" or an agent's command line
  std::optional<std::string> shard;  // "K/N" for a shard's output; none for a whole or merged run
  std::vector<ScenarioReport> scenarios;  // sorted by name
  // Fields of report.json that differ between runs of the same seed (documented in the report).
  std::vector<std::string> non_reproducible_fields;
};

// The schema version of report.json (meta.schema_version); report_from_json refuses others.
inline constexpr int kSchemaVersion = 2;

// The p-th percentile (0–100) of `values` by the nearest-rank method: the smallest value such that
// at least p% of the values are ≤ it (rank ⌈p/100 · n⌉, at least 1). `values` must not be empty.
double nearest_rank_percentile(std::vector<double> values, double p);

// A scenario's report with no runs yet, with snapshots of its calendars (the built-in default
// calendar where the scenario has none) from its start to its horizon and the timeline's padding.
ScenarioReport start_report(const scenario::Scenario& scenario);
// Recomputes results, aggregates and passed from the runs and expectations.
void evaluate(ScenarioReport& report);
void evaluate(ReportSet& reports);

nlohmann::json to_json(const ReportSet& reports);
// Reads report.json content; throws InputError naming `where` and the field when malformed.
ReportSet report_from_json(const nlohmann::json& json, const std::string& where);
// The most bytes of a report.json `casim merge` reads (docs/limits.md): the largest report the
// run guards let through is a few hundred MB.
inline constexpr sim::InputKind kReportJsonFile{"a report.json", 1024U * 1024U * 1024U};
// The text of a report.json as `casim merge` reads it: JSON, then report_from_json; throws
// InputError naming `where` when it is not JSON or not a report.
ReportSet read_report_json(std::string_view text, const std::string& where);

// Combines shard report sets: the runs of each scenario (by name) are joined and sorted by run
// index; a run present twice or scenarios of the same name that disagree (file, seed, expectations)
// are an InputError. The result is evaluated and has no shard.
ReportSet merge(std::vector<ReportSet> shards);

}  // namespace casim::report
