// The trace files `casim diff` compares orders by: `<out>/traces/<scenario>/run-<N>.jsonl`, one JSON
// object per trace event in order ({"at", "order", "stage", "event", "status", "reason", "detail"}),
// read back into TraceLines; a line that is not one is an InputError naming file:line and the field.
#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "diff_parts.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

std::string text_field(const nlohmann::json& object, const char* key, const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) {
    throw InputError(where, fmt::format("field \"{}\" is missing or not a string", key));
  }
  return found->get<std::string>();
}

TraceLine line_of(const nlohmann::json& object, const std::string& where) {
  if (!object.is_object()) throw InputError(where, "not a JSON object (expected one trace event a line)");
  TraceLine line{text_field(object, "at", where),    text_field(object, "order", where),
                 text_field(object, "stage", where), text_field(object, "event", where),
                 std::nullopt,                       std::nullopt,
                 text_field(object, "detail", where)};
  sim::parse_instant(line.at, where + ": field \"at\"");
  if (const auto status = object.find("status"); status != object.end() && !status->is_null()) {
    if (!status->is_number_integer()) throw InputError(where, "field \"status\" is not a status code or null");
    line.status = status->get<int>();
    detail::parse_status(*line.status, where + ": field \"status\"");
  }
  if (const auto reason = object.find("reason"); reason != object.end() && !reason->is_null()) {
    if (!reason->is_string()) throw InputError(where, "field \"reason\" is not a reason code or null");
    line.reason = reason->get<std::string>();
    detail::parse_reason(*line.reason, where + ": field \"reason\"");
  }
  return line;
}

}  // namespace

std::filesystem::path trace_file(const std::filesystem::path& folder, const std::string& scenario,
                                 std::uint64_t run_index) {
  return folder / "traces" / scenario / fmt::format("run-{}.jsonl", run_index);
}

std::vector<TraceLine> parse_trace(std::string_view text, const std::string& where) {
  std::vector<TraceLine> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (line.empty()) continue;
    const std::string at = fmt::format("{}:{}", where, number);
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (object.is_discarded()) throw InputError(at, "not JSON (expected one trace event a line)");
    lines.push_back(line_of(object, at));
  }
  return lines;
}

}  // namespace casim::report
