// The runaway guard of a run of scenarios (docs/scenario-format.md#guards): a run that reached its
// event limit kept the simulation busy without settling; run_suite starts no run after one, and
// its reports must not be published. find_runaways says where they are; the caller tells the user.
#pragma once

#include <cstddef>
#include <vector>

#include "casim/report/report.hpp"

namespace casim::run {

// A scenario with runs that ran away, as indices into the ReportSet it was found in.
struct Runaway {
  std::size_t scenario = 0;   // into ReportSet::scenarios
  std::size_t first_run = 0;  // into that scenario's runs: the first that ran away
  std::size_t count = 0;      // how many of its runs ran away
};

// One Runaway per scenario with a run that reached its event limit, in the order of the scenarios.
std::vector<Runaway> find_runaways(const report::ReportSet& reports);

}  // namespace casim::run
