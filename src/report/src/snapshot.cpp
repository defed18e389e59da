// snapshot_of: a resolved calendar written down as plain data over a range of local days — its
// zone, business hours, weekend, and the holidays and worked weekend days it lists there.
#include <algorithm>

#include "casim/report/report.hpp"

namespace casim::report {

CalendarSnapshot snapshot_of(const sim::Calendar& calendar, sim::Date first, sim::Date last) {
  CalendarSnapshot snapshot;
  snapshot.name = calendar.name();
  snapshot.time_zone_name = calendar.time_zone().name();
  snapshot.time_zone = calendar.time_zone().posix();
  snapshot.opens = calendar.business_hours().open;
  snapshot.closes = calendar.business_hours().close;
  snapshot.weekend = calendar.weekend();
  snapshot.first = first;
  snapshot.last = last;
  snapshot.provisional = calendar.provisional();
  for (int year = first.year(); year <= last.year(); ++year) {
    if (!calendar.covers(year)) {
      snapshot.years_without_data.insert(year);
      continue;
    }
    for (const sim::SpecialDay& day : calendar.special_days(year)) {
      if (day.date < first || day.date > last) continue;
      auto& days = day.kind == sim::SpecialDay::Kind::Holiday ? snapshot.holidays : snapshot.working_days;
      days.push_back({day.date, day.name});
    }
  }
  const auto by_date = [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; };
  std::stable_sort(snapshot.holidays.begin(), snapshot.holidays.end(), by_date);
  std::stable_sort(snapshot.working_days.begin(), snapshot.working_days.end(), by_date);
  return snapshot;
}

std::string ScenarioReport::provisional_calendar() const {
  if (review_calendar.provisional) return review_calendar.name;
  return pre_review_calendar.provisional ? pre_review_calendar.name : std::string{};
}

}  // namespace casim::report
