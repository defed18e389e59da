// run_suite (suite.hpp): the Runner that plans the shard's units, loads the signing hierarchy, keeps
// per-thread workers (issuer, copied run configuration), runs each unit into its own outcome slot,
// and assembles the evaluated ReportSet.
#include "casim/run/suite.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/order/simulation.hpp"
#include "casim/report/spill.hpp"
#include "casim/run/certificates.hpp"
#include "casim/run/pool.hpp"
#include "casim/run/transcripts.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"

namespace casim::run {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSharedKeyPoolSize = 16;
// Signed certificates get random serials (as the Baseline Requirements ask), so these differ
// between runs of the same seed; timing-only runs are reproducible to the byte.
constexpr std::array<std::string_view, 2> kSignedOnlyFields{
    "scenarios[].runs[].orders[].certificate.serial",
    "scenarios[].runs[].orders[].certificate.sha256_fingerprint"};

// The hierarchy the runs sign from: options.ca (created or reused) or a fresh one in the output's ca/.
mockca::Hierarchy load_hierarchy(const RunOptions& options, const std::vector<scenario::Scenario>& scenarios,
                                 const fs::path& output) {
  mockca::InitOptions init;
  if (!options.ca) init.brands.emplace_back(mockca::kDefaultBrand);
  for (const auto& scenario : scenarios) {
    for (const auto& plan : scenario.config.orders) {
      if (!plan.brand.empty() && std::find(init.brands.begin(), init.brands.end(), plan.brand) == init.brands.end()) {
        init.brands.push_back(plan.brand);
      }
    }
  }
  const fs::path dir = options.ca ? *options.ca : output / "ca";
  mockca::init_hierarchy(dir, init);
  return mockca::Hierarchy::load(dir);
}

// Whether one run fails any expectation of the scenario whose empty report is `blank`.
bool run_failed(const report::ScenarioReport& blank, const report::RunRecord& run) {
  report::ScenarioReport alone = blank;
  alone.runs.push_back(run);
  report::evaluate(alone);
  return !alone.passed;
}

// What one worker thread keeps between units: its issuer, and the run configuration of the
// scenario it ran last (copied once, not per run).
struct Worker {
  std::optional<mockca::Issuer> issuer;
  std::unique_ptr<agent::AgentSession> agent;  // with RunOptions::agent: this thread's agent
  std::optional<std::size_t> scenario;
  order::RunConfig config;
};

struct UnitOutcome {
  std::optional<report::RunRecord> record;
  std::string error;  // the scenario could not run
};

class Runner {
 public:
  Runner(const RunOptions& options, const std::vector<scenario::Scenario>& scenarios)
      : options_(options), scenarios_(scenarios), output_(options.output),
        units_(plan_units(scenarios, options.shard, options.only_run)), outcomes_(units_.size()),
        workers_(std::max<std::size_t>(1, std::min(options.jobs, units_.size()))), traces_(options.failed_traces) {
    for (const auto& scenario : scenarios) blank_reports_.push_back(report::start_report(scenario));
    listed_.reserve(blank_reports_.size());
    for (const auto& blank : blank_reports_) listed_.emplace_back(blank);
    leading_.assign(scenarios.size(), units_.size());
    for (std::size_t i = units_.size(); i-- > 0;) leading_[units_[i].scenario] = i;
  }

  // Runs every unit, or those begun before a stop request or a runaway; returns whether a stop
  // request ended the handing out.
  bool run(RunObserver& observer) {
    const bool signing = options_.certificates && std::any_of(units_.begin(), units_.end(), [&](const WorkUnit& unit) {
                           return scenarios_[unit.scenario].config.issue_certificates;
                         });
    if (signing) {
      hierarchy_.emplace(load_hierarchy(options_, scenarios_, output_));
      for (const auto& problem : hierarchy_->open_permissions()) observer.warning(problem);
      write_root_certificate(output_ / "certs", hierarchy_->root_pem());
    }
    if (!options_.spill.empty()) {
      std::error_code error;
      fs::create_directories(options_.spill, error);
      if (error) throw InputError(options_.spill.string(), "cannot create the folder: " + error.message());
    }
    std::atomic<bool> stopped{false};
    run_parallel(
        units_.size(), workers_.size(), [&](std::size_t unit, std::size_t worker) { run_unit(unit, workers_[worker]); },
        [&](std::size_t done) { observer.progress(done, units_.size()); },
        [&] {
          if (!stopped.load() && observer.stop_requested()) stopped.store(true);
          return stopped.load() || ran_away_.load();
        });
    if (options_.agent) transcripts_.write(output_ / "agents");
    if (!output_.empty()) traces_.write(output_ / "traces");
    return stopped.load();
  }

