// Business time across daylight-saving changes: real (elapsed) time is counted while the local
// clock reads business hours, so a window that a spring-forward gap cuts is shorter and one that a
// fall-back overlap repeats is longer. Adding business time and measuring it, in New York, London,
// Sydney (southern hemisphere: the gap in October, the overlap in April) and Lord Howe Island
// (a 30-minute shift). Every calendar here works every day (no weekend), so only the clock matters.
#include <boost/test/unit_test.hpp>

#include "casim/sim/calendar.hpp"

BOOST_AUTO_TEST_SUITE(test_calendar_dst)

using namespace casim::sim;
using namespace std::chrono_literals;

namespace {

Instant at(const char* text) { return parse_instant(text); }

Calendar every_day(const char* zone, Duration open, Duration close) {
  CalendarDefinition definition;
  definition.name = zone;
  definition.time_zone = TimeZone::from_name(zone);
  definition.business_hours = {open, close};
  definition.weekend.reset();
  return Calendar(std::move(definition));
}

std::string after(const Calendar& calendar, const char* from, Duration amount) {
  return format_instant(calendar.add_business_time(at(from), amount));
}

Duration between(const Calendar& calendar, const char* from, const char* to) {
  return calendar.business_time_between(at(from), at(to));
}

}  // namespace

