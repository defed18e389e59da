// The --max-* options of `casim run` and the runaway message (run_limits.hpp).
#include "run_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "casim/run/runaway.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/error.hpp"

namespace casim::cli {
namespace {

constexpr std::size_t kOpenOrdersShown = 5;

std::string duration_text(sim::Duration duration) {
  return sim::format_duration(sim::DurationSpec::calendar(duration));
}

std::uint64_t at_least_one(const cxxopts::ParseResult& result, const std::string& name) {
  const auto value = result[name].as<std::uint64_t>();
  if (value == 0) throw InputError("--" + name, "must be at least 1");
  return value;
}

// "a, b, c and 4 more" of the orders a run left unfinished.
std::string open_orders(const report::RunRecord& run) {
  std::vector<std::string> refs;
  for (const auto& order : run.orders) {
    if (order.outcome == order::Outcome::Unfinished) refs.push_back(order.ref);
  }
  if (refs.empty()) return "none";
  std::string text;
  for (std::size_t i = 0; i < std::min(refs.size(), kOpenOrdersShown); ++i) text += (i == 0 ? "" : ", ") + refs[i];
  if (refs.size() > kOpenOrdersShown) text += fmt::format(" and {} more", refs.size() - kOpenOrdersShown);
  return text;
}

std::string limit_message(const report::RunRecord& run) {
  for (const auto& warning : run.warnings) {
    if (warning.reason == mockca::Reason::RunEventLimitReached) return warning.message;
  }
  return fmt::format("the run stopped after {} events", run.events_run);
}

}  // namespace

void add_limit_options(cxxopts::Options& options) {
  const scenario::LoadLimits defaults;
  options.add_options("Guards (a scenario asking for more is refused, exit 2)")(
      "max-orders", "Order plans per scenario, count copies included",
      cxxopts::value<std::uint64_t>()->default_value(std::to_string(defaults.max_orders)), "N")(
      "max-runs", "Monte Carlo runs per scenario (runs: and --runs)",
      cxxopts::value<std::uint64_t>()->default_value(std::to_string(defaults.max_runs)), "N")(
      "max-order-runs", "Orders × runs per scenario: every run's orders are kept for the report",
      cxxopts::value<std::uint64_t>()->default_value(std::to_string(defaults.max_order_runs)), "N")(
      "max-events", "Kernel events per run: caps limits.max_events; a run that reaches its event limit is a "
                    "runaway (exit 2, nothing published)",
      cxxopts::value<std::uint64_t>()->default_value(std::to_string(defaults.max_events)), "N")(
      "max-horizon", "Simulated time per run: caps limits.horizon",
      cxxopts::value<std::string>()->default_value(duration_text(defaults.max_horizon)), "DURATION");
}

scenario::LoadLimits read_limit_options(const cxxopts::ParseResult& result, std::optional<int> runs) {
  scenario::LoadLimits limits;
  limits.max_orders = at_least_one(result, "max-orders");
  limits.max_runs = at_least_one(result, "max-runs");
  limits.max_order_runs = at_least_one(result, "max-order-runs");
  limits.max_events = at_least_one(result, "max-events");
  const auto horizon = sim::parse_duration(result["max-horizon"].as<std::string>(), "--max-horizon");
  if (horizon.is_business() || horizon.as_calendar() <= sim::Duration::zero()) {
    throw InputError("--max-horizon", "must be calendar time longer than 0s (e.g. 3650d)");
  }
  limits.max_horizon = horizon.as_calendar();
  if (runs && static_cast<std::uint64_t>(*runs) > limits.max_runs) {
    throw InputError("--runs", fmt::format("{} runs pass the limit of {} (--max-runs)", *runs, limits.max_runs));
  }
  return limits;
}

bool report_runaways(const report::ReportSet& reports, std::ostream& err) {
  const auto runaways = run::find_runaways(reports);
  for (const auto& runaway : runaways) {
    const auto& scenario = reports.scenarios[runaway.scenario];
    const auto& first = scenario.runs[runaway.first_run];
    err << fmt::format("{}: error: scenario '{}' ran away: in run {}, {} at {} with orders still open ({}); "
                       "runs that ran away: {} of {} made (no run starts after one ran away). The ordering "
                       "logic kept the simulation busy without settling: check its polling, or raise "
                       "limits.max_events (at most --max-events). Nothing was published: --out keeps its "
                       "previous report\n",
                       scenario.file, scenario.name, first.run_index, limit_message(first),
                       sim::format_instant(first.stopped_at), open_orders(first), runaway.count, scenario.runs.size());
  }
  return !runaways.empty();
}

}  // namespace casim::cli
