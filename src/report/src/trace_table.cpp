// write_order_trace: rows of text, padded column by column; write_trace_jsonl: one JSON object an event.
#include "casim/report/trace_table.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casim/mockca/status.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/time_zone.hpp"

namespace casim::report {
namespace {

using Row = std::array<std::string, 7>;

std::string clock_text(sim::Duration time) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(time).count();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time).count() % 60;
  return fmt::format("{:02}:{:02}:{:02}", minutes / 60, minutes % 60, seconds);
}

// "2026-09-14 09:00:00 +08:00"
std::string local_text(const sim::TimeZone& zone, sim::Instant at) {
  const sim::LocalTime local = zone.to_local(at);
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(zone.offset_at(at)).count();
  const auto magnitude = offset < 0 ? -offset : offset;
  return fmt::format("{} {} {}{:02}:{:02}", sim::format_date(local.date), clock_text(local.time_of_day),
                     offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

// Business time as "<days>bd hh:mm:ss" (days of the calendar's business-day length).
std::string business_text(const sim::Calendar& calendar, sim::Instant from, sim::Instant to) {
  if (to < from) return "-";
  try {
    const sim::Duration elapsed = calendar.business_time_between(from, to);
    const sim::Duration day = calendar.business_day_length();
    return fmt::format("{}bd {}", elapsed / day, clock_text(elapsed % day));
  } catch (const sim::CalendarDataMissing&) {
    return "?";  // the calendar has no data for the year
  }
}

// `detail` with every UTC instant the CA wrote in it ("2026-09-14T13:00:00Z") in `zone`, with its
// offset ("2026-09-14T21:00:00+08:00"), as the instant column reads.
std::string local_detail(std::string_view detail, const sim::TimeZone& zone) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  const auto is_instant_at = [&](std::size_t at) {
    if (at + kShape.size() > detail.size()) return false;
    for (std::size_t i = 0; i < kShape.size(); ++i) {
      const char c = detail[at + i];
      if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(c)) : c != kShape[i]) return false;
    }
    return true;
  };
  std::string text;
  for (std::size_t at = 0; at < detail.size();) {
    if (is_instant_at(at)) {
      const std::string_view written = detail.substr(at, kShape.size());
      try {
        text += sim::format_local_instant(sim::parse_instant(written), zone);
      } catch (const InputError&) {
        text += written;  // shaped like an instant but none (a value the applicant published)
      }
      at += kShape.size();
    } else {
      text += detail[at++];
    }
  }
  return text;
}

std::string status_text(const std::optional<mockca::Status>& status) {
  return status ? fmt::format("{} {}", mockca::code(*status), mockca::status_name(*status)) : "";
}

}  // namespace

void write_order_trace(std::uint64_t seed, std::uint64_t run_index, const order::OrderResult& order,
                       std::span<const mockca::TraceEvent> events, const sim::Calendar& calendar, std::ostream& out) {
  const bool submitted = order.submitted_at != sim::Instant{};
  std::vector<Row> rows{Row{fmt::format("instant ({})", calendar.time_zone().name()),
                            "business time since submission", "stage", "event", "status", "reason", "detail"}};
  for (const auto& event : events) {
    rows.push_back(Row{local_text(calendar.time_zone(), event.at),
                       submitted ? business_text(calendar, order.submitted_at, event.at) : "-",
                       std::string(mockca::trace_stage_name(event.stage)), std::string(mockca::trace_kind_name(event.kind)),
                       status_text(event.status), event.reason ? std::string(mockca::info(*event.reason).code) : "",
                       local_detail(event.detail, calendar.time_zone())});
  }
  std::array<std::size_t, 7> widths{};
  for (const auto& row : rows) {
    for (std::size_t column = 0; column < row.size(); ++column) widths[column] = std::max(widths[column], row[column].size());
  }
  out << fmt::format("Trace of order {} (seed {}, run {}; CA calendar {}):\n", order.ref, seed, run_index,
                     calendar.name());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t column = 0; column + 1 < row.size(); ++column) {
      line += fmt::format("{:<{}}  ", row[column], widths[column]);
    }
    line += row.back();
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

void write_trace_jsonl(const mockca::Trace& trace, std::ostream& out) {
  for (const auto& event : trace.events()) {
    const nlohmann::json line{
        {"at", sim::format_instant(event.at)},
        {"order", event.order},
        {"stage", mockca::trace_stage_name(event.stage)},
        {"event", mockca::trace_kind_name(event.kind)},
        {"status", event.status ? nlohmann::json(mockca::code(*event.status)) : nlohmann::json(nullptr)},
        {"reason", event.reason ? nlohmann::json(mockca::info(*event.reason).code) : nlohmann::json(nullptr)},
        {"detail", event.detail}};
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

std::string known_orders(const order::RunResult& run) {
  std::string text;
  for (const auto& order : run.orders) text += (text.empty() ? "" : ", ") + order.ref;
  return text.empty() ? "none" : text;
}

}  // namespace casim::report
