// Option parsing and subcommand dispatch shared by every casim command.
#include "cli_support.hpp"

#include <iostream>

#include <fmt/format.h>

namespace casim::cli {

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
