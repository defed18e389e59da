// Loading the scenarios of a run, overrides, names, work units and shards.
#include "casim/run/plan.hpp"

#include <charconv>
#include <set>

#include <fmt/format.h>

#include "casim/scenario/load.hpp"
#include "casim/sim/error.hpp"

namespace casim::run {
namespace {

constexpr std::size_t kMaxNameBytes = 255;  // NAME_MAX of Linux file systems

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void check_names(const scenario::Scenario& scenario) {
  const std::string where = scenario.where.file;
  check_path_name(scenario.name, fmt::format("{}: scenario name", where));
  for (const auto& plan : scenario.config.orders) {
    check_path_name(plan.ref, fmt::format("{}: order ref", where));
  }
}

}  // namespace

std::string Shard::text() const { return fmt::format("{}/{}", index, count); }

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto index = parse_int(std::string_view(text).substr(0, slash));
  const auto count = slash == std::string::npos ? std::nullopt : parse_int(std::string_view(text).substr(slash + 1));
  if (!index || !count || *count < 1 || *index < 1 || *index > *count) {
    throw InputError("--shard", fmt::format("'{}' is not K/N with 1 <= K <= N (e.g. 2/3)", text));
  }
  return Shard{*index, *count};
}

std::vector<WorkUnit> plan_units(const std::vector<scenario::Scenario>& scenarios, const Shard& shard,
                                 std::optional<std::uint64_t> only_run) {
  std::vector<WorkUnit> units;
  std::uint64_t position = 0;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    for (std::uint64_t run = 0; run < static_cast<std::uint64_t>(scenarios[s].runs); ++run) {
      if (only_run && run != *only_run) continue;
      ++position;
      if ((position - 1) % static_cast<std::uint64_t>(shard.count) == static_cast<std::uint64_t>(shard.index - 1)) {
        units.push_back(WorkUnit{s, run});
      }
    }
  }
  return units;
}

void check_only_run(const std::vector<scenario::Scenario>& scenarios, std::uint64_t run) {
  for (const auto& scenario : scenarios) {
    if (run >= static_cast<std::uint64_t>(scenario.runs)) {
      throw InputError("--run", fmt::format("scenario {} ({}) has {} run{} (indices 0 to {}); there is no run {} "
                                            "(give --runs to run more)",
                                            scenario.name, scenario.where.file, scenario.runs,
                                            scenario.runs == 1 ? "" : "s", scenario.runs - 1, run));
    }
  }
}

void check_path_name(const std::string& name, const std::string& where) {
  const std::filesystem::path path(name);
  bool plain = !name.empty() && path.is_relative() && name.find('\\') == std::string::npos;
  for (const auto& part : path) {
    plain = plain && !part.empty() && part != "." && part != ".." && part.native().size() <= kMaxNameBytes;
  }
  if (!plain || name.back() == '/') {
    throw InputError(where, fmt::format("'{}' cannot name a folder under the output folder "
                                        "(no '..', '.', empty or absolute parts, none over {} bytes)",
                                        name, kMaxNameBytes));
  }
}

LoadedScenarios load_scenarios(const std::vector<std::filesystem::path>& paths, const Overrides& overrides) {
  LoadedScenarios loaded;
  scenario::LoadLimits limits = overrides.limits;
  limits.runs = overrides.runs;
  for (const auto& file : scenario::collect_scenario_files(paths)) {
    try {
      loaded.scenarios.push_back(scenario::load_scenario(file, limits));
    } catch (const scenario::ScenarioError& error) {
      // Named as its diagnostics name it (relative to the working folder when within it).
      const auto& diagnostics = error.diagnostics();
      const bool named = !diagnostics.empty() && !diagnostics.front().where.file.empty();
      loaded.unreadable.push_back(
          UnreadableFile{named ? std::filesystem::path(diagnostics.front().where.file) : file, diagnostics});
    }
  }
  std::set<std::string> names;
  for (auto& scenario : loaded.scenarios) {
    check_names(scenario);
    if (!names.insert(scenario.name).second) {
      throw InputError(scenario.where.file, fmt::format("a scenario named '{}' was already loaded from another file "
                                                        "(scenario names must be unique in a run)", scenario.name));
    }
    if (overrides.seed) scenario.seed = *overrides.seed;
    if (overrides.runs) scenario.runs = *overrides.runs;
  }
  return loaded;
}

}  // namespace casim::run
