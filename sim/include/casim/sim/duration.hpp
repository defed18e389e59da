// Durations as written in scenarios and on the command line: calendar time (`90s`, `10m`, `72h`,
// `3d`) or business time (`3bd` business days, `4bh` business hours) that only a calendar can turn
// into an instant (see business_time.hpp).
#pragma once

#include <string>
#include <string_view>

#include "casim/sim/time.hpp"

namespace casim::sim {

// The longest duration casim accepts: 100 years of 365.25 days.
inline constexpr Duration kMaxDuration = kDay * 36525;

struct DurationSpec {
  enum class Unit { Calendar, BusinessDays, BusinessHours };
  Unit unit = Unit::Calendar;
  // Calendar: microseconds. BusinessDays / BusinessHours: how many (fractions allowed).
  double amount = 0;

  static DurationSpec calendar(Duration duration) {
    return {Unit::Calendar, static_cast<double>(duration.count())};
  }
  static DurationSpec business_days(double days) { return {Unit::BusinessDays, days}; }
  static DurationSpec business_hours(double hours) { return {Unit::BusinessHours, hours}; }

  bool is_business() const { return unit != Unit::Calendar; }
  // The calendar duration; only for Unit::Calendar holding a whole number of microseconds
  // (misuse otherwise: std::logic_error).
  Duration as_calendar() const;

  friend bool operator==(const DurationSpec&, const DurationSpec&) = default;
};

// The largest amount a DurationSpec of `unit` may hold: kMaxDuration in microseconds, and as many
// business days (36525bd) or business hours (876600bh) as there are calendar ones in 100 years.
double max_amount(DurationSpec::Unit unit);

// Parses `10m`, `1.5h`, `7d19h30m`, `3bd`, … (units s, m, h, d, w, bd, bh; each a decimal number
// without sign or exponent, at most 18 decimals; calendar units may follow one another from the
// largest to the smallest, business time is one number and unit; at most 100 years; calendar
// time in whole microseconds).
// Throws InputError naming `where` and saying what was expected.
DurationSpec parse_duration(std::string_view text, const std::string& where = "duration");
// The shortest exact text form that parse_duration reads back, e.g. 5400 s → "90m",
// 36 h → "36h", 1.5 business days → "1.5bd". Calendar amounts go through as_calendar().
std::string format_duration(const DurationSpec& spec);

}  // namespace casim::sim
