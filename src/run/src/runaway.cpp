// find_runaways: the runs that stopped at their event limit (runaway.hpp).
#include "casim/run/runaway.hpp"

#include <algorithm>

namespace casim::run {

std::vector<Runaway> find_runaways(const report::ReportSet& reports) {
  std::vector<Runaway> runaways;
  for (std::size_t s = 0; s < reports.scenarios.size(); ++s) {
    const auto& runs = reports.scenarios[s].runs;
    const auto runaway = [](const report::RunRecord& run) { return run.stop == order::RunStop::EventLimitReached; };
    const auto first = std::find_if(runs.begin(), runs.end(), runaway);
    if (first == runs.end()) continue;
    runaways.push_back(Runaway{s, static_cast<std::size_t>(first - runs.begin()),
                               static_cast<std::size_t>(std::count_if(runs.begin(), runs.end(), runaway))});
  }
  return runaways;
}

}  // namespace casim::run
