// Streamed reports: a run's orders written out as the run finishes (its report.json object and
// its timings.csv rows, each in a file of its own), so that `casim run` keeps of each run only the
// facts of its orders (OrderFacts: what evaluation, the aggregates and the counts need) and the
// few orders the summaries show in full. write_json and write_csv copy a spilled run's files where
// they would have rendered its orders: the same bytes either way.
#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <utility>
#include <vector>

#include "casim/report/report.hpp"

namespace casim::report {

// Run 0's first orders, kept in full: the text summary lists 25 of them, report.html's timeline 50.
inline constexpr std::size_t kLeadingOrders = 50;
// report.html lists the first this many orders not issued, and earlier attempts, over all runs.
inline constexpr std::size_t kListedRows = 200;

// `run` as report.json holds it in its scenario's runs (from its opening brace, its later lines
// indented to their depth, no line end).
void write_run_json(const ScenarioReport& report, const RunRecord& run, std::ostream& out);
// `run`'s rows of timings.csv.
void write_run_csv(const ScenarioReport& report, const RunRecord& run, std::ostream& out);

// Writes `run` (a run of the scenario whose report is `report`) as `stem`.json and `stem`.csv,
// then keeps in `run.orders` only the orders named by an order expectation, the first
// kLeadingOrders when `leading` (the scenario's first run), and the first kListedRows orders not
// issued or with earlier attempts; `run.spilled` gets every order's facts. Throws InputError
// naming a file that cannot be written.
void spill_run(const ScenarioReport& report, RunRecord& run, const std::filesystem::path& stem, bool leading);

// Across the spilled runs of one scenario, drops from the runs the orders report.html will not
// list: a run's orders not issued once runs of lower index hold kListedRows such orders, its
// orders with earlier attempts once they hold kListedRows attempts (never an order an expectation
// names, nor the leading run's). Thread-safe; the report and the runs must outlive it.
class ListedOrders {
 public:
  explicit ListedOrders(const ScenarioReport& report) : report_(report) {}
  ListedOrders(ListedOrders&& other) noexcept : report_(other.report_), runs_(std::move(other.runs_)) {}

  void add(RunRecord& run, bool leading);

 private:
  const ScenarioReport& report_;
  std::mutex mutex_;
  std::vector<std::pair<RunRecord*, bool>> runs_;  // by run index; whether it is the leading run
};

}  // namespace casim::report
