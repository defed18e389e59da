// The pieces of report.html that html.cpp assembles: text escaping (escape.hpp) and number
// formats, the CA calendar as the report shows it (days off, local time), the Gantt timeline, the
// histograms of time to issue and the failure tables. Private to src/report.
#pragma once

#include <map>
#include <ostream>
#include <set>
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

// The scenario's review calendar as the report's snapshot of it gives it: days off within the
// snapshot's range and years with data, weekends elsewhere.
class CalendarView {
 public:
  explicit CalendarView(const CalendarSnapshot& calendar);

  const std::string& name() const { return calendar_.name; }
  // "Asia/Shanghai"
  const std::string& zone_name() const { return calendar_.time_zone_name; }
  const sim::TimeZone& zone() const { return zone_; }
  // Whether the snapshot lists the holidays of `date`: within its range, in a year with data.
  bool knows(sim::Date date) const;
  // A holiday or a weekend day that is not worked (调休); days the snapshot does not know: a
  // weekend day.
  bool is_day_off(sim::Date date) const;
  // "National Day", "weekend", … for a day off's tooltip.
  std::string day_off_name(sim::Date date) const;
  // Business days in `business`, days of the calendar's business-day length.
  double business_days(sim::Duration business) const;
  sim::Date local_date(sim::Instant at) const;
  // "2026-10-01 09:00 UTC+8"
  std::string local_time(sim::Instant at) const;

 private:
  bool is_weekend(sim::Date date) const;

  const CalendarSnapshot& calendar_;
  sim::TimeZone zone_;
  std::map<sim::Date, std::string> holidays_;
  std::set<sim::Date> working_days_;
};

void write_gantt(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out);
void write_histograms(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out);
void write_failures(const ScenarioReport& scenario, std::ostream& out);
// Every earlier attempt of a resubmitted order (nothing when no order was resubmitted).
void write_earlier_attempts(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out);
// The stylesheet of the page.
std::string_view stylesheet();

}  // namespace casim::report::html
