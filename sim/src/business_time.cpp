// Calendar and business durations turned into instants.
#include "casim/sim/business_time.hpp"

#include <cmath>

namespace casim::sim {

Instant advance(Instant from, const DurationSpec& duration, const Calendar& calendar) {
  switch (duration.unit) {
    case DurationSpec::Unit::Calendar:
      return from + duration.as_calendar();
    case DurationSpec::Unit::BusinessHours:
      return calendar.add_business_time(from, Duration{std::llround(duration.amount * static_cast<double>(kHour.count()))});
    case DurationSpec::Unit::BusinessDays:
      return calendar.add_business_time(
          from, Duration{std::llround(duration.amount * static_cast<double>(calendar.business_day_length().count()))});
  }
  return from;
}

}  // namespace casim::sim
