// Time zones: any IANA name of the system tz database (`Europe/Madrid`, with its history) or a
// POSIX TZ string (`CST-8`, `EST5EDT,M3.2.0/2,M11.1.0/2`, its rules applied to every year): UTC
// offsets, UTC → local civil time and local civil time → UTC. Zones are loaded once per process.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/time.hpp"

namespace casim::sim {

namespace detail {
struct ZoneRules;  // a zone's offsets over time, shared by the copies of a TimeZone (time_zone.cpp)
}  // namespace detail

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

  // A zone of the tz database (`Asia/Shanghai`, `Europe/Madrid`, `UTC`) or else a POSIX TZ
  // string, looked up in that order as glibc does for TZ. Throws InputError naming `where` and the
  // zone, suggesting the closest database name and showing POSIX examples, when it is neither.
  static TimeZone from_name(std::string_view name, const std::string& where = "time zone");
  // A POSIX TZ string: std offset [dst [offset] [,start[/time],end[/time]]]. The offset is the
  // POSIX one, positive west of Greenwich (`CST-8` is UTC+8); without rules a zone with a DST name
  // uses the US rules M3.2.0,M11.1.0. Throws InputError naming `where` and the position of the fault.
  static TimeZone from_posix(std::string_view text, const std::string& where = "time zone");

  // The names of the tz database's zones, sorted (empty if the database cannot be read).
  static const std::vector<std::string>& database_names();

  // The name the zone was made from (a database name, or the POSIX string itself).
  const std::string& name() const { return name_; }
  // The zone's current rules as a POSIX TZ string (for a database zone, its file's footer, which
  // governs after the file's last listed transition): `CET-1CEST,M3.5.0,M10.5.0/3` for Madrid.
  const std::string& posix() const;
  // Whether the current rules have daylight saving time.
  bool has_dst() const;

  // Local time minus UTC at `instant` (+8 h in Shanghai).
  Duration offset_at(Instant instant) const;
  LocalTime to_local(Instant instant) const;
  // The first instant after `instant` at which the offset may change (a DST transition, a change
  // in the zone's history); nothing when it never changes again.
  std::optional<Instant> next_change(Instant instant) const;
  // The instant at which local clocks show `time_of_day` after the local midnight of `date`.
  // In a spring-forward gap (a local time that never happens) the offset in force before the
  // transition is used, so New York's 02:30 on the spring-forward day gives 03:30 EDT; in a
  // fall-back overlap (a local time that happens twice) the earlier instant is returned. Assumes
  // the offset changes at most once within a day either side of the local time, as it does in
  // every tz database zone since 1970.
  Instant to_utc(Date date, Duration time_of_day) const;
  Instant to_utc(const LocalTime& local) const { return to_utc(local.date, local.time_of_day); }

 private:
  TimeZone(std::string name, std::shared_ptr<const detail::ZoneRules> rules);

  std::string name_;
  std::shared_ptr<const detail::ZoneRules> rules_;
};

// `at` in `zone`'s local time with its offset, to the second: "2026-09-20T13:02:00+08:00".
std::string format_local_instant(Instant at, const TimeZone& zone);

}  // namespace casim::sim
