// Time zones: POSIX sign convention, fixed offsets, New York's DST transitions, the spring-forward
// gap and fall-back overlap, other rule forms, the messages for bad strings and names, and every
// zone of the tz database (tests/sim/test_time_zone_tzdb.cpp compares them with glibc).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "casim/sim/time_zone.hpp"

BOOST_AUTO_TEST_SUITE(test_time_zone)

using namespace casim::sim;
using namespace std::chrono_literals;

namespace {

Instant at(const char* text) { return parse_instant(text); }
Date day(const char* text) { return parse_date(text); }

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const casim::InputError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_zone_is_utc) {
  const TimeZone utc;
  BOOST_TEST(utc.name() == "UTC");
  BOOST_TEST(!utc.has_dst());
  BOOST_TEST(utc.offset_at(at("2026-07-01T12:00:00Z")).count() == 0);
  BOOST_TEST(TimeZone::from_name("UTC").offset_at(at("2026-01-01")).count() == 0);
}

BOOST_AUTO_TEST_CASE(posix_offsets_are_positive_west_of_greenwich) {
  BOOST_TEST((TimeZone::from_posix("CST-8").offset_at(at("2026-01-01")) == 8h));
  BOOST_TEST((TimeZone::from_posix("EST5").offset_at(at("2026-01-01")) == -5h));
  BOOST_TEST((TimeZone::from_posix("<+08>-8").offset_at(at("2026-01-01")) == 8h));
  BOOST_TEST((TimeZone::from_posix("IST-5:30").offset_at(at("2026-01-01")) == 5h + 30min));
  BOOST_TEST((TimeZone::from_posix("<-0330>+3:30").offset_at(at("2026-01-01")) == -(3h + 30min)));
  BOOST_TEST((TimeZone::from_posix("XYZ-5:45:30").offset_at(at("2026-01-01")) == 5h + 45min + 30s));
}

