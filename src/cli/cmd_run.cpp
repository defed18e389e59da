// `casim run`: parses the options, loads the scenario files, runs them with casim_run's run_suite
// into a staging folder (run 0's certificates included) while drawing the progress bar and passing
// SIGINT/SIGTERM on as a stop request, writes the report formats, publishes the folder as --out,
// and then prints the text summary (and the tables of --trace and --trace-failed). Exit 0 when
// every expectation holds, 1 when any fails, 2 on bad input or a scenario that could not run,
// 130/143 when SIGINT/SIGTERM stopped it; on 2, 130 and 143 nothing is published and --out keeps
// its previous report — except that --keep-going publishes the report, unreadable files and all,
// before exiting 2. With --baseline, a regression against the baseline (casim diff's) is exit 1 too.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "casim/agent/command_line.hpp"
#include "casim/report/report.hpp"
#include "casim/report/reproduce.hpp"
#include "casim/report/trace_table.hpp"
#include "casim/report/writers.hpp"
#include "casim/run/plan.hpp"
#include "casim/run/suite.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"
#include "commands.hpp"
#include "diff_support.hpp"
#include "publication.hpp"
#include "run_interrupt.hpp"
#include "run_limits.hpp"
#include "run_progress.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

// The command line of `casim run`: what to load, where to publish, and what run_suite is given
// (its output folder is the staging folder, known only once the scenarios are loaded).
struct RunArgs {
  std::vector<fs::path> paths;
  run::Overrides overrides;
  fs::path out;
  std::vector<report::Format> formats;
  std::optional<std::string> trace;
  bool trace_failed = false;
  bool keep_going = false;
  std::optional<fs::path> baseline;  // --baseline: compare with this earlier output
  DiffOptions diff;                   // --max-shift, for --baseline
  run::RunOptions suite;
};

