// TraceKeeper: the traces of the failing runs a suite keeps — the first `max_failed` failed runs of
// each scenario by run index, whatever order the threads finish in — rendered on the worker
// thread that ran them (the table of each order, and every event as a JSON line) and written as
// <dir>/<scenario>/run-<n>.txt and run-<n>.jsonl.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "casim/mockca/trace.hpp"
#include "casim/report/report.hpp"
#include "casim/run/kept_runs.hpp"
#include "casim/sim/calendar.hpp"

namespace casim::run {

// One kept run's trace as text.
struct RunTraceText {
  std::vector<std::pair<std::string, std::string>> tables;  // order ref → its table, in creation order
  std::string jsonl;                                        // every event of the run

  // The table of `order`; nullptr when the run has no such order.
  const std::string* table(const std::string& order) const;
};

// By scenario, then run index.
using FailedRunTraces = std::map<std::string, std::map<std::uint64_t, RunTraceText>>;

class TraceKeeper {
 public:
  explicit TraceKeeper(std::size_t max_failed) : runs_(max_failed, false) {}

  // Offers the trace of the failed run `run` of `scenario`, kept when among the first failed runs;
  // `calendar` is the CA's review calendar the tables count business time on (thread-safe).
  void offer(const std::string& scenario, const report::RunRecord& run, const mockca::Trace& trace,
             const sim::Calendar& calendar);
  // Whether offer() would keep the failed run `run_index` of `scenario` now (thread-safe).
  bool wants(const std::string& scenario, std::uint64_t run_index) const {
    return runs_.wants(scenario, run_index, true);
  }
  // Writes what was kept under `dir` (0700 folders, 0644 files); nothing when nothing was kept.
  // Throws InputError for a scenario name that could leave `dir`, std::runtime_error when a file
  // cannot be written.
  void write(const std::filesystem::path& dir) const;
  std::size_t kept() const { return runs_.count(); }
  std::size_t left_out() const { return runs_.left_out(); }
  FailedRunTraces take();

 private:
  KeptRuns<RunTraceText> runs_;
};

}  // namespace casim::run
