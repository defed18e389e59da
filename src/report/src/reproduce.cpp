// reproduce_command and shell_word: the command line a failed expectation is reproduced with.
#include "casim/report/reproduce.hpp"

#include <fmt/format.h>

namespace casim::report {

std::string shell_word(std::string_view word) {
  constexpr std::string_view kPlain =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";
  if (!word.empty() && word.find_first_not_of(kPlain) == std::string_view::npos) return std::string(word);
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string reproduce_command(const ReportSet& set, const ScenarioReport& scenario, const ExpectationResult& result) {
  std::string command = fmt::format("casim run {} --seed {} --runs {}", shell_word(scenario.file), scenario.seed,
                                    scenario.runs_planned);
  if (result.first_failed_run) command += fmt::format(" --run {}", *result.first_failed_run);
  if (!result.order.empty()) command += " --trace " + shell_word(result.order);
  if (set.ordering_logic != "builtin") command += " --agent " + shell_word(set.ordering_logic);
  return command;
}

}  // namespace casim::report