  // The report of every scenario (runs in run-index order), evaluated; a scenario that could not run
  // carries its error. Takes the runs' records: call once.
  report::ReportSet take_reports() {
    report::ReportSet set;
    set.casim_version = CASIM_VERSION;
    if (options_.agent) set.ordering_logic = options_.agent->command;
    if (options_.shard.count > 1) set.shard = options_.shard.text();
    if (hierarchy_) set.non_reproducible_fields.assign(kSignedOnlyFields.begin(), kSignedOnlyFields.end());
    set.scenarios = blank_reports_;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      auto& scenario = set.scenarios[units_[i].scenario];
      if (outcomes_[i].record) scenario.runs.push_back(std::move(*outcomes_[i].record));
      if (!outcomes_[i].error.empty() && scenario.error.empty()) scenario.error = outcomes_[i].error;
    }
    std::sort(set.scenarios.begin(), set.scenarios.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    report::evaluate(set);
    return set;
  }

  std::optional<order::RunResult> take_first_run() { return std::move(first_run_); }
  const TranscriptKeeper& transcripts() const { return transcripts_; }
  TraceKeeper& traces() { return traces_; }

 private:
  void run_unit(std::size_t index, Worker& worker) {
    const WorkUnit& unit = units_[index];
    const scenario::Scenario& scenario = scenarios_[unit.scenario];
    if (worker.scenario != unit.scenario) {
      worker.config = scenario.config;
      worker.scenario = unit.scenario;
    }
    order::RunConfig& config = worker.config;
    config.seed = scenario.seed;
    config.run_index = unit.run;
    config.issue_certificates = options_.certificates && scenario.config.issue_certificates;
    config.platform.keep_certificate_files = config.issue_certificates && unit.run == 0;
    if (config.issue_certificates) {
      if (!worker.issuer) worker.issuer.emplace(*hierarchy_);
      config.ca.hierarchy = &*hierarchy_;
      config.ca.issuer = &*worker.issuer;
    }
    config.ca.keys = &keys_;
    config.scenario = scenario.name;
    if (options_.agent && !worker.agent) worker.agent = std::make_unique<agent::AgentSession>(*options_.agent);
    config.ordering = worker.agent.get();
    // Only traces somebody reads keep their text: --trace's first run, and an external agent's runs
    // (an agent need not answer the same twice, so a run of it is never run again for its trace).
    config.trace_text = (options_.keep_first_run && index == 0) || options_.agent;
    order::RunResult result;
    try {
      result = order::run_simulation(config);
    } catch (const InputError& error) {
      outcomes_[index].error = error.what();
      return;
    }
    if (result.stop == order::RunStop::EventLimitReached) ran_away_ = true;  // no further unit starts
    if (config.platform.keep_certificate_files) {
      // Outside the catch above: a file that cannot be written ends the whole run, it is no scenario's fault.
      write_order_certificates(output_ / "certs", scenario.name, result.orders);
      for (auto& order : result.orders) {
        if (order.certificate) order.certificate->files.reset();
      }
    }
    if (options_.keep_first_run && index == 0) first_run_ = result;
    std::optional<mockca::Trace> trace(std::move(result.trace));
    std::vector<std::string> transcript = std::move(result.transcript);
    report::RunRecord& record = outcomes_[index].record.emplace(report::record_of(std::move(result)));
    const bool keeps_something = !transcript.empty() || options_.failed_traces > 0;
    const bool failed = keeps_something && run_failed(blank_reports_[unit.scenario], record);
    // A runaway's report is never published: its trace (up to the event limit) is not worth rendering.
    if (failed && record.stop != order::RunStop::EventLimitReached) {
      if (!config.trace_text && traces_.wants(scenario.name, unit.run)) trace = traced_again(config, record);
      traces_.offer(scenario.name, record, *trace, sim::calendar_or_default(config.ca.review_calendar));
    }
    trace.reset();  // freed before the orders are written out: the two need not be in memory at once
    if (!transcript.empty()) transcripts_.offer(scenario.name, unit.run, failed, std::move(transcript));
    if (!options_.spill.empty()) spill(index, record);
  }

