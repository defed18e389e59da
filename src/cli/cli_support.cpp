// Option parsing and subcommand dispatch shared by every casim command.
#include "cli_support.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

namespace casim::cli {
namespace {

// The option `--name` (without `=`) names, when it takes a value of its own: neither a switch nor
// one with an implicit value. Nothing for any other word.
std::optional<cxxopts::HelpOptionDetails> value_option(const cxxopts::Options& options, std::string_view word) {
  if (!word.starts_with("--")) return std::nullopt;
  const std::string_view name = word.substr(2);
  if (name.empty() || name.find('=') != std::string_view::npos) return std::nullopt;
  for (const auto& group : options.groups()) {
    for (const auto& option : options.group_help(group).options) {
      const bool named = std::find(option.l.begin(), option.l.end(), name) != option.l.end();
      if (named && !option.is_boolean && !option.has_implicit) return option;
    }
  }
  return std::nullopt;
}

// cxxopts takes whatever follows an option as its value, so `--seed --out X` would make "--out" the
// seed and complain about --out. An option followed by nothing, or by another option, is refused here
// instead, naming it. (A value that starts with "--" is written `--name=--value`.)
void check_values_present(const cxxopts::Options& options, const Args& args) {
  for (std::size_t i = 0; i < args.words.size(); ++i) {
    if (args.words[i] == "--") return;
    const auto option = value_option(options, args.words[i]);
    if (!option) continue;
    const std::string needs = option->arg_help.empty()
                                  ? fmt::format("{} needs a value", args.words[i])
                                  : fmt::format("{} needs a value ({})", args.words[i], option->arg_help);
    if (i + 1 == args.words.size()) throw UsageError(args.program, needs + "; none given");
    if (args.words[i + 1].starts_with("--")) {
      throw UsageError(args.program, fmt::format("{}; got '{}'", needs, args.words[i + 1]));
    }
    ++i;
  }
}

}  // namespace

Args Args::shifted() const {
  Args next{program + " " + words.front(), {}};
  next.words.assign(words.begin() + 1, words.end());
  return next;
}

int dispatch(const Args& args, std::string_view summary, std::span<const Subcommand> table) {
  if (args.words.empty() || args.words.front() == "--help" || args.words.front() == "-h") {
    std::cout << fmt::format("{}\n\nUsage: {} <command> [options]\n\nCommands:\n", summary, args.program);
    for (const auto& entry : table) std::cout << fmt::format("  {:<24}{}\n", entry.name, entry.summary);
    std::cout << fmt::format("\nRun '{} <command> --help' for a command's options.\n", args.program);
    if (args.words.empty()) return kExitBadInput;
    return kExitOk;
  }
  const std::string& word = args.words.front();
  for (const auto& entry : table) {
    if (entry.name == word) return entry.run(args.shifted());
  }
  throw UsageError(args.program, fmt::format("unknown command '{}'", word));
}

std::optional<cxxopts::ParseResult> parse_options(cxxopts::Options& options, const Args& args) {
  options.add_options()("h,help", "Print this help");
  // --help anywhere wins, even where it would be read as another option's value (`--seed --help`).
  if (std::find(args.words.begin(), args.words.end(), "--help") != args.words.end()) {
    std::cout << options.help();
    return std::nullopt;
  }
  check_values_present(options, args);
  std::vector<const char*> argv{args.program.c_str()};
  for (const auto& word : args.words) argv.push_back(word.c_str());
  try {
    auto result = options.parse(static_cast<int>(argv.size()), argv.data());
    if (result.count("help") != 0) {
      std::cout << options.help();
      return std::nullopt;
    }
    if (!result.unmatched().empty()) {
      throw UsageError(args.program, fmt::format("unexpected argument '{}'", result.unmatched().front()));
    }
    return result;
  } catch (const cxxopts::exceptions::exception& error) {
    throw UsageError(args.program, error.what());
  }
}

}  // namespace casim::cli
