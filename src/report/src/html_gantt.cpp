// The Gantt timeline of report.html: run 0's orders as rows, one bar per stage each order entered
// (from its first start to its last end), status changes as markers with tooltips, and a time axis
// of local days whose background shades the CA calendar's weekends and holidays.
#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "casim/report/spill.hpp"
#include "html_parts.hpp"
#include "names.hpp"

namespace casim::report::html {
namespace {

using order::OrderResult;
using order::Stage;

constexpr double kLabelWidth = 210;
constexpr double kPlotWidth = 940;
constexpr double kRightMargin = 16;
constexpr double kAxisHeight = 36;
constexpr double kRowHeight = 26;
constexpr double kBarHeight = 14;
constexpr std::size_t kMaxOrders = kLeadingOrders;  // what a spilled run 0 keeps in full (spill.hpp)
constexpr std::size_t kLabelBytes = 30;

// The stages drawn as bars, with their CSS class.
constexpr std::array<std::pair<Stage, std::string_view>, 4> kBarStages{{
    {Stage::PreReview, "pre-review"},
    {Stage::DomainValidation, "dcv"},
    {Stage::Review, "review"},
    {Stage::WaitingToIssue, "waiting"},
}};

// Local days [first, end) mapped onto the plot's width.
struct Axis {
  sim::Date first;
  sim::Date end;
  sim::Instant t0;
  double seconds = 1;

