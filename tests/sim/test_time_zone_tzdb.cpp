// Time zones of the tz database against glibc's localtime_r on the same files: every offset change
// of several years in zones with history, half-hour DST, the southern hemisphere and years after
// the files' last listed transition (2037) is found with glibc, and the instants around it must
// give the same UTC offset and local wall time in casim and read back through to_utc.
#include <boost/test/unit_test.hpp>

#include <time.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "casim/sim/time_zone.hpp"

BOOST_AUTO_TEST_SUITE(test_time_zone_tzdb)

using namespace casim::sim;
using namespace std::chrono_literals;

namespace {

// Sets TZ (and re-reads it) for the lifetime of the object, then restores the previous value.
class ScopedTz {
 public:
  explicit ScopedTz(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) previous_ = old;
    setenv("TZ", zone.c_str(), 1);
    tzset();
  }
  ~ScopedTz() {
    if (previous_) {
      setenv("TZ", previous_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> previous_;
};

// What glibc says about a whole second, under the TZ in force.
struct Reading {
  Duration offset;
  LocalTime local;
};

Reading glibc_at(Instant instant) {
  const std::time_t seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  std::tm fields{};
  BOOST_REQUIRE(localtime_r(&seconds, &fields) != nullptr);
  const Date date(static_cast<unsigned short>(fields.tm_year + 1900), static_cast<unsigned short>(fields.tm_mon + 1),
                  static_cast<unsigned short>(fields.tm_mday));
  return {std::chrono::seconds{fields.tm_gmtoff},
          {date, std::chrono::hours{fields.tm_hour} + std::chrono::minutes{fields.tm_min} +
                     std::chrono::seconds{fields.tm_sec}}};
}

// The instants of `year` (UTC) at which glibc's offset changes: an hourly scan, then a bisection
// to the second.
std::vector<Instant> glibc_changes(int year) {
  std::vector<Instant> changes;
  const Instant first = start_of_day_utc(Date(static_cast<unsigned short>(year), 1, 1));
  const Instant last = start_of_day_utc(Date(static_cast<unsigned short>(year + 1), 1, 1));
  for (Instant t = first; t < last; t += 1h) {
    if (glibc_at(t).offset == glibc_at(t + 1h).offset) continue;
    Instant before = t;  // old offset
    Instant after = t + 1h;  // new offset
    while (after - before > 1s) {
      const Instant middle = before + std::chrono::floor<std::chrono::seconds>((after - before) / 2);
      (glibc_at(middle).offset == glibc_at(before).offset ? before : after) = middle;
    }
    changes.push_back(after);
  }
  return changes;
}

// Compares casim with glibc at `instant`; true if they agree.
bool agrees_at(const TimeZone& zone, Instant instant) {
  const Reading expected = glibc_at(instant);
  const LocalTime local = zone.to_local(instant);
  BOOST_TEST((zone.offset_at(instant) == expected.offset),
             zone.name() << " offset at " << format_instant(instant));
  BOOST_TEST((local == expected.local), zone.name() << " local time at " << format_instant(instant));
  // Back to UTC: the same instant, or in a fall-back overlap the earlier one with the same wall time.
  const Instant back = zone.to_utc(local);
  BOOST_TEST((back <= instant && zone.to_local(back) == local),
             zone.name() << " to_utc of the local time at " << format_instant(instant));
  return zone.offset_at(instant) == expected.offset && local == expected.local;
}

}  // namespace

BOOST_AUTO_TEST_CASE(offsets_and_wall_times_match_glibc_around_every_transition) {
  const std::vector<std::string> zones{"Europe/Madrid",     "America/New_York", "Australia/Lord_Howe",
                                       "Asia/Shanghai",     "America/Sao_Paulo", "Pacific/Chatham",
                                       "Europe/London",     "Europe/Dublin",     "Africa/Casablanca"};
  const std::vector<int> years{1990, 2007, 2019, 2026, 2030, 2040, 2100};
  std::size_t compared = 0;
  std::size_t changes_seen = 0;
  for (const std::string& name : zones) {
    const TimeZone zone = TimeZone::from_name(name);
    const ScopedTz tz(name);
    for (const int year : years) {
      const std::vector<Instant> changes = glibc_changes(year);
      changes_seen += changes.size();
      for (const Instant change : changes) {
        for (const Duration delta : {Duration{-1h}, Duration{-1s}, Duration{0s}, Duration{1s}, Duration{1h}}) compared += agrees_at(zone, change + delta) ? 1 : 0;
        for (Duration delta = -24h; delta <= 24h; delta += 1h) compared += agrees_at(zone, change + delta) ? 1 : 0;
      }
      // And through the year, at times of day that drift.
      const Instant first = start_of_day_utc(Date(static_cast<unsigned short>(year), 1, 1));
      for (Instant t = first; t < first + 365 * kDay; t += 7h + 13min + 7s) {
        compared += agrees_at(zone, t) ? 1 : 0;
      }
    }
  }
  BOOST_TEST_MESSAGE(compared << " instants agree, around " << changes_seen << " offset changes");
  // Madrid, New York, Lord Howe, London and Dublin change twice a year (Dublin's winter is the
  // negative-DST side), Chatham twice, Shanghai twice in 1990, Sao Paulo twice in 1990, 2007 and
  // 2019; Casablanca's Ramadan changes add more. A scan that found none would compare nothing.
  BOOST_TEST(changes_seen >= 7u * 2 * years.size());
}

BOOST_AUTO_TEST_CASE(history_before_the_current_rules) {
  // Shanghai kept DST from 1986 to 1991; Sao Paulo until 2019; Madrid's current rules date from 1996.
  const TimeZone shanghai = TimeZone::from_name("Asia/Shanghai");
  BOOST_TEST((shanghai.offset_at(parse_instant("1990-07-01T00:00:00Z")) == 9h));
  BOOST_TEST((shanghai.offset_at(parse_instant("1992-07-01T00:00:00Z")) == 8h));
  const TimeZone sao_paulo = TimeZone::from_name("America/Sao_Paulo");
  BOOST_TEST((sao_paulo.offset_at(parse_instant("2018-01-15T12:00:00Z")) == -2h));
  BOOST_TEST((sao_paulo.offset_at(parse_instant("2026-01-15T12:00:00Z")) == -3h));
  BOOST_TEST(!sao_paulo.has_dst());
  BOOST_TEST(sao_paulo.posix() == "<-03>3");
  const TimeZone madrid = TimeZone::from_name("Europe/Madrid");
  BOOST_TEST(madrid.posix() == "CET-1CEST,M3.5.0,M10.5.0/3");
  // 1995: summer time still ended on the last Sunday of September.
  BOOST_TEST((madrid.offset_at(parse_instant("1995-10-15T12:00:00Z")) == 1h));
  BOOST_TEST((madrid.offset_at(parse_instant("1996-10-15T12:00:00Z")) == 2h));
}

BOOST_AUTO_TEST_CASE(the_machines_tz_does_not_matter) {
  const Instant summer = parse_instant("2026-07-01T12:00:00Z");
  const TimeZone madrid = TimeZone::from_name("Europe/Madrid");
  for (const char* tz : {"America/Los_Angeles", "Asia/Kolkata", "UTC"}) {
    const ScopedTz scoped(tz);
    BOOST_TEST((TimeZone::from_name("Europe/Madrid").offset_at(summer) == 2h), tz);
    BOOST_TEST((madrid.to_local(summer) == LocalTime{parse_date("2026-07-01"), 14h}), tz);
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_time_zone_tzdb
