// `casim run`: loads scenario files, runs every (scenario, Monte Carlo run) unit of this shard on
// --jobs threads, writes the report formats and run 0's certificates into a staging folder,
// publishes it as --out, and prints the text summary (and --trace's table). Exit 0 when every
// expectation holds, 1 when any fails, 2 on bad input, 130/143 when SIGINT/SIGTERM stopped it
// (nothing published, --out untouched).
#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/order/simulation.hpp"
#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"
#include "commands.hpp"
#include "run_certs.hpp"
#include "run_interrupt.hpp"
#include "run_limits.hpp"
#include "run_plan.hpp"
#include "run_pool.hpp"
#include "run_progress.hpp"
#include "run_trace.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSharedKeyPoolSize = 16;
// Signed certificates get random serials (as the Baseline Requirements ask), so these differ
// between runs of the same seed; timing-only runs are reproducible to the byte.
constexpr std::array<std::string_view, 2> kSignedOnlyFields{
    "scenarios[].runs[].orders[].certificate.serial",
    "scenarios[].runs[].orders[].certificate.sha256_fingerprint"};

struct RunOptions {
  std::vector<fs::path> paths;
  Overrides overrides;
  std::size_t jobs = 1;
  fs::path out;
  std::vector<report::Format> formats;
  Shard shard;
  std::optional<fs::path> ca;
  std::optional<std::string> trace;
  bool certificates = true;
};

std::optional<RunOptions> parse_run_options(const Args& args) {
  cxxopts::Options options(args.program,
                           "Runs scenario files (directories searched recursively) and writes their reports. "
                           "Exit 0 when every expectation holds, 1 when any fails, 2 on bad input, 130 (SIGINT) or "
                           "143 (SIGTERM) when interrupted: the runs under way finish, nothing is published and "
                           "--out keeps its previous report");
  options.add_options()("paths", "Scenario files or directories", cxxopts::value<std::vector<std::string>>(),
                        "PATH")("seed", "Run every scenario with this seed", cxxopts::value<std::uint64_t>(), "N")(
      "runs", "Monte Carlo runs per scenario", cxxopts::value<int>(), "N")(
      "jobs", "Threads (default: the number of cores)", cxxopts::value<int>(), "N")(
      "out", "Output folder, replaced as a whole when the run is complete",
      cxxopts::value<std::string>()->default_value("reports/latest"), "DIR")(
      "format", "Report formats, comma-separated",
      cxxopts::value<std::string>()->default_value("text,json,junit,csv,html"), "LIST")(
      "shard", "Run only shard K of N of the (scenario, run) units", cxxopts::value<std::string>(), "K/N")(
      "ca", "The CA hierarchy to sign with (created if missing, never overwritten; default: a fresh one in "
            "the output's ca/)",
      cxxopts::value<std::string>(), "DIR")(
      "trace", "Print this order's trace event by event (one scenario only)", cxxopts::value<std::string>(),
      "ORDER")("no-certs", "Timing only: sign no certificates, write none");
  add_limit_options(options);
  options.parse_positional({"paths"});
  options.positional_help("[FILE|DIR]...");
  const auto result = parse_options(options, args);
  if (!result) return std::nullopt;
  RunOptions run;
  if (result->count("paths") == 0) throw UsageError(args.program, "name at least one scenario file or directory");
  for (const auto& path : (*result)["paths"].as<std::vector<std::string>>()) run.paths.emplace_back(path);
  if (result->count("seed") != 0) run.overrides.seed = (*result)["seed"].as<std::uint64_t>();
  if (result->count("runs") != 0) {
    run.overrides.runs = (*result)["runs"].as<int>();
    if (*run.overrides.runs < 1) throw UsageError(args.program, "--runs must be at least 1");
  }
  run.overrides.limits = read_limit_options(*result, run.overrides.runs);
  const int jobs = result->count("jobs") != 0 ? (*result)["jobs"].as<int>()
                                              : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  if (jobs < 1) throw UsageError(args.program, "--jobs must be at least 1");
  run.jobs = static_cast<std::size_t>(jobs);
  run.out = (*result)["out"].as<std::string>();
  run.formats = report::parse_formats((*result)["format"].as<std::string>());
  if (result->count("shard") != 0) run.shard = parse_shard((*result)["shard"].as<std::string>());
  if (result->count("ca") != 0) {
    run.ca = fs::path((*result)["ca"].as<std::string>());
    const fs::path out = fs::weakly_canonical(run.out);
    const fs::path ca = fs::weakly_canonical(*run.ca);
    if (std::mismatch(out.begin(), out.end(), ca.begin(), ca.end()).first == out.end()) {
      throw InputError("--ca", "the CA folder lies inside --out, which every run replaces as a whole; keep it elsewhere");
    }
  }
  if (result->count("trace") != 0) run.trace = (*result)["trace"].as<std::string>();
  run.certificates = result->count("no-certs") == 0;
  return run;
}

