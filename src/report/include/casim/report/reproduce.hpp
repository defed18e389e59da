// The one shell command that reproduces a failed expectation: the scenario file with its seed and
// run count, the first failing run and the order to trace, and the ordering logic when it is not
// the built-in one. The text summary, report.html, junit.xml and report.json print it.
#pragma once

#include <string>
#include <string_view>

#include "casim/report/report.hpp"

namespace casim::report {

// `word` as one POSIX shell word: unchanged when it needs no quoting, else in single quotes (a
// single quote inside written '\''); "" is ''.
std::string shell_word(std::string_view word);

// casim run <file> --seed <seed> --runs <runs_planned> [--run <first_failed_run>] [--trace <order>]
// [--agent '<command>']: --run when the result has a first failing run, --trace when it is about
// one order, --agent when set.ordering_logic is not "builtin"; each word quoted only when needed.
std::string reproduce_command(const ReportSet& set, const ScenarioReport& scenario, const ExpectationResult& result);

}  // namespace casim::report
