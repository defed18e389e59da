// The report formats, each rendered from an evaluated ReportSet, and their atomic publication in
// an output folder. Pure functions of the ReportSet: the same report gives the same bytes.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "casim/report/report.hpp"

namespace casim::report {

enum class Format { Text, Json, Junit, Csv, Html };
// "text,json,junit,csv,html" → formats; throws InputError for an unknown name.
std::vector<Format> parse_formats(const std::string& list);

// The text summary (printed on stdout and written as summary.txt): per scenario pass or fail,
// per order the outcome, each failed expectation with its reason.
void write_text(const ReportSet& reports, std::ostream& out);
void write_json(const ReportSet& reports, std::ostream& out);   // report.json
void write_junit(const ReportSet& reports, std::ostream& out);  // junit.xml
void write_csv(const ReportSet& reports, std::ostream& out);    // timings.csv
void write_html(const ReportSet& reports, std::ostream& out);   // report.html, self-contained

// Writes the chosen formats into `staging` (summary.txt, report.json, junit.xml, timings.csv,
// report.html). The caller publishes the folder with publish_output.
void write_formats(const ReportSet& reports, const std::vector<Format>& formats,
                   const std::filesystem::path& staging);

// A fresh staging folder beside `out` (same file system) for a run's output.
std::filesystem::path make_staging(const std::filesystem::path& out);
// Replaces `out` by `staging` atomically enough that `out` always holds either the previous
// complete report or the new one (rename of the old aside, rename of the new in, removal).
void publish_output(const std::filesystem::path& staging, const std::filesystem::path& out);

}  // namespace casim::report