// The hierarchy the runs sign from: --ca (created or reused) or a fresh one in the output's ca/.
mockca::Hierarchy load_hierarchy(const RunOptions& options, const std::vector<scenario::Scenario>& scenarios,
                                 const fs::path& staging) {
  mockca::InitOptions init;
  if (!options.ca) init.brands.emplace_back(mockca::kDefaultBrand);
  for (const auto& scenario : scenarios) {
    for (const auto& plan : scenario.config.orders) {
      if (!plan.brand.empty() && std::find(init.brands.begin(), init.brands.end(), plan.brand) == init.brands.end()) {
        init.brands.push_back(plan.brand);
      }
    }
  }
  const fs::path dir = options.ca ? *options.ca : staging / "ca";
  mockca::init_hierarchy(dir, init);
  return mockca::Hierarchy::load(dir);
}

// What one worker thread keeps between units: its issuer, and the run configuration of the
// scenario it ran last (copied once, not per run).
struct Worker {
  std::optional<mockca::Issuer> issuer;
  std::optional<std::size_t> scenario;
  order::RunConfig config;
};

struct UnitOutcome {
  std::optional<report::RunRecord> record;
  std::string error;  // the scenario could not run
};

class Runner {
 public:
  Runner(const RunOptions& options, const std::vector<scenario::Scenario>& scenarios, const fs::path& staging)
      : options_(options), scenarios_(scenarios), staging_(staging), units_(plan_units(scenarios, options.shard)),
        outcomes_(units_.size()), workers_(std::max<std::size_t>(1, std::min(options.jobs, units_.size()))) {}

  // Runs every unit, or those begun before an interrupt; returns the run kept for --trace (the
  // first unit's), if asked for.
  std::optional<order::RunResult> run(const InterruptWatch& interrupt) {
    const bool signing = options_.certificates && std::any_of(units_.begin(), units_.end(), [&](const WorkUnit& unit) {
                           return scenarios_[unit.scenario].config.issue_certificates;
                         });
    if (signing) {
      hierarchy_.emplace(load_hierarchy(options_, scenarios_, staging_));
      write_root_certificate(staging_ / "certs", hierarchy_->root_pem());
    }
    Progress progress(units_.size(), stderr_is_terminal());
    run_parallel(
        units_.size(), workers_.size(), [&](std::size_t unit, std::size_t worker) { run_unit(unit, workers_[worker]); },
        [&](std::size_t done) { progress.update(done); }, [&] { return interrupt.requested() || ran_away_; });
    progress.finish();
    return std::move(traced_);
  }

