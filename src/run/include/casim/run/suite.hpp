// run_suite: the Monte Carlo runner behind `casim run`, the coming server and agent modes, and the
// tests. It runs every (scenario, run index) unit of one shard on `jobs` threads taking units from a
// shared counter, puts each unit's result in its own slot (so nothing it returns depends on `jobs`),
// signs with one CA hierarchy and writes run 0's certificate files, stops handing out units when
// the observer asks or a run reaches its event limit (a runaway), and returns the evaluated reports.
//
// Contract: run_suite never prints. It tells the caller how far it got through RunObserver::
// progress and asks RunObserver::stop_requested whether to go on; signal handling, printing, exit
// codes and the publication of the output folder are the caller's. A scenario that cannot run (an
// InputError in its run) is a value (ScenarioReport::error); a file
// that cannot be written, or a bug, is an exception, thrown once the units under way have finished.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "casim/agent/session.hpp"
#include "casim/order/result.hpp"
#include "casim/report/report.hpp"
#include "casim/run/plan.hpp"
#include "casim/run/traces.hpp"
#include "casim/scenario/scenario.hpp"

namespace casim::run {

inline constexpr std::size_t kMaxFailedTranscripts = 20;
inline constexpr std::size_t kMaxFailedTraces = 20;

struct RunOptions {
  std::size_t jobs = 1;  // threads (at most one per unit); the result does not depend on it
  Shard shard;           // run only this shard's units; the reports name it when count > 1
  // Sign certificates (for scenarios with issue_certificates); false: timing only, nothing signed.
  bool certificates = true;
  // Where the certificate files go when signing: certs/root.pem, certs/<scenario>/<order>/ of
  // run 0, and ca/ unless `ca` is given; and traces/ (none written when this is empty).
  std::filesystem::path output;
  // The CA hierarchy to sign with: created if missing, never overwritten.
  std::optional<std::filesystem::path> ca;
  bool keep_first_run = false;  // keep the whole RunResult of the first unit (e.g. to print a trace)
  // Run only this run index of every scenario (`casim run --run N`), which must be below its runs.
  std::optional<std::uint64_t> only_run;
  // Keep the traces of this many failed runs per scenario (the lowest run indices), written as
  // output/traces/<scenario>/run-<n>.txt and .jsonl; 0: none.
  std::size_t failed_traces = kMaxFailedTraces;
  // The ordering logic under test: an external agent (one process per thread), or none for the
  // built-in. Its transcripts go to output/agents/<scenario>/run-<n>.jsonl for run 0 and for the
  // first kMaxFailedTranscripts runs (by run index) of each scenario that failed an expectation.
  std::optional<agent::AgentOptions> agent;
  // Write each run's orders out as it finishes, into this folder (report::spill_run), keeping of
  // them only their facts and the few orders the summaries show in full: the memory a run takes
  // then grows with its runs' facts, not their whole records. Empty: keep every order. The caller
  // removes the folder once the report formats are written.
  std::filesystem::path spill;
};


// What run_suite tells its caller while it runs, and asks it. Both functions are called from the
// worker threads: progress one call at a time, stop_requested concurrently.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // `done` of the `total` units of this shard have finished.
  virtual void progress(std::size_t done, std::size_t total) = 0;
  // Polled before each unit is handed out: true stops the handing out (the units under way finish).
  virtual bool stop_requested() = 0;
  // Something the user should know that does not stop the run (a --ca folder whose keys group or
  // others may read), said before any unit starts; ignored unless overridden.
  virtual void warning(const std::string& /*message*/) {}
};

struct SuiteResult {
  // Every scenario (sorted by name), with the runs made in run-index order, evaluated.
  report::ReportSet reports;
  bool stopped = false;        // a stop request ended the handing out of units: runs may be missing
  std::optional<order::RunResult> first_run;  // the first unit's run, with keep_first_run
  std::size_t transcripts_written = 0;      // agent transcripts written
  std::size_t transcripts_left_out = 0;     // of failed runs, beyond kMaxFailedTranscripts a scenario
  FailedRunTraces failed_traces;            // the traces kept of failed runs (also written)
  std::size_t traces_left_out = 0;          // failed runs beyond RunOptions::failed_traces a scenario
};

SuiteResult run_suite(const std::vector<scenario::Scenario>& scenarios, const RunOptions& options,
                      RunObserver& observer);

// Adds a failed scenario to `reports` for each unreadable file (`casim run --keep-going`): named
// and filed by its path, its error every diagnostic as "file:line:column: error: message" lines;
// then sorts and evaluates the set again.
void add_unreadable(report::ReportSet& reports, const std::vector<UnreadableFile>& files);

}  // namespace casim::run
