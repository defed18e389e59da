// Durations as written in scenarios and on the command line: calendar time (`90s`, `10m`, `72h`,
// `3d`) or business time (`3bd` business days, `4bh` business hours) that only a calendar can turn
// into an instant (see business_time.hpp).
#pragma once

#include <string>
#include <string_view>

#include "casim/sim/time.hpp"

namespace casim::sim {

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
  // The calendar duration; only for Unit::Calendar (misuse otherwise: std::logic_error).
  Duration as_calendar() const;

  friend bool operator==(const DurationSpec&, const DurationSpec&) = default;
};

// Parses `10m`, `1.5h`, `3bd`, … (units s, m, h, d, w, bd, bh; no sign; at most 100 years).
// Throws InputError naming `where` and saying what was expected.
DurationSpec parse_duration(std::string_view text, const std::string& where = "duration");
// The shortest exact text form, e.g. `90m` → "90m", business days → "3bd".
std::string format_duration(const DurationSpec& spec);

}  // namespace casim::sim
