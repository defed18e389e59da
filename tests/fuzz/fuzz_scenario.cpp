// Fuzz target: the scenario loader. lint_scenario and load_scenario read a path, so each input is
// written to a scratch file, in a folder of its own so that relative paths in the scenario resolve
// to nothing outside it.
#include <stdexcept>
#include <string>
#include <vector>

#include "casim/scenario/load.hpp"
#include "fuzz_targets.hpp"
#include "scratch_file.hpp"

namespace casim::fuzz {

int fuzz_scenario(const std::uint8_t* data, std::size_t size) {
  static ScratchFile scratch("scenario", "scenario.yaml");
  const auto& file = scratch.write(data, size);
  std::vector<scenario::Diagnostic> diagnostics;
  try {
    diagnostics = scenario::lint_scenario(file);
  } catch (const InputError& error) {
    throw std::logic_error(std::string("lint_scenario threw instead of returning a diagnostic: ") + error.what());
  }
  if (!diagnostics.empty()) return 0;
  try {
    scenario::load_scenario(file);
  } catch (const scenario::ScenarioError& error) {
    // lint found nothing, so only what lint does not check (making bad CSRs) may fail here.
    if (error.diagnostics().empty()) throw std::logic_error("load_scenario: ScenarioError without diagnostics");
  }
  return 0;
}

}  // namespace casim::fuzz
