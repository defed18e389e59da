// What `casim diff` and `casim run --baseline` share: the --max-shift option, reading a side (a
// `casim run --out` folder or its report.json), and comparing two sides with report::diff_reports
// — printed and written as diff.txt, diff.json and diff.md. A side that cannot be read is an
// InputError naming the file (exit 2).
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "casim/report/diff.hpp"
#include "casim/report/report.hpp"
#include "cxxopts_quiet.hpp"

namespace casim::cli {

enum class DiffFormat { Text, Json, Markdown };

struct DiffOptions {
  report::DiffOptions compare;  // the thresholds of --max-shift
  std::vector<DiffFormat> formats{DiffFormat::Text, DiffFormat::Json, DiffFormat::Markdown};
};

// Adds --max-shift (repeatable, or comma-separated: 5%, 30m, 0.5bd …) to `options`.
void add_diff_options(cxxopts::Options& options);
// The options add_diff_options added (5% when no --max-shift is given), every format;
// InputError naming --max-shift for a value that is neither a percentage nor a duration.
DiffOptions read_diff_options(const cxxopts::ParseResult& result);
// `casim diff --format`: a comma-separated list of text, json, markdown; InputError otherwise.
std::vector<DiffFormat> parse_diff_formats(std::string_view list);

// One side as read from disk.
struct DiffInput {
  std::string where;           // as given
  report::ReportSet reports;
  std::filesystem::path folder;  // where its traces/ lie: the folder, or the file's folder

  report::DiffSide side() const { return {where, &reports, folder}; }
};
// A `casim run --out` folder (its report.json) or a report.json file; InputError naming the file
// when it is missing, not a report or not readable JSON.
DiffInput read_diff_input(const std::filesystem::path& folder_or_file);

// Compares `base` with `now` and says so: with `write_into`, writes a file per format there
// (diff.txt, diff.json, diff.md; the folder is created when missing) and prints the text on
// `out`; without it, prints each format on `out`. True when something regressed.
bool report_diff(const report::DiffSide& base, const report::DiffSide& now, const DiffOptions& options, std::ostream& out,
                 const std::optional<std::filesystem::path>& write_into);

}  // namespace casim::cli
