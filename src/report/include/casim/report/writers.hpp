// The report formats, each rendered from an evaluated ReportSet, and their atomic publication in
// an output folder. write_text … write_html read nothing but the ReportSet (no calendar files, no
// environment, no clock) and write only to `out`: the same report gives the same bytes.
// write_formats writes them as files into a staging folder; Staging publishes it.
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
// report.html). The caller publishes the folder with Staging::publish.
void write_formats(const ReportSet& reports, const std::vector<Format>& formats,
                   const std::filesystem::path& staging);

// The folder a run's output is written into before it replaces `out`: a fresh folder beside `out`
// (same file system), locked while this object lives, removed when it goes away unless published.
// Creating one first removes the staging folders that killed casim runs left beside `out`. Throws
// InputError when check(out) does.
class Staging {
 public:
  // Throws InputError unless `out` can be published: not empty, not a symbolic link (even to a
  // folder), missing or an empty folder or a casim output folder, in a folder. For the command
  // line, before anything runs.
  static void check(const std::filesystem::path& out);

  explicit Staging(const std::filesystem::path& out);
  ~Staging();
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Replaces `out` by the staging folder so that `out` always holds either the previous complete
  // report or the new one (an atomic exchange, else a rename of the old aside and of the new in).
  // Safe against other runs publishing into `out` at the same time: each lands whole, in turn.
  void publish();

 private:
  void release() noexcept;
  // The exchange without RENAME_EXCHANGE; false when `out` went away meanwhile (to be tried again).
  bool replace_by_renames();

  std::filesystem::path target_;  // `out`, absolute
  std::filesystem::path path_;
  int lock_ = -1;  // the staging folder, opened and flock-ed
  bool published_ = false;
};

}  // namespace casim::report
