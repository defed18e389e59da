// The --max-shift option, the reading of a diff's sides and the writing of its formats, shared by
// `casim diff` (cmd_diff.cpp) and `casim run --baseline`.
#include "diff_support.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/file_input.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, DiffFormat>, 3> kDiffFormats{
    {{"text", DiffFormat::Text}, {"json", DiffFormat::Json}, {"markdown", DiffFormat::Markdown}}};

std::string_view file_name(DiffFormat format) {
  switch (format) {
    case DiffFormat::Text: return "diff.txt";
    case DiffFormat::Json: return "diff.json";
    case DiffFormat::Markdown: return "diff.md";
  }
  return "diff.txt";
}

std::string render(const report::ReportDiff& diff, DiffFormat format) {
  std::ostringstream out;
  switch (format) {
    case DiffFormat::Text: report::write_diff_text(diff, out); break;
    case DiffFormat::Json: out << report::diff_to_json(diff).dump(2) << "\n"; break;
    case DiffFormat::Markdown: report::write_diff_markdown(diff, out); break;
  }
  return out.str();
}

}  // namespace

void add_diff_options(cxxopts::Options& options) {
  options.add_options()("max-shift",
                        "How far a time-to-issue or stage percentile may move before it counts: a percentage of "
                        "BASE's value (5%) or a duration (30m, 2h for calendar figures; 0.5bd, 4bh for business "
                        "figures); give several to count only moves beyond all (default 5%)",
                        cxxopts::value<std::vector<std::string>>(), "SHIFT");
}

DiffOptions read_diff_options(const cxxopts::ParseResult& result) {
  DiffOptions options;
  if (result.count("max-shift") == 0) return options;
  options.compare.max_shift.clear();
  for (const auto& text : result["max-shift"].as<std::vector<std::string>>()) {
    options.compare.max_shift.push_back(report::parse_shift_threshold(text, "--max-shift"));
  }
  return options;
}

std::vector<DiffFormat> parse_diff_formats(std::string_view list) {
  std::vector<DiffFormat> formats;
  while (true) {
    const auto comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    const auto known = std::find_if(kDiffFormats.begin(), kDiffFormats.end(), [&](const auto& e) { return e.first == name; });
    if (known == kDiffFormats.end()) {
      throw InputError("--format", fmt::format("unknown format '{}' (expected a comma-separated list of text, json, markdown)", name));
    }
    if (std::find(formats.begin(), formats.end(), known->second) == formats.end()) formats.push_back(known->second);
    if (comma == std::string_view::npos) return formats;
    list.remove_prefix(comma + 1);
  }
}

DiffInput read_diff_input(const fs::path& folder_or_file) {
  std::error_code error;
  const bool is_folder = fs::is_directory(folder_or_file, error);
  if (!is_folder && !fs::exists(folder_or_file, error)) {
    throw InputError(folder_or_file.string(), "no such file or folder (expected a casim run --out folder or a report.json)");
  }
  const fs::path file = is_folder ? folder_or_file / "report.json" : folder_or_file;
  const sim::InputRead read = sim::try_read_input_file(file, report::kReportJsonFile);
  if (read.problem == sim::InputRead::Problem::Unreadable && is_folder) {
    throw InputError(file.string(), read.why + " (is this the output folder of casim run --format json?)");
  }
  if (!read.text) throw InputError(file.string(), read.why);
  return {folder_or_file.string(), report::read_report_json(*read.text, file.string()),
          is_folder ? folder_or_file : file.parent_path()};
}

bool report_diff(const report::DiffSide& base, const report::DiffSide& now, const DiffOptions& options,
                 std::ostream& out, const std::optional<fs::path>& write_into) {
  const report::ReportDiff diff = report::diff_reports(base, now, options.compare);
  if (write_into) {
    fs::create_directories(*write_into);
    for (const DiffFormat format : options.formats) {
      mockca::write_file_atomic(*write_into / file_name(format), render(diff, format), mockca::kPublicFileMode);
    }
    out << render(diff, DiffFormat::Text);
  } else {
    for (const DiffFormat format : options.formats) out << render(diff, format);
  }
  return diff.regressed();
}

}  // namespace casim::cli
