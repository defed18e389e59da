// Reading scenario files: YAML → Scenario, checked against the format (docs/scenario-format.md,
// scenarios/schema/scenario.schema.json). Every problem is a Diagnostic with file:line:column and
// what was expected; unknown keys get a did-you-mean. Nothing here runs a simulation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "casim/scenario/scenario.hpp"
#include "casim/sim/error.hpp"

namespace casim::scenario {

struct Diagnostic {
  SourceSpan where;
  std::string message;  // what is wrong and what was expected
  bool warning = false;  // lint only: the file loads, but this is likely a mistake

  std::string to_string() const;  // "file:line:column: error: message" (or "warning:")
};

// Thrown by load_scenario when the file cannot be read or has any error; carries all of them.
class ScenarioError : public InputError {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// How many bases deep a chain of `extends:` may go (docs/scenario-format.md#bases).
inline constexpr int kMaxBaseDepth = 8;

// How much one scenario may ask for (`casim run --max-orders, --max-runs, --max-order-runs,
// --max-events, --max-horizon`; docs/scenario-format.md#guards). A value the file gives above a bound is a
// Diagnostic at that value, found before anything of that size is built; a default above a
// bound (limits.max_events, limits.horizon) is lowered to it.
struct LoadLimits {
  std::uint64_t max_orders = 100'000;    // order plans, `count` copies included
  std::uint64_t max_runs = 10'000;       // Monte Carlo runs
  std::uint64_t max_order_runs = 100'000;  // orders × runs: every run's orders are kept for the report
  std::optional<int> runs;  // the runs that replace the file's runs: (--runs), as max_order_runs counts them
  std::uint64_t max_events = 2'000'000;  // kernel events per run (the default limits.max_events)
  sim::Duration max_horizon = sim::kDay * 3650;
};

// Whether the file must plan orders: `casim run` and lint need them; `casim serve` takes a file
// for its world, CA settings and calendars, and its clients place the orders.
enum class OrdersNeeded { Required, Optional };

// Loads and checks one scenario file. Throws ScenarioError listing every problem found.
Scenario load_scenario(const std::filesystem::path& file, const LoadLimits& limits = {},
                       OrdersNeeded orders = OrdersNeeded::Required);

// Checks one file without running it: every problem found (empty: the file is good), errors
// and warnings (e.g. an order placed at or after the horizon) sorted by position.
std::vector<Diagnostic> lint_scenario(const std::filesystem::path& file, const LoadLimits& limits = {});

// lint_scenario's diagnostics with the scenario's name and where it is written (for a check
// across files: names must be unique in a suite); name "" when it could not be read.
struct LintResult {
  std::vector<Diagnostic> diagnostics;
  std::string name;
  SourceSpan name_where;
};
LintResult lint_file(const std::filesystem::path& file, const LoadLimits& limits = {});

// The scenario files named by `paths`: files as given, directories searched recursively for
// *.yaml and *.yml (sorted by path), skipping folders named `_…` (bases). Throws InputError for a
// path that does not exist.
std::vector<std::filesystem::path> collect_scenario_files(const std::vector<std::filesystem::path>& paths);

}  // namespace casim::scenario
