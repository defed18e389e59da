// write_formats: the chosen report files written into a staging folder (publish_output moves the
// folder into place). A file that cannot be written is an InputError naming it.
#include <fstream>

#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"

namespace casim::report {
namespace {

template <typename Writer>
void write_file(const std::filesystem::path& path, Writer writer) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(path.string(), "cannot create the file");
  writer(out);
  out.flush();
  if (!out) throw InputError(path.string(), "cannot write the file (disk full?)");
}

}  // namespace

void write_formats(const ReportSet& reports, const std::vector<Format>& formats, const std::filesystem::path& staging) {
  std::error_code error;
  std::filesystem::create_directories(staging, error);
  if (error) throw InputError(staging.string(), "cannot create the folder: " + error.message());
  for (const Format format : formats) {
    switch (format) {
      case Format::Text: write_file(staging / "summary.txt", [&](std::ostream& out) { write_text(reports, out); }); break;
      case Format::Json: write_file(staging / "report.json", [&](std::ostream& out) { write_json(reports, out); }); break;
      case Format::Junit: write_file(staging / "junit.xml", [&](std::ostream& out) { write_junit(reports, out); }); break;
      case Format::Csv: write_file(staging / "timings.csv", [&](std::ostream& out) { write_csv(reports, out); }); break;
      case Format::Html: write_file(staging / "report.html", [&](std::ostream& out) { write_html(reports, out); }); break;
    }
  }
}

}  // namespace casim::report
