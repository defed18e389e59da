// The CA calendar as report.html shows it, from the report's snapshot alone: which local days are
// off (and what they are called), business days, and local times.
#include <chrono>

#include <fmt/format.h>

#include "html_parts.hpp"

namespace casim::report::html {

CalendarView::CalendarView(const CalendarSnapshot& calendar)
    : calendar_(calendar), zone_(sim::TimeZone::from_posix(calendar.time_zone, "time zone of calendar " + calendar.name)) {
  for (const CalendarDay& day : calendar.holidays) holidays_.emplace(day.date, day.name);  // the first name of a date
  for (const CalendarDay& day : calendar.working_days) working_days_.insert(day.date);
}

bool CalendarView::knows(sim::Date date) const {
  return calendar_.first <= date && date <= calendar_.last && !calendar_.years_without_data.contains(date.year());
}

bool CalendarView::is_weekend(sim::Date date) const {
  return calendar_.weekend[static_cast<std::size_t>(date.day_of_week().as_number())];
}

bool CalendarView::is_day_off(sim::Date date) const {
  if (!knows(date)) return is_weekend(date);
  if (working_days_.contains(date)) return false;  // a worked weekend day beats a holiday, as in sim::Calendar
  return holidays_.contains(date) || is_weekend(date);
}

std::string CalendarView::day_off_name(sim::Date date) const {
  if (knows(date)) {
    if (const auto found = holidays_.find(date); found != holidays_.end()) return found->second;
  }
  return "weekend";
}

double CalendarView::business_days(sim::Duration business) const {
  return std::chrono::duration<double>(business).count() / calendar_.business_day_seconds();
}

sim::Date CalendarView::local_date(sim::Instant at) const {
  return zone_.to_local(at).date;
}

std::string CalendarView::local_time(sim::Instant at) const {
  const sim::LocalTime local = zone_.to_local(at);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local.time_of_day).count();
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(zone_.offset_at(at)).count();
  const auto offset_abs = offset < 0 ? -offset : offset;
  std::string zone = fmt::format("UTC{}{}", offset < 0 ? '-' : '+', offset_abs / 60);
  if (offset_abs % 60 != 0) zone += fmt::format(":{:02}", offset_abs % 60);
  if (offset == 0) zone = "UTC";
  return fmt::format("{} {:02}:{:02} {}", sim::format_date(local.date), minutes / 60, minutes % 60, zone);
}

}  // namespace casim::report::html
