// Simulated time: instants and durations as integer microseconds since 1970-01-01T00:00:00Z on a
// clock of their own (never the wall clock), civil dates, and their text forms.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace casim::sim {

// The simulation's clock. It has no now(): the current instant belongs to a running Kernel.
struct SimClock {
  using rep = std::int64_t;
  using period = std::micro;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<SimClock>;
  static constexpr bool is_steady = true;
};

using Duration = SimClock::duration;
using Instant = SimClock::time_point;
using Date = boost::gregorian::date;

inline constexpr Duration kSecond = std::chrono::seconds{1};
inline constexpr Duration kMinute = std::chrono::minutes{1};
inline constexpr Duration kHour = std::chrono::hours{1};
inline constexpr Duration kDay = std::chrono::hours{24};

// The first instant (00:00:00 UTC) of a date, and the UTC date an instant falls on.
Instant start_of_day_utc(Date date);
Date utc_date(Instant instant);

// Strict YYYY-MM-DD; throws InputError naming `where` on anything else or an impossible date.
Date parse_date(std::string_view text, const std::string& where = "date");
std::string format_date(Date date);

// ISO 8601: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]; no offset means UTC.
// Throws InputError naming `where` on anything else.
Instant parse_instant(std::string_view text, const std::string& where = "instant");
// YYYY-MM-DDThh:mm:ssZ (with .ffffff when the instant has a fraction of a second).
std::string format_instant(Instant instant);

}  // namespace casim::sim