std::optional<RunArgs> parse_run_options(const Args& args) {
  cxxopts::Options options(args.program,
                           "Runs scenario files (directories searched recursively) and writes their reports. "
                           "Exit 0 when every expectation holds, 1 when any fails (the report is published, then "
                           "printed), 2 on bad input, a scenario that could not run or an environment that failed "
                           "casim (out of memory, of files, of disk), 130 (SIGINT) or 143 (SIGTERM) when interrupted "
                           "(the runs under way finish); on 2, 130 and 143 nothing is published and --out keeps its "
                           "previous report");
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
      "trace", "Print this order's trace event by event (one scenario only; run 0, or the run --run names)",
      cxxopts::value<std::string>(), "ORDER")(
      "run", "Run only this run index of each scenario (below its runs), e.g. to reproduce a failed Monte Carlo run",
      cxxopts::value<std::uint64_t>(), "N")(
      "trace-failed", "After the summary, print the trace of each failed order in its first failing run")(
      "max-traces", "Write the traces of at most this many failed runs per scenario under <out>/traces/ (0: none)",
      cxxopts::value<std::size_t>()->default_value(std::to_string(run::kMaxFailedTraces)), "N")(
      "keep-going", "Run every readable scenario; report each unreadable file as a failed scenario (an error "
                    "test case in junit.xml), publish, and exit 2")(
      "baseline", "Compare with this earlier output (a --out folder or its report.json) as casim diff does, write "
                  "diff.txt, diff.json and diff.md into --out, and exit 1 when something regressed",
      cxxopts::value<std::string>(), "DIR")(
      "no-certs", "Timing only: sign no certificates, write none")(
      "agent", "The ordering logic under test: builtin, or the command line of an external agent speaking "
               "docs/agent-protocol.md (split as a shell would; no shell runs it)",
      cxxopts::value<std::string>()->default_value("builtin"), "CMD")(
      "agent-timeout", "Wall-clock seconds an agent may take for one turn", cxxopts::value<double>()->default_value("10"),
      "S");
  add_limit_options(options);
  add_diff_options(options);
  options.parse_positional({"paths"});
  options.positional_help("[FILE|DIR]...");
  const auto result = parse_options(options, args);
  if (!result) return std::nullopt;
  RunArgs parsed;
  if (result->count("paths") == 0) throw UsageError(args.program, "name at least one scenario file or directory");
  for (const auto& path : (*result)["paths"].as<std::vector<std::string>>()) parsed.paths.emplace_back(path);
  if (result->count("seed") != 0) parsed.overrides.seed = (*result)["seed"].as<std::uint64_t>();
  if (result->count("runs") != 0) {
    parsed.overrides.runs = (*result)["runs"].as<int>();
    if (*parsed.overrides.runs < 1) throw UsageError(args.program, "--runs must be at least 1");
  }
  parsed.overrides.limits = read_limit_options(*result, parsed.overrides.runs);
  const int jobs = result->count("jobs") != 0 ? (*result)["jobs"].as<int>()
                                              : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  if (jobs < 1) throw UsageError(args.program, "--jobs must be at least 1");
  parsed.suite.jobs = static_cast<std::size_t>(jobs);
  parsed.out = (*result)["out"].as<std::string>();
  report::Staging::check(parsed.out);
  parsed.formats = report::parse_formats((*result)["format"].as<std::string>());
  if (result->count("shard") != 0) parsed.suite.shard = run::parse_shard((*result)["shard"].as<std::string>());
  if (result->count("ca") != 0) {
    parsed.suite.ca = fs::path((*result)["ca"].as<std::string>());
    const fs::path out = fs::weakly_canonical(parsed.out);
    const fs::path ca = fs::weakly_canonical(*parsed.suite.ca);
    if (std::mismatch(out.begin(), out.end(), ca.begin(), ca.end()).first == out.end()) {
      throw InputError("--ca", "the CA folder lies inside --out, which every run replaces as a whole; keep it elsewhere");
    }
  }
  if (result->count("trace") != 0) parsed.trace = (*result)["trace"].as<std::string>();
  if (result->count("run") != 0) parsed.suite.only_run = (*result)["run"].as<std::uint64_t>();
  parsed.trace_failed = result->count("trace-failed") != 0;
  parsed.suite.failed_traces = (*result)["max-traces"].as<std::size_t>();
  parsed.keep_going = result->count("keep-going") != 0;
  if (result->count("baseline") != 0) parsed.baseline = fs::path((*result)["baseline"].as<std::string>());
  parsed.diff = read_diff_options(*result);
  parsed.suite.certificates = result->count("no-certs") == 0;
  const std::string agent = (*result)["agent"].as<std::string>();
  const double timeout = (*result)["agent-timeout"].as<double>();
  if (!(timeout > 0 && timeout <= 86'400)) throw UsageError(args.program, "--agent-timeout must be from 0 to 86400 seconds");
  if (agent != "builtin") {
    agent::split_command_line(agent);  // a command line that does not split is bad input before anything runs
    parsed.suite.agent = agent::AgentOptions{agent, std::chrono::milliseconds(std::llround(timeout * 1000))};
  }
  return parsed;
}

// Prints --trace's table on `out`; false (after saying why) when the order is not in the run.
bool print_trace(const std::string& ref, const std::optional<order::RunResult>& run, const scenario::Scenario& scenario,
                 std::ostream& out) {
  const order::OrderResult* order = run ? run->find(ref) : nullptr;
  if (order == nullptr) {
    std::cerr << fmt::format("casim: --trace: no order '{}' in scenario {}; {}\n", ref, scenario.name,
                             run ? "known orders: " + report::known_orders(*run) : std::string("no run was made"));
    return false;
  }
  out << "\n";
  report::write_order_trace(run->seed, run->run_index, *order, run->trace.for_order(ref),
                            sim::calendar_or_default(scenario.config.ca.review_calendar), out);
  return true;
}

// --trace-failed: the trace of each failed order in its first failing run, from the traces the
// suite kept; where that run's trace was not kept, the command that prints it.
void print_failed_traces(const run::SuiteResult& result, std::size_t max_traces, std::ostream& out) {
  for (const auto& scenario : result.reports.scenarios) {
    std::set<std::string> printed;
    for (const auto& expectation : scenario.results) {
      if (expectation.passed || expectation.order.empty() || !expectation.first_failed_run) continue;
      if (!printed.insert(expectation.order).second) continue;
      const auto runs = result.failed_traces.find(scenario.name);
      const run::RunTraceText* run = nullptr;
      if (runs != result.failed_traces.end()) {
        const auto found = runs->second.find(*expectation.first_failed_run);
        if (found != runs->second.end()) run = &found->second;
      }
      const std::string* table = run ? run->table(expectation.order) : nullptr;
      out << fmt::format("\n{}: {} failed first in run {}\n", scenario.name, expectation.id, *expectation.first_failed_run);
      if (table) {
        out << *table;
      } else {
        out << fmt::format("(its trace was not kept: --max-traces keeps {} failed runs a scenario; print it with: {})\n",
                           max_traces, report::reproduce_command(result.reports, scenario, expectation));
      }
    }
  }
}

// Removes the runs' files once the reports are written from them: they are not published.
void remove_spill(const fs::path& spill) {
  std::error_code error;
  fs::remove_all(spill, error);
  if (error) throw InputError(spill.string(), "cannot remove the folder: " + error.message());
}

// Draws the progress bar of the units and passes SIGINT/SIGTERM on to run_suite as a stop request.
class CommandObserver final : public run::RunObserver {
 public:
  explicit CommandObserver(const InterruptWatch& interrupt) : interrupt_(interrupt) {}

  void progress(std::size_t done, std::size_t total) override {
    if (!bar_) bar_.emplace(total, stderr_is_terminal());
    bar_->update(done);
  }
  bool stop_requested() override { return interrupt_.requested(); }
  void warning(const std::string& message) override { std::cerr << "casim: warning: " << message << "\n"; }
  // Ends the bar's line, once the runs are over.
  void finish() {
    if (bar_) bar_->finish();
  }

 private:
  const InterruptWatch& interrupt_;
  std::optional<Progress> bar_;
};

// Runs the readable scenarios in `staging` (with --keep-going, the unreadable files become failed
// scenarios of the report) and compares them with `baseline` when given; returns the exit code, or
// nothing when --trace named an unknown order.
std::optional<int> run_into(const RunArgs& options, const run::LoadedScenarios& loaded,
                            const std::optional<DiffInput>& baseline, report::Staging& staging,
                            const InterruptWatch& interrupt) {
  const std::vector<scenario::Scenario>& scenarios = loaded.scenarios;
  run::RunOptions suite = options.suite;
  suite.output = staging.path();
  suite.keep_first_run = options.trace.has_value();
  // Each run's orders go to files as it finishes, and the reports are written from them; but
  // --baseline compares every order of both sides, so it keeps them in memory.
  if (!baseline) suite.spill = staging.path() / ".runs";
  CommandObserver observer(interrupt);
  run::SuiteResult result = run::run_suite(scenarios, suite, observer);
  observer.finish();
  run::add_unreadable(result.reports, loaded.unreadable);
  if (interrupt.requested()) return interrupt.report("the run");
  const std::optional<order::RunResult>& traced = result.first_run;
  const report::ReportSet& reports = result.reports;
  if (report_runaways(reports, std::cerr)) {
    if (options.trace && traced) print_trace(*options.trace, traced, scenarios.front(), std::cout);
    return std::nullopt;
  }
  if (!options.keep_going && refuse_unrun_scenarios(reports, std::cerr)) return kExitBadInput;
  if (options.trace && !traced) {
    std::cerr << "casim: --trace: this shard runs nothing of the scenario\n";
    return std::nullopt;
  }
  if (options.trace && traced->find(*options.trace) == nullptr) {
    print_trace(*options.trace, traced, scenarios.front(), std::cout);
    return std::nullopt;
  }
  report::write_formats(reports, options.formats, staging.path());
  if (!suite.spill.empty()) remove_spill(suite.spill);
  std::ostringstream summary;
  report::write_text(reports, summary);
  if (options.suite.agent) {
    summary << fmt::format("agent transcripts: {} in {}{}\n", result.transcripts_written,
                           (options.out / "agents").string(),
                           result.transcripts_left_out == 0
                               ? ""
                               : fmt::format(" ({} more failed runs left out: at most {} per scenario)",
                                             result.transcripts_left_out, run::kMaxFailedTranscripts));
  }
  if (!result.failed_traces.empty()) {
    std::size_t kept = 0;
    for (const auto& [scenario, runs] : result.failed_traces) kept += runs.size();
    summary << fmt::format("traces of failed runs: {} in {}{}\n", kept, (options.out / "traces").string(),
                           result.traces_left_out == 0
                               ? ""
                               : fmt::format(" ({} more failed runs left out: at most {} per scenario)",
                                             result.traces_left_out, options.suite.failed_traces));
  }
  if (options.trace) print_trace(*options.trace, traced, scenarios.front(), summary);
  if (options.trace_failed) print_failed_traces(result, options.suite.failed_traces, summary);
  bool regressed = false;
  if (baseline) {
    summary << fmt::format("\nCompared with the baseline {}:\n", baseline->where);
    regressed = report_diff(baseline->side(), {options.out.string(), &reports, staging.path()}, options.diff, summary,
                            staging.path());
  }
  if (interrupt.requested()) return interrupt.report("the run");
  publish_then_print(staging, summary.str(), options.out);
  const bool unrun = std::any_of(reports.scenarios.begin(), reports.scenarios.end(),
                                 [](const report::ScenarioReport& scenario) { return !scenario.error.empty(); });
  if (unrun) return kExitBadInput;
  return regressed ? kExitFindings : exit_code_of(reports);
}

}  // namespace

int run_run(const Args& args) {
  const auto options = parse_run_options(args);
  if (!options) return kExitOk;
  const InterruptWatch interrupt;
  const auto loaded = run::load_scenarios(options->paths, options->overrides);
  for (const auto& file : loaded.unreadable) {
    for (const auto& diagnostic : file.diagnostics) std::cerr << diagnostic.to_string() << "\n";
  }
  if (!loaded.unreadable.empty() && !options->keep_going) return kExitBadInput;
  const auto& scenarios = loaded.scenarios;
  if (options->trace && scenarios.size() != 1) {
    throw InputError("--trace", fmt::format("needs exactly one scenario, {} were given", scenarios.size()));
  }
  if (options->suite.only_run) run::check_only_run(scenarios, *options->suite.only_run);
  // Read before the run: a bad baseline is bad input before anything runs, and --out may be the baseline.
  const std::optional<DiffInput> baseline =
      options->baseline ? std::optional<DiffInput>(read_diff_input(*options->baseline)) : std::nullopt;
  if (interrupt.requested()) return interrupt.report("the run");
  report::Staging staging(options->out);  // removed unless published
  return run_into(*options, loaded, baseline, staging, interrupt).value_or(kExitBadInput);
}

}  // namespace casim::cli