BOOST_AUTO_TEST_CASE(local_instants_are_written_with_their_offset) {
  BOOST_TEST(format_local_instant(at("2026-09-20T05:02:00Z"), TimeZone::from_name("Asia/Shanghai")) ==
             "2026-09-20T13:02:00+08:00");
  BOOST_TEST(format_local_instant(at("2026-11-01T05:59:59Z"), TimeZone::from_name("America/New_York")) ==
             "2026-11-01T01:59:59-04:00");  // the fall-back hour, first time round (EDT)
  BOOST_TEST(format_local_instant(at("2026-11-01T06:00:00Z"), TimeZone::from_name("America/New_York")) ==
             "2026-11-01T01:00:00-05:00");  // and second time round (EST)
  BOOST_TEST(format_local_instant(at("2026-01-01T00:00:00Z"), TimeZone::from_posix("<-0330>+3:30")) ==
             "2025-12-31T20:30:00-03:30");
  BOOST_TEST(format_local_instant(at("2026-01-01T00:00:00Z"), TimeZone{}) == "2026-01-01T00:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(shanghai_is_utc_plus_8_all_year) {
  const TimeZone shanghai = TimeZone::from_name("Asia/Shanghai");
  BOOST_TEST(shanghai.name() == "Asia/Shanghai");
  BOOST_TEST(shanghai.posix() == "CST-8");
  BOOST_TEST(!shanghai.has_dst());
  for (const char* when : {"2026-01-15T00:00:00Z", "2026-03-08T07:00:00Z", "2026-07-01T12:00:00Z",
                           "2026-11-01T06:00:00Z"}) {
    BOOST_TEST((shanghai.offset_at(at(when)) == 8h), when);
  }
  // Friday 17:30 in Shanghai is 09:30 UTC; the UTC day can differ from the local one.
  BOOST_TEST((shanghai.to_local(at("2026-03-06T09:30:00Z")) == LocalTime{day("2026-03-06"), 17h + 30min}));
  BOOST_TEST((shanghai.to_local(at("2026-03-08T23:00:00Z")) == LocalTime{day("2026-03-09"), 7h}));
  BOOST_TEST(format_instant(shanghai.to_utc(day("2026-10-01"), 9h)) == "2026-10-01T01:00:00Z");
  BOOST_TEST(format_instant(shanghai.to_utc(day("2026-01-01"), 0h)) == "2025-12-31T16:00:00Z");
}

BOOST_AUTO_TEST_CASE(new_york_switches_at_2am_local_on_the_us_dates) {
  const TimeZone new_york = TimeZone::from_name("America/New_York");
  BOOST_TEST(new_york.has_dst());
  // 2026: DST from Sunday March 8, 02:00 EST (07:00Z) to Sunday November 1, 02:00 EDT (06:00Z).
  BOOST_TEST((new_york.offset_at(at("2026-03-08T06:59:59Z")) == -5h));
  BOOST_TEST((new_york.offset_at(at("2026-03-08T07:00:00Z")) == -4h));
  BOOST_TEST((new_york.offset_at(at("2026-07-04T16:00:00Z")) == -4h));
  BOOST_TEST((new_york.offset_at(at("2026-11-01T05:59:59Z")) == -4h));
  BOOST_TEST((new_york.offset_at(at("2026-11-01T06:00:00Z")) == -5h));
  BOOST_TEST((new_york.offset_at(at("2026-12-31T23:59:59Z")) == -5h));
  // 2027: March 14 and November 7.
  BOOST_TEST((new_york.offset_at(at("2027-03-14T06:59:59Z")) == -5h));
  BOOST_TEST((new_york.offset_at(at("2027-03-14T07:00:00Z")) == -4h));
  BOOST_TEST((new_york.offset_at(at("2027-11-07T06:00:00Z")) == -5h));
  // The explicit form and the default rules of a bare EST5EDT agree with the region.
  for (const char* posix : {"EST5EDT,M3.2.0/2,M11.1.0/2", "EST5EDT", "EST5EDT4,M3.2.0/02:00:00,M11.1.0"}) {
    const TimeZone zone = TimeZone::from_posix(posix);
    for (const char* when : {"2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z", "2026-11-01T05:59:59Z",
                             "2026-11-01T06:00:00Z"}) {
      BOOST_TEST((zone.offset_at(at(when)) == new_york.offset_at(at(when))), posix << " at " << when);
    }
  }
}

BOOST_AUTO_TEST_CASE(local_to_utc_round_trips_every_hour_of_a_year) {
  const TimeZone new_york = TimeZone::from_name("America/New_York");
  for (Instant t = at("2026-01-01T00:00:00Z"); t < at("2027-01-01T00:00:00Z"); t += 1h) {
    const LocalTime local = new_york.to_local(t);
    const Instant back = new_york.to_utc(local);
    // Only the repeated hour of the fall-back night maps back to its first occurrence.
    if (back != t) {
      BOOST_TEST(format_instant(t) == "2026-11-01T06:00:00Z");
      BOOST_TEST((back == t - 1h));
    }
  }
}

BOOST_AUTO_TEST_CASE(spring_forward_gap_uses_the_offset_before_the_jump) {
  const TimeZone new_york = TimeZone::from_name("America/New_York");
  // 02:30 on 2026-03-08 never happens in New York: it is read as 02:30 EST, i.e. 03:30 EDT.
  const Instant in_gap = new_york.to_utc(day("2026-03-08"), 2h + 30min);
  BOOST_TEST(format_instant(in_gap) == "2026-03-08T07:30:00Z");
  BOOST_TEST((new_york.to_local(in_gap) == LocalTime{day("2026-03-08"), 3h + 30min}));
  // The times around the gap are unaffected.
  BOOST_TEST(format_instant(new_york.to_utc(day("2026-03-08"), 1h + 59min)) == "2026-03-08T06:59:00Z");
  BOOST_TEST(format_instant(new_york.to_utc(day("2026-03-08"), 3h)) == "2026-03-08T07:00:00Z");
}

BOOST_AUTO_TEST_CASE(fall_back_overlap_gives_the_earlier_instant) {
  const TimeZone new_york = TimeZone::from_name("America/New_York");
  // 01:30 on 2026-11-01 happens twice (EDT at 05:30Z, EST at 06:30Z): the earlier one is chosen.
  BOOST_TEST(format_instant(new_york.to_utc(day("2026-11-01"), 1h + 30min)) == "2026-11-01T05:30:00Z");
  BOOST_TEST((new_york.to_local(at("2026-11-01T06:30:00Z")) == LocalTime{day("2026-11-01"), 1h + 30min}));
  BOOST_TEST(format_instant(new_york.to_utc(day("2026-11-01"), 2h)) == "2026-11-01T07:00:00Z");
}

BOOST_AUTO_TEST_CASE(europe_and_the_southern_hemisphere) {
  const TimeZone london = TimeZone::from_name("Europe/London");
  BOOST_TEST((london.offset_at(at("2026-03-29T00:59:59Z")) == 0h));
  BOOST_TEST((london.offset_at(at("2026-03-29T01:00:00Z")) == 1h));
  BOOST_TEST((london.offset_at(at("2026-10-25T00:59:59Z")) == 1h));
  BOOST_TEST((london.offset_at(at("2026-10-25T01:00:00Z")) == 0h));
  const TimeZone berlin = TimeZone::from_name("Europe/Berlin");
  BOOST_TEST((berlin.offset_at(at("2026-03-29T01:00:00Z")) == 2h));
  BOOST_TEST((berlin.offset_at(at("2026-10-25T01:00:00Z")) == 1h));
  // Sydney keeps DST over the turn of the year: from the first Sunday of October to the first of April.
  const TimeZone sydney = TimeZone::from_name("Australia/Sydney");
  BOOST_TEST((sydney.offset_at(at("2026-01-15T00:00:00Z")) == 11h));
  BOOST_TEST((sydney.offset_at(at("2026-07-01T00:00:00Z")) == 10h));
  BOOST_TEST((sydney.offset_at(at("2026-12-25T00:00:00Z")) == 11h));
  BOOST_TEST((sydney.offset_at(at("2026-04-04T15:59:59Z")) == 11h));  // 02:59:59 AEDT on April 5
  BOOST_TEST((sydney.offset_at(at("2026-04-04T16:00:00Z")) == 10h));
}

BOOST_AUTO_TEST_CASE(julian_day_rules) {
  // Jn never counts February 29 (J60 is March 1); n counts from 0 and does (59 is Feb 29 in 2024).
  const TimeZone no_leap = TimeZone::from_posix("AAA0BBB,J60/0,J300/0");
  BOOST_TEST((no_leap.offset_at(at("2024-02-29T23:59:59Z")) == 0h));
  BOOST_TEST((no_leap.offset_at(at("2024-03-01T00:00:00Z")) == 1h));
  const TimeZone zero_based = TimeZone::from_posix("AAA0BBB,59/0,300/0");
  BOOST_TEST((zero_based.offset_at(at("2024-02-28T23:59:59Z")) == 0h));
  BOOST_TEST((zero_based.offset_at(at("2024-02-29T00:00:00Z")) == 1h));
  BOOST_TEST((zero_based.offset_at(at("2025-03-01T00:00:00Z")) == 1h));
  // Negative and beyond-midnight transition times.
  const TimeZone odd_times = TimeZone::from_posix("AAA0BBB,M3.2.0/-1,M11.1.0/25");
  BOOST_TEST((odd_times.offset_at(at("2026-03-07T22:59:59Z")) == 0h));
  BOOST_TEST((odd_times.offset_at(at("2026-03-07T23:00:00Z")) == 1h));
  BOOST_TEST((odd_times.offset_at(at("2026-11-01T23:59:59Z")) == 1h));
  BOOST_TEST((odd_times.offset_at(at("2026-11-02T00:00:00Z")) == 0h));
}

BOOST_AUTO_TEST_CASE(bad_posix_strings_say_where_and_why) {
  const std::vector<std::pair<const char*, const char*>> cases{
      {"", "at least three letters"},
      {"CST", "UTC offset"},
      {"C-8", "at least three letters"},
      {"CST-25", "hours out of range"},
      {"CST-8:6", "two digits"},
      {"CST-8:60", "00 to 59"},
      {"<+08-8", "unterminated '<'"},
      {"<+8>-8", "at least three characters"},
      {"EST5EDT,", "expected a rule"},
      {"EST5EDT,M3.2.0", "rule that ends"},
      {"EST5EDT,M13.1.0,M11.1.0", "month out of range"},
      {"EST5EDT,M3.6.0,M11.1.0", "week out of range"},
      {"EST5EDT,M3.2.7,M11.1.0", "weekday (0 = Sunday) out of range"},
      {"EST5EDT,J0,J100", "Jn day number out of range"},
      {"EST5EDT,M3.2.0/168,M11.1.0", "hours out of range (at most 167)"},
      {"EST5EDT,M3.2.0,M11.1.0x", "unexpected text"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string message = error_of([&] { TimeZone::from_posix(text, "zone"); });
    BOOST_TEST(message.find(expected) != std::string::npos, "'" << text << "' → " << message);
    BOOST_TEST(message.find("zone: ") == 0, message);
  }
  BOOST_TEST(error_of([] { TimeZone::from_posix("CST-8,"); }).find("position 6") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_name_suggests_a_database_name_and_shows_posix_examples) {
  const std::string message = error_of([] { TimeZone::from_name("Asia/Shangai", "CN.yaml:3:12"); });
  BOOST_TEST(message.find("CN.yaml:3:12: 'Asia/Shangai' is neither a time zone of the tz database") == 0, message);
  BOOST_TEST(message.find("did you mean Asia/Shanghai?") != std::string::npos, message);
  BOOST_TEST(message.find("'CST-8' (UTC+8") != std::string::npos, message);
  BOOST_TEST(message.find("EST5EDT,M3.2.0/2,M11.1.0/2") != std::string::npos, message);
  // Nothing close: no suggestion. A path is not a way into the database's directory.
  for (const char* bogus : {"Not/A_Zone_At_All", "../../etc/passwd", "posix/Europe/Madrid"}) {
    const std::string refused = error_of([&] { TimeZone::from_name(bogus); });
    BOOST_TEST(refused.find(fmt::format("time zone: '{}' is neither", bogus)) == 0, refused);
    BOOST_TEST(refused.find("did you mean") == std::string::npos, refused);
  }
}

BOOST_AUTO_TEST_CASE(the_former_region_table_reads_the_same_from_the_database) {
  // The 16 regions casim knew before it read the tz database, with the POSIX strings it used for
  // them: the current rules of each database zone are the same.
  const std::vector<std::pair<const char*, const char*>> regions{
      {"UTC", "UTC0"},
      {"Asia/Shanghai", "CST-8"},
      {"Asia/Hong_Kong", "HKT-8"},
      {"Asia/Singapore", "<+08>-8"},
      {"Asia/Taipei", "CST-8"},
      {"Asia/Tokyo", "JST-9"},
      {"Asia/Seoul", "KST-9"},
      {"Asia/Kolkata", "IST-5:30"},
      {"Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"},
      {"Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"},
      {"Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"},
      {"Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"},
      {"America/New_York", "EST5EDT,M3.2.0,M11.1.0"},
      {"America/Chicago", "CST6CDT,M3.2.0,M11.1.0"},
      {"America/Denver", "MST7MDT,M3.2.0,M11.1.0"},
      {"America/Los_Angeles", "PST8PDT,M3.2.0,M11.1.0"},
  };
  for (const auto& [region, posix] : regions) {
    const TimeZone zone = TimeZone::from_name(region);
    BOOST_TEST(zone.name() == region);
    BOOST_TEST(zone.posix() == posix, region);
    const TimeZone rules = TimeZone::from_posix(posix);
    for (Instant t = at("2026-01-01T00:00:00Z"); t < at("2028-01-01T00:00:00Z"); t += 5h + 17min) {
      BOOST_TEST((zone.offset_at(t) == rules.offset_at(t)), region << " at " << format_instant(t));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_zone_of_the_database_loads) {
  const auto& names = TimeZone::database_names();
  BOOST_TEST(names.size() > 300u);
  BOOST_TEST(std::is_sorted(names.begin(), names.end()));
  for (const std::string& name : names) {
    const TimeZone zone = TimeZone::from_name(name);
    BOOST_TEST(zone.name() == name);
    // Its current rules read back as a POSIX TZ string (what reports record).
    BOOST_CHECK_NO_THROW(TimeZone::from_posix(zone.posix(), name));
    const Duration offset = zone.offset_at(at("2026-06-01"));
    BOOST_TEST((offset >= -12h && offset <= 14h), name);
  }
  // A name that is also a POSIX string is read from the database first, as glibc reads TZ.
  BOOST_TEST((TimeZone::from_name("EST5EDT").offset_at(at("2006-04-01T12:00:00Z")) == -5h));
  BOOST_TEST((TimeZone::from_posix("EST5EDT").offset_at(at("2006-04-01T12:00:00Z")) == -4h));
}

BOOST_AUTO_TEST_SUITE_END()  // test_time_zone