  // The report of every scenario (runs in run-index order), evaluated; `failed_to_run` is set when a
  // scenario could not run.
  report::ReportSet reports(bool& failed_to_run) const {
    report::ReportSet set;
    set.casim_version = CASIM_VERSION;
    if (options_.shard.count > 1) set.shard = options_.shard.text();
    if (hierarchy_) set.non_reproducible_fields.assign(kSignedOnlyFields.begin(), kSignedOnlyFields.end());
    for (const auto& scenario : scenarios_) set.scenarios.push_back(report::start_report(scenario));
    failed_to_run = false;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      auto& scenario = set.scenarios[units_[i].scenario];
      if (outcomes_[i].record) scenario.runs.push_back(*outcomes_[i].record);
      if (!outcomes_[i].error.empty() && scenario.error.empty()) scenario.error = outcomes_[i].error;
      failed_to_run = failed_to_run || !outcomes_[i].error.empty();
    }
    std::sort(set.scenarios.begin(), set.scenarios.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    report::evaluate(set);
    return set;
  }

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
    try {
      order::RunResult result = order::run_simulation(config);
      if (result.stop == order::RunStop::EventLimitReached) ran_away_ = true;  // no further unit starts
      if (config.platform.keep_certificate_files) {
        write_order_certificates(staging_ / "certs", scenario.name, result.orders);
        for (auto& order : result.orders) {
          if (order.certificate) order.certificate->files.reset();
        }
      }
      if (options_.trace && index == 0) traced_ = result;
      outcomes_[index].record = report::record_of(std::move(result));
    } catch (const InputError& error) {
      outcomes_[index].error = error.what();
    }
  }

  const RunOptions& options_;
  const std::vector<scenario::Scenario>& scenarios_;
  fs::path staging_;
  std::vector<WorkUnit> units_;
  std::vector<UnitOutcome> outcomes_;  // one slot per unit
  std::vector<Worker> workers_;
  std::optional<mockca::Hierarchy> hierarchy_;
  mockca::KeyPool keys_{kSharedKeyPoolSize};
  std::optional<order::RunResult> traced_;
  std::atomic<bool> ran_away_{false};  // a run reached its event limit: the whole run is refused
};

sim::Calendar ca_calendar(const scenario::Scenario& scenario) {
  const auto& calendar = scenario.config.ca.review_calendar;
  return calendar ? *calendar : sim::CalendarLibrary{}.load(sim::kDefaultCalendar);
}

// Prints --trace's table; false (after saying why) when the order is not in the run.
bool print_trace(const std::string& ref, const std::optional<order::RunResult>& run, const scenario::Scenario& scenario) {
  const order::OrderResult* order = run ? run->find(ref) : nullptr;
  if (order == nullptr) {
    std::cerr << fmt::format("casim: --trace: no order '{}' in scenario {}; {}\n", ref, scenario.name,
                             run ? "known orders: " + known_orders(*run) : std::string("no run was made"));
    return false;
  }
  std::cout << "\n";
  print_order_trace(*run, *order, ca_calendar(scenario), std::cout);
  return true;
}

// Runs in `staging`; returns the exit code, or nothing when --trace named an unknown order.
std::optional<int> run_into(const RunOptions& options, const std::vector<scenario::Scenario>& scenarios,
                            report::Staging& staging, const InterruptWatch& interrupt) {
  Runner runner(options, scenarios, staging.path());
  const auto traced = runner.run(interrupt);
  if (interrupt.requested()) return interrupt.report("the run");
  bool failed_to_run = false;
  const report::ReportSet reports = runner.reports(failed_to_run);
  if (report_runaways(reports, std::cerr)) {
    if (options.trace && traced) print_trace(*options.trace, traced, scenarios.front());
    return std::nullopt;
  }
  if (options.trace && !traced && !failed_to_run) {
    std::cerr << "casim: --trace: this shard runs nothing of the scenario\n";
    return std::nullopt;
  }
  if (options.trace && traced && traced->find(*options.trace) == nullptr) {
    print_trace(*options.trace, traced, scenarios.front());
    return std::nullopt;
  }
  report::write_formats(reports, options.formats, staging.path());
  report::write_text(reports, std::cout);
  if (options.trace && traced) print_trace(*options.trace, traced, scenarios.front());
  if (interrupt.requested()) return interrupt.report("the run");
  staging.publish();
  if (failed_to_run) return kExitBadInput;
  const bool passed = std::all_of(reports.scenarios.begin(), reports.scenarios.end(),
                                  [](const report::ScenarioReport& scenario) { return scenario.passed; });
  return passed ? kExitOk : kExitFindings;
}

}  // namespace

int run_run(const Args& args) {
  const auto options = parse_run_options(args);
  if (!options) return kExitOk;
  const InterruptWatch interrupt;
  const auto scenarios = load_scenarios(options->paths, options->overrides);
  if (!scenarios) return kExitBadInput;
  if (options->trace && scenarios->size() != 1) {
    throw InputError("--trace", fmt::format("needs exactly one scenario, {} were given", scenarios->size()));
  }
  if (interrupt.requested()) return interrupt.report("the run");
  report::Staging staging(options->out);  // removed unless published
  return run_into(*options, *scenarios, staging, interrupt).value_or(kExitBadInput);
}

}  // namespace casim::cli
