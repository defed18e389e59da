// A scenario as loaded from its YAML file (docs/scenario-format.md): typed, defaults resolved,
// immutable once built. It holds the run configuration every Monte Carlo run starts from (the
// world, the CA, the orders), how many runs, and the expectations the report checks. Built by
// load.hpp; read by the runner (src/cli) and the report (src/report). Knows nothing of either.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casim/mockca/reason.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/order/result.hpp"
#include "casim/order/simulation.hpp"
#include "casim/mockca/status.hpp"
#include "casim/sim/time.hpp"

namespace casim::scenario {

// Where something was written: file, 1-based line and column (0 when unknown).
struct SourceSpan {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const SourceSpan&, const SourceSpan&) = default;
};

// A bound on a length of time, in calendar time or in business days/hours on the CA's calendar.
struct TimeBound {
  enum class Unit { Calendar, BusinessDays, BusinessHours };
  Unit unit = Unit::Calendar;
  double amount = 0;  // calendar: seconds; business: days or hours
  std::string text;   // as written ("5bd", "72h"), for messages

  friend bool operator==(const TimeBound&, const TimeBound&) = default;
};

// A stage's duration must lie within [min, max] (either may be absent).
struct StageBound {
  order::Stage stage = order::Stage::TotalToIssue;
  std::optional<TimeBound> min;
  std::optional<TimeBound> max;

  friend bool operator==(const StageBound&, const StageBound&) = default;
};

// How every run must stop, in place of the implicit "run completes" (e.g. a run that reaches a
// year without calendar data).
struct RunExpectation {
  SourceSpan where;
  order::RunStop stop = order::RunStop::Completed;

  friend bool operator==(const RunExpectation&, const RunExpectation&) = default;
};

// Facts of the certificate an order was issued (each checked only when given).
struct CertificateExpectation {
  std::optional<int> days;  // validity in days
  std::optional<sim::Instant> not_before;
  std::optional<sim::Instant> not_after;
  std::optional<std::string> policy_oid;  // 2.23.140.1.2.1 DV, .2.2 OV, 2.23.140.1.1 EV
  std::optional<std::vector<std::string>> names;  // the names, in order
  // Subject attributes by OpenSSL short name (C, ST, L, O, CN, …) and their values; nothing: the
  // attribute must be absent (`OU: ~`). Attributes not listed are not checked.
  std::vector<std::pair<std::string, std::optional<std::string>>> subject;
  std::optional<std::string> key;  // "RSA 2048", "ECC P-256" (case, spaces, '-' and '_' ignored)

  friend bool operator==(const CertificateExpectation&, const CertificateExpectation&) = default;
};

// What the CA reused instead of checking again (order::DataReuse); each part checked when given.
struct DataReuseExpectation {
  std::optional<bool> organization;
  std::optional<std::vector<std::string>> domains;  // exactly these, in order

  friend bool operator==(const DataReuseExpectation&, const DataReuseExpectation&) = default;
};

// What must hold for one order in every run (or in at least `min_runs_fraction` of the runs).
struct OrderExpectation {
  SourceSpan where;
  std::string order;  // the order's ref (reissues, renewals: the generated ref, e.g. "a/reissue-1")
  std::optional<order::Outcome> outcome;
  std::optional<mockca::Status> status;                   // the last status
  std::optional<std::vector<mockca::Status>> statuses;    // the whole status sequence
  std::optional<mockca::Reason> reason;                  // among the order's reasons
  std::vector<mockca::Reason> reasons_seen;              // each met at some time (OrderResult::reasons_seen)
  std::optional<TimeBound> issued_within;                // total to issue ≤ this
  std::optional<sim::Date> issued_by;                    // issued on or before this date (CA's time zone)
  std::optional<sim::Instant> issued_at;                 // issued exactly then
  std::optional<CertificateExpectation> certificate;     // facts of the certificate issued
  std::optional<std::vector<mockca::ReviewCall>> calls;  // the review's calls, every attempt's, exactly
  std::optional<DataReuseExpectation> data_reused;
  std::vector<StageBound> stages;
  double min_runs_fraction = 1.0;                        // share of runs in which all of it holds

  friend bool operator==(const OrderExpectation&, const OrderExpectation&) = default;
};

// What must hold over all runs and orders of a scenario (orders filtered by level and/or ref).
struct AggregateExpectation {
  enum class Kind {
    TimeToIssuePercentile,  // the p-th percentile of total-to-issue among issued orders ≤ max (≥ min)
    FailureRate,            // share of orders not issued ≤ max (≥ min)
    IssuedRate,             // share of orders issued ≥ min (≤ max)
  };
  SourceSpan where;
  Kind kind = Kind::FailureRate;
  std::optional<mockca::ValidationLevel> level;  // none: every level
  std::string order;                             // "": every order
  double percentile = 90;                        // TimeToIssuePercentile only, 0–100
  std::optional<TimeBound> max_time;             // TimeToIssuePercentile
  std::optional<TimeBound> min_time;
  std::optional<double> max_rate;                // rates, 0–1
  std::optional<double> min_rate;

  friend bool operator==(const AggregateExpectation&, const AggregateExpectation&) = default;
};

struct Scenario {
  SourceSpan where;  // the file (line 1)
  std::string name;  // unique in a suite; [A-Za-z0-9._-] only (it names folders under --out)
  SourceSpan name_where;  // where the name is written
  std::string description;
  std::vector<std::string> tags;
  std::uint64_t seed = 1;
  int runs = 1;  // Monte Carlo runs; run i uses (seed, i)
  // Everything but seed and run_index, which the runner sets per run, and the hierarchy and key
  // pool pointers, which the runner provides.
  order::RunConfig config;
  std::vector<OrderExpectation> order_expectations;
  std::vector<AggregateExpectation> aggregate_expectations;
  std::optional<RunExpectation> run_expectation;  // `expect: [{run: STOP}]`
};

}  // namespace casim::scenario
