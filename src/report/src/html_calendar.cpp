// The CA calendar as report.html shows it: resolved by name through the calendar library, which
// local days are off (and what they are called), business days, and local times.
#include <chrono>

#include <fmt/format.h>

#include "casim/sim/calendar_library.hpp"
#include "html_parts.hpp"

namespace casim::report::html {
namespace {

bool is_saturday_or_sunday(sim::Date date) {
  const auto weekday = date.day_of_week().as_number();
  return weekday == 0 || weekday == 6;
}

// The report's own zone when the calendar cannot be loaded; UTC when that is unreadable too.
sim::TimeZone zone_of(const std::string& posix) {
  try {
    return sim::TimeZone::from_posix(posix);
  } catch (const InputError&) {
    return sim::TimeZone{};
  }
}

}  // namespace

CalendarView::CalendarView(const ScenarioReport& scenario)
    : name_(scenario.calendar), business_day_seconds_(scenario.business_day_seconds) {
  try {
    calendar_ = sim::CalendarLibrary::with_environment().load(name_);
    zone_ = calendar_->time_zone();
  } catch (const InputError& error) {
    problem_ = error.what();
    zone_ = zone_of(scenario.time_zone);
  }
}

bool CalendarView::has_holiday_data(int year) const {
  return calendar_ && calendar_->covers(year);
}

bool CalendarView::is_day_off(sim::Date date) const {
  if (has_holiday_data(date.year())) return !calendar_->is_business_day(date);
  return is_saturday_or_sunday(date);
}

const std::vector<sim::SpecialDay>& CalendarView::special_days(int year) const {
  auto found = special_days_.find(year);
  if (found == special_days_.end()) found = special_days_.emplace(year, calendar_->special_days(year)).first;
  return found->second;
}

std::string CalendarView::day_off_name(sim::Date date) const {
  if (has_holiday_data(date.year())) {
    for (const auto& day : special_days(date.year())) {
      if (day.date == date && day.kind == sim::SpecialDay::Kind::Holiday) return day.name;
    }
  }
  return "weekend";
}

double CalendarView::business_days(sim::Duration business) const {
  return std::chrono::duration<double>(business).count() / business_day_seconds_;
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
