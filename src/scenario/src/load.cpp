// load_scenario and lint_scenario: read one file (once its text passed input_guard.hpp), check the
// top-level keys, hand each section to its loader (load_*.cpp), and hold what the scenario asks
// for to the LoadLimits; every problem found becomes a Diagnostic, sorted by position.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdint>
#include <tuple>

#include "extends.hpp"
#include "input_guard.hpp"
#include "loader.hpp"

namespace casim::scenario {
namespace {

namespace fs = std::filesystem;
using detail::Context;
using detail::Reader;
using detail::Section;

bool is_folder_name(std::string_view text) {
  return !text.empty() && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
                              std::string_view::npos;
}

// Reads the keys before the sections; true when `start` was read.
bool read_header(Context& context, const Section& top, const LoadLimits& limits, Scenario& scenario) {
  Reader& reader = context.reader;
  const auto name_node = top.require("name");
  if (const auto name = detail::read_string(reader, name_node, "name")) {
    scenario.name = *name;
    scenario.name_where = reader.span(name_node);
    if (!is_folder_name(*name)) {
      reader.error(name_node, fmt::format("name: '{}' has characters outside A-Z a-z 0-9 . _ - (the name is a report "
                                          "folder)",
                                          *name));
    }
  }
  if (const auto v = top.get("description"))
    scenario.description = detail::read_string(reader, v, "description").value_or("");
  if (const auto v = top.get("tags"))
    scenario.tags = detail::read_strings(reader, v, "tags").value_or(std::vector<std::string>{});
  if (const auto v = top.get("seed")) scenario.seed = detail::read_unsigned(reader, v, "seed").value_or(scenario.seed);
  if (const auto v = top.get("runs")) {
    const auto runs = detail::read_integer(reader, v, "runs", INT64_MIN, INT64_MAX);
    const auto max_runs = static_cast<std::int64_t>(std::min<std::uint64_t>(limits.max_runs, INT_MAX));
    if (runs && *runs < 1) {
      reader.error(v, fmt::format("runs: {} is out of range (expected 1 to {})", *runs, max_runs));
    } else if (runs && *runs > max_runs) {
      reader.error(v, fmt::format("runs: {} runs pass the limit of {} (--max-runs)", *runs, limits.max_runs));
    } else if (runs) {
      scenario.runs = static_cast<int>(*runs);
    }
  }
  const auto start = detail::read_instant(reader, top.require("start"), "start");
  if (start) {
    context.start = *start;
    scenario.config.start = *start;
  }
  if (const auto v = top.get("issue_certificates")) {
    scenario.config.issue_certificates = detail::read_bool(reader, v, "issue_certificates").value_or(true);
  }
  return start.has_value();
}

// The order plans `orders` will make, `count` copies included, counted before any is made (a
// count that is not a whole number counts as one: load_orders reports it).
std::uint64_t planned_orders(const YAML::Node& orders) {
  if (!orders.IsSequence()) return 0;
  std::uint64_t total = 0;
  for (const auto& item : orders) {
    std::int64_t count = 1;
    const YAML::Node given = item.IsMap() ? item["count"] : YAML::Node(YAML::NodeType::Undefined);
    if (given && given.IsScalar()) {
      const std::string& text = given.Scalar();
      std::from_chars(text.data(), text.data() + text.size(), count);
    }
    const auto copies = static_cast<std::uint64_t>(std::max<std::int64_t>(count, 1));
    total = copies > UINT64_MAX - total ? UINT64_MAX : total + copies;
  }
  return total;
}

// A value the file gives above `bound` is reported at it; a default above it is lowered to it.
template <typename T>
void hold_to(Reader& reader, const YAML::Node& given, T& value, T bound, const std::string& message) {
  if (value <= bound) return;
  if (given) {
    reader.error(given, message);
  } else {
    value = bound;
  }
}

void check_run_limits(Reader& reader, const Section& top, const LoadLimits& limits, order::RunLimits& run) {
  const YAML::Node given = top.get("limits");
  const auto key = [&](const char* name) {
    return given.IsMap() ? given[name] : YAML::Node(YAML::NodeType::Undefined);
  };
  hold_to(reader, key("horizon"), run.horizon, limits.max_horizon,
          fmt::format("limits.horizon: {} passes the limit of {} (--max-horizon)",
                      sim::format_duration(sim::DurationSpec::calendar(run.horizon)),
                      sim::format_duration(sim::DurationSpec::calendar(limits.max_horizon))));
  hold_to(reader, key("max_events"), run.max_events, limits.max_events,
          fmt::format("limits.max_events: {} events pass the limit of {} (--max-events)", run.max_events,
                      limits.max_events));
}

// Every run's order results are kept until the report is written, so orders × runs bounds memory.
void check_order_runs(Reader& reader, const Section& top, const LoadLimits& limits, std::uint64_t orders, int runs) {
  const auto per_order = static_cast<std::uint64_t>(runs);
  if (orders <= limits.max_order_runs / per_order) return;
  const std::uint64_t order_runs = orders > UINT64_MAX / per_order ? UINT64_MAX : orders * per_order;
  const YAML::Node runs_node = top.get("runs");
  reader.error(limits.runs || !runs_node ? top.get("orders") : runs_node,
               fmt::format("{} orders × {} runs{} = {} order runs pass the limit of {} (--max-order-runs): every "
                           "run's orders are kept in memory for the report; lower runs or count, or split the runs "
                           "with --shard and casim merge",
                           orders, runs, limits.runs ? " (--runs)" : "", order_runs, limits.max_order_runs));
}

void read_sections(Context& context, const Section& top, const LoadLimits& limits, OrdersNeeded needed,
                   Scenario& scenario) {
  order::RunConfig& config = scenario.config;
  detail::load_calendars(context, top.get("calendars"), scenario);
  if (const auto v = top.get("ca")) detail::load_ca(context, v, config.ca.config);
  if (const auto v = top.get("world")) detail::load_world(context, v, config.world);
  if (const auto v = top.get("actions")) detail::load_actions(context, v, config.world);
  const auto orders = needed == OrdersNeeded::Required ? top.require("orders") : top.get("orders");
  const std::uint64_t planned = orders ? planned_orders(orders) : 0;
  if (planned > limits.max_orders) {
    context.reader.error(orders, fmt::format("orders: {} orders pass the limit of {} (--max-orders)", planned,
                                             limits.max_orders));
  }
  if (const auto v = top.get("limits")) detail::load_limits(context, v, config.limits);
  check_run_limits(context.reader, top, limits, config.limits);
  context.horizon = config.limits.horizon;
  if (planned <= limits.max_orders && orders) {
    check_order_runs(context.reader, top, limits, planned, limits.runs.value_or(scenario.runs));
    detail::load_orders(context, orders, config.orders, config.ca.config.fixed_validation_values);
  }
  if (const auto v = top.get("platform")) detail::load_platform(context, v, config.platform);
  if (planned > limits.max_orders) return;  // expectations name orders that were not made
  if (const auto v = top.get("expect")) {
    detail::load_order_expectations(context, v, scenario.order_expectations, scenario.run_expectation);
  }
  if (const auto v = top.get("expect_aggregate")) {
    detail::load_aggregate_expectations(context, v, scenario.aggregate_expectations);
  }
}

Scenario load(const fs::path& file, bool make_csrs, const LoadLimits& limits, OrdersNeeded needed,
              std::vector<Diagnostic>& diagnostics) {
  Scenario scenario;
  Reader reader(detail::Origin{detail::shown_file_name(file), file.parent_path(), {}}, diagnostics);
  scenario.where = {reader.file(), 1, 1};
  auto root = detail::parse_scenario_file(file, reader);
  if (!root) return scenario;
  if (!root->IsMap()) {
    YAML::Mark start;
    reader.error(root->IsNull() ? start : root->Mark(),
                 "expected a mapping of scenario settings (name, start, orders, …), see docs/scenario-format.md");
    return scenario;
  }
  detail::apply_extends(reader, *root, file);
  Context context{reader, make_csrs, {}, {}, {}, {}, {}};
  const Section top(reader, *root, "scenario", "");
  const bool has_start = read_header(context, top, limits, scenario);
  try {
    read_sections(context, top, limits, needed, scenario);
    if (has_start) detail::check_reachable(reader, top, scenario.config);
  } catch (const InputError& error) {
    reader.error(root->Mark(), error.what());
  }
  // The file's own problems first, then its bases' (each file's by position).
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const auto order = [&](const Diagnostic& d) {
      return std::tuple<bool, const std::string&, int, int>{d.where.file != reader.file(), d.where.file, d.where.line,
                                                            d.where.column};
    };
    return order(a) < order(b);
  });
  return scenario;
}

}  // namespace

Scenario load_scenario(const fs::path& file, const LoadLimits& limits, OrdersNeeded orders) {
  std::vector<Diagnostic> diagnostics;
  Scenario scenario = load(file, true, limits, orders, diagnostics);
  std::erase_if(diagnostics, [](const Diagnostic& diagnostic) { return diagnostic.warning; });  // lint's business
  if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  return scenario;
}

std::vector<Diagnostic> lint_scenario(const fs::path& file, const LoadLimits& limits) {
  return lint_file(file, limits).diagnostics;
}

LintResult lint_file(const fs::path& file, const LoadLimits& limits) {
  LintResult result;
  const Scenario scenario = load(file, false, limits, OrdersNeeded::Required, result.diagnostics);
  result.name = scenario.name;
  result.name_where = scenario.name_where;
  return result;
}

}  // namespace casim::scenario
