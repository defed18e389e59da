// The guards of `casim run` on the command line (docs/scenario-format.md#guards): the --max-orders,
// --max-runs, --max-events and --max-horizon options, which bound what a scenario may ask for before
// anything runs, and the message about runaways (runs that reached their event limit; the check
// itself is casim/run/runaway.hpp).
#pragma once

#include "cxxopts_quiet.hpp"

#include <optional>
#include <ostream>

#include "casim/report/report.hpp"
#include "casim/scenario/load.hpp"

namespace casim::cli {

void add_limit_options(cxxopts::Options& options);

// The limits given (defaults: scenario::LoadLimits{}); throws InputError naming the option for a
// bad value, and for `runs` (--runs) above --max-runs.
scenario::LoadLimits read_limit_options(const cxxopts::ParseResult& result, std::optional<int> runs);

// Tells on `err`, one line per scenario, of the runs that reached their event limit (a runaway:
// the ordering logic kept the simulation busy without settling; run_suite starts no run after
// one); true when there was one.
bool report_runaways(const report::ReportSet& reports, std::ostream& err);

}  // namespace casim::cli
