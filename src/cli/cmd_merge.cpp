// `casim merge DIR... --out DIR`: combines the outputs of `casim run --shard K/N` (each DIR's
// report.json) into one report set, evaluated again over all runs, written in every format and
// published atomically; the shards' certificates are copied along when they share one root
// (links in the shards' folders are not followed). Exit codes and what is published as `casim run`
// (publication.hpp): a shard's scenario that could not run is exit 2 with nothing published.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"
#include "commands.hpp"
#include "publication.hpp"
#include "run_interrupt.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

report::ReportSet read_report(const fs::path& dir) {
  const fs::path file = dir / "report.json";
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "cannot read (is this the output folder of casim run --format json?)");
  std::ostringstream text;
  text << in.rdbuf();
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded()) throw InputError(file.string(), "is not valid JSON");
  return report::report_from_json(json, file.string());
}

std::optional<std::string> read_text(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Copies every DIR/certs tree into `staging`/certs when all shards that have one share the root;
// says on stderr why not otherwise.
void merge_certificates(const std::vector<fs::path>& dirs, const fs::path& staging) {
  std::vector<fs::path> with_certs;
  std::optional<std::string> root;
  for (const auto& dir : dirs) {
    const auto pem = read_text(dir / "certs" / "root.pem");
    if (!pem) continue;
    if (root && *root != *pem) {
      std::cerr << "casim: the shards' certificates come from different CA roots (run the shards with the same "
                   "--ca DIR to keep them); certificates are not merged\n";
      return;
    }
    root = pem;
    with_certs.push_back(dir / "certs");
  }
  for (const auto& certs : with_certs) {
    fs::copy(certs, staging / "certs",
             fs::copy_options::recursive | fs::copy_options::skip_existing | fs::copy_options::skip_symlinks);
  }
}

}  // namespace

int run_merge(const Args& args) {
  cxxopts::Options options(args.program,
                           "Combines the outputs of sharded runs (casim run --shard K/N) into one report set. "
                           "Exit 0 when every expectation holds, 1 when any fails (the report is published, then "
                           "printed), 2 on bad input, a scenario that could not run or an environment that failed "
                           "casim, 130 (SIGINT) or 143 (SIGTERM) when interrupted; on 2, 130 and 143 nothing is "
                           "published and --out keeps its previous report");
  options.add_options()("dirs", "Output folders of the shards", cxxopts::value<std::vector<std::string>>(), "DIR")(
      "out", "Output folder of the merged report", cxxopts::value<std::string>(), "DIR")(
      "format", "Report formats, comma-separated",
      cxxopts::value<std::string>()->default_value("text,json,junit,csv,html"), "LIST");
  options.parse_positional({"dirs"});
  options.positional_help("DIR...");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  if (result->count("dirs") == 0) throw UsageError(args.program, "name the output folders of the shards");
  const fs::path out = required<std::string>(*result, args, "out");
  report::Staging::check(out);
  const auto formats = report::parse_formats((*result)["format"].as<std::string>());
  const InterruptWatch interrupt;
  std::vector<fs::path> dirs;
  std::vector<report::ReportSet> shards;
  for (const auto& dir : (*result)["dirs"].as<std::vector<std::string>>()) {
    dirs.emplace_back(dir);
    shards.push_back(read_report(dirs.back()));
  }
  const report::ReportSet merged = report::merge(std::move(shards));
  if (refuse_unrun_scenarios(merged, std::cerr)) return kExitBadInput;

  if (interrupt.requested()) return interrupt.report("the merge");
  report::Staging staging(out);  // removed unless published
  report::write_formats(merged, formats, staging.path());
  merge_certificates(dirs, staging.path());
  std::ostringstream summary;
  report::write_text(merged, summary);
  if (interrupt.requested()) return interrupt.report("the merge");
  publish_then_print(staging, summary.str(), out);
  return exit_code_of(merged);
}

}  // namespace casim::cli
