// `casim diff BASE NEW`: compares two runs (`casim run --out` folders or report.json files) with
// report::diff_reports and prints the changes (--format text, json, markdown), or writes diff.txt,
// diff.json and diff.md into --out and prints the text. Exit 0 when nothing regressed, 1 when
// something did, 2 on bad input (a missing folder, a file that is not a report).
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "diff_support.hpp"

namespace casim::cli {

int run_diff(const Args& args) {
  cxxopts::Options options(args.program,
                           "Compares two runs: BASE (the reference) and NEW, each a casim run --out folder or its "
                           "report.json. Lists per scenario the pass/fail and expectation changes, per order (same "
                           "seed and run) how it ended and where the runs part, and per validation level the moves "
                           "of the time to issue and stage percentiles. Exit 0 when nothing regressed, 1 when "
                           "something did (a scenario or expectation passed → failed, a figure slower beyond "
                           "--max-shift), 2 on bad input");
  options.add_options()("sides", "BASE and NEW", cxxopts::value<std::vector<std::string>>(), "DIR|FILE")(
      "format", "Output formats, comma-separated: text, json, markdown",
      cxxopts::value<std::string>()->default_value("text"), "LIST")(
      "out", "Write diff.txt, diff.json and diff.md (those of --format) into this folder and print the text",
      cxxopts::value<std::string>(), "DIR");
  add_diff_options(options);
  options.parse_positional({"sides"});
  options.positional_help("BASE NEW");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const auto sides = result->count("sides") == 0 ? std::vector<std::string>{}
                                                  : (*result)["sides"].as<std::vector<std::string>>();
  if (sides.size() != 2) throw UsageError(args.program, "name two runs: BASE and NEW (--out folders or report.json files)");
  DiffOptions diff_options = read_diff_options(*result);
  std::optional<std::filesystem::path> out;
  if (result->count("out") != 0) out = (*result)["out"].as<std::string>();
  diff_options.formats = parse_diff_formats(result->count("format") != 0 || !out ? (*result)["format"].as<std::string>()
                                                                                 : "text,json,markdown");
  const DiffInput base = read_diff_input(sides[0]);
  const DiffInput now = read_diff_input(sides[1]);
  return report_diff(base.side(), now.side(), diff_options, std::cout, out) ? kExitFindings : kExitOk;
}

}  // namespace casim::cli
