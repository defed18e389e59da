// The Chinese lunisolar calendar as ICU computes it (calendar=chinese, China time), with the new
// moons ICU 72 dates on the wrong day corrected: the Gregorian date of a day of a lunar month.
#pragma once

#include <memory>

#include <unicode/uversion.h>

#include "casim/sim/time.hpp"

U_NAMESPACE_BEGIN
class Calendar;
U_NAMESPACE_END

namespace casim::sim {

class ChineseLunarCalendar {
 public:
  // Throws std::runtime_error when ICU lacks its Chinese calendar (its data is not installed).
  ChineseLunarCalendar();
  ~ChineseLunarCalendar();
  ChineseLunarCalendar(const ChineseLunarCalendar&) = delete;
  ChineseLunarCalendar& operator=(const ChineseLunarCalendar&) = delete;

  // Day `day` of the regular (never the leap) month `month` (1–12) of the Chinese year that begins
  // in the Gregorian year `year`. Checked against an ephemeris for 2008–2099 (CN-provisional's years).
  Date gregorian_date(int year, int month, int day);

 private:
  std::unique_ptr<icu::Calendar> calendar_;
};

}  // namespace casim::sim
