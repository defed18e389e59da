// Time zones as POSIX TZ strings (`CST-8`, `EST5EDT,M3.2.0/2,M11.1.0/2`) plus a small table of
// region names (`Asia/Shanghai`) mapped to such strings: UTC offsets, UTC → local civil time and
// local civil time → UTC. A zone applies its current rules to every year (no historical changes).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "casim/sim/time.hpp"

namespace casim::sim {

// A local civil time: a date and the time elapsed since that date's local midnight.
struct LocalTime {
  Date date;
  Duration time_of_day;

  friend bool operator==(const LocalTime&, const LocalTime&) = default;
};

class TimeZone {
 public:
  // UTC.
  TimeZone();

  // A region of the table (`Asia/Shanghai`) or else a POSIX TZ string. Throws InputError naming
  // `where`, listing the regions and showing POSIX examples, when it is neither.
  static TimeZone from_name(std::string_view name, const std::string& where = "time zone");
  // A POSIX TZ string: std offset [dst [offset] [,start[/time],end[/time]]]. The offset is the
  // POSIX one, positive west of Greenwich (`CST-8` is UTC+8); without rules a zone with a DST name
  // uses the US rules M3.2.0,M11.1.0. Throws InputError naming `where` and the position of the fault.
  static TimeZone from_posix(std::string_view text, const std::string& where = "time zone");

  // The region table: {region name, POSIX TZ string}.
  static const std::vector<std::pair<std::string_view, std::string_view>>& regions();

  // The name the zone was made from (a region, or the POSIX string itself).
  const std::string& name() const { return name_; }
  const std::string& posix() const { return posix_; }
  bool has_dst() const { return dst_.has_value(); }

  // Local time minus UTC at `instant` (+8 h in Shanghai).
  Duration offset_at(Instant instant) const;
  LocalTime to_local(Instant instant) const;
  // The instant at which local clocks show `time_of_day` after the local midnight of `date`.
  // In a spring-forward gap (a local time that never happens) the offset in force before the
  // transition is used, so New York's 02:30 on the spring-forward day gives 03:30 EDT; in a
  // fall-back overlap (a local time that happens twice) the earlier instant is returned.
  Instant to_utc(Date date, Duration time_of_day) const;
  Instant to_utc(const LocalTime& local) const { return to_utc(local.date, local.time_of_day); }

 private:
  // The day and local time of a DST transition: Jn (1–365, Feb 29 never counted), n (0–365,
  // counting Feb 29) or Mm.w.d (day d of week w of month m, week 5 = the last).
  struct Rule {
    enum class Kind { JulianNoLeap, JulianZero, MonthWeekDay };
    Kind kind = Kind::MonthWeekDay;
    int day = 0;  // Jn / n: the day number; Mm.w.d: the weekday d (0 = Sunday)
    int month = 0;
    int week = 0;
    Duration time = std::chrono::hours{2};  // local time of day, may be negative or > 24 h

    Date date_in(int year) const;
  };
  struct Dst {
    Duration offset;  // local time minus UTC while DST is in force
    Rule start;       // given in standard local time
    Rule end;         // given in daylight local time
  };
  // The UTC instants DST starts and ends in one year.
  struct Transitions {
    Instant start;
    Instant end;
  };
  class Parser;

  Transitions compute_transitions(int year) const;
  Transitions transitions(int year) const;

  std::string name_;
  std::string posix_;
  Duration std_offset_{};  // local time minus UTC outside DST
  std::optional<Dst> dst_;
  std::shared_ptr<const std::vector<Transitions>> precomputed_;  // DST zones: kPrecomputedFirstYear on
};

}  // namespace casim::sim
