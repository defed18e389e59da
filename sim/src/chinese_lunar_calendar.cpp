// ICU's Chinese calendar read through local Julian day numbers, and the table of the month starts
// ICU 72 gets wrong within 2008–2099.
#include "chinese_lunar_calendar.hpp"

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

namespace casim::sim {
namespace {

// A first day of a month that ICU puts `shift` days away from the day, in China time, of the new
// moon that begins the month. ICU's astronomy is off by minutes; these are the new moons within
// 2008–2099 that fall within those minutes of midnight on the wrong side, found by comparing every
// month start with VSOP87/ELP2000 (PyEphem) conjunctions. The 2027 and 2030 Spring Festivals agree
// with the Hong Kong Observatory's tables; 2057-09-28 23:59:50 is within the ephemerides' error of
// midnight, and like the others begins no month that holds a holiday.
struct MisdatedMonthStart {
  int year;
  int month;
  int day;
  int shift;
};
constexpr std::array<MisdatedMonthStart, 6> kMisdatedMonthStarts{{
    {2012, 8, 18, -1},  // 7th month: new moon 2012-08-17 23:54 China time
    {2018, 11, 7, +1},  // 10th month: 2018-11-08 00:02
    {2027, 2, 7, -1},   // 1st month: 2027-02-06 23:56
    {2030, 2, 2, +1},   // 1st month: 2030-02-03 00:07
    {2057, 9, 29, -1},  // 9th month: 2057-09-28 23:59:50
    {2070, 3, 13, -1},  // 2nd month: 2070-03-12 23:52
}};

Date corrected_month_start(Date icu_start) {
  for (const auto& misdated : kMisdatedMonthStarts) {
    const Date icu_date(static_cast<unsigned short>(misdated.year), static_cast<unsigned short>(misdated.month),
                        static_cast<unsigned short>(misdated.day));
    if (icu_date == icu_start) return icu_start + boost::gregorian::days(misdated.shift);
  }
  return icu_start;
}

// ICU's UCAL_JULIAN_DAY is the Julian day number of the local date, as Boost's julian_day().
std::int32_t julian_day_of(Date date) { return static_cast<std::int32_t>(date.julian_day()); }

Date date_of_julian_day(std::int32_t julian_day) {
  return Date(boost::gregorian::gregorian_calendar::from_day_number(julian_day));
}

void require_icu_success(UErrorCode status, std::string_view what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(fmt::format("ICU's Chinese calendar: {} failed ({})", what, u_errorName(status)));
  }
}

}  // namespace

ChineseLunarCalendar::ChineseLunarCalendar() {
  UErrorCode status = U_ZERO_ERROR;
  // ICU computes new moons and solar terms in China time (UTC+8) whatever the zone; the zone here
  // only turns fields into instants and back, and Shanghai's midnights always exist.
  calendar_.reset(icu::Calendar::createInstance(icu::TimeZone::createTimeZone("Asia/Shanghai"),
                                                icu::Locale("root@calendar=chinese"), status));
  require_icu_success(status, "opening it");
  if (std::string_view(calendar_->getType()) != "chinese") {
    throw std::runtime_error(fmt::format("ICU has no Chinese calendar (it gave the {} calendar instead)",
                                         calendar_->getType()));
  }
}

ChineseLunarCalendar::~ChineseLunarCalendar() = default;

Date ChineseLunarCalendar::gregorian_date(int year, int month, int day) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Calendar& chinese = *calendar_;
  // July 1 lies in the Chinese year that began in `year` (New Year falls between January 21 and
  // February 20).
  chinese.clear();
  chinese.set(UCAL_JULIAN_DAY, julian_day_of(Date(static_cast<unsigned short>(year), 7, 1)));
  const std::int32_t era = chinese.get(UCAL_ERA, status);
  const std::int32_t year_of_era = chinese.get(UCAL_YEAR, status);
  chinese.clear();
  chinese.set(UCAL_ERA, era);
  chinese.set(UCAL_YEAR, year_of_era);
  chinese.set(UCAL_MONTH, month - 1);
  chinese.set(UCAL_IS_LEAP_MONTH, 0);
  chinese.set(UCAL_DATE, 1);
  const std::int32_t first_day = chinese.get(UCAL_JULIAN_DAY, status);
  require_icu_success(status, fmt::format("finding month {} of {}", month, year));
  return corrected_month_start(date_of_julian_day(first_day)) + boost::gregorian::days(day - 1);
}

}  // namespace casim::sim
