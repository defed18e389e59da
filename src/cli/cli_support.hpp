// What every casim subcommand shares: exit codes, the argument view, option parsing that turns
// cxxopts' complaints into usage errors, and dispatch over a table of subcommands.
#pragma once

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cxxopts_quiet.hpp"

namespace casim::cli {

inline constexpr int kExitOk = 0;        // success; the check found nothing wrong
inline constexpr int kExitFindings = 1;  // ran fine, and found problems (rejected CSR, failed expectation)
inline constexpr int kExitBadInput = 2;  // bad usage or unreadable input
inline constexpr int kExitInternal = 3;  // a bug in casim

// A mistake on the command line; main prints it with a pointer to --help and exits 2.
class UsageError : public std::runtime_error {
 public:
  UsageError(std::string program, const std::string& why)
      : std::runtime_error(why), program_(std::move(program)) {}
  const std::string& program() const noexcept { return program_; }

 private:
  std::string program_;
};

// The arguments of one (sub)command: `program` is its full name ("casim calendar list"),
// `words` what follows it.
struct Args {
  std::string program;
  std::vector<std::string> words;

  // The arguments after the first word, for the subcommand that word names.
  Args shifted() const;
};

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(const Args&);
};

// Runs the subcommand named by the first word; prints the table for --help or no word.
int dispatch(const Args& args, std::string_view summary, std::span<const Subcommand> table);

// Parses `args` with `options` (which gets -h/--help added). Returns nothing after printing the
// help text; throws UsageError on unknown options, bad values or stray words, and on an option
// given without its value, naming it ("--seed needs a value (N); got '--out'").
std::optional<cxxopts::ParseResult> parse_options(cxxopts::Options& options, const Args& args);

// The value of a required option, or a UsageError naming it.
template <typename T>
T required(const cxxopts::ParseResult& result, const Args& args, const std::string& name) {
  if (result.count(name) == 0) throw UsageError(args.program, "missing required option --" + name);
  return result[name].as<T>();
}

}  // namespace casim::cli
