// The pieces of report.html that html.cpp assembles: text escaping (escape.hpp) and number
// formats, the CA calendar as the report shows it (days off, local time), the Gantt timeline, the
// histograms of time to issue and the failure table. Private to src/report.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "casim/report/report.hpp"
#include "casim/sim/calendar.hpp"
#include "escape.hpp"

namespace casim::report::html {

using detail::escape;
// At most `limit` bytes of `text`, cut at a UTF-8 character boundary, "…" appended when cut.
std::string shorten(std::string_view text, std::size_t limit);
// Seconds between two instants (b − a).
double seconds_between(sim::Instant a, sim::Instant b);
// "3.25" — fixed two decimals, the same bytes on every machine.
std::string number(double value);

// The scenario's CA calendar, resolved by name through the calendar library; without it, the
// report's time zone and business-day length still hold.
class CalendarView {
 public:
  explicit CalendarView(const ScenarioReport& scenario);

  const std::string& name() const { return name_; }
  // Why the calendar could not be loaded ("" when it was); then weekends only are shaded.
  const std::string& problem() const { return problem_; }
  const sim::TimeZone& zone() const { return zone_; }
  bool has_holiday_data(int year) const;
  // A weekend day or holiday off; worked weekend days (调休) are not off. Years without data:
  // Saturday and Sunday.
  bool is_day_off(sim::Date date) const;
  // "National Day", "weekend", … for a day off's tooltip.
  std::string day_off_name(sim::Date date) const;
  // Business days in `business`, days of the scenario's business-day length.
  double business_days(sim::Duration business) const;
  sim::Date local_date(sim::Instant at) const;
  // "2026-10-01 09:00 UTC+8"
  std::string local_time(sim::Instant at) const;

 private:
  const std::vector<sim::SpecialDay>& special_days(int year) const;

  std::string name_;
  std::string problem_;
  std::optional<sim::Calendar> calendar_;
  sim::TimeZone zone_;
  double business_day_seconds_;
  mutable std::map<int, std::vector<sim::SpecialDay>> special_days_;
};

void write_gantt(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out);
void write_histograms(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out);
void write_failures(const ScenarioReport& scenario, std::ostream& out);
// The stylesheet of the page.
std::string_view stylesheet();

}  // namespace casim::report::html