// New York, 2026-03-08: at 02:00 EST (07:00Z) clocks jump to 03:00 EDT. The window 01:00–03:00
// runs from 01:00 EST (06:00Z) to the jump (07:00Z): one real hour.
BOOST_AUTO_TEST_CASE(new_york_spring_forward_gap) {
  const Calendar calendar = every_day("America/New_York", 1h, 3h);
  // The case: 1bh from 01:30 EST (06:30Z). 30 minutes remain before the jump ends the
  // window; the other 30 run from the next opening, 01:00 EDT on 03-09 (05:00Z): 05:30Z.
  BOOST_TEST(after(calendar, "2026-03-08T06:30:00Z", 1h) == "2026-03-09T05:30:00Z");
  // 30 minutes from 01:30 EST end exactly at the jump.
  BOOST_TEST(after(calendar, "2026-03-08T06:30:00Z", 30min) == "2026-03-08T07:00:00Z");
  // One real hour, 01:30 EST to 03:30 EDT, holds 30 minutes of business time, not 1h30.
  BOOST_TEST((between(calendar, "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z") == 30min));
  // The whole day: one hour of business time (a normal day has two).
  BOOST_TEST((between(calendar, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z") == 1h));
  BOOST_TEST((between(calendar, "2026-03-09T04:00:00Z", "2026-03-10T04:00:00Z") == 2h));
  // Measuring backwards gives the same amount, negated.
  BOOST_TEST((between(calendar, "2026-03-08T07:30:00Z", "2026-03-08T06:30:00Z") == -30min));
  // At 03:00 EDT (07:00Z) the window has closed: not business time; it opens again at 05:00Z.
  BOOST_TEST(!calendar.is_business_time(at("2026-03-08T07:00:00Z")));
  BOOST_TEST(format_instant(calendar.next_business_instant(at("2026-03-08T07:00:00Z"))) == "2026-03-09T05:00:00Z");
}

// New York, 2026-11-01: at 02:00 EDT (06:00Z) clocks go back to 01:00 EST. The window 01:00–03:00
// runs from 01:00 EDT (05:00Z) to 03:00 EST (08:00Z): three real hours.
BOOST_AUTO_TEST_CASE(new_york_fall_back_overlap) {
  const Calendar calendar = every_day("America/New_York", 1h, 3h);
  BOOST_TEST((between(calendar, "2026-11-01T05:00:00Z", "2026-11-01T08:00:00Z") == 3h));
  // 2h30 from the opening: 1h to the change (06:00Z), then 1h30 on the repeated hour: 07:30Z (02:30 EST).
  BOOST_TEST(after(calendar, "2026-11-01T05:00:00Z", 2h + 30min) == "2026-11-01T07:30:00Z");
  // Three hours end exactly at the close (03:00 EST), not at the next opening.
  BOOST_TEST(after(calendar, "2026-11-01T05:00:00Z", 3h) == "2026-11-01T08:00:00Z");
  // 01:30 EST (06:30Z) is business time the second time the clock reads it too.
  BOOST_TEST(calendar.is_business_time(at("2026-11-01T06:30:00Z")));
  BOOST_TEST((between(calendar, "2026-11-01T08:00:00Z", "2026-11-01T05:00:00Z") == -3h));
}

// London, 2026-03-29: at 01:00 GMT clocks jump to 02:00 BST. The window 00:00–02:00 runs from
// 00:00Z to the jump at 01:00Z. On 2026-10-25 at 02:00 BST (01:00Z) clocks go back to 01:00 GMT:
// the window runs from 00:00 BST (10-24 23:00Z) to 02:00 GMT (02:00Z), three real hours.
BOOST_AUTO_TEST_CASE(london_gap_and_overlap) {
  const Calendar calendar = every_day("Europe/London", 0h, 2h);
  BOOST_TEST((between(calendar, "2026-03-29T00:00:00Z", "2026-03-29T12:00:00Z") == 1h));
  // 1h30 from 00:00 GMT: 1h to the jump, then 30 minutes from 00:00 BST on 03-30 (03-29 23:00Z).
  BOOST_TEST(after(calendar, "2026-03-29T00:00:00Z", 1h + 30min) == "2026-03-29T23:30:00Z");
  BOOST_TEST((between(calendar, "2026-10-24T23:00:00Z", "2026-10-25T02:00:00Z") == 3h));
  BOOST_TEST(after(calendar, "2026-10-24T23:00:00Z", 3h) == "2026-10-25T02:00:00Z");
  // 2h from 00:00 BST: 2h on the clock reading 00:00–02:00 BST ends at the change (01:00Z).
  BOOST_TEST(after(calendar, "2026-10-24T23:00:00Z", 2h) == "2026-10-25T01:00:00Z");
}

// Sydney, southern hemisphere: on 2026-04-05 at 03:00 AEDT (04-04 16:00Z) clocks go back to 02:00
// AEST, so the window 02:00–04:00 runs from 02:00 AEDT (15:00Z) to 04:00 AEST (18:00Z): 3 hours.
// On 2026-10-04 at 02:00 AEST (10-03 16:00Z) clocks jump to 03:00 AEDT: the opening time never
// shows, the window runs from the jump to 04:00 AEDT (17:00Z): one hour.
BOOST_AUTO_TEST_CASE(sydney_overlap_in_april_gap_in_october) {
  const Calendar calendar = every_day("Australia/Sydney", 2h, 4h);
  BOOST_TEST((between(calendar, "2026-04-04T15:00:00Z", "2026-04-04T18:00:00Z") == 3h));
  BOOST_TEST(after(calendar, "2026-04-04T15:00:00Z", 2h + 30min) == "2026-04-04T17:30:00Z");
  BOOST_TEST((between(calendar, "2026-10-03T14:00:00Z", "2026-10-03T18:00:00Z") == 1h));
  // From 01:00 AEST (15:00Z) the first business instant is the jump itself (16:00Z, 03:00 AEDT).
  BOOST_TEST(format_instant(calendar.next_business_instant(at("2026-10-03T15:00:00Z"))) == "2026-10-03T16:00:00Z");
  // 1h30 from 01:00 AEST: the hour 03:00–04:00 AEDT, then 30 minutes from 02:00 AEDT on 10-05 (10-04 15:00Z).
  BOOST_TEST(after(calendar, "2026-10-03T15:00:00Z", 1h + 30min) == "2026-10-04T15:30:00Z");
}

// Lord Howe Island shifts by 30 minutes: UTC+10:30 (LHST) and UTC+11 (LHDT). On 2026-10-04 at
// 02:00 LHST (10-03 15:30Z) clocks jump to 02:30: the window 01:00–03:00 runs from 01:00 LHST
// (14:30Z) to 03:00 LHDT (16:00Z), 1h30. On 2026-04-05 at 02:00 LHDT (04-04 15:00Z) they go back
// to 01:30: the window runs from 01:00 LHDT (14:00Z) to 03:00 LHST (16:30Z), 2h30.
BOOST_AUTO_TEST_CASE(lord_howe_half_hour_shift) {
  const Calendar calendar = every_day("Australia/Lord_Howe", 1h, 3h);
  BOOST_TEST((between(calendar, "2026-10-03T14:30:00Z", "2026-10-03T16:00:00Z") == 1h + 30min));
  BOOST_TEST(after(calendar, "2026-10-03T14:30:00Z", 1h + 30min) == "2026-10-03T16:00:00Z");
  // 2h from 01:00 LHST: 1h30 that day, 30 minutes from 01:00 LHDT on 10-05 (10-04 14:00Z).
  BOOST_TEST(after(calendar, "2026-10-03T14:30:00Z", 2h) == "2026-10-04T14:30:00Z");
  BOOST_TEST((between(calendar, "2026-04-04T14:00:00Z", "2026-04-04T16:30:00Z") == 2h + 30min));
  BOOST_TEST(after(calendar, "2026-04-04T14:00:00Z", 2h + 30min) == "2026-04-04T16:30:00Z");
}

// Far from any change, business time is the local clock's: a week of 09:00–17:00 in New York.
BOOST_AUTO_TEST_CASE(days_without_a_change_count_as_before) {
  const Calendar calendar = every_day("America/New_York", 9h, 17h);
  BOOST_TEST((between(calendar, "2026-06-01T13:00:00Z", "2026-06-08T13:00:00Z") == 7 * 8h));
  // Seven days' worth from 09:00 runs out at the seventh day's close (17:00 EDT on 06-07).
  BOOST_TEST(after(calendar, "2026-06-01T13:00:00Z", 7 * 8h) == "2026-06-07T21:00:00Z");
  // Across both of 2026's changes: 365 days of 8 hours, whatever the clocks did in between.
  BOOST_TEST((between(calendar, "2026-01-01T05:00:00Z", "2027-01-01T05:00:00Z") == 365 * 8h));
}

BOOST_AUTO_TEST_SUITE_END()  // test_calendar_dst
