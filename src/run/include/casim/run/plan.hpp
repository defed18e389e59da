// What a run of scenarios will run: the loaded scenarios (overrides applied), the work units
// (scenario, run index) in a fixed order, the share of them one shard keeps, and the checks that
// names taken from scenario files cannot lead outside the output folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "casim/scenario/load.hpp"
#include "casim/scenario/scenario.hpp"

namespace casim::run {

// Shard K of N (--shard K/N): a run keeps the units whose position % count == index - 1.
struct Shard {
  int index = 1;  // K, 1-based
  int count = 1;  // N

  std::string text() const;  // "K/N"
};

// "K/N" with 1 ≤ K ≤ N; throws InputError naming --shard otherwise.
Shard parse_shard(const std::string& text);

struct WorkUnit {
  std::size_t scenario = 0;  // index into the scenarios
  std::uint64_t run = 0;     // Monte Carlo run index
};

// Every (scenario, run) of every scenario in order — only run index `only_run` of each when given —
// then the shard's share of them.
std::vector<WorkUnit> plan_units(const std::vector<scenario::Scenario>& scenarios, const Shard& shard,
                                 std::optional<std::uint64_t> only_run = std::nullopt);

// Throws InputError naming --run unless every scenario has a run of index `run`.
void check_only_run(const std::vector<scenario::Scenario>& scenarios, std::uint64_t run);

struct Overrides {
  std::optional<std::uint64_t> seed;
  std::optional<int> runs;
  scenario::LoadLimits limits;  // --max-orders, --max-runs, --max-events, --max-horizon
};

// A scenario file that could not be loaded, with every problem found in it.
struct UnreadableFile {
  std::filesystem::path file;
  std::vector<scenario::Diagnostic> diagnostics;
};

// The scenarios of the readable files, and every diagnostic of the others.
struct LoadedScenarios {
  std::vector<scenario::Scenario> scenarios;
  std::vector<UnreadableFile> unreadable;
};

// Loads every scenario file under `paths` (folders searched recursively) within `overrides.limits`,
// collecting the diagnostics of every unreadable file. Applies the seed and runs overrides, and refuses
// (InputError) two scenarios of the same name and names or order refs that could leave the output
// folder.
LoadedScenarios load_scenarios(const std::vector<std::filesystem::path>& paths, const Overrides& overrides);

// Throws InputError (naming `where`) unless `name` is a relative path of plain components
// (no "..", ".", empty, or absolute parts), as folder names under --out must be.
void check_path_name(const std::string& name, const std::string& where);

}  // namespace casim::run
