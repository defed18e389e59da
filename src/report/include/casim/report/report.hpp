// The report model: what a set of scenario runs produced, as plain data that round-trips through
// report.json (so that `casim merge` can combine shard outputs and evaluate them again), and the
// evaluation of each scenario's expectations and aggregates from it. Writers: writers.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/order/result.hpp"
#include "casim/scenario/scenario.hpp"

namespace casim::report {

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
  std::vector<order::OrderResult> orders;
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
  std::optional<std::uint64_t> first_failed_run;  // run index, to reproduce with --runs/--seed
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
  std::string calendar;  // the CA calendar's name, for shading days off
  std::string time_zone = "CST-8";        // the CA calendar's zone (POSIX TZ), for `issued_by` dates
  double business_day_seconds = 8 * 3600;  // one business day of the CA calendar, for business days
  std::vector<scenario::OrderExpectation> order_expectations;
  std::vector<scenario::AggregateExpectation> aggregate_expectations;
  std::vector<RunRecord> runs;  // sorted by run index
  std::string error;            // non-empty: the scenario could not run (and failed)

  // Computed by evaluate().
  std::vector<ExpectationResult> results;
  std::vector<LevelAggregate> aggregates;
  bool passed = false;
};

struct ReportSet {
  std::string casim_version;
  std::optional<std::string> shard;  // "K/N" for a shard's output; none for a whole or merged run
  std::vector<ScenarioReport> scenarios;  // sorted by name
  // Fields of report.json that differ between runs of the same seed (documented in the report).
  std::vector<std::string> non_reproducible_fields;
};

// The schema version of report.json (meta.schema_version); report_from_json refuses others.
inline constexpr int kSchemaVersion = 1;

// The p-th percentile (0–100) of `values` by the nearest-rank method: the smallest value such that
// at least p% of the values are ≤ it (rank ⌈p/100 · n⌉, at least 1). `values` must not be empty.
double nearest_rank_percentile(std::vector<double> values, double p);

// A scenario's report with no runs yet.
ScenarioReport start_report(const scenario::Scenario& scenario);
// Recomputes results, aggregates and passed from the runs and expectations.
void evaluate(ScenarioReport& report);
void evaluate(ReportSet& reports);

nlohmann::json to_json(const ReportSet& reports);
// Reads report.json content; throws InputError naming `where` and the field when malformed.
ReportSet report_from_json(const nlohmann::json& json, const std::string& where);

// Combines shard report sets: the runs of each scenario (by name) are joined and sorted by run
// index; a run present twice or scenarios of the same name that disagree (file, seed, expectations)
// are an InputError. The result is evaluated and has no shard.
ReportSet merge(std::vector<ReportSet> shards);

}  // namespace casim::report
