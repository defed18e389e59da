// `casim merge DIR... --out DIR`: combines the outputs of `casim run --shard K/N` (each DIR's
// report.json) into one report set, evaluated again over all runs, written in every format and
// published atomically; the shards' certificates are copied along when they share one root (links
// among them are not followed; a FIFO or a device is bad input: exit 2, nothing published), and so
// are the traces of their failed runs, the lowest run indices of each scenario as a run keeps them. Exit
// codes and what is published as `casim run` (publication.hpp): a shard's scenario that could not
// run is exit 2 with nothing published.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"
#include "casim/run/suite.hpp"
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

// One trace file of a shard's traces/ (a failed run's tables or events).
constexpr sim::InputKind kTraceFile{"a trace file of a shard's traces/", 256U * 1024U * 1024U};

// The run index of a trace file's name "run-<N>.txt" or "run-<N>.jsonl"; none for another name.
std::optional<std::uint64_t> trace_run_index(const fs::path& file) {
  const std::string stem = file.stem().string();
  const std::string extension = file.extension().string();
  if (stem.rfind("run-", 0) != 0 || (extension != ".txt" && extension != ".jsonl")) return std::nullopt;
  std::uint64_t index = 0;
  const char* digits = stem.c_str() + 4;
  const auto [end, error] = std::from_chars(digits, stem.c_str() + stem.size(), index);
  if (error != std::errc{} || end != stem.c_str() + stem.size() || end == digits) return std::nullopt;
  return index;
}

// Copies the shards' traces into `staging`/traces: per scenario the files of the lowest
// `max_traces` run indices among all shards (links are not followed; other names skipped).
void merge_traces(const std::vector<fs::path>& dirs, const fs::path& staging, std::size_t max_traces) {
  std::map<fs::path, std::map<std::uint64_t, std::vector<fs::path>>> by_scenario;  // relative folder → run → files
  for (const auto& dir : dirs) {
    const fs::path traces = dir / "traces";
    if (std::error_code error; !fs::is_directory(fs::symlink_status(traces, error))) continue;
    for (auto entry = fs::recursive_directory_iterator(traces); entry != fs::recursive_directory_iterator(); ++entry) {
      if (!entry->is_regular_file(/*follows links*/) || entry->is_symlink()) continue;
      const auto index = trace_run_index(entry->path());
      if (index) by_scenario[fs::relative(entry->path().parent_path(), traces)][*index].push_back(entry->path());
    }
  }
  for (const auto& [scenario, runs] : by_scenario) {
    std::size_t copied = 0;
    for (auto run = runs.begin(); run != runs.end() && copied < max_traces; ++run, ++copied) {
      mockca::make_private_dir(staging / "traces" / scenario);
      for (const auto& file : run->second) {
        const fs::path target = staging / "traces" / scenario / file.filename();
        if (std::error_code error; fs::exists(fs::symlink_status(target, error))) continue;
        mockca::write_file_atomic(target, sim::read_input_file(file, kTraceFile), mockca::kPublicFileMode,
                                  mockca::ExistingFile::Refuse);
      }
    }
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
      cxxopts::value<std::string>()->default_value("text,json,junit,csv,html"), "LIST")(
      "max-traces", "Keep the traces of at most this many failed runs per scenario (the lowest run indices)",
      cxxopts::value<std::size_t>()->default_value(std::to_string(run::kMaxFailedTraces)), "N");
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
  merge_traces(dirs, staging.path(), (*result)["max-traces"].as<std::size_t>());
  std::ostringstream summary;
  report::write_text(merged, summary);
  if (interrupt.requested()) return interrupt.report("the merge");
  publish_then_print(staging, summary.str(), out);
  return exit_code_of(merged);
}

}  // namespace casim::cli
