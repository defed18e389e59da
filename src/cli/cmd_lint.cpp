// `casim lint FILE|DIR...`: checks scenario files without running them, and that their names are
// unique among the files given; prints every problem as file:line:column: error (or warning):
// message, then "N files checked, M errors[, K warnings]"; exit 0 without errors, 2 otherwise.
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "casim/scenario/load.hpp"
#include "commands.hpp"

namespace casim::cli {

int run_lint(const Args& args) {
  cxxopts::Options options(args.program,
                           "Checks scenario files (directories searched recursively for *.yaml and *.yml) "
                           "without running them");
  options.add_options()("paths", "Scenario files or directories", cxxopts::value<std::vector<std::string>>(),
                        "FILE|DIR");
  options.parse_positional({"paths"});
  options.positional_help("FILE|DIR...");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  if (result->count("paths") == 0) throw UsageError(args.program, "name at least one scenario file or directory");

  std::size_t files = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::map<std::string, scenario::SourceSpan> names;  // scenario name → where first written
  for (const auto& path : (*result)["paths"].as<std::vector<std::string>>()) {
    std::vector<std::filesystem::path> found;
    try {
      found = scenario::collect_scenario_files({path});
    } catch (const InputError& error) {
      const std::string what = error.what();
      const std::string prefix = error.where() + ": ";
      std::cout << fmt::format("{}: error: {}\n", error.where(),
                               what.starts_with(prefix) ? what.substr(prefix.size()) : what);
      ++errors;
      continue;
    }
    for (const auto& file : found) {
      ++files;
      scenario::LintResult linted = scenario::lint_file(file);
      if (!linted.name.empty()) {
        const auto [first, fresh] = names.emplace(linted.name, linted.name_where);
        if (!fresh) {
          linted.diagnostics.push_back({linted.name_where,
                                        fmt::format("name: '{}' is also the name of {}:{}; scenario names must be "
                                                    "unique in a suite (each names a report folder)",
                                                    linted.name, first->second.file, first->second.line)});
        }
      }
      for (const auto& diagnostic : linted.diagnostics) {
        std::cout << diagnostic.to_string() << "\n";
        ++(diagnostic.warning ? warnings : errors);
      }
    }
  }
  std::cout << fmt::format("{} file{} checked, {} error{}{}\n", files, files == 1 ? "" : "s", errors,
                           errors == 1 ? "" : "s",
                           warnings == 0 ? "" : fmt::format(", {} warning{}", warnings, warnings == 1 ? "" : "s"));
  return errors == 0 ? kExitOk : kExitBadInput;
}

}  // namespace casim::cli
