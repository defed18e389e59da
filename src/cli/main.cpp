// casim's entry point: guards the process (process_guard.hpp), finds the command, runs it, and turns
// errors into messages and exit codes: 2 for usage, input and a failing environment, 3 for bugs.
#include <exception>
#include <iostream>
#include <vector>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "commands.hpp"
#include "process_guard.hpp"
#include "version.hpp"

namespace {

using casim::cli::Subcommand;

// One line per command, in the order --help lists them.
const std::vector<Subcommand> kCommands{
    Subcommand{"run", "Run scenario files and write their reports (Monte Carlo, shards, traces)", casim::cli::run_run},
    Subcommand{"merge", "Combine the outputs of sharded runs into one report set", casim::cli::run_merge},
    Subcommand{"diff", "Compare two runs: pass/fail, orders, time-to-issue shifts (exit 1 on a regression)", casim::cli::run_diff},
    Subcommand{"lint", "Check scenario files without running them (file:line:column for every problem)", casim::cli::run_lint},
    Subcommand{"serve", "Serve the reseller's SSL API over HTTP against the mock CA, with a controllable clock", casim::cli::run_serve},
    Subcommand{"probe", "Run the mock CA's domain checks against the real network (DNS, file, CAA)", casim::cli::run_probe},
    Subcommand{"calendar", "Business-day arithmetic on the built-in and user calendars", casim::cli::run_calendar},
    Subcommand{"bench", "Benchmarks of casim's engines against reference tools", casim::cli::run_bench},
    Subcommand{"csr", "Check a CSR as the mock CA does; generate a key and CSR online", casim::cli::run_csr},
    Subcommand{"ca", "The mock CA's local test PKI: init, issue, revoke, crl", casim::cli::run_ca},
    Subcommand{"chain", "Check a certificate file as an upload would (order, intermediates, key, trust)", casim::cli::run_chain},
};

constexpr std::string_view kSummary =
    "casim — an offline simulation and test harness of a CA's certificate issuance pipeline";

}  // namespace

int main(int argc, char** argv) {
  casim::cli::guard_process();
  casim::cli::Args args{"casim", {argv + 1, argv + argc}};
  if (!args.words.empty() && (args.words.front() == "--version" || args.words.front() == "-V")) {
    std::cout << casim::cli::version_text();
    return casim::cli::kExitOk;
  }
  try {
    return casim::cli::dispatch(args, kSummary, kCommands);
  } catch (const casim::cli::UsageError& error) {
    std::cerr << fmt::format("{}: {}\nTry '{} --help'.\n", error.program(), error.what(), error.program());
    return casim::cli::kExitBadInput;
  } catch (const casim::InputError& error) {
    std::cerr << "casim: " << error.what() << "\n";
    return casim::cli::kExitBadInput;
  } catch (...) {
    return casim::cli::report_failure(std::current_exception());
  }
}
