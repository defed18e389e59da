// What `casim run` and `casim merge` publish, and when they print. One rule for both: exit 2 (bad
// input, a scenario that could not run, an environment that failed casim) publishes nothing and
// --out keeps its previous report byte for byte; exits 0 and 1 publish the report first and print
// the summary after, so a reader that leaves early (`casim run … | head`) cannot stop publication.
#pragma once

#include <filesystem>
#include <ostream>
#include <string_view>

#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"

namespace casim::cli {

// Says on `err` which scenarios of `reports` could not run (ScenarioReport::error) and that nothing
// is published; true when any could not (the command then exits 2 without publishing).
bool refuse_unrun_scenarios(const report::ReportSet& reports, std::ostream& err);

// Publishes `staging` as --out, then writes `summary` on standard output: a reader that left
// (EPIPE) is not an error, any other failure to print is said on stderr (the report is published).
void publish_then_print(report::Staging& staging, std::string_view summary, const std::filesystem::path& out);

// The exit code of a published report set: 0 when every scenario passed, 1 when any failed.
int exit_code_of(const report::ReportSet& reports);

}  // namespace casim::cli