  // The trace, with its text, of a run that ran without: the same seed runs the same way again.
  static mockca::Trace traced_again(order::RunConfig& config, const report::RunRecord& record) {
    config.trace_text = true;
    config.platform.keep_certificate_files = false;
    order::RunResult again = order::run_simulation(config);
    if (again.fingerprint != record.fingerprint) {
      throw std::logic_error("run " + std::to_string(record.run_index) + " of " + config.scenario +
                             " ran differently when run again for its trace");
    }
    return std::move(again.trace);
  }

  // Writes the run's orders out (RunOptions::spill) and keeps only what the reports need of them.
  void spill(std::size_t index, report::RunRecord& record) {
    const std::size_t scenario = units_[index].scenario;
    const bool leading = index == leading_[scenario];
    report::spill_run(blank_reports_[scenario], record, options_.spill / std::to_string(index), leading);
    listed_[scenario].add(record, leading);
  }

  const RunOptions& options_;
  const std::vector<scenario::Scenario>& scenarios_;
  fs::path output_;
  std::vector<WorkUnit> units_;
  std::vector<UnitOutcome> outcomes_;  // one slot per unit
  std::vector<report::ScenarioReport> blank_reports_;  // per scenario, before any run: copied per evaluation
  std::vector<report::ListedOrders> listed_;            // per scenario: the spilled runs' orders kept in full
  std::vector<std::size_t> leading_;                    // per scenario: its first unit (none: units_.size())
  std::vector<Worker> workers_;
  std::optional<mockca::Hierarchy> hierarchy_;
  mockca::KeyPool keys_{kSharedKeyPoolSize};
  std::optional<order::RunResult> first_run_;
  TranscriptKeeper transcripts_{kMaxFailedTranscripts};
  TraceKeeper traces_;
  std::atomic<bool> ran_away_{false};  // a run reached its event limit: the whole run is refused
};

}  // namespace

SuiteResult run_suite(const std::vector<scenario::Scenario>& scenarios, const RunOptions& options,
                      RunObserver& observer) {
  Runner runner(options, scenarios);
  SuiteResult result;
  result.stopped = runner.run(observer);
  result.reports = runner.take_reports();
  result.first_run = runner.take_first_run();
  result.transcripts_written = runner.transcripts().kept();
  result.transcripts_left_out = runner.transcripts().left_out();
  result.traces_left_out = runner.traces().left_out();
  result.failed_traces = runner.traces().take();
  return result;
}

void add_unreadable(report::ReportSet& reports, const std::vector<UnreadableFile>& files) {
  if (files.empty()) return;
  for (const auto& file : files) {
    report::ScenarioReport failed;
    failed.name = file.file.string();
    failed.file = file.file.string();
    // No scenario, so no calendar: the default calendar's snapshot of one day, for the writers that draw one.
    const sim::Date epoch(1970, 1, 1);
    failed.review_calendar = report::snapshot_of(sim::calendar_or_default(std::nullopt), epoch, epoch);
    failed.pre_review_calendar = failed.review_calendar;
    for (const auto& diagnostic : file.diagnostics) {
      if (!failed.error.empty()) failed.error += '\n';
      failed.error += diagnostic.to_string();
    }
    reports.scenarios.push_back(std::move(failed));
  }
  std::sort(reports.scenarios.begin(), reports.scenarios.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  report::evaluate(reports);
}

}  // namespace casim::run
