// Turning a scenario duration (`72h`, `3bd`, `4bh`) into the instant it ends at on a calendar.
#pragma once

#include "casim/sim/calendar.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/time.hpp"

namespace casim::sim {

// The instant `duration` after `from`. Calendar durations add plainly (the calendar is not
// consulted). BusinessHours add that many hours of business time; BusinessDays add
// amount × business_day_length() of business time, so `3bd` from 10:00 on a business day ends at
// 10:00 three business days later, and from a weekend it counts from the next opening (ending at
// the close of the third business day). See Calendar::add_business_time. Throws
// CalendarDataMissing when the span reaches a year the calendar has no data for.
Instant advance(Instant from, const DurationSpec& duration, const Calendar& calendar);

}  // namespace casim::sim