  double x(sim::Instant at) const { return kLabelWidth + kPlotWidth * seconds_between(t0, at) / seconds; }
  int days() const { return static_cast<int>((end - first).days()); }
};

sim::Instant stage_end(const order::StageTiming& timing, sim::Instant stopped_at) {
  if (timing.open || !timing.last_end) return stopped_at;
  return *timing.last_end;
}

// Issued, failed or cancelled: later changes (expiry, revocation) lie outside the timeline's range.
bool ends_pipeline(mockca::Status status) {
  return status == mockca::Status::Issued || status == mockca::Status::ReviewFailed || status == mockca::Status::Cancelled;
}

Axis axis_of(const std::vector<const OrderResult*>& orders, sim::Instant stopped_at, const CalendarView& calendar) {
  std::vector<sim::Instant> instants;
  for (const OrderResult* order : orders) {
    for (const auto& change : order->history) {
      instants.push_back(change.at);
      if (ends_pipeline(change.status)) break;
    }
    for (const auto& [stage, css] : kBarStages) {
      const auto& timing = order->timing(stage);
      if (!timing.entered()) continue;
      instants.push_back(*timing.first_start);
      instants.push_back(stage_end(timing, stopped_at));
    }
  }
  if (instants.empty()) instants.push_back(stopped_at);  // no order was placed before the run stopped
  const auto [low, high] = std::minmax_element(instants.begin(), instants.end());
  Axis axis;
  axis.first = calendar.local_date(*low);
  axis.end = std::max(calendar.local_date(*high) + boost::gregorian::days(1), axis.first + boost::gregorian::days(kTimelineMinDays));
  axis.t0 = calendar.zone().to_utc(axis.first, sim::Duration::zero());
  axis.seconds = seconds_between(axis.t0, calendar.zone().to_utc(axis.end, sim::Duration::zero()));
  return axis;
}

void write_day_shading(const Axis& axis, const CalendarView& calendar, double height, std::ostream& out) {
  for (sim::Date day = axis.first; day < axis.end; day += boost::gregorian::days(1)) {
    if (!calendar.is_day_off(day)) continue;
    const double x0 = axis.x(calendar.zone().to_utc(day, sim::Duration::zero()));
    const double x1 = axis.x(calendar.zone().to_utc(day + boost::gregorian::days(1), sim::Duration::zero()));
    out << fmt::format(R"(<rect class="off" data-date="{0}" x="{1}" y="{2}" width="{3}" height="{4}"><title>{0} {5}: day off</title></rect>)",
                       sim::format_date(day), number(x0), number(kAxisHeight), number(x1 - x0), number(height - kAxisHeight),
                       escape(calendar.day_off_name(day)))
        << '\n';
  }
}

int tick_step(int days) {
  for (const int step : {1, 2, 7, 14, 28, 56, 91, 182, 364}) {
    if (days / step <= 14) return step;
  }
  return 728;
}

void write_ticks(const Axis& axis, const CalendarView& calendar, double height, std::ostream& out) {
  const int step = tick_step(axis.days());
  int previous_year = 0;
  for (int offset = 0; offset < axis.days(); offset += step) {
    const sim::Date day = axis.first + boost::gregorian::days(offset);
    const double x = axis.x(calendar.zone().to_utc(day, sim::Duration::zero()));
    const std::string date = sim::format_date(day);
    const std::string label = day.year() == previous_year ? date.substr(5) : date;
    previous_year = day.year();
    out << fmt::format(R"(<line class="tick" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>)", number(x), number(kAxisHeight - 8), number(height))
        << fmt::format(R"(<text class="tick-label" x="{}" y="{}">{}</text>)", number(x + 3), number(kAxisHeight - 10), label);
    if (step == 1) {
      out << fmt::format(R"(<text class="tick-label weekday" x="{}" y="{}">{}</text>)", number(x + 3), number(kAxisHeight - 23),
                         day.day_of_week().as_short_string());
    }
    out << '\n';
  }
}

std::string status_text(const order::StatusChange& change, const CalendarView& calendar) {
  std::string text = fmt::format("{} — status {} {}", calendar.local_time(change.at), mockca::code(change.status),
                                 mockca::status_name(change.status));
  if (change.status_msg != mockca::StatusMsg::None) {
    text += fmt::format(", StatusMsg {}", mockca::status_msg_text(change.status_msg));
  }
  if (change.event) text += fmt::format(" (event: {})", order::event_name(*change.event));
  if (!change.text.empty()) text += fmt::format(": {}", change.text);
  return text;
}

std::string_view marker_class(mockca::Status status) {
  switch (status) {
    case mockca::Status::Issued: return "mark issued";
    case mockca::Status::ReviewFailed: return "mark failed";
    case mockca::Status::Cancelled:
    case mockca::Status::Cancelling: return "mark cancelled";
    default: return "mark";
  }
}

void write_bars(const OrderResult& order, const Axis& axis, const CalendarView& calendar, double y, sim::Instant stopped_at,
                std::ostream& out) {
  for (const auto& [stage, css] : kBarStages) {
    const auto& timing = order.timing(stage);
    if (!timing.entered()) continue;
    const sim::Instant end = stage_end(timing, stopped_at);
    const double x0 = axis.x(*timing.first_start);
    const double width = std::max(2.0, axis.x(end) - x0);
    const auto business = timing.business ? std::optional(calendar.business_days(*timing.business)) : std::nullopt;
    out << fmt::format(R"(<rect class="bar {}" x="{}" y="{}" width="{}" height="{}" rx="3"><title>{}: {} → {}{}; {} calendar days{}{}</title></rect>)",
                       css, number(x0), number(y + (kRowHeight - kBarHeight) / 2), number(width), number(kBarHeight),
                       order::stage_name(stage), calendar.local_time(*timing.first_start), calendar.local_time(end),
                       timing.open ? " (still open)" : "", number(std::chrono::duration<double>(timing.calendar).count() / 86400),
                       business ? fmt::format(", {} business days", number(*business)) : "",
                       timing.intervals > 1 ? fmt::format(", {} intervals", timing.intervals) : "")
        << '\n';
  }
}

void write_row(const OrderResult& order, std::size_t index, const Axis& axis, const CalendarView& calendar,
               sim::Instant stopped_at, std::ostream& out) {
  const double y = kAxisHeight + static_cast<double>(index) * kRowHeight;
  out << fmt::format(R"(<text class="row-label {}" x="8" y="{}"><title>{} ({}, {})</title>{} · {}</text>)",
                     order::outcome_name(order.outcome), number(y + kRowHeight / 2 + 4), escape(order.ref),
                     detail::product_label(order), order::outcome_name(order.outcome),
                     escape(shorten(order.ref, kLabelBytes)), detail::product_label(order))
      << '\n';
  write_bars(order, axis, calendar, y, stopped_at, out);
  const double right = kLabelWidth + kPlotWidth;
  for (const auto& change : order.history) {
    const bool later = axis.x(change.at) > right;
    out << fmt::format(R"(<circle class="{}{}" cx="{}" cy="{}" r="4"><title>{}{}</title></circle>)", marker_class(change.status),
                       later ? " later" : "", number(later ? right + 8 : axis.x(change.at)), number(y + kRowHeight / 2),
                       later ? "after the range shown: " : "", escape(status_text(change, calendar)))
        << '\n';
  }
}

void write_legend(std::ostream& out) {
  out << R"(<div class="legend">)";
  for (const auto& [stage, css] : kBarStages) {
    out << fmt::format(R"(<span><i class="swatch {}"></i>{}</span>)", css, order::stage_name(stage));
  }
  out << R"(<span><i class="swatch off"></i>day off (weekend or holiday)</span>)"
      << R"(<span><i class="dot"></i>status change (hover for details; faded at the right edge: after the range, e.g. expiry)</span></div>)"
      << '\n';
}

void write_calendar_notes(const Axis& axis, const CalendarView& calendar, std::ostream& out) {
  std::set<int> missing;
  for (sim::Date day = axis.first; day < axis.end; day += boost::gregorian::days(1)) {
    if (!calendar.knows(day)) missing.insert(day.year());
  }
  for (const int year : missing) {
    out << fmt::format(R"(<p class="note">Calendar {} has no holiday data for {}: only weekends are shaded in that year.</p>)",
                       escape(calendar.name()), year)
        << '\n';
  }
}

}  // namespace

void write_gantt(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out) {
  out << "<h3>Timeline (run 0)</h3>\n";
  if (scenario.runs.empty() || scenario.runs.front().orders.empty()) {
    out << R"(<p class="note">No orders ran.</p>)" << '\n';
    return;
  }
  const RunRecord& run = scenario.runs.front();
  std::vector<const OrderResult*> shown;
  for (std::size_t i = 0; i < run.orders.size() && i < kMaxOrders; ++i) shown.push_back(&run.orders[i]);
  const Axis axis = axis_of(shown, run.stopped_at, calendar);
  const double height = kAxisHeight + static_cast<double>(shown.size()) * kRowHeight + 4;
  const double width = kLabelWidth + kPlotWidth + kRightMargin;
  write_legend(out);
  out << fmt::format(R"(<div class="chart"><svg class="gantt" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" aria-label="Timeline of run {2}">)",
                     number(width), number(height), run.run_index)
      << '\n';
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i % 2 == 1) {
      out << fmt::format(R"(<rect class="zebra" x="0" y="{}" width="{}" height="{}"/>)",
                         number(kAxisHeight + static_cast<double>(i) * kRowHeight), number(width), number(kRowHeight));
    }
  }
  write_day_shading(axis, calendar, height, out);
  write_ticks(axis, calendar, height, out);
  for (std::size_t i = 0; i < shown.size(); ++i) write_row(*shown[i], i, axis, calendar, run.stopped_at, out);
  out << "</svg></div>\n";
  out << fmt::format(R"(<p class="note">Days are local days of calendar {} ({}).</p>)", escape(calendar.name()),
                     escape(calendar.zone_name()))
      << '\n';
  write_calendar_notes(axis, calendar, out);
  if (run.order_count() > shown.size()) {
    out << fmt::format(R"(<p class="note">Showing the first {} of {} orders; {} more are left out.</p>)", shown.size(),
                       run.order_count(), run.order_count() - shown.size())
        << '\n';
  }
}

}  // namespace casim::report::html
