// `casim merge DIR... --out DIR`: combines the outputs of `casim run --shard K/N` (each DIR's
// report.json) into one report set, evaluated again over all runs, written in every format and
// published atomically; the shards' certificates are copied along when they share one root (links
// among them are not followed; a FIFO or a device is bad input: exit 2, nothing published). Exit
// codes and what is published as `casim run` (publication.hpp): a shard's scenario that could not
// run is exit 2 with nothing published.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
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
  sim::InputRead read = sim::try_read_input_file(file, report::kReportJsonFile);
  if (read.problem == sim::InputRead::Problem::Unreadable) {
    throw InputError(file.string(), read.why + " (is this the output folder of casim run --format json?)");
  }
  if (!read.text) throw InputError(file.string(), read.why);
  return report::read_report_json(*read.text, file.string());
}

// One file of a shard's certs/ (a certificate, a chain, a key): a few KiB.
constexpr sim::InputKind kCertsEntry{"a file of a shard's certs/", 1024U * 1024U};

// The shard's root certificate (certs/root.pem), or none when the shard signed nothing.
std::optional<std::string> read_root(const fs::path& certs) {
  const fs::path file = certs / "root.pem";
  if (std::error_code error; !fs::exists(fs::symlink_status(file, error))) return std::nullopt;
  return sim::read_input_file(file, kCertsEntry);
}

// Copies the tree `from` into `to`: folders (mode 0700) and regular files (a private key's mode
// 0600, others 0644), keeping files already there; links are not followed nor copied. Anything
// else — a FIFO, a device, a socket — is an InputError naming it, before it is opened for reading.
void copy_certificates(const fs::path& from, const fs::path& to) {
  if (fs::is_symlink(fs::symlink_status(from))) return;
  mockca::make_private_dir(to);
  for (auto entry = fs::recursive_directory_iterator(from); entry != fs::recursive_directory_iterator(); ++entry) {
    const fs::path target = to / fs::relative(entry->path(), from);
    const fs::file_status status = entry->symlink_status();
    if (fs::is_symlink(status)) continue;
    if (fs::is_directory(status)) {
      mockca::make_private_dir(target);
      continue;
    }
    if (std::error_code error; fs::exists(fs::symlink_status(target, error))) continue;
    const std::string bytes = sim::read_input_file(entry->path(), kCertsEntry);
    const bool is_private = (status.permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none;
    mockca::write_file_atomic(target, bytes, is_private ? mockca::kPrivateFileMode : mockca::kPublicFileMode,
                              mockca::ExistingFile::Refuse);
  }
}

// Copies every DIR/certs tree into `staging`/certs when all shards that have one share the root;
// says on stderr why not otherwise.
void merge_certificates(const std::vector<fs::path>& dirs, const fs::path& staging) {
  std::vector<fs::path> with_certs;
  std::optional<std::string> root;
  for (const auto& dir : dirs) {
    const auto pem = read_root(dir / "certs");
    if (!pem) continue;
    if (root && *root != *pem) {
      std::cerr << "casim: the shards' certificates come from different CA roots (run the shards with the same "
                   "--ca DIR to keep them); certificates are not merged\n";
      return;
    }
    root = pem;
    with_certs.push_back(dir / "certs");
  }
  for (const auto& certs : with_certs) copy_certificates(certs, staging / "certs");
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
