// snapshot_of: a resolved calendar written down as plain data over a range of local days — its
// zone, business hours, weekend, and the holidays and worked weekend days it lists there.
#include <algorithm>
#include <set>

#include "casim/report/report.hpp"

namespace casim::report {
namespace {

constexpr std::bitset<7> kSaturdayAndSunday{0b1000001};

// The weekdays `calendar` keeps off (sim::Calendar does not expose its weekend, and a joint
// calendar's is the union of its members'): each weekday's verdict on a day of a covered year the
// calendar lists nothing for — the covered year nearest after `year`, else the last one. Saturday
// and Sunday when it covers no year.
std::bitset<7> weekend_of(const sim::Calendar& calendar, int year) {
  if (const auto covered = calendar.covered_years()) {
    if (covered->empty()) return kSaturdayAndSunday;
    const auto after = covered->lower_bound(year);
    year = after != covered->end() ? *after : *covered->rbegin();
  }
  if (!calendar.covers(year)) return kSaturdayAndSunday;
  std::set<sim::Date> listed;
  for (const sim::SpecialDay& day : calendar.special_days(year)) listed.insert(day.date);
  std::bitset<7> weekend;
  std::bitset<7> seen;
  for (sim::Date day(static_cast<unsigned short>(year), 1, 1); !seen.all() && day.year() == year; day += boost::gregorian::days(1)) {
    const auto weekday = static_cast<std::size_t>(day.day_of_week().as_number());
    if (seen[weekday] || listed.contains(day)) continue;
    seen.set(weekday);
    weekend[weekday] = !calendar.is_business_day(day);
  }
  return weekend;
}

}  // namespace

CalendarSnapshot snapshot_of(const sim::Calendar& calendar, sim::Date first, sim::Date last) {
  CalendarSnapshot snapshot;
  snapshot.name = calendar.name();
  snapshot.time_zone_name = calendar.time_zone().name();
  snapshot.time_zone = calendar.time_zone().posix();
  snapshot.opens = calendar.business_hours().open;
  snapshot.closes = calendar.business_hours().close;
  snapshot.weekend = weekend_of(calendar, first.year());
  snapshot.first = first;
  snapshot.last = last;
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

}  // namespace casim::report
