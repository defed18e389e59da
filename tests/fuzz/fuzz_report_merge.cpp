// Fuzz target: a shard's report.json as `casim merge` reads it (report::read_report_json), merged
// (report::merge, which evaluates it again) and written in every format; the report.json written
// must read back, since a merged output is merged again.
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"
#include "fuzz_targets.hpp"

namespace casim::fuzz {

int fuzz_report_merge(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<report::ReportSet> shards;
  shards.push_back(report::read_report_json(text, "report.json"));  // InputError: refused the documented way
  const report::ReportSet merged = report::merge(std::move(shards));
  std::ostringstream out;
  report::write_text(merged, out);
  report::write_junit(merged, out);
  report::write_csv(merged, out);
  report::write_html(merged, out);
  std::ostringstream json;
  report::write_json(merged, json);
  try {
    report::read_report_json(json.str(), "merged report.json");
  } catch (const InputError& error) {
    throw std::logic_error(std::string("the merged report.json does not read back: ") + error.what());
  }
  return 0;
}

}  // namespace casim::fuzz
