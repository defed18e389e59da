// CN-provisional's holidays: the statutory days of each year by the rules in force that year,
// merged into named spans of a listed-years CalendarDefinition.
#include "calendar_cn_provisional.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "casim/sim/calendar_library.hpp"
#include "chinese_lunar_calendar.hpp"

namespace casim::sim {
namespace {

// The 2024 revision of the rules, in force from 2025-01-01, adds the Spring Festival eve and 2 May.
constexpr int kRevisedRulesYear = 2025;

// The April day of the Qingming solar term (the sun at ecliptic longitude 15°, China time) by the
// 21st-century rule floor(Y × 0.2422 + 4.81) − floor(Y / 4), Y = year % 100, in integers. It
// gives the day of VSOP87 (PyEphem) in every year 2000–2099; the closest to midnight is 2071's
// (April 5, 00:02 with PyEphem's ΔT of 154 s; the smaller ΔT expected now makes it later still).
int qingming_day(int year) {
  const int y = year % 100;
  return (y * 2422 + 48100) / 10000 - y / 4;
}

// The statutory days off of `year`, each with its holiday's name; a day two holidays share (the
// Mid-Autumn Festival on 1–3 October) is named after both.
std::map<Date, std::string> statutory_days_off(int year, ChineseLunarCalendar& lunar) {
  using boost::gregorian::days;
  std::map<Date, std::string> days_off;
  const auto add = [&days_off](Date date, std::string_view name) {
    const auto [it, added] = days_off.try_emplace(date, name);
    if (!added) it->second = fmt::format("{} and {}", it->second, name);
  };
  const auto y = static_cast<unsigned short>(year);
  const bool revised = year >= kRevisedRulesYear;
  add(Date(y, 1, 1), "New Year's Day");
  const Date new_year = lunar.gregorian_date(year, 1, 1);
  if (revised) add(new_year - days(1), "Spring Festival");  // the eve: the 12th month's last day
  for (int i = 0; i < 3; ++i) add(new_year + days(i), "Spring Festival");
  add(Date(y, 4, static_cast<unsigned short>(qingming_day(year))), "Qingming Festival");
  add(Date(y, 5, 1), "Labour Day");
  if (revised) add(Date(y, 5, 2), "Labour Day");
  add(lunar.gregorian_date(year, 5, 5), "Dragon Boat Festival");
  for (unsigned short day = 1; day <= 3; ++day) add(Date(y, 10, day), "National Day");
  add(lunar.gregorian_date(year, 8, 15), "Mid-Autumn Festival");
  return days_off;
}

// Runs of consecutive days off with one name, listed as one span each, marked provisional.
void list_provisional_spans(const std::map<Date, std::string>& days_off, HolidayList& holidays) {
  auto it = days_off.begin();
  while (it != days_off.end()) {
    const Date first = it->first;
    const std::string& name = it->second;
    Date last = first;
    while (++it != days_off.end() && it->first == last + boost::gregorian::days(1) && it->second == name) {
      last = it->first;
    }
    holidays.add(first, last, fmt::format("{} (provisional)", name));
  }
}

Calendar build_china_provisional_calendar() {
  CalendarDefinition definition;
  definition.name = std::string(kProvisionalChinaCalendar);
  definition.description = fmt::format(
      "China mainland, provisional: weekends and statutory days off computed for {}–{}, without "
      "make-up working days or bridging days",
      kChinaProvisionalFirstYear, kChinaProvisionalLastYear);
  definition.time_zone = TimeZone::from_name("Asia/Shanghai");
  definition.business_hours = {std::chrono::hours{9}, std::chrono::hours{18}};
  definition.covered_years.emplace();
  definition.provisional = true;
  ChineseLunarCalendar lunar;
  for (int year = kChinaProvisionalFirstYear; year <= kChinaProvisionalLastYear; ++year) {
    definition.covered_years->insert(year);
    list_provisional_spans(statutory_days_off(year, lunar), definition.holidays);
  }
  return Calendar(std::move(definition));
}

}  // namespace

const Calendar& china_provisional_calendar() {
  static const Calendar calendar = build_china_provisional_calendar();
  return calendar;
}

}  // namespace casim::sim
