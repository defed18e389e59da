// The publication rule of run and merge (publication.hpp): refusing reports with unrun scenarios,
// publishing before printing, and the exit code of a published report.
#include "publication.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "cli_support.hpp"

namespace casim::cli {

bool refuse_unrun_scenarios(const report::ReportSet& reports, std::ostream& err) {
  bool any = false;
  for (const auto& scenario : reports.scenarios) {
    if (scenario.error.empty()) continue;
    err << fmt::format("casim: {} (scenario {}) could not run: {}\n", scenario.file, scenario.name, scenario.error);
    any = true;
  }
  if (any) err << "casim: nothing was published (the output folder keeps its previous report)\n";
  return any;
}

void publish_then_print(report::Staging& staging, std::string_view summary, const std::filesystem::path& out) {
  staging.publish();
  std::cout.flush();
  while (!summary.empty()) {
    const ssize_t written = ::write(STDOUT_FILENO, summary.data(), summary.size());
    if (written > 0) {
      summary.remove_prefix(static_cast<std::size_t>(written));
      continue;
    }
    const int error = written < 0 ? errno : EIO;
    if (error == EINTR) continue;
    if (error == EPIPE) return;  // the reader left: the report is published all the same
    std::cerr << fmt::format("casim: cannot print the summary on standard output: {} (the report is published in {})\n",
                             std::strerror(error), out.string());
    return;
  }
}

int exit_code_of(const report::ReportSet& reports) {
  const bool passed = std::all_of(reports.scenarios.begin(), reports.scenarios.end(),
                                  [](const report::ScenarioReport& scenario) { return scenario.passed; });
  return passed ? kExitOk : kExitFindings;
}

}  // namespace casim::cli
